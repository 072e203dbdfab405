# End-to-end tests of CSV imports: Import-Csv | New-Contact against the local emulator. Column aliases, custom
# field and DND columns, conversion before sending, row errors, the failed-rows recipe, progress, the example
# file, a generated 2,000-row file and output order under concurrency.

BeforeAll {
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$repo/tests/Pester/EmulatorHarness.psm1" -Force
    Import-Module "$repo/out/ContactsModule/ContactsModule.psd1" -Force
    # A high burst limit so that the 2,000-row import is not paced at 100 requests per 10 s; reset keeps it.
    $script:emu = Start-ContactsEmulator -Config @{ burstLimit = 100000 }
    $script:token = ConvertTo-SecureString $emu.Token -AsPlainText -Force
    Connect-ContactsApi -Token $token -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.05

    $script:cmd = 'ContactsModule.Cmdlets.NewContactCommand'
    $script:data = Join-Path $PSScriptRoot 'Data'
    $script:module = "$repo/out/ContactsModule/ContactsModule.psd1"

    function Connect-Main {
        Connect-ContactsApi -Token $script:token -LocationId $script:emu.LocationId -BaseUri $script:emu.BaseUri -RetryDelay 0.05
    }

    function Get-Requests { @(Get-EmulatorRequest -Emulator $script:emu) }
    # Request bodies, sorted: rows are sent several at a time, so they may reach the server in any order
    # (the output order is tested separately). Compare with Sort-Text on the expected side.
    function Get-Bodies { @(Get-Requests | ForEach-Object body | Sort-Object -Culture '') }
    function Sort-Text { @($args[0] | Sort-Object -Culture '') }

    # Runs New-Contact in its own PowerShell so its progress records can be read. Returns the PowerShell's
    # Streams and whatever Invoke threw.
    function Invoke-WithProgress {
        param([string] $Script, [hashtable] $Parameters = @{})
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("param(`$Module, `$Parameters) Import-Module `$Module; $Script")
            $null = $ps.AddParameter('Module', $script:module).AddParameter('Parameters', $Parameters)
            $thrown = $null
            $output = @()
            try { $output = $ps.Invoke() } catch { $thrown = $_.Exception }
            [pscustomobject]@{
                Output   = @($output)
                Progress = @($ps.Streams.Progress)
                Errors   = @($ps.Streams.Error)
                Thrown   = $thrown
            }
        }
        finally { $ps.Dispose() }
    }

    $script:exampleRows = @(Import-Csv "$repo/examples/contacts.csv")
}

AfterAll { Disconnect-ContactsApi; Stop-ContactsEmulator -Emulator $emu }

