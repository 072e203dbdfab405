# Rate limiting, retries, idempotent creates, quota and cancellation, judged from the emulator's request log.
BeforeAll {
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$repo/tests/Pester/EmulatorHarness.psm1" -Force
    Import-Module "$repo/out/ContactsModule/ContactsModule.psd1" -Force
    $script:emu = Start-ContactsEmulator
    $script:token = ConvertTo-SecureString $emu.Token -AsPlainText -Force

    function script:Connect-Test {
        param([int] $MaxRetry = 5, [double] $RetryDelay = 0.01, [double] $Timeout = 30)
        Connect-ContactsApi -Token $token -LocationId $emu.LocationId -BaseUri $emu.BaseUri -MaxRetry $MaxRetry -RetryDelay $RetryDelay -Timeout $Timeout
    }

    function script:New-Rows {
        param([int] $Count, [string] $Prefix = 'row', [switch] $NoEmail)
        foreach ($i in 1..$Count) {
            if ($NoEmail) { [pscustomobject]@{ FirstName = "$Prefix$i"; LastName = 'NoEmail' } }
            else { [pscustomobject]@{ FirstName = "$Prefix$i"; LastName = 'Test'; Email = ('{0}{1:d4}@example.com' -f $Prefix, $i) } }
        }
    }

    function script:Get-CreateRequests {
        Get-EmulatorRequest -Emulator $emu | Where-Object { $_.method -eq 'POST' -and $_.path -match '^/contacts/?$' }
    }
}

AfterAll {
    Disconnect-ContactsApi
    Stop-ContactsEmulator -Emulator $emu
}

Describe 'Rate limiting' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'never puts more requests in a window than the burst allows, and gets no 429' {
        # A fresh emulator port gives a fresh limiter: the module learns 10 per second from the first answer.
        $local = Start-ContactsEmulator -Config @{ burstLimit = 10; burstWindowMs = 1000 }
        try {
            Connect-ContactsApi -Token (ConvertTo-SecureString $local.Token -AsPlainText -Force) -LocationId $local.LocationId -BaseUri $local.BaseUri -RetryDelay 0.01
            $out = New-Rows -Count 35 -Prefix burst | New-Contact -ThrottleLimit 8 -ErrorVariable errs -ErrorAction SilentlyContinue
            @($out).Count | Should -Be 35
            @($errs).Count | Should -Be 0
            $log = @(Get-EmulatorRequest -Emulator $local)
            @($log | Where-Object status -eq 429).Count | Should -Be 0
            $times = @($log | ForEach-Object { [double]$_.elapsedMs } | Sort-Object)
            $worst = 0
            foreach ($start in $times) {
                $inWindow = @($times | Where-Object { $_ -ge $start -and $_ -lt $start + 1000 }).Count
                if ($inWindow -gt $worst) { $worst = $inWindow }
            }
            $worst | Should -BeLessOrEqual 10
        }
        finally {
            Stop-ContactsEmulator -Emulator $local
            Connect-Test
        }
    }

    It 'honours Retry-After on a 429 and says so in -Verbose' {
        Connect-Test
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ storm429 = @{ startAfterRequests = 1; count = 2; retryAfterSeconds = 1 } }
        $verbose = New-Rows -Count 3 -Prefix ra | New-Contact -ThrottleLimit 1 -Verbose 4>&1
        $contacts = @($verbose | Where-Object { $_ -is [ContactsModule.Models.Contact] })
        $contacts.Count | Should -Be 3
        $log = @(Get-EmulatorRequest -Emulator $emu)
        $storm = @($log | Where-Object fault -eq 'storm429')
        $storm.Count | Should -Be 2
        # The retry after a 429 with Retry-After: 1 comes no sooner than a second later.
        $after = $log | Where-Object { $_.seq -gt $storm[0].seq } | Select-Object -First 1
        ([double]$after.elapsedMs - [double]$storm[0].elapsedMs) | Should -BeGreaterOrEqual 950
        $messages = @($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        ($messages -match '429 Too Many Requests\); retry 1 of 5').Count | Should -BeGreaterThan 0
    }

    It 'waits the rate-limit interval after a 429 without Retry-After' {
        $local = Start-ContactsEmulator -Config @{ burstWindowMs = 1500 }
        try {
            Connect-ContactsApi -Token (ConvertTo-SecureString $local.Token -AsPlainText -Force) -LocationId $local.LocationId -BaseUri $local.BaseUri -RetryDelay 0.01
            $null = Set-EmulatorConfig -Emulator $local -Config @{ storm429 = @{ startAfterRequests = 1; count = 1; retryAfterSeconds = $null } }
            $out = New-Rows -Count 2 -Prefix nra | New-Contact -ThrottleLimit 1
            @($out).Count | Should -Be 2
            $log = @(Get-EmulatorRequest -Emulator $local)
            $storm = @($log | Where-Object fault -eq 'storm429')
            $storm.Count | Should -Be 1
            $after = $log | Where-Object { $_.seq -gt $storm[0].seq } | Select-Object -First 1
            ([double]$after.elapsedMs - [double]$storm[0].elapsedMs) | Should -BeGreaterOrEqual 1400
        }
        finally {
            Stop-ContactsEmulator -Emulator $local
            Connect-Test
        }
    }
}

