# End-to-end tests of -ReportPath (the run report of the row engine) against the local emulator: one CSV line per
# input row, in input order, with the row's outcome, contact id, changed fields, ErrorId, message and traceId; a true
# partial report after a stop; a path that cannot be created stops the cmdlet before anything is sent.
# Run: dotnet pwsh ./build.ps1 -Task Test -TestName RunReport

BeforeAll {
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$repo/tests/Pester/EmulatorHarness.psm1" -Force
    $script:modulePath = "$repo/out/ContactsModule/ContactsModule.psd1"
    Import-Module $modulePath -Force
    $script:emu = Start-ContactsEmulator -Config @{ burstLimit = 100000 }
    $script:token = ConvertTo-SecureString $emu.Token -AsPlainText -Force

    function script:Connect-Main {
        Connect-ContactsApi -Token $script:token -LocationId $script:emu.LocationId -BaseUri $script:emu.BaseUri -RetryDelay 0.01
    }
    Connect-Main

    function script:New-Rows {
        param([int] $Count, [string] $Prefix)
        foreach ($i in 1..$Count) { [pscustomobject]@{ FirstName = "$Prefix$i"; LastName = 'Row'; Email = ('{0}{1:d4}@example.com' -f $Prefix, $i) } }
    }

    # The report as Import-Csv reads it back.
    function script:Read-Report([string] $Path) { @(Import-Csv -LiteralPath $Path) }

    # Every line of a partial report agrees with the server: Created rows are stored under their ContactId, NotSent rows
    # are not stored, and every stored contact is a Created or Unconfirmed line.
    function script:Assert-ReportMatchesServer {
        param($Lines, $Rows)
        Start-Sleep -Milliseconds 1500 # requests cancelled by the client may still be finishing on the server
        $stored = @(Get-EmulatorContact -Emulator $emu)
        $storedIds = @($stored | ForEach-Object id)
        foreach ($line in $Lines) {
            $email = $Rows[[int] $line.Row - 1].Email
            switch ($line.Outcome) {
                'Created' {
                    $storedIds | Should -Contain $line.ContactId -Because "row $($line.Row) is reported created"
                    ($stored | Where-Object id -EQ $line.ContactId).email | Should -Be $email
                }
                'NotSent' {
                    $line.ErrorId | Should -Be 'ContactNotSent'
                    @($stored | ForEach-Object email) | Should -Not -Contain $email -Because "row $($line.Row) is reported not sent"
                }
                'Unconfirmed' { $line.ErrorId | Should -Be 'ContactUnconfirmed' }
                'Failed' { $line.ErrorId | Should -Not -BeNullOrEmpty }
                default { throw "unexpected outcome '$($line.Outcome)' in row $($line.Row)" }
            }
        }
        $reported = @($Lines | Where-Object Outcome -In 'Created', 'Unconfirmed', 'Failed' | ForEach-Object { $Rows[[int] $_.Row - 1].Email })
        foreach ($contact in $stored) { $reported | Should -Contain $contact.email -Because "the server holds $($contact.email)" }
    }
}

AfterAll {
    Disconnect-ContactsApi
    Stop-ContactsEmulator -Emulator $emu
}