Describe 'Columns people really have' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'binds aliased columns (First Name, E-mail, Mobile, Company, Zip, Time Zone, DOB, ...) and sends the documented JSON' {
        $created = Import-Csv "$data/aliases.csv" | New-Contact
        $created | Should -HaveCount 1
        (Get-Bodies) | Should -Be @('{"firstName":"Grace","lastName":"Hopper","name":"Grace Brewster Hopper","email":"Grace.Hopper@navy.example.mil",' +
            '"locationId":"emulator-location","gender":"female","phone":"+15550101906","address1":"1 Compiler Way","city":"Arlington","state":"VA",' +
            '"postalCode":"22201","website":"https://navy.example.mil","timezone":"America/New_York","dnd":false,"tags":["cobol","pioneer"],' +
            '"source":"Referral","country":"US","companyName":"Remington Rand, Inc.","assignedTo":"user0000000000000001","dateOfBirth":"1906-12-09"}')
        $created.Email | Should -BeExactly 'Grace.Hopper@navy.example.mil'
    }

    It 'names the columns as the file does in a row error' {
        $rows = @'
First Name,E-mail,Mobile,Zip,Time Zone,DOB
Ada,ada.example.com,call me,12345,Mars/Base,31/31/1990
'@ | ConvertFrom-Csv
        $rows | New-Contact -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failed | Should -HaveCount 1
        "$($failed[0])" | Should -BeExactly ("Row 1: E-mail 'ada.example.com' has no @. " +
            "Time Zone 'Mars/Base' is not a known IANA time zone (such as America/New_York) or Windows time zone id. " +
            "Mobile 'call me' contains letters. Write the number in digits (vanity numbers such as 1-800-FLOWERS are not converted). " +
            "DOB '31/31/1990' is not a real date.")
        Get-Requests | Should -HaveCount 0
    }

    It 'turns customField.KEY columns and -CustomFieldColumn columns into {key, field_value}; blank cells are left out' {
        $created = Import-Csv "$data/custom-columns.csv" | New-Contact -CustomFieldColumn @{ 'Favourite Animal' = 'favorite_animal' } -WarningVariable warned -WarningAction SilentlyContinue
        $created | Should -HaveCount 2
        "$warned" | Should -BeExactly 'Columns not used: Notes. Map them with -CustomFieldColumn, or ignore them with -IgnoreColumn.'
        Get-Bodies | Should -Be (Sort-Text @(
            '{"firstName":"Ann","email":"ann@example.com","locationId":"emulator-location","customFields":[{"key":"favorite_color","field_value":"blue"},{"key":"shoe_size","field_value":"42"},{"key":"favorite_animal","field_value":"cat"}]}'
            '{"firstName":"Bob","email":"bob@example.com","locationId":"emulator-location"}'
        ))
        $ids = @{}
        foreach ($field in (Invoke-RestMethod -Uri "$($emu.BaseUri)__emulator/customFields?locationId=$($emu.LocationId)" -NoProxy)) { $ids[$field.key] = $field.id }
        $created[0].CustomFields[$ids.favorite_color] | Should -BeExactly 'blue'
        $created[0].CustomFields[$ids.favorite_animal] | Should -BeExactly 'cat'
    }

    It 'without -CustomFieldColumn an unknown column is not sent, and is named in the Columns not used warning' {
        $null = Import-Csv "$data/custom-columns.csv" | Select-Object -First 1 | New-Contact -WarningVariable warned -WarningAction SilentlyContinue
        "$warned" | Should -BeExactly 'Columns not used: Favourite Animal, Notes. Map them with -CustomFieldColumn, or ignore them with -IgnoreColumn.'
        Get-Bodies | Should -Be (Sort-Text @('{"firstName":"Ann","email":"ann@example.com","locationId":"emulator-location","customFields":[{"key":"favorite_color","field_value":"blue"},{"key":"shoe_size","field_value":"42"}]}'))
    }

    It 'turns DND SMS/Email/Call/WhatsApp/GMB/FB columns into dndSettings (active/inactive/permanent or true/false)' {
        $rows = @(Import-Csv "$data/dnd-channels.csv")
        $created = $rows | New-Contact -ErrorVariable failed -ErrorAction SilentlyContinue
        $created | Should -HaveCount 3
        Get-Bodies | Should -Be (Sort-Text @(
            '{"firstName":"All","locationId":"emulator-location","dndSettings":{"Call":{"status":"permanent"},"Email":{"status":"inactive"},"SMS":{"status":"active"},"WhatsApp":{"status":"active"},"GMB":{"status":"inactive"},"FB":{"status":"permanent"}}}'
            '{"firstName":"Some","locationId":"emulator-location","dndSettings":{"Email":{"status":"active"},"FB":{"status":"inactive"}}}'
            '{"firstName":"None","locationId":"emulator-location"}'
        ))
        $created[0].DndSettings.Call.Status | Should -BeExactly 'permanent'
        $created[0].DndSettings.WhatsApp.Status | Should -BeExactly 'active'
        $failed | Should -HaveCount 1
        "$($failed[0])" | Should -BeExactly "Row 4: DND SMS 'sometimes' is not a DND status. Use active, inactive or permanent, or yes/no."
        [object]::ReferenceEquals($failed[0].TargetObject, $rows[3]) | Should -BeTrue
    }
}

