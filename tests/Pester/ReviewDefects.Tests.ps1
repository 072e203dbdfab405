# End-to-end tests of the defects a review found (issue 11) against the local API emulator over real HTTP: paging of
# Get-Contact -Id, -Filter keys, the location a 403 names, Remove-Contact's confirmation text, Get-ContactsApiConnection
# without a connection, the Format-List view of a contact, and the -Prefix import that avoids Exchange Online's nouns.
# Run: dotnet pwsh ./build.ps1 -Task Test -TestName ReviewDefects

BeforeAll {
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$repo/tests/Pester/EmulatorHarness.psm1" -Force
    $script:modulePath = "$repo/out/ContactsModule/ContactsModule.psd1"
    Import-Module $modulePath -Force
    $script:emu = Start-ContactsEmulator -Config @{ burstLimit = 100000 }
    $script:token = ConvertTo-SecureString $emu.Token -AsPlainText -Force

    function Connect-Emulator {
        Connect-ContactsApi -Token $script:token -LocationId $script:emu.LocationId -BaseUri $script:emu.BaseUri -RetryDelay 0.05
    }

    # Contacts stored straight into the emulator with known 20-character ids.
    function New-SeedContact {
        param([int] $Count = 1, [hashtable] $Fields = @{})
        $contacts = foreach ($i in 1..$Count) {
            $contact = @{
                id         = 'review' + $i.ToString('d14')
                locationId = $script:emu.LocationId
                firstName  = "First$i"
                lastName   = "Last$i"
                email      = "person$i@example.com"
                tags       = @('seed')
                dateAdded  = [datetime]::new(2024, 1, 1, 0, 0, $i, [DateTimeKind]::Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'")
            }
            foreach ($key in $Fields.Keys) { $contact[$key] = $Fields[$key] }
            $contact
        }
        $null = Add-EmulatorContact -Emulator $script:emu -Contact @($contacts)
        foreach ($c in $contacts) { $c.id }
    }

    function Get-Sent {
        param([string] $Method, [string] $PathLike = '*')
        @(Get-EmulatorRequest -Emulator $script:emu | Where-Object { (-not $Method -or $_.method -eq $Method) -and $_.path -like $PathLike })
    }
}

AfterAll {
    Disconnect-ContactsApi
    Stop-ContactsEmulator -Emulator $emu
}

Describe 'Get-Contact -Id with -First and -Skip' {
    BeforeAll { Connect-Emulator }
    BeforeEach {
        Reset-ContactsEmulator -Emulator $emu
        $script:ids = @(New-SeedContact -Count 3)
    }

    It '-First 1 returns one contact and fetches only it' {
        $found = @(Get-Contact -Id $ids -First 1)
        $found.Count | Should -Be 1
        $found[0].Id | Should -Be $ids[0]
        @(Get-Sent -Method GET -PathLike '/contacts/review*').Count | Should -Be 1
    }

    It '-Skip 1 -First 1 returns the second id' {
        $found = @(Get-Contact -Id $ids -Skip 1 -First 1)
        $found.Id | Should -Be @($ids[1])
        (Get-Sent -Method GET -PathLike '/contacts/review*').path | Should -Be @("/contacts/$($ids[1])")
    }

    It 'counts piped ids across pipeline records' {
        $found = @($ids | Get-Contact -Skip 1)
        $found.Id | Should -Be @($ids[1], $ids[2])
        @($ids | Get-Contact -First 2).Id | Should -Be @($ids[0], $ids[1])
    }

    It 'without paging returns every id, and -IncludeTotalCount writes the number of ids after them' {
        @(Get-Contact -Id $ids).Count | Should -Be 3
        $out = @(Get-Contact -Id $ids -First 1 -IncludeTotalCount)
        $out.Count | Should -Be 2
        $out[0].Id | Should -Be $ids[0]
        $out[1] | Should -BeOfType System.Management.Automation.PSObject
        $out[1].ToString() | Should -Match '3'
    }
}

Describe 'Get-Contact -Filter keys' {
    BeforeAll { Connect-Emulator }
    BeforeEach {
        Reset-ContactsEmulator -Emulator $emu
        $null = New-SeedContact -Count 3 -Fields @{ city = 'Paris' }
    }

    It 'maps <Key> to the API field lastName' -ForEach @(
        @{ Key = 'lastname' }, @{ Key = 'LASTNAME' }, @{ Key = 'lastName' }, @{ Key = 'Last Name' }, @{ Key = 'Surname' }
    ) {
        $found = @(Get-Contact -Filter @{ $Key = 'Last2' })
        $found.Email | Should -Be @('person2@example.com')
        $body = (Get-Sent -Method POST -PathLike '/contacts/search')[-1].body | ConvertFrom-Json
        $body.filters[0].field | Should -BeExactly 'lastName'
    }

    It 'maps column headers of searchable fields (Zip, Company) and keeps exact API names' {
        $null = Get-Contact -Filter @{ Zip = '75001'; Company = 'Acme'; CITY = 'Paris' }
        $body = (Get-Sent -Method POST -PathLike '/contacts/search')[-1].body | ConvertFrom-Json
        @($body.filters.field | Sort-Object) | Should -Be @('city', 'companyName', 'postalCode')
    }

    It 'refuses an unknown key before any request, naming the valid fields' {
        Clear-EmulatorRequest -Emulator $emu
        { Get-Contact -Filter @{ nosuchfield = 'x' } } | Should -Throw -ErrorId 'InvalidContactFilter,ContactsModule.Cmdlets.GetContactCommand'
        try { Get-Contact -Filter @{ nosuchfield = 'x' } } catch { $err = $_ }
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.ErrorDetails.Message | Should -Match "'nosuchfield'"
        $err.ErrorDetails.Message | Should -Match '\blastName\b'
        $err.ErrorDetails.Message | Should -Match '\bpostalCode\b'
        $err.ErrorDetails.Message | Should -Match 'Nothing was sent'
        Get-Sent | Should -BeNullOrEmpty
    }

    It 'refuses a header of a field search cannot filter on (Custom Fields)' {
        { Get-Contact -Filter @{ 'Custom Fields' = 'x' } } | Should -Throw -ErrorId 'InvalidContactFilter,*'
    }
}

Describe 'A 403 names the refused location' {
    BeforeAll { Connect-Emulator }
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'Get-Contact -LocationId with a mistyped id' {
        try { Get-Contact -LocationId 'mistyped-location-id' -First 1 } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ContactsApiForbidden,*'
        $err.ErrorDetails.Message | Should -Match "location 'mistyped-location-id' \(403\)"
        $err.ErrorDetails.RecommendedAction | Should -Match 'mistyped-location-id'
    }

    It 'New-Contact -LocationId with a mistyped id' {
        try { New-Contact -Email 'a@example.com' -LocationId 'other-location-x' } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'ContactsApiForbidden,*'
        $err.ErrorDetails.Message | Should -Match "'other-location-x'"
    }
}

Describe 'Remove-Contact confirmation names the contact' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'shows name and email of a piped contact, the id alone otherwise' {
        $ids = @(New-SeedContact -Count 2)
        $run = Invoke-WithCapturedHost {
            Connect-ContactsApi -Token $token -LocationId $emu.LocationId -BaseUri $emu.BaseUri
            Get-Contact -Id $ids[0] | Remove-Contact -WhatIf
            Remove-Contact -Id $ids[1] -WhatIf
            [pscustomobject]@{ Id = $ids[1]; Email = 'row@example.com' } | Remove-Contact -WhatIf
            $ids | Remove-Contact -WhatIf
        } -Variable @{ ids = $ids; token = $token; emu = $emu }
        $run.Errors | Should -BeNullOrEmpty
        $run.HostText | Should -Match ([regex]::Escape("on target ""Contact 'First1 Last1 <person1@example.com>' (id $($ids[0]))"""))
        $run.HostText | Should -Match ([regex]::Escape("on target ""Contact $($ids[1])"""))
        $run.HostText | Should -Match ([regex]::Escape("on target ""Contact '<row@example.com>' (id $($ids[1]))"""))
        $run.HostText | Should -Match ([regex]::Escape("on target ""Row 2 (contact $($ids[1]))"""))
        @(Get-EmulatorRequest -Emulator $emu | Where-Object method -EQ 'DELETE') | Should -BeNullOrEmpty
        @(Get-EmulatorContact -Emulator $emu).Count | Should -Be 2
    }

    It '-Force -Verbose names the piped contact too, and deletes it' {
        Connect-Emulator
        $id = New-SeedContact -Count 1
        $verbose = Get-Contact -Id $id | Remove-Contact -Force -Verbose 4>&1
        @($verbose | Where-Object { "$_" -match [regex]::Escape("Contact 'First1 Last1 <person1@example.com>' (id $id)") }).Count | Should -Be 1
        Get-EmulatorContact -Emulator $emu | Should -BeNullOrEmpty
    }

    It 'keeps Name and Email hidden: pipeline-only, not offered by completion or help' {
        $offered = (TabExpansion2 -inputScript 'Remove-Contact -' -cursorColumn 16).CompletionMatches.CompletionText
        $offered | Should -Contain '-Id'
        foreach ($name in 'Name', 'Email') {
            $parameter = (Get-Command Remove-Contact).Parameters[$name]
            @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow -and $_.ValueFromPipelineByPropertyName }).Count | Should -Be 1
            $offered | Should -Not -Contain "-$name"
        }
        @((Get-Help Remove-Contact).parameters.parameter.name) | Should -Not -Contain 'Email'
        @((Get-Help Remove-Contact).parameters.parameter.name) | Should -Not -Contain 'Name'
    }
}

