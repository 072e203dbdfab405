# The field-by-field check over files that look like real exports of other CRMs and files saved by Excel: for every
# file, every row is compared with what the emulator stored, and every non-empty cell must be stored in the right
# field, named in the "Columns not used" warning (or, for a second column of the same field, in the warning that two
# columns disagree), or be the subject of the row's error. The expected mapping of each file is written here, by
# hand, from the CRMs' export formats: it is not read from the module.

BeforeDiscovery {
    # File, how to read it, the field each column must land in ('-' = must be reported unused), the rows that must fail
    # (row number -> the column the error must name) and the dates as they must be stored.
    $script:Files = @(
        @{ File = 'hubspot-contacts.csv'
           Map = [ordered]@{ 'Record ID' = '-'; 'First Name' = 'firstName'; 'Last Name' = 'lastName'; 'Email' = 'email'; 'Phone Number' = 'phone'
                 'Mobile Phone Number' = 'phone'; 'Street Address' = 'address1'; 'City' = 'city'; 'State/Region' = 'state'; 'Postal Code' = 'postalCode'
                 'Country/Region' = 'country'; 'Company Name' = 'companyName'; 'Website URL' = 'website'; 'Lifecycle Stage' = '-'; 'Contact owner' = '-'
                 'Create Date' = '-'; 'Original Source' = 'source'; 'Unsubscribed from all email' = 'dnd:Email' }
           Fail = @{ 3 = 'Email' } }
        @{ File = 'salesforce-contacts.csv'
           Map = [ordered]@{ 'Contact ID' = '-'; 'Salutation' = '-'; 'First Name' = 'firstName'; 'Last Name' = 'lastName'; 'Title' = '-'; 'Account Name' = 'companyName'
                 'Mailing Street' = 'address1'; 'Mailing City' = 'city'; 'Mailing State/Province' = 'state'; 'Mailing Zip/Postal Code' = 'postalCode'
                 'Mailing Country' = 'country'; 'Phone' = 'phone'; 'Mobile' = 'phone'; 'Fax' = '-'; 'Email' = 'email'; 'Birthdate' = 'dateOfBirth'
                 'Lead Source' = 'source'; 'Email Opt Out' = 'dnd:Email'; 'Do Not Call' = 'dnd:Call'; 'Contact Owner' = '-' }
           Fail = @{ 4 = $null }
           Dates = @{ '3/4/1985' = '1985-03-04'; '03.04.1979' = '1979-04-03'; '12/31/1990' = '1990-12-31' } }
        @{ File = 'salesforce-leads.csv'
           Map = [ordered]@{ 'Lead ID' = '-'; 'First Name' = 'firstName'; 'Last Name' = 'lastName'; 'Title' = '-'; 'Company' = 'companyName'; 'Street' = 'address1'
                 'City' = 'city'; 'State/Province' = 'state'; 'Zip/Postal Code' = 'postalCode'; 'Country' = 'country'; 'Phone' = 'phone'; 'Mobile' = 'phone'
                 'Email' = 'email'; 'Website' = 'website'; 'Lead Source' = 'source'; 'Lead Status' = '-'; 'Rating' = '-'; 'Email Opt Out' = 'dnd:Email'; 'Lead Owner' = '-' } }
        @{ File = 'zoho-contacts.csv'
           Map = [ordered]@{ 'Record Id' = '-'; 'Contact Owner' = '-'; 'First Name' = 'firstName'; 'Last Name' = 'lastName'; 'Account Name' = 'companyName'; 'Email' = 'email'
                 'Secondary Email' = '-'; 'Phone' = 'phone'; 'Mobile' = 'phone'; 'Date of Birth' = 'dateOfBirth'; 'Mailing Street' = 'address1'; 'Mailing City' = 'city'
                 'Mailing State' = 'state'; 'Mailing Zip' = 'postalCode'; 'Mailing Country' = 'country'; 'Lead Source' = 'source'; 'Email Opt Out' = 'dnd:Email'
                 'Description' = '-'; 'Tag' = 'tags' }
           Fail = @{ 3 = 'Date of Birth' }
           Dates = @{ '1988-07-15' = '1988-07-15'; '15/07/1975' = '1975-07-15' } }
        @{ File = 'pipedrive-people.csv'
           Map = [ordered]@{ 'Person - ID' = '-'; 'Person - Name' = 'name'; 'Person - First name' = 'firstName'; 'Person - Last name' = 'lastName'
                 'Person - Organization' = 'companyName'; 'Person - Email - Work' = 'email'; 'Person - Email - Home' = 'email'; 'Person - Phone - Work' = 'phone'
                 'Person - Phone - Mobile' = 'phone'; 'Person - Label' = 'tags'; 'Person - Owner' = '-'; 'Person - Postal address' = '-'; 'Person - Open deals' = '-' } }
        @{ File = 'mailchimp-audience.csv'
           Map = [ordered]@{ 'Email Address' = 'email'; 'First Name' = 'firstName'; 'Last Name' = 'lastName'; 'Address' = 'address1'; 'Phone Number' = 'phone'
                 'Birthday' = 'dateOfBirth'; 'MEMBER_RATING' = '-'; 'OPTIN_TIME' = '-'; 'OPTIN_IP' = '-'; 'CONFIRM_TIME' = '-'; 'CONFIRM_IP' = '-'; 'LATITUDE' = '-'
                 'LONGITUDE' = '-'; 'GMTOFF' = '-'; 'DSTOFF' = '-'; 'TIMEZONE' = 'timezone'; 'CC' = 'country'; 'REGION' = 'state'; 'LAST_CHANGED' = '-'; 'LEID' = '-'
                 'EUID' = '-'; 'NOTES' = '-'; 'TAGS' = 'tags' }
           Fail = @{ 2 = 'Birthday' } }
        @{ File = 'google-contacts.csv'
           Map = [ordered]@{ 'First Name' = 'firstName'; 'Middle Name' = '-'; 'Last Name' = 'lastName'; 'Nickname' = '-'; 'File As' = '-'; 'Organization Name' = 'companyName'
                 'Organization Title' = '-'; 'Birthday' = 'dateOfBirth'; 'Notes' = '-'; 'Labels' = 'tags'; 'E-mail 1 - Label' = '-'; 'E-mail 1 - Value' = 'email'
                 'E-mail 2 - Label' = '-'; 'E-mail 2 - Value' = '-'; 'Phone 1 - Label' = '-'; 'Phone 1 - Value' = 'phone'; 'Address 1 - Label' = '-'
                 'Address 1 - Formatted' = '-'; 'Address 1 - Street' = 'address1'; 'Address 1 - City' = 'city'; 'Address 1 - Region' = 'state'
                 'Address 1 - Postal Code' = 'postalCode'; 'Address 1 - Country' = 'country'; 'Website 1 - Label' = '-'; 'Website 1 - Value' = 'website' }
           Fail = @{ 3 = 'Birthday' }
           Dates = @{ '1982-11-05' = '1982-11-05' } }
        @{ File = 'outlook-contacts.csv'
           Map = [ordered]@{ 'First Name' = 'firstName'; 'Middle Name' = '-'; 'Last Name' = 'lastName'; 'Title' = '-'; 'Suffix' = '-'; 'Nickname' = '-'; 'E-mail Address' = 'email'
                 'E-mail 2 Address' = '-'; 'Primary Phone' = 'phone'; 'Home Phone' = 'phone'; 'Mobile Phone' = 'phone'; 'Business Phone' = 'phone'; 'Home Street' = 'address1'
                 'Home City' = 'city'; 'Home State' = 'state'; 'Home Postal Code' = 'postalCode'; 'Home Country/Region' = 'country'; 'Business Street' = 'address1'
                 'Business City' = 'city'; 'Business State' = 'state'; 'Business Postal Code' = 'postalCode'; 'Business Country/Region' = 'country'; 'Company' = 'companyName'
                 'Job Title' = '-'; 'Birthday' = 'dateOfBirth'; 'Web Page' = 'website'; 'Categories' = 'tags'; 'Notes' = '-' }
           # Outlook writes 0/0/00 for "no birthday": not given.
           Dates = @{ '0/0/00' = $null; '4/3/1980' = '1980-03-04' } }
        @{ File = 'highlevel-export.csv'
           Map = [ordered]@{ 'Contact Id' = '-'; 'First Name' = 'firstName'; 'Last Name' = 'lastName'; 'Name' = 'name'; 'Phone' = 'phone'; 'Email' = 'email'
                 'Business Name' = 'companyName'; 'Created' = '-'; 'Last Activity' = '-'; 'Tags' = 'tags'; 'Additional Emails' = '-'; 'Additional Phones' = '-'
                 'Source' = 'source'; 'Address' = 'address1'; 'City' = 'city'; 'State' = 'state'; 'Postal Code' = 'postalCode'; 'Country' = 'country'
                 'Date Of Birth' = 'dateOfBirth'; 'Timezone' = 'timezone'; 'Website' = 'website'; 'Assigned To' = 'assignedTo' }
           Dates = @{ '1991-08-21' = '1991-08-21' } }
    )
    $excel = [ordered]@{ 'First Name' = 'firstName'; 'Last Name' = 'lastName'; 'E-mail' = 'email'; 'Phone' = 'phone'; 'Birthday' = 'dateOfBirth'; 'Country' = 'country'; 'City' = 'city' }
    $excelDe = [ordered]@{ 'First Name' = 'firstName'; 'Last Name' = 'lastName'; 'Email' = 'email'; 'Phone' = 'phone'; 'Date of Birth' = 'dateOfBirth'; 'Country' = 'country'; 'City' = 'city'; 'Postal Code' = 'postalCode' }
    $deDates = @{ '03.04.1985' = '1985-04-03'; '03.04.1985 00:00:00' = '1985-04-03'; '31.12.1990' = '1990-12-31' }
    $script:Files += @(
        @{ File = 'excel-en-us-utf8.csv'; Map = $excel; Fail = @{ 2 = 'Phone' }; Dates = @{ '4/3/1985' = '1985-04-03' } }
        @{ File = 'excel-en-us-ansi.csv'; Name = 'excel-en-us-ansi.csv read as Windows-1252'; Import = @{ Encoding = 1252 }; Map = $excel
           Dates = @{ '4/3/1985' = '1985-04-03'; '7/14/1970' = '1970-07-14' } }
        @{ File = 'excel-en-us-ansi.csv'; Name = 'excel-en-us-ansi.csv read as UTF-8 (wrongly)'; Map = $excel; Fail = @{ 1 = 'First Name'; 2 = 'First Name' } }
        @{ File = 'excel-de-de-ansi.csv'; Name = 'excel-de-de-ansi.csv read with ; and Windows-1252'; Import = @{ Delimiter = ';'; Encoding = 1252 }; Map = $excelDe; Dates = $deDates }
        @{ File = 'excel-de-de-ansi.csv'; Name = 'excel-de-de-ansi.csv read without -Delimiter'; Map = [ordered]@{ 'First Name;Last Name;Email;Phone;Date of Birth;Country;City;Postal Code' = '-' }
           Fail = @{ 1 = $null; 2 = $null } }
        @{ File = 'excel-de-de-utf8.csv'; Name = 'excel-de-de-utf8.csv (BOM) read with ;'; Import = @{ Delimiter = ';' }; Map = $excelDe; Dates = $deDates }
    )
    foreach ($f in $script:Files) {
        if (-not $f.ContainsKey('Name')) { $f.Name = $f.File }
        foreach ($key in 'Import', 'Fail', 'Dates') { if (-not $f.ContainsKey($key)) { $f[$key] = @{} } }
    }
}

