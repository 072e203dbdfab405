# Runs the runbook sample of about_ContactsModule (RUNBOOKS) as written, in a child pwsh against the emulator: it must
# exit 0 when every row is imported, 1 when a row failed (with failed.csv holding exactly those rows), and 2 when the
# run stops (a rejected token).

BeforeAll {
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$repo/tests/Pester/EmulatorHarness.psm1" -Force
    $script:emu = Start-ContactsEmulator

    $about = Get-Content -LiteralPath "$repo/docs/about_ContactsModule.md" -Raw
    $section = $about.Substring($about.IndexOf('## RUNBOOKS'))
    if ($section -notmatch '(?s)```powershell\r?\n(?<code>.*?)```') { throw 'No PowerShell sample in the RUNBOOKS section.' }
    $script:runbook = Join-Path $TestDrive 'runbook.ps1'
    Set-Content -LiteralPath $runbook -Value $Matches.code

    $script:PwshExe = [System.Environment]::ProcessPath
    $script:PwshPrefix = @()
    if ([System.IO.Path]::GetFileNameWithoutExtension($PwshExe) -eq 'dotnet') { $script:PwshPrefix = @(Join-Path $PSHOME 'pwsh.dll') }

    # Runs the sample as a runbook would (the module on PSModulePath, the connection from the environment); only
    # -BaseUri is pointed at the emulator, through $PSDefaultParameterValues.
    function Invoke-Runbook {
        param([string] $Csv, [string] $Token = $script:emu.Token)
        $failedPath = Join-Path $TestDrive 'failed.csv'
        Remove-Item -LiteralPath $failedPath -ErrorAction SilentlyContinue
        $command = "`$PSDefaultParameterValues['Connect-ContactsApi:BaseUri'] = '$($script:emu.BaseUri)'; & '$($script:runbook)' -CsvPath '$Csv' -FailedPath '$failedPath'; exit `$LASTEXITCODE"
        $startInfo = [System.Diagnostics.ProcessStartInfo]::new($script:PwshExe)
        foreach ($argument in @($script:PwshPrefix) + @('-NoProfile', '-NonInteractive', '-Command', $command)) { $startInfo.ArgumentList.Add($argument) }
        $startInfo.UseShellExecute = $false
        $startInfo.RedirectStandardOutput = $true
        $startInfo.RedirectStandardError = $true
        $startInfo.Environment['NO_COLOR'] = '1'
        $startInfo.Environment['PSModulePath'] = "$repo/out" + [System.IO.Path]::PathSeparator + $env:PSModulePath
        $startInfo.Environment['HIGHLEVEL_API_TOKEN'] = $Token
        $startInfo.Environment['HIGHLEVEL_LOCATION_ID'] = $script:emu.LocationId
        $process = [System.Diagnostics.Process]::Start($startInfo)
        $stderr = $process.StandardError.ReadToEndAsync()
        $stdout = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()
        [pscustomobject]@{
            ExitCode = $process.ExitCode
            Output   = $stdout
            Error    = $stderr.Result
            Failed   = if (Test-Path -LiteralPath $failedPath) { @(Import-Csv -LiteralPath $failedPath) } else { @() }
        }
    }

    $script:good = Join-Path $TestDrive 'good.csv'
    "FirstName,Email`nAnn,ann@example.com`nBob,bob@example.com" | Set-Content -LiteralPath $good
    $script:mixed = Join-Path $TestDrive 'mixed.csv'
    "FirstName,Email`nCy,cy@example.com`nBad,not-an-email`nDee,dee@example.com`nWorse,also-bad" | Set-Content -LiteralPath $mixed
}

AfterAll { Stop-ContactsEmulator -Emulator $emu }

Describe 'The runbook sample of about_ContactsModule' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'exits 0 when every row was imported' {
        $run = Invoke-Runbook -Csv $good
        $run.ExitCode | Should -Be 0 -Because $run.Error
        $run.Output | Should -BeLike '*New-Contact: 2 row(s) read: 2 created*'
        @(Get-EmulatorContact -Emulator $emu) | Should -HaveCount 2
        $run.Failed | Should -HaveCount 0
    }

    It 'exits 1 when a row failed, and writes exactly the failed rows' {
        $run = Invoke-Runbook -Csv $mixed
        $run.ExitCode | Should -Be 1
        $run.Output | Should -BeLike '*4 row(s) read: 2 created, 0 updated, 0 skipped, 2 failed*'
        @($run.Failed.FirstName) | Should -Be @('Bad', 'Worse')
        @(Get-EmulatorContact -Emulator $emu) | Should -HaveCount 2
    }

    It 'exits 2 when the run stops (a rejected token)' {
        $run = Invoke-Runbook -Csv $good -Token 'pit-not-a-real-token'
        $run.ExitCode | Should -Be 2
        $run.Error | Should -BeLike '*401*'
        @(Get-EmulatorContact -Emulator $emu) | Should -HaveCount 0
    }
}