Describe 'Get-ContactsApiConnection without a connection' {
    It 'returns nothing and writes no error' {
        Connect-Emulator
        Disconnect-ContactsApi
        $errs = $null
        $result = Get-ContactsApiConnection -ErrorVariable errs
        $result | Should -BeNullOrEmpty
        $errs | Should -BeNullOrEmpty
        (-not (Get-ContactsApiConnection)) | Should -BeTrue
    }
}

Describe 'Format-List of a contact' {
    BeforeAll { Connect-Emulator }
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'shows the properties people read, not the internal ones; Select-Object * shows all' {
        $id = New-SeedContact -Count 1 -Fields @{ companyName = 'Acme'; city = 'Paris'; source = 'import'; dateOfBirth = '1990-03-04' }
        $contact = Get-Contact -Id $id
        $text = $contact | Format-List | Out-String -Width 200
        $labels = @([regex]::Matches($text, '(?m)^(\w+)\s+:') | ForEach-Object { $_.Groups[1].Value })
        foreach ($name in 'Id', 'Name', 'FirstName', 'LastName', 'Email', 'Phone', 'CompanyName', 'Address1', 'City', 'State',
            'PostalCode', 'Country', 'Tags', 'Source', 'DateAdded', 'DateUpdated', 'CustomFields', 'Outcome', 'LocationId') {
            $labels | Should -Contain $name
        }
        $labels.Count | Should -BeLessOrEqual 25
        foreach ($name in 'FirstNameLowerCase', 'BusinessId', 'AdditionalProperties', 'BirthMonth') { $labels | Should -Not -Contain $name }
        $text | Should -Match 'CompanyName\s+: Acme'
        $text | Should -Match 'Tags\s+: seed'

        $all = $contact | Select-Object -Property * | Format-List | Out-String -Width 200
        foreach ($property in $contact.PSObject.Properties.Name) { $all | Should -Match "(?m)^$property\s+:" }
        ($contact | Format-List -Property * | Out-String -Width 200) | Should -Match '(?m)^FirstNameLowerCase\s+:'
    }

    It 'BirthMonth counts from zero as HighLevel sends it (March is 2)' {
        $id = New-SeedContact -Count 1 -Fields @{ dateOfBirth = '1990-03-04' }
        $contact = Get-Contact -Id $id
        $contact.DateOfBirth.Month | Should -Be 3
        $contact.BirthMonth | Should -Be 2
    }
}

