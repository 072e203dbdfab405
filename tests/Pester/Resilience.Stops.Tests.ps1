# Every stop leaves each row read in exactly one place: output, an error record, or $ContactsUnconfirmedRows, and
# every contact the server holds is in one of them. Stops: Ctrl+C ([powershell].Stop() at several moments of
# several pipeline shapes, and once a real Ctrl+C in a terminal), a 401 mid-run, -ErrorAction Stop, Select-Object -First.
BeforeAll {
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$repo/tests/Pester/EmulatorHarness.psm1" -Force
    $script:modulePath = "$repo/out/ContactsModule/ContactsModule.psd1"
    Import-Module $modulePath -Force
    $script:emu = Start-ContactsEmulator

    function script:New-Rows {
        param([int] $Count, [string] $Prefix)
        foreach ($i in 1..$Count) { [pscustomobject]@{ FirstName = "$Prefix$i"; LastName = 'Row'; Email = ('{0}{1:d4}@example.com' -f $Prefix, $i) } }
    }

    # Each row read is in exactly one of output, errors, $ContactsUnconfirmedRows; the rows read are the first N; every
    # stored contact is in the output or among the unconfirmed rows; no row called "not sent" is stored.
    function script:Assert-EveryRowAccounted {
        param($Result, $Rows, [switch] $AllowNothingRead)
        Start-Sleep -Milliseconds 1500 # requests cancelled by the client may still be finishing on the server
        $errors = @($Result.Errors) + @($Result.Terminating | Where-Object { $_ })
        $outEmails = @($Result.Output | ForEach-Object Email)
        foreach ($record in $errors) { $record.TargetObject.PSObject.Properties['Email'] | Should -Not -BeNullOrEmpty -Because "every error names its input row: $record" }
        $errEmails = @($errors | ForEach-Object { $_.TargetObject.Email })
        $uncEmails = @($Result.Unconfirmed | ForEach-Object Email)
        $all = @($outEmails) + @($errEmails) + @($uncEmails)
        @($all | Sort-Object -Unique).Count | Should -Be $all.Count -Because 'no row may have two outcomes'
        if (-not $AllowNothingRead) { $all.Count | Should -BeGreaterThan 0 }
        @($all | Sort-Object) | Should -Be @($Rows | Select-Object -First $all.Count | ForEach-Object Email | Sort-Object) -Because 'the rows read are the first N of the input'
        $unconfirmedErrors = @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'ContactUnconfirmed,*' } | ForEach-Object { $_.TargetObject.Email })
        $notSent = @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'ContactNotSent,*' } | ForEach-Object { $_.TargetObject.Email })
        $stored = @(Get-EmulatorContact -Emulator $emu | ForEach-Object email)
        foreach ($email in $stored) {
            ($outEmails + $uncEmails + $unconfirmedErrors) | Should -Contain $email -Because "the server holds $email"
        }
        foreach ($email in $notSent) { $stored | Should -Not -Contain $email -Because "$email was reported not sent" }
        foreach ($email in $outEmails) { $stored | Should -Contain $email }
    }
}

AfterAll {
    Disconnect-ContactsApi
    Stop-ContactsEmulator -Emulator $emu
}