Describe 'Retries' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'stops at -MaxRetry and reports ContactsApiUnavailable with the last status' {
        Connect-Test -MaxRetry 2
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ errorRate = 1.0 }
        $out = New-Rows -Count 1 -Prefix cap -NoEmail | New-Contact -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        @($errs).Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ContactsApiUnavailable,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $errs[0].ErrorDetails.Message | Should -Match 'Row 1: .*after 3 attempt\(s\).*last answer: 50[0-9]'
        @(Get-CreateRequests).Count | Should -Be 3
    }

    It 'goes on with the next rows after one row runs out of retries' {
        Connect-Test -MaxRetry 1
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ errorRate = 1.0 }
        $rows = @(New-Rows -Count 2 -Prefix next -NoEmail)
        $null = $rows | New-Contact -ErrorVariable errs -ErrorAction SilentlyContinue
        @($errs).Count | Should -Be 2
        $errs[1].TargetObject | Should -Be $rows[1]
    }

    It 'never retries other 4xx answers' {
        Connect-Test
        $null = New-Contact -Email 'dup@example.com' -FirstName One
        $null = New-Contact -Email 'dup@example.com' -FirstName Two -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ContactDuplicate,*'
        @(Get-CreateRequests).Count | Should -Be 2
    }

    It 'retries a timed-out attempt and reports the timeout when retries run out' {
        Connect-Test -MaxRetry 1 -Timeout 1
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ latencyMs = 2500 }
        $null = New-Contact -FirstName Slow -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ContactsApiUnavailable,*'
        $errs[0].ErrorDetails.Message | Should -Match 'timed out'
        @(Get-CreateRequests).Count | Should -Be 2
    }
}

Describe 'Idempotent creates' {
    BeforeEach {
        Reset-ContactsEmulator -Emulator $emu
        Connect-Test
    }

    It 'finds the contact a lost answer created instead of creating it again (dropped connections)' {
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ dropAfterStoreRate = 0.3; seed = 7 }
        $rows = @(New-Rows -Count 40 -Prefix drop)
        $out = $rows | New-Contact -ThrottleLimit 4 -ErrorVariable errs -ErrorAction SilentlyContinue
        @($errs).Count | Should -Be 0
        @($out).Count | Should -Be 40
        @($out.Email) | Should -Be @($rows.Email)
        @(Get-EmulatorRequest -Emulator $emu | Where-Object fault -eq 'drop').Count | Should -BeGreaterThan 0
        $stored = @(Get-EmulatorContact -Emulator $emu)
        $stored.Count | Should -Be 40
        @($stored.email | Sort-Object -Unique).Count | Should -Be 40
    }

    It 'looks the contact up after a 5xx that came after it was stored, and does not send it again' {
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ errorAfterStoreRate = 1.0 }
        $out = New-Contact -FirstName Ana -Email 'ana@example.com'
        $out.Email | Should -Be 'ana@example.com'
        $out.Outcome | Should -Be 'Created'
        @(Get-CreateRequests).Count | Should -Be 1
        # One look-up (a search by email, newest first) finds it at once: the 5xx came after the store.
        @(Get-EmulatorRequest -Emulator $emu | Where-Object path -eq '/contacts/search').Count | Should -Be 1
        @(Get-EmulatorContact -Emulator $emu).Count | Should -Be 1
    }
}