BeforeAll {
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$repo/tests/Pester/EmulatorHarness.psm1" -Force
    Import-Module "$repo/out/ContactsModule/ContactsModule.psd1" -Force
    $script:emu = Start-ContactsEmulator -Config @{ burstLimit = 100000 }
    Connect-ContactsApi -Token (ConvertTo-SecureString $emu.Token -AsPlainText -Force) -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.05
    $script:crm = Join-Path $PSScriptRoot 'Data/crm'

    # Country names of the fixtures as HighLevel stores them.
    $script:CountryCodes = @{ 'United States' = 'US'; 'USA' = 'US'; 'Norway' = 'NO'; 'Germany' = 'DE'; 'Nigeria' = 'NG'; 'Japan' = 'JP'; 'Russia' = 'RU'
        'Sweden' = 'SE'; 'India' = 'IN'; 'Italy' = 'IT'; 'Spain' = 'ES'; 'Ireland' = 'IE'; 'Pakistan' = 'PK'; 'France' = 'FR'; 'Deutschland' = 'DE' }

    # A property of a stored contact, or $null when the contact has none (the tests run under Set-StrictMode).
    function Get-Stored {
        param($Object, [string] $Name)
        if ($null -eq $Object) { return $null }
        $property = $Object.PSObject.Properties[$Name]
        if ($property) { $property.Value } else { $null }
    }

    function Test-Stored {
        # True when the cell's value is what $stored holds in $field.
        param($Stored, [string] $Field, [string] $Cell, [hashtable] $Dates)
        switch -Wildcard ($Field) {
            'email' {
                $address = if ($Cell -match '<(?<a>[^>]+)>') { $Matches.a } else { $Cell }
                return (Get-Stored $Stored email) -eq $address.Trim()
            }
            'phone' {
                $digits = ($Cell -replace '\D', '').TrimStart('0')
                return ((Get-Stored $Stored phone) -replace '\D', '').EndsWith($digits)
            }
            'country' {
                $code = if ($script:CountryCodes.ContainsKey($Cell)) { $script:CountryCodes[$Cell] } else { $Cell.ToUpperInvariant() }
                return (Get-Stored $Stored country) -eq $code
            }
            'website' { return (Get-Stored $Stored website) -like ('https://' + ($Cell -replace '^https?://', '')) }
            'tags' {
                $tags = @($Cell -split ':::|[,;|]' | ForEach-Object { $_.Trim().Trim('"').Trim().ToLowerInvariant() } | Where-Object { $_ })
                foreach ($tag in $tags) { if (@(Get-Stored $Stored tags) -notcontains $tag) { return $false } }
                return $true
            }
            'dateOfBirth' {
                if (-not $Dates.ContainsKey($Cell)) { throw "The fixture does not say how '$Cell' must be stored." }
                $iso = $Dates[$Cell]
                if ($null -eq $iso) { return -not $Stored.PSObject.Properties['dateOfBirth'] }
                return "$(Get-Stored $Stored dateOfBirth)".StartsWith($iso)
            }
            'dnd:*' {
                $channel = $Field.Substring(4)
                $status = if ($Cell -match '^(1|true|yes|y)$') { 'active' } else { 'inactive' }
                return (Get-Stored (Get-Stored (Get-Stored $Stored dndSettings) $channel) status) -eq $status
            }
            default { return (Get-Stored $Stored $Field) -ceq $Cell.Trim() }
        }
    }
}

