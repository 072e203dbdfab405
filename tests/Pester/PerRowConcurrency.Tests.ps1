# Set-Contact, Remove-Contact and Get-Contact -Id share New-Contact's engine: requests in flight at once,
# results in input order, and nothing lost when the run stops.
BeforeAll {
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$repo/tests/Pester/EmulatorHarness.psm1" -Force
    Import-Module "$repo/out/ContactsModule/ContactsModule.psd1" -Force
    $script:emu = Start-ContactsEmulator
    $script:token = ConvertTo-SecureString $emu.Token -AsPlainText -Force

    function script:Connect-Main {
        Connect-ContactsApi -Token $token -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.01
    }

    function script:Add-Seeded([int] $Count) {
        $seed = foreach ($i in 1..$Count) {
            @{ id = ('conc{0:d16}' -f $i); locationId = $emu.LocationId; firstName = "C$i"; email = ('conc{0:d3}@example.com' -f $i) }
        }
        $null = Add-EmulatorContact -Emulator $emu -Contact $seed
        foreach ($i in 1..$Count) { 'conc{0:d16}' -f $i }
    }

    # The most requests the emulator was serving at the same moment, from the log's arrival times and durations.
    function script:Get-MaxOverlap($Requests) {
        $events = foreach ($r in $Requests) {
            [pscustomobject]@{ At = [double]$r.elapsedMs; Delta = 1 }
            [pscustomobject]@{ At = [double]$r.elapsedMs + [double]$r.durationMs; Delta = -1 }
        }
        $now = 0; $max = 0
        foreach ($e in $events | Sort-Object At, Delta) { $now += $e.Delta; if ($now -gt $max) { $max = $now } }
        $max
    }
    Connect-Main
}

AfterAll {
    Disconnect-ContactsApi
    Stop-ContactsEmulator -Emulator $emu
}

Describe 'Per-row cmdlets run several requests at once and keep the order' {
    BeforeEach {
        Reset-ContactsEmulator -Emulator $emu
        # A high burst limit: at the documented 100 per 10 s the module spaces requests 100 ms apart, and they would not overlap.
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ latencyMs = 20; latencyJitterMs = 15; seed = 11; burstLimit = 100000 }
    }
    AfterAll { Reset-ContactsEmulator -Emulator $emu }

    It 'Set-Contact -PassThru updates many contacts concurrently and outputs them in input order' {
        $ids = @(Add-Seeded 24)
        $rows = $ids | ForEach-Object { [pscustomobject]@{ Id = $_; City = "City-$_" } }
        $out = $rows | Set-Contact -PassThru -ThrottleLimit 6
        @($out.Id) | Should -Be $ids
        @($out.City) | Should -Be @($rows.City)
        $puts = @(Get-EmulatorRequest -Emulator $emu | Where-Object method -eq 'PUT')
        $puts.Count | Should -Be 24
        Get-MaxOverlap $puts | Should -BeGreaterThan 1
        Get-MaxOverlap $puts | Should -BeLessOrEqual 6
    }

    It 'Get-Contact -Id fetches concurrently and returns contacts in the order of the ids' {
        $ids = @(Add-Seeded 20)
        [array]::Reverse($ids)
        $out = $ids | Get-Contact -ThrottleLimit 5
        @($out.Id) | Should -Be $ids
        $gets = @(Get-EmulatorRequest -Emulator $emu | Where-Object method -eq 'GET')
        Get-MaxOverlap $gets | Should -BeLessOrEqual 5
    }

    It 'Remove-Contact deletes concurrently; a missing id is one ContactNotFound error in its place' {
        $ids = @(Add-Seeded 12)
        $input = @($ids[0..5]) + 'doesnotexist00000000' + @($ids[6..11])
        $input | Remove-Contact -Force -ThrottleLimit 4 -ErrorVariable errs -ErrorAction SilentlyContinue
        @($errs).Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ContactNotFound,*'
        $errs[0].ErrorDetails.Message | Should -BeLike 'Row 7 (contact doesnotexist00000000):*'
        @(Get-EmulatorContact -Emulator $emu).Count | Should -Be 0
        Get-MaxOverlap @(Get-EmulatorRequest -Emulator $emu | Where-Object method -eq 'DELETE') | Should -BeLessOrEqual 4
    }
}