Describe 'Conversion before anything is sent' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'trims, leaves out blanks, and converts country, time zone, phone, e-mail, date of birth, website, tags and DND' {
        $created = Import-Csv "$data/conversions.csv" | New-Contact
        $created | Should -HaveCount 5
        Get-Bodies | Should -Be (Sort-Text @(
            '{"firstName":"Ann","email":"Ann.Lee@example.com","locationId":"emulator-location","phone":"+15550101234","website":"https://example.com","timezone":"America/New_York","dnd":true,"tags":["vip","newsletter","2024"],"country":"US","companyName":"Lee & Co.","dateOfBirth":"1976-07-04"}'
            '{"firstName":"Bob","lastName":"Müller","email":"bob@example.de","locationId":"emulator-location","phone":"+49301234567","website":"https://www.example.de/Path","timezone":"Europe/Berlin","dnd":false,"tags":["uk","newsletter"],"country":"DE","dateOfBirth":"1990-05-17"}'
            '{"firstName":"Cleo","email":"cleo@example.fr","locationId":"emulator-location","phone":"+33199001234","timezone":"Europe/Paris","dnd":false,"country":"FR","dateOfBirth":"1995-02-14"}'
            '{"firstName":"Dai","email":"dai@example.co.uk","locationId":"emulator-location","phone":"+442079460002","website":"https://example.co.uk","timezone":"Europe/London","dnd":true,"country":"GB","dateOfBirth":"1983-05-05"}'
            '{"firstName":"Eve","email":"eve@example.com","locationId":"emulator-location","phone":"+49891234567","website":"http://example.com","timezone":"America/New_York","tags":["2025"],"country":"US","dateOfBirth":"1992-03-17"}'
        ))
    }

    It 'reads DND <Cell> as <Expected>' -TestCases @(
        @{ Cell = 'yes'; Expected = 'true' }, @{ Cell = 'NO'; Expected = 'false' }, @{ Cell = 'y'; Expected = 'true' }
        @{ Cell = 'N'; Expected = 'false' }, @{ Cell = '1'; Expected = 'true' }, @{ Cell = '0'; Expected = 'false' }
        @{ Cell = 'TRUE'; Expected = 'true' }, @{ Cell = ' False '; Expected = 'false' }
    ) {
        $null = [pscustomobject]@{ FirstName = 'D'; DND = $Cell } | New-Contact
        Get-Bodies | Should -Be (Sort-Text @("{`"firstName`":`"D`",`"locationId`":`"emulator-location`",`"dnd`":$Expected}"))
    }

    It 'refuses DND <Cell> as a row error' -TestCases @(@{ Cell = 'maybe' }, @{ Cell = 'active' }, @{ Cell = '2' }) {
        [pscustomobject]@{ FirstName = 'D'; DND = $Cell } | New-Contact -ErrorVariable failed -ErrorAction SilentlyContinue
        "$($failed[0])" | Should -BeExactly "Row 1: DND '$Cell' is not a yes/no value. Use true or false (yes/no, y/n and 1/0 work too)."
        Get-Requests | Should -HaveCount 0
    }

    It 'uses -DefaultCountry for phones of rows without a country, and does not send it as the country' {
        $rows = @'
FirstName,Phone,Country
Uk,020 7946 0003,
Fr,01 99 00 56 78,France
'@ | ConvertFrom-Csv
        $null = $rows | New-Contact -DefaultCountry 'United Kingdom'
        Get-Bodies | Should -Be (Sort-Text @(
            '{"firstName":"Uk","locationId":"emulator-location","phone":"+442079460003"}'
            '{"firstName":"Fr","locationId":"emulator-location","phone":"+33199005678","country":"FR"}'
        ))
    }

    It 'refuses a local phone in a row without a country when there is no -DefaultCountry' {
        [pscustomobject]@{ FirstName = 'Local'; Phone = '020 7946 0003' } | New-Contact -ErrorVariable failed -ErrorAction SilentlyContinue
        "$($failed[0])" | Should -BeExactly "Row 1: Phone '020 7946 0003' has no country code. Start it with + and the country code (+1 555 010 0000), or give the row a country."
    }

    It 'refuses an unknown -DefaultCountry before reading any row' {
        { [pscustomobject]@{ FirstName = 'X' } | New-Contact -DefaultCountry 'Atlantis' } | Should -Throw -ErrorId "InvalidDefaultCountry,$cmd"
        Get-Requests | Should -HaveCount 0
    }
}

