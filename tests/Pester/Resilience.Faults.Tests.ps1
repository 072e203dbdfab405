# True outcomes under faults: look-ups that find someone else's contact, absurd waits, dead servers, late stores.
# Each run that could hang on a broken client runs in its own runspace with a safety bound (a hang fails the test;
# nothing here asserts how long anything took).
BeforeAll {
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$repo/tests/Pester/EmulatorHarness.psm1" -Force
    $script:modulePath = "$repo/out/ContactsModule/ContactsModule.psd1"
    Import-Module $modulePath -Force
    $script:emu = Start-ContactsEmulator

    # Runs $Script (param($BaseUri, $Token, $Location, ...)) in a fresh runspace with the module loaded.
    function script:Invoke-Bounded {
        param(
            [Parameter(Mandatory)] $Emulator,
            [Parameter(Mandatory)] [scriptblock] $Script,
            [hashtable] $Arguments = @{},
            [int] $TimeoutSeconds = 120
        )
        $ps = [powershell]::Create()
        $null = $ps.AddScript('param($m) Import-Module $m').AddArgument($modulePath).Invoke()
        $ps.Commands.Clear()
        $null = $ps.AddScript($Script).AddParameter('BaseUri', $Emulator.BaseUri).AddParameter('Token', $Emulator.Token).AddParameter('Location', $Emulator.LocationId)
        foreach ($key in $Arguments.Keys) { $null = $ps.AddParameter($key, $Arguments[$key]) }
        $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $async = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
        $completed = $async.AsyncWaitHandle.WaitOne($TimeoutSeconds * 1000)
        if (-not $completed) { $ps.Stop() }
        $reason = $ps.InvocationStateInfo.Reason
        $result = [pscustomobject]@{
            Completed   = $completed
            Output      = @($output)
            Errors      = @($ps.Streams.Error)
            Terminating = if ($reason -and $reason.PSObject.Properties['ErrorRecord']) { $reason.ErrorRecord } else { $null }
            Unconfirmed = @($ps.Runspace.SessionStateProxy.GetVariable('ContactsUnconfirmedRows'))
            Warnings    = @($ps.Streams.Warning | ForEach-Object Message)
        }
        $ps.Dispose()
        $result
    }

    function script:New-Rows {
        param([int] $Count, [string] $Prefix, [switch] $PhoneOnly)
        foreach ($i in 1..$Count) {
            if ($PhoneOnly) { [pscustomobject]@{ FirstName = "$Prefix$i"; LastName = 'Row'; Phone = ('+1 415 555 {0:d4}' -f $i) } }
            else { [pscustomobject]@{ FirstName = "$Prefix$i"; LastName = 'Row'; Email = ('{0}{1:d4}@example.com' -f $Prefix, $i) } }
        }
    }

    function script:Get-Creates {
        param($Emulator)
        @(Get-EmulatorRequest -Emulator $Emulator | Where-Object { $_.method -eq 'POST' -and $_.path -match '^/contacts/?$' })
    }
}

AfterAll {
    Disconnect-ContactsApi
    Stop-ContactsEmulator -Emulator $emu
}