Describe 'The location''s duplicate setting' {
    BeforeEach {
        Reset-ContactsEmulator -Emulator $emu
        Connect-Test
    }

    It 'is read once after ambiguous failures; where duplicates are refused no row waits for a late store' {
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ errorRate = 0.3; faultPaths = @('/contacts/'); seed = 7 }
        $rows = @(New-Rows -Count 20 -Prefix refusing)
        $out = $rows | New-Contact -ThrottleLimit 4 -Verbose -ErrorVariable errs -ErrorAction SilentlyContinue 4>&1
        $verbose = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $contacts = @($out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        @($errs).Count | Should -Be 0
        @($contacts.Email) | Should -Be @($rows.Email)
        @(Get-EmulatorRequest -Emulator $emu | Where-Object fault -eq 'error').Count | Should -BeGreaterThan 0
        @(Get-EmulatorRequest -Emulator $emu | Where-Object path -eq "/locations/$($emu.LocationId)").Count | Should -Be 1
        $verbose | Should -Contain 'The location''s Allow Duplicate Contact setting is off: a resend cannot make a second contact.'
        @($verbose | Where-Object { $_ -like '*looking again*' }).Count | Should -Be 0
        $stored = @(Get-EmulatorContact -Emulator $emu)
        $stored.Count | Should -Be 20
        @($stored.email | Sort-Object -Unique).Count | Should -Be 20
    }

    It 'where duplicates are allowed, look-ups still wait for a late store' {
        # The store happened, then a 5xx; the search index shows the contact only after a lag.
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ allowDuplicates = $true; errorAfterStoreRate = 1.0; searchLagMs = 1500 }
        $out = New-Contact -FirstName Lee -Email 'lee@example.com' -Verbose -ErrorVariable errs -ErrorAction SilentlyContinue 4>&1
        $verbose = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $contact = @($out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] })
        @($errs).Count | Should -Be 0
        $contact.Email | Should -Be 'lee@example.com'
        $verbose | Should -Contain 'The location''s Allow Duplicate Contact setting is on: look-ups wait for late stores.'
        @($verbose | Where-Object { $_ -like '*looking again*' }).Count | Should -BeGreaterThan 0
        @(Get-EmulatorRequest -Emulator $emu | Where-Object { $_.method -eq 'POST' -and $_.path -eq '/contacts/' }).Count | Should -Be 1
        @(Get-EmulatorContact -Emulator $emu).Count | Should -Be 1
    }

    It 'is not read when nothing failed' {
        $null = New-Rows -Count 5 -Prefix calm | New-Contact
        @(Get-EmulatorRequest -Emulator $emu | Where-Object path -like '/locations/*').Count | Should -Be 0
    }
}