Describe 'Ctrl+C in several pipeline shapes and moments' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'Ctrl+C with a <shape> upstream/downstream after <after> result(s)' -ForEach @(
        @{ shape = 'fast upstream'; after = 0 }
        @{ shape = 'fast upstream'; after = 3 }
        @{ shape = 'slow upstream'; after = 0 }
        @{ shape = 'slow upstream'; after = 2 }
        @{ shape = 'slow upstream'; after = 6 }
        @{ shape = 'slow downstream'; after = 1 }
        @{ shape = 'slow downstream'; after = 4 }
    ) {
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ latencyMs = 250 }
        $rows = @(New-Rows -Count 40 -Prefix ("c{0}{1}" -f ($shape -replace '\W', ''), $after))
        $script = switch ($shape) {
            'fast upstream' { { param($BaseUri, $Token, $Location, $Rows) Connect-ContactsApi -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -LocationId $Location -BaseUri $BaseUri; $Rows | New-Contact -ThrottleLimit 4 } }
            'slow upstream' { { param($BaseUri, $Token, $Location, $Rows) Connect-ContactsApi -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -LocationId $Location -BaseUri $BaseUri; $Rows | ForEach-Object { Start-Sleep -Milliseconds 120; $_ } | New-Contact -ThrottleLimit 4 } }
            'slow downstream' { { param($BaseUri, $Token, $Location, $Rows) Connect-ContactsApi -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -LocationId $Location -BaseUri $BaseUri; $Rows | New-Contact -ThrottleLimit 4 | ForEach-Object { Start-Sleep -Milliseconds 300; $_ } } }
        }
        $run = Start-BackgroundRun -Emulator $emu -ModulePath $modulePath -Script $script -Rows $rows
        if ($after -eq 0) {
            # Stop while the first rows are in flight (the first answer takes latencyMs).
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while (@(Get-EmulatorRequest -Emulator $emu).Count -lt 2 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
        }
        else {
            Wait-BackgroundOutput -Run $run -Count $after
        }
        $run.PS.Stop()
        $result = Complete-BackgroundRun -Run $run
        $result.Warnings.Count | Should -Be 1
        $result.Warnings[0] | Should -Match '^Stopped: .* No row after row \d+ was read\. .*-OnDuplicate Skip'
        $result.Unconfirmed.Count | Should -BeGreaterThan 0
        Assert-EveryRowAccounted -Result $result -Rows $rows
    }

    It 'a new run clears $ContactsUnconfirmedRows' {
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ latencyMs = 250 }
        $rows = @(New-Rows -Count 20 -Prefix clear)
        $run = Start-BackgroundRun -Emulator $emu -ModulePath $modulePath -Rows $rows -Script {
            param($BaseUri, $Token, $Location, $Rows)
            Connect-ContactsApi -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -LocationId $Location -BaseUri $BaseUri
            $Rows | New-Contact -ThrottleLimit 4
        }
        Wait-BackgroundOutput -Run $run -Count 1
        $run.PS.Stop()
        @($run.PS.Runspace.SessionStateProxy.GetVariable('ContactsUnconfirmedRows')).Count | Should -BeGreaterThan 0
        $run.PS.Commands.Clear()
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ latencyMs = 0 }
        $null = $run.PS.AddScript({ New-Contact -FirstName Fresh -Email 'fresh-run@example.com' }).Invoke()
        @($run.PS.Runspace.SessionStateProxy.GetVariable('ContactsUnconfirmedRows')).Count | Should -Be 0
        $run.PS.Dispose()
    }
}

Describe 'Other stops' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'a 401 mid-run: stored rows are output or ContactUnconfirmed, never ContactNotSent; re-running the whole input with -OnDuplicate Skip sends every row once' {
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ latencyMs = 150 }
        $rows = @(New-Rows -Count 40 -Prefix revoked)
        $run = Start-BackgroundRun -Emulator $emu -ModulePath $modulePath -Rows $rows -Script {
            param($BaseUri, $Token, $Location, $Rows)
            Connect-ContactsApi -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -LocationId $Location -BaseUri $BaseUri -RetryDelay 0.01
            try { $Rows | New-Contact -ThrottleLimit 6 } catch { $global:RunTerminating = $_ }
        }
        Wait-BackgroundOutput -Run $run -Count 5
        # Revoke the token while rows are in flight.
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ tokens = @{ 'pit-other-token-0002' = 'other-location' } }
        $result = Complete-BackgroundRun -Run $run
        $result.Terminating | Should -Not -BeNullOrEmpty
        $result.Terminating.FullyQualifiedErrorId | Should -BeLike 'ContactsApiUnauthorized,*'
        $message = $result.Terminating.ErrorDetails.Message
        $message | Should -Match 'Stopped after reading (\d+) row\(s\)'
        $message | Should -Match 'No row after row \d+ was read'
        $result.Terminating.ErrorDetails.RecommendedAction | Should -Match 'run the whole input again with New-Contact -OnDuplicate Skip'
        Assert-EveryRowAccounted -Result $result -Rows $rows

        # The recovery the message gives, followed literally, sends every row once.
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ tokens = @{ 'pit-emulator-token-0001' = 'emulator-location'; 'pit-other-token-0002' = 'other-location' }; latencyMs = 0 }
        Connect-ContactsApi -Token (ConvertTo-SecureString $emu.Token -AsPlainText -Force) -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.01
        $null = $rows | New-Contact -OnDuplicate Skip -WarningAction SilentlyContinue -ErrorVariable again -ErrorAction SilentlyContinue
        @($again).Count | Should -Be 0
        $stats = Get-EmulatorStat -Emulator $emu
        $stats.contacts | Should -Be 40
        $stats.distinctEmails | Should -Be 40
    }

    It '-ErrorAction Stop at a bad row names the rows in flight' {
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ latencyMs = 200 }
        $rows = @(New-Rows -Count 30 -Prefix eas)
        $rows[7].Email = 'not-an-email'
        $run = Start-BackgroundRun -Emulator $emu -ModulePath $modulePath -Rows $rows -Script {
            param($BaseUri, $Token, $Location, $Rows)
            Connect-ContactsApi -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -LocationId $Location -BaseUri $BaseUri
            try { $Rows | New-Contact -ThrottleLimit 8 -ErrorAction Stop } catch { $global:RunTerminating = $_ }
        }
        $result = Complete-BackgroundRun -Run $run
        $result.Terminating | Should -Not -BeNullOrEmpty
        $result.Terminating.TargetObject.Email | Should -Be 'not-an-email'
        $result.Unconfirmed.Count | Should -BeGreaterThan 0
        # The bad row is the terminating error: compare by position instead of email for it.
        $result.Terminating.TargetObject.Email = $null
        $rows[7].Email = $null
        Assert-EveryRowAccounted -Result ([pscustomobject]@{ Output = $result.Output; Errors = $result.Errors; Terminating = $null; Unconfirmed = $result.Unconfirmed }) -Rows @($rows | Where-Object Email)
    }

    It 'Select-Object -First 5 downstream: the rows in flight are in $ContactsUnconfirmedRows' {
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ latencyMs = 150 }
        $rows = @(New-Rows -Count 40 -Prefix first)
        $run = Start-BackgroundRun -Emulator $emu -ModulePath $modulePath -Rows $rows -Script {
            param($BaseUri, $Token, $Location, $Rows)
            Connect-ContactsApi -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -LocationId $Location -BaseUri $BaseUri
            $Rows | New-Contact -ThrottleLimit 8 | Select-Object -First 5
        }
        $result = Complete-BackgroundRun -Run $run
        $result.Output.Count | Should -Be 5
        $result.Unconfirmed.Count | Should -BeGreaterThan 0
        Assert-EveryRowAccounted -Result $result -Rows $rows
    }
}

