# End-to-end tests of how New-Contact and Set-Contact read rows: column mapping (normalised headers, several columns
# for one field), the "Columns not used" warning and -IgnoreColumn, dictionary rows, scalars, empty rows, rows
# without a name, dates, encodings, tags and the end-of-run summary.

BeforeAll {
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$repo/tests/Pester/EmulatorHarness.psm1" -Force
    Import-Module "$repo/out/ContactsModule/ContactsModule.psd1" -Force
    $script:emu = Start-ContactsEmulator -Config @{ burstLimit = 100000 }
    $script:token = ConvertTo-SecureString $emu.Token -AsPlainText -Force
    Connect-ContactsApi -Token $token -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.05

    function Get-Bodies { @(Get-EmulatorRequest -Emulator $script:emu | Where-Object method -NE 'GET' | ForEach-Object { $_.body | ConvertFrom-Json -AsHashtable }) }
    function Get-Requests { @(Get-EmulatorRequest -Emulator $script:emu) }
}

AfterAll { Disconnect-ContactsApi; Stop-ContactsEmulator -Emulator $emu }

Describe 'Several columns for one field' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'takes the first filled column, even when an earlier one is empty' {
        $rows = @'
Email,Email Address,Phone,Mobile,Company,Company Name
,ann@example.com,,+1 555 010 1234,,Lee & Co.
'@ | ConvertFrom-Csv
        $out = $rows | New-Contact -WarningVariable warned -WarningAction SilentlyContinue
        $out | Should -HaveCount 1
        $body = @(Get-Bodies)[0]
        $body.email | Should -Be 'ann@example.com'
        $body.phone | Should -Be '+15550101234'
        $body.companyName | Should -Be 'Lee & Co.'
        $warned | Should -BeNullOrEmpty
    }

    It 'warns once per run when two columns disagree, naming both and the one used' {
        $rows = @'
FirstName,Phone,Mobile
Ann,+1 555 010 0001,+1 555 010 0002
Bob,+1 555 010 0003,+1 555 010 0004
Cy,+1 555 010 0005,+1 555 010 0005
'@ | ConvertFrom-Csv
        $out = $rows | New-Contact -WarningVariable warned -WarningAction SilentlyContinue
        $out | Should -HaveCount 3
        $warned | Should -HaveCount 1
        "$($warned[0])" | Should -BeExactly ("Row 1: the columns 'Phone' ('+1 555 010 0001') and 'Mobile' ('+1 555 010 0002') both give Phone; 'Phone' was used " +
            "(the first filled column wins). The other value was not sent; it stays in the row. Pass -IgnoreColumn 'Phone' to use 'Mobile' instead. " +
            "(Said once per run for these columns.)")
        @(Get-Bodies | ForEach-Object phone | Sort-Object) | Should -Be @('+15550100001', '+15550100003', '+15550100005')
    }

    It '-IgnoreColumn makes the next column win' {
        $rows = [pscustomobject]@{ FirstName = 'Ann'; Phone = '+1 555 010 0001'; Mobile = '+1 555 010 0002' }
        $null = $rows | New-Contact -IgnoreColumn Phone -WarningVariable warned -WarningAction SilentlyContinue
        @(Get-Bodies)[0].phone | Should -Be '+15550100002'
        $warned | Should -BeNullOrEmpty
    }

    It 'compares headers without case, spaces (non-breaking too) and _ - . /' {
        $row = [pscustomobject]@{ "First`u{00A0}Name " = 'Ann'; 'LAST_NAME' = 'Lee'; 'e.mail' = 'ann@example.com'; 'Mailing Zip/Postal Code' = '10115'; 'Mailing Country' = 'Germany'; 'Mobile Phone Number' = '030 1234567' }
        $null = $row | New-Contact -WarningVariable warned -WarningAction SilentlyContinue
        $warned | Should -BeNullOrEmpty
        $body = @(Get-Bodies)[0]
        $body.firstName | Should -Be 'Ann'
        $body.lastName | Should -Be 'Lee'
        $body.email | Should -Be 'ann@example.com'
        $body.postalCode | Should -Be '10115'
        $body.country | Should -Be 'DE'
        $body.phone | Should -Be '+49301234567'
    }
}