Describe 'A bad row never stops the import' {
    BeforeAll {
        Reset-ContactsEmulator -Emulator $emu
        $script:rows = 1..20 | ForEach-Object { [pscustomobject]@{ FirstName = "Person$_"; Email = "person$_@example.com"; Country = 'US' } }
        $rows[16].Country = 'Atlantis'
        $script:created = $rows | New-Contact -ErrorVariable failed -ErrorAction SilentlyContinue
        $script:failed = $failed
    }

    It 'says which data row, which column, which value and why' {
        $failed | Should -HaveCount 1
        "$($failed[0])" | Should -BeExactly "Row 17: Country 'Atlantis' is not a known country name or code. Use a two-letter code such as US or DE."
        $failed[0].FullyQualifiedErrorId | Should -BeExactly "ContactValidationFailed,$cmd"
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $failed[0].ErrorDetails.RecommendedAction | Should -BeLike '*nothing was sent for this row*'
    }

    It 'has the original row as TargetObject' {
        [object]::ReferenceEquals($failed[0].TargetObject, $rows[16]) | Should -BeTrue
    }

    It 'sends nothing for the bad row and everything for the others, in order' {
        $created | Should -HaveCount 19
        $created.Email | Should -Be @($rows | Where-Object Country -ne 'Atlantis' | ForEach-Object Email)
        $bodies = Get-Bodies
        $bodies | Should -HaveCount 19
        $bodies | Where-Object { $_ -like '*person17@*' } | Should -BeNullOrEmpty
    }
}

Describe 'examples/contacts.csv' {
    BeforeAll {
        Reset-ContactsEmulator -Emulator $emu
        $script:created = $exampleRows | New-Contact -ErrorVariable failed -ErrorAction SilentlyContinue
        $script:failed = $failed
        $script:failedCsv = Join-Path $TestDrive 'failed.csv'
    }

    It 'creates the 44 valid contacts, in file order' {
        $created | Should -HaveCount 44
        @(Get-EmulatorContact -Emulator $emu) | Should -HaveCount 44
        $invalid = 19, 21, 25, 27, 30, 45
        $expected = for ($i = 1; $i -le 50; $i++) { if ($i -notin $invalid) { $exampleRows[$i - 1].'First Name' } }
        $created.FirstName | Should -Be $expected
        $created.Outcome | Select-Object -Unique | Should -Be 'Created'
    }

    It 'fails exactly rows 19, 21, 25, 27 and 30 as documented, and row 45 as a duplicate of row 1' {
        $failed | Should -HaveCount 6
        @($failed | ForEach-Object { "$_" }) | Should -Be @(
            "Row 19: Country 'Atlantis' is not a known country name or code. Use a two-letter code such as US or DE."
            "Row 21: Phone '12345' is too short for a +1 number."
            "Row 25: Email 'james.taylor@example' has an invalid domain after the @ (use a domain such as example.com)."
            "Row 27: DND 'maybe' is not a yes/no value. Use true or false (yes/no, y/n and 1/0 work too)."
            "Row 30: Time Zone 'America/Springfield' is not a known IANA time zone (such as America/New_York) or Windows time zone id."
            "Row 45: a contact with the same email already exists (id $($created[0].Id)). (traceId $($failed[5].Exception.TraceId))"
        )
        $failed.FullyQualifiedErrorId | Should -Be @(
            "ContactValidationFailed,$cmd", "ContactValidationFailed,$cmd", "ContactValidationFailed,$cmd",
            "ContactValidationFailed,$cmd", "ContactValidationFailed,$cmd", "ContactDuplicate,$cmd")
        $failed[5].Exception.DuplicateContactId | Should -BeExactly $created[0].Id
        $created[0].Email | Should -BeExactly 'Olivia.Bennett@example.com'
        for ($i = 0; $i -lt 6; $i++) {
            $row = (19, 21, 25, 27, 30, 45)[$i]
            [object]::ReferenceEquals($failed[$i].TargetObject, $exampleRows[$row - 1]) | Should -BeTrue
        }
    }

    It 'sent one create per valid row plus the duplicate, nothing for the invalid rows' {
        $requests = Get-Requests
        $requests | Should -HaveCount 45
        ($requests | Where-Object status -eq 201) | Should -HaveCount 44
        ($requests | Where-Object status -eq 400) | Should -HaveCount 1
        foreach ($value in 'Atlantis', '"phone":"12345"', 'james.taylor@example"', 'Benjamin', 'America/Springfield') {
            $requests.body | Where-Object { $_ -like "*$value*" } | Should -BeNullOrEmpty
        }
    }

    It 'the failed-rows recipe writes a CSV of exactly the failed rows, same columns' {
        $failed.TargetObject | Export-Csv -LiteralPath $failedCsv -NoTypeInformation -Encoding utf8
        $again = @(Import-Csv -LiteralPath $failedCsv)
        $again | Should -HaveCount 6
        $again[0].PSObject.Properties.Name | Should -Be $exampleRows[0].PSObject.Properties.Name
        $original = (19, 21, 25, 27, 30, 45) | ForEach-Object { $exampleRows[$_ - 1] | ConvertTo-Json -Compress }
        ($again | ForEach-Object { $_ | ConvertTo-Json -Compress }) | Should -Be $original
    }

    It 'the failed rows, corrected, import with -OnDuplicate Skip' {
        $fixed = @(Import-Csv -LiteralPath $failedCsv)
        $fixed[0].Country = 'UK'
        $fixed[1].Phone = '(555) 010-2121'
        $fixed[2].Email = 'james.taylor@example.com'
        $fixed[3].DND = 'no'
        $fixed[4].'Time Zone' = 'America/Chicago'
        $second = $fixed | New-Contact -OnDuplicate Skip -ErrorVariable again -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $again | Should -HaveCount 0
        $second.Outcome | Should -Be @('Created', 'Created', 'Created', 'Created', 'Created', 'Skipped')
        $second[5].Id | Should -BeExactly $created[0].Id
        @(Get-EmulatorContact -Emulator $emu) | Should -HaveCount 49
    }
}