Describe 'A real Ctrl+C in a terminal' {
    It 'pressing Ctrl+C in a terminal (a pty running pwsh) leaves every stored row in the output or $ContactsUnconfirmedRows' {
        $python = Get-Command python3 -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if (-not $python) { Set-ItResult -Skipped -Because 'python3 (for its pty module) is not installed'; return }
        Reset-ContactsEmulator -Emulator $emu
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ latencyMs = 250 }
        $pwsh = [System.Environment]::ProcessPath
        $prefix = @(if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
        $driver = Join-Path $PSScriptRoot 'Fixtures/ctrl_c_in_pty.py'
        # The script prints each result as OUT=<email>; Ctrl+C stops the pipeline, and the finally block (which a stop
        # runs) prints what $ContactsUnconfirmedRows holds.
        $script = @"
Import-Module '$modulePath'
Connect-ContactsApi -Token (ConvertTo-SecureString '$($emu.Token)' -AsPlainText -Force) -LocationId '$($emu.LocationId)' -BaseUri '$($emu.BaseUri)'
try {
    1..40 | ForEach-Object { Start-Sleep -Milliseconds 100; [pscustomobject]@{ FirstName = "Pty`$_"; Email = ('pty{0:d4}@example.com' -f `$_) } } |
        New-Contact -ThrottleLimit 4 | ForEach-Object { [Console]::Out.WriteLine('OUT=' + `$_.Email) }
}
finally {
    [Console]::Out.WriteLine('UNCONFIRMED=' + (@(`$ContactsUnconfirmedRows | ForEach-Object Email) -join ','))
}
"@
        $file = Join-Path ([System.IO.Path]::GetTempPath()) ("ctrlc-{0}.ps1" -f [guid]::NewGuid().ToString('N'))
        Set-Content -LiteralPath $file -Value $script
        try {
            $lines = & $python.Source $driver --after 3 -- $pwsh @prefix -NoProfile -NoLogo -File $file 2>&1
        }
        finally {
            Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue
        }
        $LASTEXITCODE | Should -Be 0 -Because ($lines -join "`n")
        $text = ($lines | ForEach-Object { "$_" }) -join "`n"
        # The progress line may share a terminal line with a result: find the markers anywhere.
        $out = @([regex]::Matches($text, 'OUT=(\S+@example\.com)') | ForEach-Object { $_.Groups[1].Value })
        $unconfirmedLine = @([regex]::Matches($text, 'UNCONFIRMED=([^\s]*)'))
        $unconfirmedLine.Count | Should -Be 1 -Because $text
        $unconfirmed = @($unconfirmedLine[0].Groups[1].Value -split ',' | Where-Object { $_ })
        $out.Count | Should -BeGreaterOrEqual 3
        $unconfirmed.Count | Should -BeGreaterThan 0
        $text | Should -Match 'WARNING: Stopped: '
        @($out + $unconfirmed | Sort-Object -Unique).Count | Should -Be ($out.Count + $unconfirmed.Count)
        Start-Sleep -Milliseconds 1500
        foreach ($email in @(Get-EmulatorContact -Emulator $emu | ForEach-Object email)) {
            ($out + $unconfirmed) | Should -Contain $email
        }
    }
}