Describe 'A look-up never hands a row someone else''s contact' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'a row whose email already existed is a duplicate, never Created, when first attempts fail (<mode>)' -ForEach @(
        @{ mode = 'Error' }, @{ mode = 'Skip' }
    ) {
        $rows = @(New-Rows -Count 30 -Prefix "exist$mode")
        $null = Add-EmulatorContact -Emulator $emu -Contact @($rows | ForEach-Object { @{ locationId = $emu.LocationId; firstName = 'Old'; email = $_.Email; dateAdded = '2024-01-01T00:00:00.000Z' } })
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ errorRate = 0.3; seed = 11; faultPaths = @('/contacts/') }
        $run = Invoke-Bounded -Emulator $emu -Arguments @{ Rows = $rows; Mode = $mode } -Script {
            param($BaseUri, $Token, $Location, $Rows, $Mode)
            Connect-ContactsApi -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -LocationId $Location -BaseUri $BaseUri -RetryDelay 0.01 -MaxRetry 8
            $Rows | New-Contact -OnDuplicate $Mode -ThrottleLimit 6 -WarningAction SilentlyContinue
        }
        $run.Completed | Should -BeTrue
        @(Get-EmulatorRequest -Emulator $emu | Where-Object fault -eq 'error').Count | Should -BeGreaterThan 0
        @($run.Output | Where-Object Outcome -eq 'Created').Count | Should -Be 0
        if ($mode -eq 'Skip') {
            @($run.Output | Where-Object Outcome -eq 'Skipped').Count | Should -Be 30
            @($run.Output.FirstName | Sort-Object -Unique) | Should -Be @('Old')
        }
        else {
            @($run.Errors | Where-Object { $_.FullyQualifiedErrorId -like 'ContactDuplicate,*' }).Count | Should -Be 30
        }
        @(Get-EmulatorContact -Emulator $emu).Count | Should -Be 30
    }

    It 'the second copy of an email in one file is a duplicate of the first, never the first''s contact' {
        $first = @(New-Rows -Count 20 -Prefix twice)
        $rows = @($first; $first | ForEach-Object { [pscustomobject]@{ FirstName = $_.FirstName; LastName = 'Again'; Email = $_.Email } })
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ errorRate = 0.3; seed = 5; faultPaths = @('/contacts/') }
        $run = Invoke-Bounded -Emulator $emu -Arguments @{ Rows = $rows } -Script {
            param($BaseUri, $Token, $Location, $Rows)
            Connect-ContactsApi -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -LocationId $Location -BaseUri $BaseUri -RetryDelay 0.01 -MaxRetry 8
            $Rows | New-Contact -ThrottleLimit 8
        }
        $run.Completed | Should -BeTrue
        $created = @($run.Output | Where-Object Outcome -eq 'Created')
        $created.Count | Should -Be 20
        @($created.Id | Sort-Object -Unique).Count | Should -Be 20
        @($created.LastName | Sort-Object -Unique) | Should -Be @('Row')
        $dups = @($run.Errors | Where-Object { $_.FullyQualifiedErrorId -like 'ContactDuplicate,*' })
        $dups.Count | Should -Be 20
        @($dups.TargetObject.LastName | Sort-Object -Unique) | Should -Be @('Again')
    }

    It 'in a location that allows duplicates, a row sharing a phone with an existing contact is created as its own contact' {
        $rows = @(New-Rows -Count 20 -Prefix office -PhoneOnly)
        $null = Add-EmulatorContact -Emulator $emu -Contact @($rows | ForEach-Object { @{ locationId = $emu.LocationId; firstName = 'Office'; phone = ($_.Phone -replace ' ', ''); dateAdded = '2024-01-01T00:00:00.000Z' } })
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ allowDuplicates = $true; errorRate = 0.3; seed = 9; faultPaths = @('/contacts/') }
        $run = Invoke-Bounded -Emulator $emu -Arguments @{ Rows = $rows } -Script {
            param($BaseUri, $Token, $Location, $Rows)
            Connect-ContactsApi -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -LocationId $Location -BaseUri $BaseUri -RetryDelay 0.01 -MaxRetry 8
            $Rows | New-Contact -ThrottleLimit 8
        }
        $run.Completed | Should -BeTrue
        @($run.Errors).Count | Should -Be 0
        @($run.Output | Where-Object Outcome -eq 'Created').Count | Should -Be 20
        @($run.Output.FirstName) | Should -Be @($rows.FirstName)
        $stored = @(Get-EmulatorContact -Emulator $emu)
        $stored.Count | Should -Be 40
        @($stored | Where-Object firstName -clike 'office*').Count | Should -Be 20
    }
}