AfterAll { Disconnect-ContactsApi; Stop-ContactsEmulator -Emulator $emu }

Describe 'Every cell of <Name> is stored, reported or the subject of a row error' -ForEach $Files {
    BeforeAll {
        Reset-ContactsEmulator -Emulator $emu
        $script:rows = @(Import-Csv -LiteralPath (Join-Path $crm $File) @Import)
        $script:out = @($rows | New-Contact -ErrorVariable failed -ErrorAction SilentlyContinue -WarningVariable warned -WarningAction SilentlyContinue)
        $script:failed = @($failed)
        $script:warnings = @($warned | ForEach-Object { "$_" })
        $script:stored = @{}
        foreach ($c in (Get-EmulatorContact -Emulator $emu)) { $stored[$c.id] = $c }
        $script:expectedFail = $Fail
    }

    It 'has the columns the test expects' {
        @($rows[0].PSObject.Properties.Name) | Should -Be @($Map.Keys)
    }

    It 'reports exactly the columns nothing reads, in one warning' {
        $unused = @($Map.Keys | Where-Object { $Map[$_] -eq '-' })
        $notUsed = @($warnings | Where-Object { $_ -like 'Columns not used: *' })
        if ($unused.Count -eq 0) { $notUsed | Should -BeNullOrEmpty; return }
        $notUsed | Should -HaveCount 1
        $notUsed[0] | Should -BeLike ('Columns not used: ' + ($unused -join ', ') + '. Map them with -CustomFieldColumn, or ignore them with -IgnoreColumn.*')
    }

    It 'fails exactly the rows expected, each with one error whose target is the row and that names the column' {
        @($failed | ForEach-Object { [array]::IndexOf($rows, $_.TargetObject) + 1 } | Sort-Object) | Should -Be @($expectedFail.Keys | Sort-Object)
        foreach ($e in $failed) {
            $n = [array]::IndexOf($rows, $e.TargetObject) + 1
            "$e" | Should -BeLike "Row $n*"
            if ($expectedFail[$n]) { "$e" | Should -BeLike "*$($expectedFail[$n]) '*" }
        }
        $out.Count + $failed.Count | Should -Be $rows.Count
        $stored.Count | Should -Be $out.Count
    }

    It 'stores every non-empty cell of the other rows in its field, or names it in a warning' {
        $k = 0
        $problems = [System.Collections.Generic.List[string]]::new()
        for ($i = 0; $i -lt $rows.Count; $i++) {
            $row = $rows[$i]
            if ($expectedFail.ContainsKey($i + 1)) { continue }
            $contact = $stored[$out[$k].Id]
            $k++
            $winner = @{}
            foreach ($header in $Map.Keys) {
                $field = $Map[$header]
                $cell = "$($row.$header)".Trim()
                if ($cell -eq '') { continue }
                if ($field -eq '-') {
                    if (-not ($warnings | Where-Object { $_ -like 'Columns not used: *' -and $_.Contains($header) })) { $problems.Add("row $($i+1) $header '$cell': not stored and not reported") }
                    continue
                }
                if ($winner.ContainsKey($field)) {
                    # A second column of the same field: same value, or named with the first one in a warning.
                    $first = $winner[$field]
                    if ($cell -ne "$($row.$first)".Trim() -and -not ($warnings | Where-Object { $_.Contains("'$first'") -and $_.Contains("'$header'") })) {
                        $problems.Add("row $($i+1) $header '$cell': lost behind $first without a warning")
                    }
                    continue
                }
                $winner[$field] = $header
                if (-not (Test-Stored -Stored $contact -Field $field -Cell $cell -Dates $Dates)) {
                    $problems.Add("row $($i+1) $header '$cell': stored as '$(Get-Stored $contact ($field -replace '^dnd:.*', 'dndSettings') | ConvertTo-Json -Compress -Depth 5)' in $field")
                }
            }
        }
        $problems | Should -BeNullOrEmpty
    }
}

Describe 'The wrong encoding or delimiter is explained' {
    It 'names -Encoding 1252 for a Windows-1252 file read as UTF-8' {
        Reset-ContactsEmulator -Emulator $emu
        Import-Csv -LiteralPath (Join-Path $crm 'excel-en-us-ansi.csv') | New-Contact -ErrorVariable failed -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        "$($failed[0])" | Should -BeLike "Row 1: First Name 'Zo*' contains U+FFFD*Import-Csv -Encoding 1252*City 'Montr*al' contains U+FFFD*"
    }

    It "names -Delimiter ';' for a de-DE Excel file read with ','" {
        Reset-ContactsEmulator -Emulator $emu
        Import-Csv -LiteralPath (Join-Path $crm 'excel-de-de-utf8.csv') | New-Contact -ErrorAction SilentlyContinue -WarningVariable warned -WarningAction SilentlyContinue
        "$warned" | Should -BeLike "*read it with Import-Csv -Delimiter ';'."
    }
}