Describe 'Columns not used' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'names them once, before the first row is sent' {
        $rows = @'
First Name,Email,Lifecycle Stage,Contact owner,Emial
Ann,ann@example.com,lead,Sam,x
Bob,bob@example.com,customer,Sam,y
'@ | ConvertFrom-Csv
        $all = $rows | New-Contact -Verbose 3>&1 4>&1
        $warnings = @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        $warnings | Should -HaveCount 1
        "$($warnings[0])" | Should -BeExactly 'Columns not used: Lifecycle Stage, Contact owner, Emial. Map them with -CustomFieldColumn, or ignore them with -IgnoreColumn.'
        $firstWarning = [array]::IndexOf(@($all), $warnings[0])
        $firstPost = [array]::FindIndex([object[]]@($all), [Predicate[object]] { param($x) "$x" -like 'POST*' })
        $firstWarning | Should -BeLessThan $firstPost
        @($all | Where-Object { $_ -is [ContactsModule.Models.Contact] }) | Should -HaveCount 2
    }

    It 'appears with -WhatIf too, and -IgnoreColumn silences named columns' {
        $rows = [pscustomobject]@{ FirstName = 'Ann'; 'Lifecycle Stage' = 'lead'; 'Record ID' = '17' }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({ param($Module, $Emu, $Row) Import-Module $Module
                Connect-ContactsApi -Token (ConvertTo-SecureString $Emu.Token -AsPlainText -Force) -LocationId $Emu.LocationId -BaseUri $Emu.BaseUri
                $Row | New-Contact -WhatIf
                $Row | New-Contact -WhatIf -IgnoreColumn 'record_id' }).AddArgument("$repo/out/ContactsModule/ContactsModule.psd1").AddArgument($emu).AddArgument($rows)
            $null = $ps.Invoke()
            @($ps.Streams.Warning | ForEach-Object Message) | Should -Be @(
                'Columns not used: Lifecycle Stage, Record ID. Map them with -CustomFieldColumn, or ignore them with -IgnoreColumn.',
                'Columns not used: Lifecycle Stage. Map them with -CustomFieldColumn, or ignore them with -IgnoreColumn.')
        }
        finally { $ps.Dispose() }
        Get-Requests | Should -HaveCount 0
    }

    It "says a ';' file read without -Delimiter looks ';'-separated, and refuses its rows" {
        $rows = "FirstName;LastName;Email`nAnn;Lee;ann@example.com" | ConvertFrom-Csv
        $rows | New-Contact -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable failed -ErrorAction SilentlyContinue
        "$warned" | Should -BeLike "Columns not used: FirstName;LastName;Email. * The header 'FirstName;LastName;Email' holds ';' characters: the file looks ';'-separated; read it with Import-Csv -Delimiter ';'."
        $failed | Should -HaveCount 1
        "$($failed[0])" | Should -BeExactly 'Row 1: no name, email or phone; a contact needs at least one.'
        Get-Requests | Should -HaveCount 0
    }
}

Describe 'Rows that would create nothing useful' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'refuses a row without name, email or phone, and skips wholly empty rows' {
        $rows = @'
FirstName,Email,Phone,City,Tags
,,,Paris,vip
,,,,
Ann,,,,
 , , , ,
'@ | ConvertFrom-Csv
        $out = $rows | New-Contact -ErrorVariable failed -ErrorAction SilentlyContinue -InformationVariable info
        $out | Should -HaveCount 1
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ContactValidationFailed*'
        "$($failed[0])" | Should -BeExactly 'Row 1: no name, email or phone; a contact needs at least one.'
        $failed[0].TargetObject.City | Should -Be 'Paris'
        Get-Requests | Should -HaveCount 1
        $summary = ($info | Where-Object Tags -Contains 'ContactsModule.Summary').MessageData
        $summary.Read | Should -Be 4
        $summary.EmptyRowsSkipped | Should -Be 2
        $summary.Failed | Should -Be 1
        $summary.Created | Should -Be 1
    }

    It 'refuses New-Contact without parameters and a piped $null' {
        New-Contact -ErrorVariable e1 -ErrorAction SilentlyContinue
        $null | New-Contact -ErrorVariable e2 -ErrorAction SilentlyContinue
        "$e1" | Should -BeExactly 'New-Contact: no name, email or phone; a contact needs at least one.'
        "$e2" | Should -BeExactly 'Row 1: no name, email or phone; a contact needs at least one.'
        Get-Requests | Should -HaveCount 0
    }

    It 'refuses a piped string with a clear error that says how to pipe rows' {
        'jane@example.com', 42 | New-Contact -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed | Should -HaveCount 2
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ContactInputNotARow*'
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidType'
        $failed[0].TargetObject | Should -Be 'jane@example.com'
        "$($failed[0])" | Should -BeExactly ("Row 1: 'jane@example.com' is a String, not a row; nothing was sent. New-Contact reads rows: objects whose properties " +
            "are the columns (Import-Csv, [pscustomobject]@{ Email = '...' }) or hashtables (@{ Email = '...' }).")
        $failed[0].ErrorDetails.RecommendedAction | Should -BeLike "*New-Contact -Email 'jane@example.com'."
        "$($failed[1])" | Should -BeLike "Row 2: '42' is a Int32, not a row;*"
        Get-Requests | Should -HaveCount 0
    }

    It 'reads a hashtable (and an ordered dictionary) as a row' {
        @{ FirstName = 'Ann'; Email = 'ann@example.com'; 'Mailing City' = 'Paris' }, [ordered]@{ 'First Name' = 'Bob'; 'E-mail' = 'bob@example.com' } | New-Contact | Should -HaveCount 2
        $bodies = Get-Bodies | Sort-Object { $_.firstName }
        $bodies[0].email | Should -Be 'ann@example.com'
        $bodies[0].city | Should -Be 'Paris'
        $bodies[1].email | Should -Be 'bob@example.com'
    }
}