Describe 'A generated 2,000-row file' {
    BeforeAll {
        Reset-ContactsEmulator -Emulator $emu
        $script:csv = Join-Path $TestDrive 'contacts-2000.csv'
        $null = & "$repo/bench/New-ContactCsv.ps1" -Count 2000 -InvalidEvery 100 -Path $csv
        $script:rows = @(Import-Csv -LiteralPath $csv)
        $script:created = $rows | New-Contact -ErrorVariable failed -ErrorAction SilentlyContinue
        $script:failed = $failed
    }

    It 'creates every valid row (the emulator stores 1,980)' {
        $rows | Should -HaveCount 2000
        $created | Should -HaveCount 1980
        @(Get-EmulatorContact -Emulator $emu) | Should -HaveCount 1980
        @(Get-Requests) | Should -HaveCount 1980
    }

    It 'errors only for the rows made invalid on purpose' {
        $failed | Should -HaveCount 20
        $expected = (1..20) | ForEach-Object { "Row $($_ * 100): Country 'Atlantis' is not a known country name or code. Use a two-letter code such as US or DE." }
        @($failed | ForEach-Object { "$_" }) | Should -Be $expected
        $failed.FullyQualifiedErrorId | Select-Object -Unique | Should -Be "ContactValidationFailed,$cmd"
    }

    It 'outputs in input order' {
        $expected = for ($i = 1; $i -le 2000; $i++) { if ($i % 100 -ne 0) { 'user{0:000000}@example.com' -f $i } }
        $created.Email | Should -Be $expected
    }
}