Describe 'No wait is longer than the retry budget' {
    It 'a 429 asking for <name> fails the run at once with ContactsApiRateLimited, and a new connection starts fresh' -ForEach @(
        @{ name = 'Retry-After: 999999'; retryAfter = '999999'; pattern = '999999' }
        @{ name = 'an HTTP date a day ahead'; retryAfter = ([DateTime]::UtcNow.AddDays(1).ToString('r')); pattern = 'GMT' }
    ) {
        Reset-ContactsEmulator -Emulator $emu
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ storm429 = @{ startAfterRequests = 1; count = 1; retryAfter = $retryAfter } }
        $run = Invoke-Bounded -Emulator $emu -Arguments @{ Rows = @(New-Rows -Count 4 -Prefix absurd) } -Script {
            param($BaseUri, $Token, $Location, $Rows)
            $secure = ConvertTo-SecureString $Token -AsPlainText -Force
            Connect-ContactsApi -Token $secure -LocationId $Location -BaseUri $BaseUri -RetryDelay 0.01
            try { $Rows | New-Contact -ThrottleLimit 1 } catch { $global:stopError = $_ }
            $global:stopError
            Disconnect-ContactsApi
            Connect-ContactsApi -Token $secure -LocationId $Location -BaseUri $BaseUri -RetryDelay 0.01
            New-Contact -FirstName After -Email 'after-absurd@example.com'
        }
        $run.Completed | Should -BeTrue
        $stop = @($run.Output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $stop.Count | Should -Be 1
        $stop[0].FullyQualifiedErrorId | Should -BeLike 'ContactsApiRateLimited,*'
        $stop[0].ErrorDetails.Message | Should -Match $pattern
        $stop[0].ErrorDetails.Message | Should -Match 'No row after row \d+ was read'
        @($run.Output | Where-Object { $_ -is [ContactsModule.Models.Contact] }).Email | Should -Contain 'after-absurd@example.com'
        # The first row was created; the 429'd row and the rest got their own records.
        @($run.Errors | Where-Object { $_.FullyQualifiedErrorId -like 'ContactNotSent,*' }).Count | Should -Be 2
    }

    It 'rate-limit headers of 1 request an hour fail the run with ContactsApiRateLimited instead of waiting an hour' {
        $local = Start-ContactsEmulator -Config @{ advertisedBurstLimit = 1; advertisedWindowMs = 3600000 }
        try {
            $run = Invoke-Bounded -Emulator $local -Arguments @{ Rows = @(New-Rows -Count 3 -Prefix hourly) } -Script {
                param($BaseUri, $Token, $Location, $Rows)
                Connect-ContactsApi -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -LocationId $Location -BaseUri $BaseUri -RetryDelay 0.01
                try { $Rows | New-Contact -ThrottleLimit 1 } catch { $_ }
            }
            $run.Completed | Should -BeTrue
            $stop = @($run.Output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            $stop.Count | Should -Be 1
            $stop[0].FullyQualifiedErrorId | Should -BeLike 'ContactsApiRateLimited,*'
            $stop[0].ErrorDetails.Message | Should -Match 'X-RateLimit-Max: 1, X-RateLimit-Interval-Milliseconds: 3600000'
            @($run.Output | Where-Object { $_ -is [ContactsModule.Models.Contact] }).Count | Should -Be 1
            @(Get-EmulatorContact -Emulator $local).Count | Should -Be 1
        }
        finally {
            Stop-ContactsEmulator -Emulator $local
        }
    }
}

Describe 'A server that cannot be reached' {
    It 'refused connections are not ambiguous (no look-ups) and trip the breaker: ContactsApiUnreachable, every row accounted for' {
        # A port nothing listens on: bind one, note it, close it.
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        $dead = [pscustomobject]@{ BaseUri = [uri]"http://127.0.0.1:$port/"; Token = $emu.Token; LocationId = $emu.LocationId }
        $rows = @(New-Rows -Count 40 -Prefix dead)
        $run = Invoke-Bounded -Emulator $dead -Arguments @{ Rows = $rows } -Script {
            param($BaseUri, $Token, $Location, $Rows)
            Connect-ContactsApi -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -LocationId $Location -BaseUri $BaseUri -RetryDelay 0.01
            try { $Rows | New-Contact -ThrottleLimit 4 -Verbose 4>&1 } catch { $_ }
        }
        $run.Completed | Should -BeTrue
        $stop = @($run.Output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $stop.Count | Should -Be 1
        $stop[0].FullyQualifiedErrorId | Should -BeLike 'ContactsApiUnreachable,*'
        $stop[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $stop[0].ErrorDetails.Message | Should -Match 'No row after row (\d+) was read'
        $read = [int]([regex]::Match($stop[0].ErrorDetails.Message, 'No row after row (\d+) was read').Groups[1].Value)
        # No look-up was tried: a refused connection proves nothing was stored.
        @($run.Output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match '/contacts/search' }).Count | Should -Be 0
        # Each row read has exactly one record: the stop itself, or ContactNotSent; nothing reached a server.
        $notSent = @($run.Errors | Where-Object { $_.FullyQualifiedErrorId -like 'ContactNotSent,*' })
        @($run.Errors | Where-Object { $_.FullyQualifiedErrorId -like 'ContactUnconfirmed,*' }).Count | Should -Be 0
        $notSent.Count + 1 | Should -Be $read
        @($notSent.TargetObject.Email; $stop[0].TargetObject.Email | Sort-Object) | Sort-Object | Should -Be @($rows[0..($read - 1)].Email | Sort-Object)
    }
}

Describe 'A server that goes away mid-run' {
    It 'the listener dies with rows in flight: ContactsApiUnreachable, and every row read has exactly one outcome' {
        $local = Start-ContactsEmulator -Config @{ latencyMs = 40 }
        $rows = @(New-Rows -Count 2000 -Prefix vanish)
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript('param($m) Import-Module $m').AddArgument($modulePath).Invoke()
            $ps.Commands.Clear()
            $null = $ps.AddScript({
                    param($BaseUri, $Token, $Location, $Rows)
                    Connect-ContactsApi -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -LocationId $Location -BaseUri $BaseUri -RetryDelay 0.01
                    try { $Rows | New-Contact -ThrottleLimit 4 } catch { $_ }
                }).AddParameter('BaseUri', $local.BaseUri).AddParameter('Token', $local.Token).AddParameter('Location', $local.LocationId).AddParameter('Rows', $rows)
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $async = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
            # Wait until a good part of the input is stored, then kill the server: no orderly shutdown, connections just break.
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ([DateTime]::UtcNow -lt $deadline -and [int](Get-EmulatorStat -Emulator $local).contacts -lt 40) { Start-Sleep -Milliseconds 20 }
            $local.Process.Kill($true)
            $null = $local.Process.WaitForExit(10000)
            $async.AsyncWaitHandle.WaitOne(120000) | Should -BeTrue
            $outcomes = @($output)
            $errors = @($ps.Streams.Error)
            $unconfirmed = @($ps.Runspace.SessionStateProxy.GetVariable('ContactsUnconfirmedRows'))
        }
        finally {
            $ps.Dispose()
            Stop-ContactsEmulator -Emulator $local
        }
        $stop = @($outcomes | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $stop.Count | Should -Be 1
        $stop[0].FullyQualifiedErrorId | Should -BeLike 'ContactsApiUnreachable,*'
        $read = [int]([regex]::Match($stop[0].ErrorDetails.Message, 'No row after row (\d+) was read').Groups[1].Value)
        $read | Should -BeGreaterThan 40
        $read | Should -BeLessThan 2000
        $created = @($outcomes | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
        $created.Count | Should -BeGreaterOrEqual 40
        @($created | Where-Object Outcome -ne 'Created').Count | Should -Be 0
        # Every row read: created, or one error record (not sent, unconfirmed or the stop itself); nothing twice, nothing missing.
        @($errors | Where-Object { $_.FullyQualifiedErrorId -notmatch '^(ContactNotSent|ContactUnconfirmed|ContactsApiUnavailable),' }).Count | Should -Be 0
        $accounted = @($created | ForEach-Object Email) + @($errors | ForEach-Object { $_.TargetObject.Email }) + @($stop[0].TargetObject.Email)
        @($accounted | Sort-Object) | Should -Be @($rows[0..($read - 1)] | ForEach-Object Email | Sort-Object)
        # The unconfirmed rows are the ContactUnconfirmed ones, ready to look up.
        $unconfirmedErrors = @($errors | Where-Object { $_.FullyQualifiedErrorId -like 'ContactUnconfirmed,*' } | ForEach-Object { $_.TargetObject.Email })
        @($unconfirmed | Where-Object { $null -ne $_ } | ForEach-Object Email | Sort-Object) | Should -Be @($unconfirmedErrors | Sort-Object)
    }
}

Describe 'Late stores do not make second copies' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'a store that completes after the client timed out is found by the look-up (allowDuplicates)' {
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ allowDuplicates = $true; slowStoreRate = 0.3; slowStoreMs = 1600; seed = 21 }
        $rows = @(New-Rows -Count 20 -Prefix late)
        $run = Invoke-Bounded -Emulator $emu -Arguments @{ Rows = $rows } -Script {
            param($BaseUri, $Token, $Location, $Rows)
            Connect-ContactsApi -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -LocationId $Location -BaseUri $BaseUri -RetryDelay 0.01 -Timeout 1
            $Rows | New-Contact -ThrottleLimit 8
        }
        $run.Completed | Should -BeTrue
        @(Get-EmulatorRequest -Emulator $emu | Where-Object fault -eq 'slowStore').Count | Should -BeGreaterThan 0
        @($run.Errors).Count | Should -Be 0
        @($run.Output.Email) | Should -Be @($rows.Email)
        $stats = Get-EmulatorStat -Emulator $emu
        $stats.contacts | Should -Be 20
        $stats.duplicateEmails | Should -Be 0
    }

    It 'a server that queues connections past the client''s timeout, with a lagging search, gets each row once' {
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ allowDuplicates = $true; maxConcurrentRequests = 2; latencyMs = 600; searchLagMs = 1000 }
        $rows = @(New-Rows -Count 24 -Prefix queued)
        $run = Invoke-Bounded -Emulator $emu -Arguments @{ Rows = $rows } -TimeoutSeconds 300 -Script {
            param($BaseUri, $Token, $Location, $Rows)
            Connect-ContactsApi -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -LocationId $Location -BaseUri $BaseUri -RetryDelay 0.01 -Timeout 1 -MaxRetry 10
            $Rows | New-Contact -ThrottleLimit 16
        }
        $run.Completed | Should -BeTrue
        # Some attempts waited in the server's queue past the client's 1 s timeout (and were served all the same).
        @(Get-EmulatorRequest -Emulator $emu | Where-Object { [double]$_.durationMs -gt 1000 }).Count | Should -BeGreaterThan 0
        $stats = Get-EmulatorStat -Emulator $emu
        $stats.duplicateEmails | Should -Be 0
        # Timeouts double the next attempt's timeout, so the queue drains and every row gets its own contact.
        @($run.Errors).Count | Should -Be 0
        @($run.Output.Email) | Should -Be @($rows.Email)
        $stats.contacts | Should -Be 24
    }
}

