@{
    RootModule             = 'ContactsModule.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '63a0fd36-2cb0-41c6-987e-cfcc4374a37c'
    Author                 = 'ContactsModule contributors'
    CompanyName            = 'ContactsModule contributors'
    Copyright              = '(c) 2026 ContactsModule contributors. MIT License.'
    Description            = 'Cmdlets for the HighLevel (LeadConnector) Contacts API: connect with a Private Integration Token, import contacts from CSV with Import-Csv | New-Contact, and find, update, tag and remove them. Runs at the API rate limit, retries safely and never creates a contact twice.'
    CompatiblePSEditions   = @('Core', 'Desktop')
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    CmdletsToExport        = @(
        'Connect-ContactsApi'
        'Disconnect-ContactsApi'
        'Get-ContactsApiConnection'
        'Get-ContactsApiLocation'
        'New-Contact'
        'Get-Contact'
        'Set-Contact'
        'Remove-Contact'
        'Add-ContactTag'
        'Remove-ContactTag'
        'Invoke-ContactsApiRequest'
        'Get-ContactCustomField'
        'ConvertTo-ContactCsvRow'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    FormatsToProcess       = @('ContactsModule.format.ps1xml')
    TypesToProcess         = @('ContactsModule.types.ps1xml')
    PrivateData            = @{
        PSData = @{
            Tags         = @('HighLevel', 'LeadConnector', 'GoHighLevel', 'CRM', 'Contacts', 'API', 'CSV', 'Import', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/contactsmodule/ContactsModule'
            LicenseUri   = 'https://github.com/contactsmodule/ContactsModule/blob/main/LICENSE'
            ReleaseNotes = @'
0.1.0: first release. Connect-ContactsApi (Private Integration Token or environment variables), New-Contact (Import-Csv | New-Contact with real-world column names, value conversion, one error per failed row, -OnDuplicate Error/Skip/Update, rate-limited concurrent sends, safe retries), Get-Contact, Set-Contact, Remove-Contact, Add-ContactTag, Remove-ContactTag; Get-Help and about_ContactsModule; tab completion of countries and time zones. Runs on Windows PowerShell 5.1 and PowerShell 7.4+. Full list: https://github.com/contactsmodule/ContactsModule/blob/main/CHANGELOG.md
'@
            RequireLicenseAcceptance = $false
        }
    }
}