Describe 'Output order under concurrency' {
    It 'equals input order with -ThrottleLimit 8 and latency jitter' {
        Reset-ContactsEmulator -Emulator $emu
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ latencyMs = 5; latencyJitterMs = 5 }
        $csv = Join-Path $TestDrive 'contacts-300.csv'
        $null = & "$repo/bench/New-ContactCsv.ps1" -Count 300 -Path $csv -Seed 7
        $rows = @(Import-Csv -LiteralPath $csv)
        $created = $rows | New-Contact -ThrottleLimit 8
        $created.Email | Should -Be $rows.Email

        # The requests did overlap (otherwise order would be trivially kept), and never more than 8 at once.
        $spans = Get-Requests | ForEach-Object { [pscustomobject]@{ Start = $_.elapsedMs; End = $_.elapsedMs + $_.durationMs } }
        $events = @($spans | ForEach-Object { [pscustomobject]@{ At = $_.Start; Delta = 1 }; [pscustomobject]@{ At = $_.End; Delta = -1 } }) |
            Sort-Object At, Delta
        $inFlight = 0; $most = 0
        foreach ($event in $events) { $inFlight += $event.Delta; if ($inFlight -gt $most) { $most = $inFlight } }
        $most | Should -BeGreaterThan 1
        $most | Should -BeLessOrEqual 8
    }
}

Describe 'Progress' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }
    AfterAll { Connect-Main }

    It 'reports rows done, succeeded, failed and the rate, and is completed at the end' {
        $connection = Connect-ContactsApi -Token $token -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.05 -PassThru
        $run = Invoke-WithProgress -Script 'Import-Csv $Parameters.Path | New-Contact -Connection $Parameters.Connection -ErrorAction SilentlyContinue' `
            -Parameters @{ Path = "$repo/examples/contacts.csv"; Connection = $connection }
        $run.Thrown | Should -BeNullOrEmpty
        $run.Output | Should -HaveCount 44
        $run.Progress.Count | Should -BeGreaterThan 1
        $run.Progress[-1].RecordType | Should -Be 'Completed'
        $run.Progress.ActivityId | Select-Object -Unique | Should -HaveCount 1
        $run.Progress.Activity | Select-Object -Unique | Should -Be 'New-Contact'
        $processing = @($run.Progress | Where-Object RecordType -eq 'Processing')
        $processing.Count | Should -BeGreaterThan 0
        foreach ($record in $processing) {
            $record.StatusDescription | Should -Match '^\d+ rows done: \d+ succeeded, \d+ skipped, \d+ failed \(\d+\.\d rows/s\)$'
        }
        @($run.Progress | Where-Object RecordType -eq 'Completed') | Should -HaveCount 1
    }

    It 'is completed after a terminating 401' {
        $bad = Connect-ContactsApi -Token (ConvertTo-SecureString 'pit-wrong-token-progress' -AsPlainText -Force) -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.05 -PassThru
        $run = Invoke-WithProgress -Script 'Import-Csv $Parameters.Path | New-Contact -Connection $Parameters.Connection' `
            -Parameters @{ Path = "$repo/examples/contacts.csv"; Connection = $bad }
        $run.Errors[-1].FullyQualifiedErrorId | Should -BeExactly "ContactsApiUnauthorized,$cmd"
        $run.Output | Should -HaveCount 0
        $run.Progress.Count | Should -BeGreaterThan 0
        $run.Progress[-1].RecordType | Should -Be 'Completed'
    }

    It 'is completed when -ErrorAction Stop ends the run at a bad row' {
        $connection = Connect-ContactsApi -Token $token -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.05 -PassThru
        $run = Invoke-WithProgress -Script 'Import-Csv $Parameters.Path | New-Contact -Connection $Parameters.Connection -ErrorAction Stop' `
            -Parameters @{ Path = "$repo/examples/contacts.csv"; Connection = $connection }
        $run.Thrown | Should -Not -BeNullOrEmpty
        $run.Thrown.Message | Should -BeLike "*Row 19: Country 'Atlantis'*"
        $run.Progress[-1].RecordType | Should -Be 'Completed'
    }

    It 'is completed when a downstream Select-Object -First ends the run early' {
        $connection = Connect-ContactsApi -Token $token -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.05 -PassThru
        $run = Invoke-WithProgress -Script 'Import-Csv $Parameters.Path | New-Contact -Connection $Parameters.Connection | Select-Object -First 2' `
            -Parameters @{ Path = "$repo/examples/contacts.csv"; Connection = $connection }
        $run.Output | Should -HaveCount 2
        $run.Progress[-1].RecordType | Should -Be 'Completed'
    }
}