Describe 'New-Contact -ReportPath' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'a mixed run gives one line per row, in input order, with the outcome, ContactId, ErrorId, message and traceId' {
        $null = Add-EmulatorContact -Emulator $emu -Contact @{ id = 'existingcontact00001'; locationId = $emu.LocationId; firstName = 'Old'; email = 'taken@example.com' }
        $rows = @(
            [pscustomobject]@{ FirstName = 'Lee, "Jr"'; Email = 'new1@example.com' }
            [pscustomobject]@{ FirstName = 'Dup'; Email = 'TAKEN@example.com' }
            [pscustomobject]@{ FirstName = 'Bad'; Email = 'not-an-email' }
            [pscustomobject]@{ FirstName = ''; Email = '' }
            [pscustomobject]@{ FirstName = 'Second'; Email = 'new2@example.com' }
        )
        $report = Join-Path $TestDrive 'mixed.csv'
        $out = $rows | New-Contact -ReportPath $report -ErrorVariable errs -ErrorAction SilentlyContinue
        $out.Count | Should -Be 2
        $errs.Count | Should -Be 2

        $lines = Read-Report $report
        $lines.Count | Should -Be 5
        @($lines | ForEach-Object Row) | Should -Be @('1', '2', '3', '4', '5')
        @($lines[0].PSObject.Properties.Name) | Should -Be @('Row', 'Outcome', 'ContactId', 'ChangedFields', 'ErrorId', 'Message', 'TraceId')

        $lines[0].Outcome | Should -Be 'Created'
        $lines[0].ContactId | Should -Be $out[0].Id
        $lines[0].ErrorId | Should -BeNullOrEmpty
        $lines[4].Outcome | Should -Be 'Created'
        $lines[4].ContactId | Should -Be $out[1].Id

        $lines[1].Outcome | Should -Be 'Failed'
        $lines[1].ErrorId | Should -Be 'ContactDuplicate'
        $lines[1].ContactId | Should -Be 'existingcontact00001'
        $lines[1].Message | Should -Be $errs[0].ErrorDetails.Message
        $lines[1].TraceId | Should -Not -BeNullOrEmpty
        $lines[1].TraceId | Should -Be $errs[0].Exception.TraceId

        $lines[2].Outcome | Should -Be 'Failed'
        $lines[2].ErrorId | Should -Be 'ContactValidationFailed'
        $lines[2].Message | Should -BeLike 'Row 3*not-an-email*'
        $lines[2].TraceId | Should -BeNullOrEmpty

        $lines[3].Outcome | Should -Be 'Empty'

        # UTF-8 with a byte order mark, every field quoted, the quote in the value doubled.
        $bytes = [System.IO.File]::ReadAllBytes($report)
        $bytes[0..2] | Should -Be @(0xEF, 0xBB, 0xBF)
        $text = [System.IO.File]::ReadAllText($report)
        $text | Should -Match '^\uFEFF?"Row","Outcome","ContactId","ChangedFields","ErrorId","Message","TraceId"\r?\n'
    }

    It '-OnDuplicate Skip reports the skipped row with the existing contact' {
        $null = Add-EmulatorContact -Emulator $emu -Contact @{ id = 'existingcontact00002'; locationId = $emu.LocationId; firstName = 'Old'; email = 'kept@example.com' }
        $report = Join-Path $TestDrive 'skip.csv'
        $null = [pscustomobject]@{ Email = 'kept@example.com' }, [pscustomobject]@{ Email = 'fresh@example.com' } |
            New-Contact -OnDuplicate Skip -ReportPath $report -WarningAction SilentlyContinue
        $lines = Read-Report $report
        $lines.Count | Should -Be 2
        $lines[0].Outcome | Should -Be 'Skipped'
        $lines[0].ContactId | Should -Be 'existingcontact00002'
        $lines[0].Message | Should -Match 'skipped, contact existingcontact00002'
        $lines[1].Outcome | Should -Be 'Created'
    }

    It 'a relative path is taken from the current PowerShell location, and an existing report is replaced' {
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'relative') -Force
        Set-Content -LiteralPath (Join-Path $folder 'run.csv') -Value 'old content'
        Push-Location -LiteralPath $folder
        try { $null = New-Contact -FirstName 'Rel' -Email 'rel@example.com' -ReportPath 'run.csv' }
        finally { Pop-Location }
        $lines = Read-Report (Join-Path $folder 'run.csv')
        $lines.Count | Should -Be 1
        $lines[0].Outcome | Should -Be 'Created'
    }

    It 'a path that cannot be created (<case>) is a terminating ContactReportPathFailed and sends nothing' -ForEach @(
        @{ case = 'missing folder'; make = { Join-Path $TestDrive 'no-such-folder/report.csv' } }
        @{ case = 'a folder'; make = { (New-Item -ItemType Directory -Path (Join-Path $TestDrive 'is-a-folder') -Force).FullName } }
        @{ case = 'not the file system'; make = { 'Env:\ContactsReport' } }
    ) {
        $path = & $make
        $err = $null
        try { $null = New-Rows -Count 3 -Prefix bad | New-Contact -ReportPath $path } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'ContactReportPathFailed,*'
        $err.CategoryInfo.Category | Should -Be 'OpenError'
        $err.ErrorDetails.Message | Should -Match 'Nothing was sent'
        @(Get-EmulatorRequest -Emulator $emu).Count | Should -Be 0
    }

    It '-WhatIf writes no report and sends nothing' {
        $report = Join-Path $TestDrive 'whatif.csv'
        $run = Invoke-WithCapturedHost { New-Contact -FirstName 'W' -Email 'w@example.com' -ReportPath $report -WhatIf } -Variable @{ report = $report }
        $run.HostText | Should -Match 'What if: '
        Test-Path -LiteralPath $report | Should -BeFalse
        @(Get-EmulatorRequest -Emulator $emu).Count | Should -Be 0
    }
}