Describe 'Hostile input and answers' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'a token with <name> is refused by Connect-ContactsApi, pointing at invisible characters' -ForEach @(
        @{ name = 'a non-breaking space'; char = [char]0x00A0 }
        @{ name = 'a zero-width space'; char = [char]0x200B }
    ) {
        $bad = ConvertTo-SecureString ($emu.Token + $char) -AsPlainText -Force
        $thrown = $null
        try { Connect-ContactsApi -Token $bad -LocationId $emu.LocationId -BaseUri $emu.BaseUri } catch { $thrown = $_ }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'ContactsApiTokenInvalid,*'
        $thrown.Exception.Message | Should -Match 'invisible characters'
        $thrown.Exception.Message | Should -Match $name
        $thrown.Exception.Message | Should -Not -Match ([regex]::Escape($emu.Token))
        @(Get-EmulatorRequest -Emulator $emu).Count | Should -Be 0
    }

    It 'values that contain themselves are row errors, not a crash (in a separate pwsh)' {
        $script = @'
param($module, $baseUri, $token, $location)
Import-Module $module
Connect-ContactsApi -Token (ConvertTo-SecureString $token -AsPlainText -Force) -LocationId $location -BaseUri $baseUri
$h = @{}; $h.self = $h
$a = [System.Collections.ArrayList]::new(); $null = $a.Add('x'); $null = $a.Add($a)
$o = [pscustomobject]@{ name = 'loop' }; $o | Add-Member -NotePropertyName self -NotePropertyValue $o
$cases = @(@{ CustomFields = $h }, @{ Tags = $a }, @{ CustomFields = $o }, @{ Tags = $h }, @{ CustomFields = $a }, @{ Tags = $o })
$ids = foreach ($case in $cases) {
    $errs = $null
    $null = New-Contact -FirstName Loop @case -ErrorVariable errs -ErrorAction SilentlyContinue
    if ($errs) { $errs[0].FullyQualifiedErrorId } else { 'no error' }
}
"RESULT:" + ($ids -join '|')
'@
        $file = Join-Path ([System.IO.Path]::GetTempPath()) ("loop-{0}.ps1" -f [guid]::NewGuid().ToString('N'))
        Set-Content -LiteralPath $file -Value $script
        try {
            # pwsh as this process runs it (under 'dotnet pwsh' the process is dotnet + pwsh.dll).
            $pwsh = [System.Environment]::ProcessPath
            $prefix = @(if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
            $lines = & $pwsh @prefix -NoProfile -NonInteractive -File $file $modulePath $emu.BaseUri $emu.Token $emu.LocationId 2>&1
            $LASTEXITCODE | Should -Be 0
            $result = @($lines | Where-Object { "$_" -like 'RESULT:*' })
            $result.Count | Should -Be 1
            @("$($result[0])".Substring(7) -split '\|') | Should -Be (@('ContactValidationFailed,ContactsModule.Cmdlets.NewContactCommand') * 6) -Because "$lines"
        }
        finally {
            Remove-Item -LiteralPath $file -ErrorAction SilentlyContinue
        }
        @(Get-EmulatorRequest -Emulator $emu).Count | Should -Be 0
    }

    It 'a response body past the size cap fails the call with a clear error instead of being read whole' {
        Connect-ContactsApi -Token (ConvertTo-SecureString $emu.Token -AsPlainText -Force) -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.01
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ oversizedBodyBytes = 40MB }
        $errs = $null
        $null = Get-Contact -Id 'anything' -ErrorVariable errs -ErrorAction SilentlyContinue
        @($errs).Count | Should -Be 1
        $errs[0].ErrorDetails.Message | Should -Match 'more than the 32 MB the module reads'
        # The server logs the request once it has finished writing (or the client has gone): wait for the entry.
        $deadline = [DateTime]::UtcNow.AddSeconds(20)
        while (-not @(Get-EmulatorRequest -Emulator $emu | Where-Object fault -eq 'oversized') -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
        @(Get-EmulatorRequest -Emulator $emu | Where-Object fault -eq 'oversized').Count | Should -Be 1
    }
}