Describe 'Import-Module -Prefix avoids the Exchange Online noun clash' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'Get-HLContact and ContactsModule\Get-Contact work against the emulator' {
        $id = New-SeedContact -Count 1
        $run = Invoke-WithCapturedHost {
            Import-Module $modulePath -Prefix HL
            Connect-HLContactsApi -Token $token -LocationId $emu.LocationId -BaseUri $emu.BaseUri
            [pscustomobject]@{
                Prefixed  = Get-HLContact -Id $id
                Qualified = ContactsModule\Get-HLContact -Id $id
                Plain     = [bool] (Get-Command Get-Contact -ErrorAction SilentlyContinue)
                Commands  = @(Get-Command -Module ContactsModule | ForEach-Object Name)
            }
        } -Variable @{ id = $id; token = $token; emu = $emu; modulePath = $modulePath } -Module @()
        $run.Terminating | Should -BeNullOrEmpty
        $run.Errors | Should -BeNullOrEmpty
        $result = $run.Output[0]
        $result.Prefixed.Id | Should -Be $id
        $result.Qualified.Id | Should -Be $id
        $result.Plain | Should -BeFalse
        $result.Commands | Should -Contain 'Set-HLContact'
        $result.Commands | Should -Not -Contain 'Get-Contact'
    }

    It 'ContactsModule\Get-Contact reaches the module''s command by its qualified name' {
        Connect-Emulator
        $id = New-SeedContact -Count 1
        (ContactsModule\Get-Contact -Id $id).Id | Should -Be $id
    }
}

Describe 'The public surface' {
    It 'is the models, the connection, the cmdlets with their base classes, enums and completers, and the API exception' {
        $assembly = (Get-Command Get-Contact).ImplementingType.Assembly
        $public = @($assembly.GetExportedTypes() | Where-Object { -not $_.IsNested } | ForEach-Object FullName)
        $allowed = '^ContactsModule\.(Models\.\w+|Session\.ContactsApiConnection|Cmdlets\.(\w+Command|ContactsApiCmdlet|ContactTagCommandBase|DuplicateAction)|Completion\.\w+Completer|Hosting\.ModuleInitializer|Api\.(ContactsApiException|ApiErrorKind))$'
        @($public | Where-Object { $_ -notmatch $allowed }) | Should -BeNullOrEmpty
        $public | Should -Contain 'ContactsModule.Models.Contact'
        $public | Should -Contain 'ContactsModule.Session.ContactsApiConnection'
        $public | Should -Not -Contain 'ContactsModule.Session.ConnectionState'
        $public | Should -Not -Contain 'ContactsModule.Cmdlets.ErrorIds'
        # Every parameter and output type of the cmdlets is public.
        foreach ($command in Get-Command -Module ContactsModule) {
            foreach ($parameter in $command.Parameters.Values) {
                $type = $parameter.ParameterType
                while ($type.HasElementType) { $type = $type.GetElementType() }
                $type.IsPublic | Should -BeTrue -Because "-$($parameter.Name) of $($command.Name) has type $($type.FullName)"
            }
            foreach ($output in $command.OutputType) { if ($output.Type) { $output.Type.IsPublic | Should -BeTrue } }
        }
    }
}