Describe 'Set-Contact -ReportPath' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'reports Updated with the contact id and the fields sent, ContactNotFound with the id asked for, and Skipped' {
        $null = Add-EmulatorContact -Emulator $emu -Contact @(
            @{ id = 'setreportcontact0001'; locationId = $emu.LocationId; firstName = 'A'; email = 'a@example.com'; tags = @('seed') }
            @{ id = 'setreportcontact0002'; locationId = $emu.LocationId; firstName = 'B'; email = 'b@example.com' }
        )
        $rows = @(
            [pscustomobject]@{ Id = 'setreportcontact0001'; City = 'Paris'; 'Postal Code' = '75001' }
            [pscustomobject]@{ Id = 'missingcontact000000'; City = 'Rome' }
            [pscustomobject]@{ Id = 'setreportcontact0002'; City = '' }
        )
        $report = Join-Path $TestDrive 'set.csv'
        $rows | Set-Contact -ReportPath $report -AddTag followup -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $errs.Count | Should -Be 1
        $lines = Read-Report $report
        $lines.Count | Should -Be 3
        $lines[0].Outcome | Should -Be 'Updated'
        $lines[0].ContactId | Should -Be 'setreportcontact0001'
        $lines[0].ChangedFields | Should -Be 'city;postalCode;tags'
        $lines[1].Outcome | Should -Be 'Failed'
        $lines[1].ErrorId | Should -Be 'ContactNotFound'
        $lines[1].ContactId | Should -Be 'missingcontact000000'
        $lines[1].Message | Should -Be $errs[0].ErrorDetails.Message
        $lines[2].Outcome | Should -Be 'Updated'
        $lines[2].ChangedFields | Should -Be 'tags'
    }

    It 'a row with nothing to change is Skipped; -PassThru reports the same' {
        $null = Add-EmulatorContact -Emulator $emu -Contact @{ id = 'setreportcontact0003'; locationId = $emu.LocationId; firstName = 'C' }
        $report = Join-Path $TestDrive 'set-skip.csv'
        $out = [pscustomobject]@{ Id = 'setreportcontact0003'; City = 'Oslo' }, [pscustomobject]@{ Id = 'setreportcontact0003'; City = ' ' } |
            Set-Contact -PassThru -ReportPath $report -WarningAction SilentlyContinue
        @($out).Count | Should -Be 1
        $lines = Read-Report $report
        $lines.Count | Should -Be 2
        $lines[0].Outcome | Should -Be 'Updated'
        $lines[0].ChangedFields | Should -Be 'city'
        $lines[0].ContactId | Should -Be 'setreportcontact0003'
        $lines[1].Outcome | Should -Be 'Skipped'
        $lines[1].Message | Should -Match 'nothing to change'
    }
}