Describe 'Order and quota' {
    BeforeEach {
        Reset-ContactsEmulator -Emulator $emu
        Connect-Test
    }

    It 'keeps the input order with many requests in flight and uneven latency' {
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ latencyMs = 15; latencyJitterMs = 15; seed = 3 }
        $rows = @(New-Rows -Count 40 -Prefix order)
        $out = $rows | New-Contact -ThrottleLimit 8
        @($out.Email) | Should -Be @($rows.Email)
    }

    It 'stops with a terminating error when the daily quota is used up, naming what was not sent' {
        $local = Start-ContactsEmulator -Config @{ dailyLimit = 5 }
        try {
            Connect-ContactsApi -Token (ConvertTo-SecureString $local.Token -AsPlainText -Force) -LocationId $local.LocationId -BaseUri $local.BaseUri -RetryDelay 0.01
            $rows = @(New-Rows -Count 12 -Prefix quota)
            $script:created = @()
            $thrown = $null
            try {
                $rows | New-Contact -ThrottleLimit 1 -ErrorVariable errs -ErrorAction SilentlyContinue | ForEach-Object { $script:created += $_ }
            }
            catch {
                $thrown = $_
            }
            $thrown | Should -Not -BeNullOrEmpty
            $thrown.FullyQualifiedErrorId | Should -BeLike 'ContactsApiDailyQuotaExceeded,*'
            $thrown.CategoryInfo.Category | Should -Be 'QuotaExceeded'
            $thrown.ErrorDetails.Message | Should -Match 'Row 6: .*daily API quota'
            $thrown.ErrorDetails.Message | Should -Match '5 row\(s\) done'
            $thrown.ErrorDetails.Message | Should -Match 'UTC'
            $script:created.Count | Should -Be 5
            $notSent = @($errs | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] -and $_.FullyQualifiedErrorId -like 'ContactNotSent,*' })
            $notSent.Count | Should -Be 6
            @($notSent.TargetObject.Email) | Should -Be @($rows[6..11].Email)
            @(Get-EmulatorContact -Emulator $local).Count | Should -Be 5
        }
        finally {
            Stop-ContactsEmulator -Emulator $local
            Connect-Test
        }
    }
}

Describe 'Cancellation' {
    It 'Ctrl+C cancels calls in flight and names every row that was not confirmed' {
        Reset-ContactsEmulator -Emulator $emu
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ latencyMs = 300 }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                param($module, $baseUri, $token, $location)
                Import-Module $module
                Connect-ContactsApi -Token (ConvertTo-SecureString $token -AsPlainText -Force) -LocationId $location -BaseUri $baseUri
                1..30 | ForEach-Object { [pscustomobject]@{ FirstName = "Stop$_"; Email = ('stop{0:d2}@example.com' -f $_) } } |
                    New-Contact -ThrottleLimit 2
            }).AddArgument("$repo/out/ContactsModule/ContactsModule.psd1").AddArgument($emu.BaseUri).AddArgument($emu.Token).AddArgument($emu.LocationId)
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $null = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ($output.Count -lt 3 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
            $output.Count | Should -BeGreaterOrEqual 3
            $ps.Stop()
            $done = @($output | ForEach-Object { [int]($_.Email -replace '\D', '') })
            # Output is not allowed once a pipeline stops: the host gets a warning and the rows stay in a variable.
            $warning = @($ps.Streams.Warning | ForEach-Object Message)
            $warning.Count | Should -Be 1
            $warning[0] | Should -Match 'in \$ContactsUnconfirmedRows\. No row after row \d+ was read\..*run the whole input again with New-Contact -OnDuplicate Skip'
            $reported = @([regex]::Matches($warning[0], '\(rows ([0-9, ]+)\)') | ForEach-Object { $_.Groups[1].Value -split ',\s*' } | ForEach-Object { [int]$_ } | Sort-Object)
            $kept = @($ps.Runspace.SessionStateProxy.GetVariable('ContactsUnconfirmedRows'))
            @($kept.Email | ForEach-Object { [int]($_ -replace '\D', '') } | Sort-Object) | Should -Be $reported
            # Every row read was either output or named as not confirmed, and none was both.
            $lastRead = ($done + $reported | Measure-Object -Maximum).Maximum
            @($done + $reported | Sort-Object) | Should -Be @(1..$lastRead)
            $reported.Count | Should -BeGreaterThan 0
        }
        finally {
            $ps.Dispose()
            $null = Set-EmulatorConfig -Emulator $emu -Config @{ latencyMs = 0 }
        }
    }
}