Describe 'Dates, encodings and tags' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'reads a dotted date day-first whatever the time part and the culture (<_>)' -ForEach @('en-US', 'de-DE', 'en-GB', '') {
        $saved = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = [cultureinfo]::new($_)
            $rows = [pscustomobject]@{ Email = 'a@example.com'; DOB = '03.04.1985' }, [pscustomobject]@{ Email = 'b@example.com'; DOB = '03.04.1985 00:00:00' }
            $null = $rows | New-Contact
        }
        finally { [cultureinfo]::CurrentCulture = $saved }
        @(Get-Bodies | ForEach-Object dateOfBirth) | Should -Be @('1985-04-03', '1985-04-03')
    }

    It 'reads slashed dates by the row country, month-first without one, and warns once about an ambiguous one' {
        $rows = @'
Email,Country,DOB
us@example.com,US,03/04/1985
de@example.com,Germany,03/04/1985
none1@example.com,,03/04/1985
none2@example.com,,05/06/1985
'@ | ConvertFrom-Csv
        $null = $rows | New-Contact -WarningVariable warned -WarningAction SilentlyContinue
        $byEmail = @{}; Get-Bodies | ForEach-Object { $byEmail[$_.email] = $_.dateOfBirth }
        $byEmail['us@example.com'] | Should -Be '1985-03-04'
        $byEmail['de@example.com'] | Should -Be '1985-04-03'
        $byEmail['none1@example.com'] | Should -Be '1985-03-04'
        $byEmail['none2@example.com'] | Should -Be '1985-05-06'
        $warned | Should -HaveCount 1
        "$warned" | Should -BeLike "Row 3: DOB '03/04/1985' could be read either way*-DateFormat 'dd/MM/yyyy'*"
        Reset-ContactsEmulator -Emulator $emu
        $null = $rows | Select-Object -Skip 2 | New-Contact -DateFormat 'dd/MM/yyyy' -WarningVariable warned2
        $warned2 | Should -BeNullOrEmpty
        @(Get-Bodies | ForEach-Object dateOfBirth | Sort-Object) | Should -Be @('1985-04-03', '1985-06-05')
        Reset-ContactsEmulator -Emulator $emu
        $null = $rows | Select-Object -Skip 2 | New-Contact -DefaultCountry GB
        @(Get-Bodies | ForEach-Object dateOfBirth | Sort-Object) | Should -Be @('1985-04-03', '1985-06-05')
    }

    It 'makes an impossible date a row error' {
        [pscustomobject]@{ Email = 'a@example.com'; DateOfBirth = '31/31/1985' } | New-Contact -ErrorVariable failed -ErrorAction SilentlyContinue
        "$failed" | Should -BeExactly "Row 1: DateOfBirth '31/31/1985' is not a real date."
        Get-Requests | Should -HaveCount 0
    }

    It 'refuses text decoded with the wrong encoding and names the fix' {
        $rows = [pscustomobject]@{ FirstName = "Zo`u{FFFD}"; City = 'Paris'; Email = 'zoe@example.com' }, [pscustomobject]@{ FirstName = 'Ann'; City = 'MontrÃ©al'; Email = 'ann@example.com' }
        $rows | New-Contact -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed | Should -HaveCount 2
        "$($failed[0])" | Should -BeLike "Row 1: FirstName 'Zo*' contains U+FFFD*Import-Csv -Encoding 1252*"
        "$($failed[1])" | Should -BeLike "Row 2: City 'MontrÃ©al' contains 'Ã©', UTF-8 text read as Windows-1252: read the file with Import-Csv -Encoding UTF8*"
        Get-Requests | Should -HaveCount 0
    }

    It 'explains Excel scientific phones, reduces display-name emails and refuses two emails in a cell' {
        $rows = @'
FirstName,Email,Phone
Ann,Ann Lee <ann@example.com>,
Bob,bob@example.com,1.5550102801E+10
Cy,"cy@example.com; cy@example.org",
'@ | ConvertFrom-Csv
        $out = $rows | New-Contact -ErrorVariable failed -ErrorAction SilentlyContinue
        $out | Should -HaveCount 1
        @(Get-Bodies)[0].email | Should -Be 'ann@example.com'
        "$($failed[0])" | Should -BeLike "Row 2: Phone '1.5550102801E+10' is a number in Excel's scientific notation*"
        "$($failed[1])" | Should -BeLike "Row 3: Email 'cy@example.com; cy@example.org' holds 2 e-mail addresses*"
    }

    It 'reads a JSON array tags cell as its items and | as a separator' {
        $rows = @'
Email,Tags
a@example.com,"[""vip"",""newsletter""]"
b@example.com,vip|newsletter
c@example.com,"[""vip"","
'@ | ConvertFrom-Csv
        $rows | New-Contact -ErrorVariable failed -ErrorAction SilentlyContinue | Should -HaveCount 2
        Get-Bodies | ForEach-Object { $_.tags | Should -Be @('vip', 'newsletter') }
        "$failed" | Should -BeExactly "Row 3: Tags '[`"vip`",' looks like a JSON array but is not one of text items. Write the tags as [`"vip`",`"newsletter`"] or vip, newsletter."
    }
}