Describe 'Stopping' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'a 401 stops Set-Contact: queued rows get ContactNotSent, a row that failed validation keeps its own error' {
        $ids = @(Add-Seeded 6)
        # Latency, so that all three rows are read before the 401 comes back.
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ latencyMs = 500 }
        $bad = ConvertTo-SecureString 'pit-wrong-token-000000000000' -AsPlainText -Force
        $conn = Connect-ContactsApi -Token $bad -LocationId $emu.LocationId -BaseUri $emu.BaseUri -PassThru
        try {
            $rows = @(
                [pscustomobject]@{ Id = $ids[0]; City = 'A' }
                [pscustomobject]@{ Id = $ids[1]; Country = 'Atlantis' }
                [pscustomobject]@{ Id = $ids[2]; City = 'C' }
            )
            $thrown = $null
            try { $rows | Set-Contact -Connection $conn -ThrottleLimit 1 -ErrorVariable errs -ErrorAction SilentlyContinue }
            catch { $thrown = $_ }
            $thrown.FullyQualifiedErrorId | Should -BeLike 'ContactsApiUnauthorized,*'
            $thrown.ErrorDetails.Message | Should -Match 'Stopped after reading 3 row\(s\): 0 row\(s\) done before it \(0 succeeded, 0 skipped, 0 failed\);.* No row after row 3 was read\.$'
            $records = @($errs | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] -and -not [object]::ReferenceEquals($_.TargetObject, $rows[0]) })
            $records.Count | Should -Be 2
            $records[0].FullyQualifiedErrorId | Should -BeLike 'ContactValidationFailed,*'
            $records[0].TargetObject | Should -Be $rows[1]
            # The third row either never left (ContactNotSent) or was sent and rejected by the same 401: one record, true either way.
            $records[1].FullyQualifiedErrorId.Split(',')[0] | Should -BeIn @('ContactNotSent', 'ContactsApiUnauthorized')
            $records[1].TargetObject | Should -Be $rows[2]
        }
        finally {
            Connect-Main
        }
    }
}

Describe 'A row''s own LocationId' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'a row naming another location fails alone (403 per row); the other rows are created' {
        $rows = @(
            [pscustomobject]@{ FirstName = 'Here1'; Email = 'here1@example.com' }
            [pscustomobject]@{ FirstName = 'Elsewhere'; Email = 'else@example.com'; LocationId = $emu.OtherLocationId }
            [pscustomobject]@{ FirstName = 'Here2'; Email = 'here2@example.com' }
        )
        $out = $rows | New-Contact -ErrorVariable errs -ErrorAction SilentlyContinue
        @($out.FirstName) | Should -Be @('Here1', 'Here2')
        @($errs).Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ContactsApiForbidden,*'
        $errs[0].ErrorDetails.Message | Should -BeLike "Row 2: the row's LocationId '$($emu.OtherLocationId)' is not the connection's location*"
        $errs[0].TargetObject | Should -Be $rows[1]
    }

    It '-LocationId on the command line wins over the column' {
        $row = [pscustomobject]@{ FirstName = 'Pinned'; Email = 'pinned@example.com'; LocationId = $emu.OtherLocationId }
        $out = $row | New-Contact -LocationId $emu.LocationId
        $out.LocationId | Should -Be $emu.LocationId
    }
}

Describe 'Dates that Export-Csv wrote in a day-first culture' {
    It 'New-Contact reads back "25.09.1990 00:00:00" written under de-DE' {
        Reset-ContactsEmulator -Emulator $emu
        $saved = [System.Threading.Thread]::CurrentThread.CurrentCulture
        try {
            [System.Threading.Thread]::CurrentThread.CurrentCulture = [cultureinfo]'de-DE'
            $row = [pscustomobject]@{ FirstName = 'Dated'; Email = 'dated@example.com'; DateOfBirth = '25.09.1990 00:00:00' }
            $out = $row | New-Contact
        }
        finally {
            [System.Threading.Thread]::CurrentThread.CurrentCulture = $saved
        }
        ((Get-EmulatorRequest -Emulator $emu)[0].body | ConvertFrom-Json).dateOfBirth | Should -Be '1990-09-25'
        $out.DateOfBirth.ToString('yyyy-MM-dd') | Should -Be '1990-09-25'
    }
}