Describe 'The report after a stop' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'a 401 mid-run leaves a true partial report: every row read has its line, and the lines agree with the server' {
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ latencyMs = 150 }
        $rows = @(New-Rows -Count 40 -Prefix rep401)
        $report = Join-Path $TestDrive 'stop401.csv'
        $run = Start-BackgroundRun -Emulator $emu -ModulePath $modulePath -Rows $rows -Report $report -Script {
            param($BaseUri, $Token, $Location, $Rows, $Report)
            Connect-ContactsApi -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -LocationId $Location -BaseUri $BaseUri -RetryDelay 0.01
            try { $Rows | New-Contact -ThrottleLimit 6 -ReportPath $Report } catch { $global:RunTerminating = $_ }
        }
        Wait-BackgroundOutput -Run $run -Count 5
        # Revoke the token while rows are in flight.
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ tokens = @{ 'pit-other-token-0002' = 'other-location' } }
        $result = Complete-BackgroundRun -Run $run
        $result.Terminating.FullyQualifiedErrorId | Should -BeLike 'ContactsApiUnauthorized,*'
        $result.Terminating.ErrorDetails.Message -match 'Stopped after reading (\d+) row\(s\)' | Should -BeTrue
        $read = [int] $Matches[1]
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ tokens = @{ 'pit-emulator-token-0001' = 'emulator-location'; 'pit-other-token-0002' = 'other-location' }; latencyMs = 0 }

        $lines = Read-Report $report
        $lines.Count | Should -Be $read
        @($lines | ForEach-Object { [int] $_.Row }) | Should -Be @(1..$read)
        @($lines | Where-Object ErrorId -EQ 'ContactsApiUnauthorized').Count | Should -BeGreaterOrEqual 1
        @($lines | Where-Object Outcome -EQ 'Created').Count | Should -Be $result.Output.Count
        @($lines | Where-Object Outcome -EQ 'Unconfirmed').Count | Should -Be $result.Unconfirmed.Count
        @($lines | Where-Object Outcome -EQ 'NotSent').Count | Should -Be @($result.Errors | Where-Object { $_.FullyQualifiedErrorId -like 'ContactNotSent,*' }).Count
        Assert-ReportMatchesServer -Lines $lines -Rows $rows
    }

    It 'Ctrl+C leaves a true partial report: the rows in $ContactsUnconfirmedRows have their lines too' {
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ latencyMs = 250 }
        $rows = @(New-Rows -Count 40 -Prefix repstop)
        $report = Join-Path $TestDrive 'ctrlc.csv'
        $run = Start-BackgroundRun -Emulator $emu -ModulePath $modulePath -Rows $rows -Report $report -Script {
            param($BaseUri, $Token, $Location, $Rows, $Report)
            Connect-ContactsApi -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -LocationId $Location -BaseUri $BaseUri
            $Rows | New-Contact -ThrottleLimit 4 -ReportPath $Report
        }
        Wait-BackgroundOutput -Run $run -Count 3
        $run.PS.Stop()
        $result = Complete-BackgroundRun -Run $run
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ latencyMs = 0 }
        $result.Warnings.Count | Should -Be 1
        $result.Warnings[0] -match 'Stopped: .*\. (\d+) row\(s\) were read' | Should -BeTrue
        $read = [int] $Matches[1]
        $result.Unconfirmed.Count | Should -BeGreaterThan 0

        $lines = Read-Report $report
        $lines.Count | Should -Be $read
        @($lines | ForEach-Object { [int] $_.Row }) | Should -Be @(1..$read)
        # The rows written to the pipeline come first; every unconfirmed row has a line after them.
        @($lines | Select-Object -First $result.Output.Count | ForEach-Object ContactId) | Should -Be @($result.Output | ForEach-Object Id)
        $unconfirmedRows = @($lines | Select-Object -Skip $result.Output.Count)
        $unconfirmedRows.Count | Should -Be $result.Unconfirmed.Count
        @($unconfirmedRows | ForEach-Object { $rows[[int] $_.Row - 1].Email }) | Should -Be @($result.Unconfirmed | ForEach-Object Email)
        @($lines | Where-Object Outcome -In 'Unconfirmed', 'NotSent').Count | Should -BeGreaterThan 0
        Assert-ReportMatchesServer -Lines $lines -Rows $rows
    }
}