Describe 'The summary of a piped run' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'writes one information record and one verbose line with the counts' {
        Add-EmulatorContact -Emulator $emu -Contact @{ locationId = $emu.LocationId; email = 'old@example.com'; firstName = 'Old' } | Out-Null
        $rows = @'
FirstName,Email,Stage
New,new@example.com,lead
Old,old@example.com,lead
Bad,bad-email,lead
,,
'@ | ConvertFrom-Csv
        $all = $rows | New-Contact -OnDuplicate Skip -InformationVariable info -Verbose -ErrorAction SilentlyContinue -ErrorVariable failed 3>$null 4>&1
        $records = @($info | Where-Object Tags -Contains 'ContactsModule.Summary')
        $records | Should -HaveCount 1
        $s = $records[0].MessageData
        $s | Should -BeOfType ([ContactsModule.Models.ContactRunSummary])
        "$s" | Should -BeExactly 'New-Contact: 4 row(s) read: 1 created, 0 updated, 1 skipped, 1 failed, 0 not sent, 1 empty row(s) skipped; 1 column(s) not used.'
        @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -eq "$s" }) | Should -HaveCount 1
    }

    It 'counts Set-Contact updates' {
        $ids = @(1..2 | ForEach-Object { (New-Contact -Email "u$_@example.com").Id })
        $rows = $ids | ForEach-Object { [pscustomobject]@{ Id = $_; City = 'Paris' } }
        $rows | Set-Contact -InformationVariable info
        "$(($info | Where-Object Tags -Contains 'ContactsModule.Summary').MessageData)" | Should -BeExactly 'Set-Contact: 2 row(s) read: 0 created, 2 updated, 0 skipped, 0 failed, 0 not sent, 0 empty row(s) skipped; 0 column(s) not used.'
    }

    It 'Set-Contact reads hashtable rows and any spelling of the id column, and refuses scalars and rows without an id' {
        $ids = @(1..3 | ForEach-Object { (New-Contact -Email "h$_@example.com").Id })
        $rows = @(
            @{ Id = $ids[0]; City = 'Paris' }
            [pscustomobject]@{ contact_id = $ids[1]; City = 'Rome' }
            [ordered]@{ 'CONTACT ID' = $ids[2]; 'Mailing City' = 'Oslo' }
            'not-a-row'
            [pscustomobject]@{ Email = 'noid@example.com'; City = 'Lima' }
        )
        $rows | Set-Contact -ErrorVariable failed -ErrorAction SilentlyContinue
        $stored = @{}; Get-EmulatorContact -Emulator $emu | ForEach-Object { $stored[$_.id] = $_.city }
        $stored[$ids[0]] | Should -Be 'Paris'
        $stored[$ids[1]] | Should -Be 'Rome'
        $stored[$ids[2]] | Should -Be 'Oslo'
        $failed | Should -HaveCount 2
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ContactInputNotARow*'
        "$($failed[0])" | Should -BeLike "Row 4 (contact without id): 'not-a-row' is a String, not a row;*Set-Contact reads rows*"
        $failed[1].FullyQualifiedErrorId | Should -BeLike 'ContactValidationFailed*'
        "$($failed[1])" | Should -BeLike 'Row 5 (contact without id): has no contact id*'
    }

    It 'writes no summary for a call without pipeline input' {
        $null = New-Contact -Email 'one@example.com' -InformationVariable info
        $info | Should -BeNullOrEmpty
    }
}
