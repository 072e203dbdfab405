# One run, many locations: an agency (Company) OAuth connection sends each CSV row to the location its LocationId
# column names, with that location's own token and rate limiter. Counted from the emulator's request log, never timed.

BeforeAll {
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$repo/tests/Pester/EmulatorHarness.psm1" -Force
    Import-Module "$repo/out/ContactsModule/ContactsModule.psd1" -Force
    # A small burst limit (10 per 2 s per app and location), so that pacing shows within a few dozen rows.
    $script:emu = Start-ContactsEmulator -Config @{ burstLimit = 10; burstWindowMs = 2000 }
    $script:locations = @('emulator-location', 'other-location', 'agency-location-3', 'agency-location-4')

    # A fresh agency refresh token each time (the emulator is reset between tests; refresh tokens are single-use).
    function Connect-Agency {
        $refresh = 'agency-refresh-' + [guid]::NewGuid().ToString('N')
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ refreshTokens = @{ $refresh = @{ userType = 'Company' } } }
        Connect-ContactsApi -ClientId $emu.ClientId -ClientSecret (ConvertTo-SecureString $emu.ClientSecret -AsPlainText -Force) -BaseUri $emu.BaseUri `
            -RefreshToken (ConvertTo-SecureString $refresh -AsPlainText -Force) -UserType Company -RetryDelay 0.05
    }

    function New-AgencyRows([int] $PerLocation, [string] $Prefix) {
        for ($i = 1; $i -le $PerLocation; $i++) {
            foreach ($location in $script:locations) {
                [pscustomobject]@{ 'First Name' = "$Prefix$i"; Email = "$Prefix.$i@$location.example.com"; LocationId = $location }
            }
        }
    }

    # The most requests of one key that arrived within any window of $WindowMs (sliding over arrival times).
    function Get-MaxInWindow([object[]] $Entries, [double] $WindowMs) {
        $times = @($Entries | ForEach-Object { [double]$_.elapsedMs } | Sort-Object)
        $max = 0; $start = 0
        for ($end = 0; $end -lt $times.Count; $end++) {
            while ($times[$end] - $times[$start] -ge $WindowMs) { $start++ }
            $max = [math]::Max($max, $end - $start + 1)
        }
        $max
    }
}

AfterAll {
    Disconnect-ContactsApi
    Stop-ContactsEmulator -Emulator $emu
}

Describe 'Import-Csv | New-Contact over many locations' {
    BeforeEach {
        Reset-ContactsEmulator -Emulator $emu
        Connect-Agency
    }

    It 'runs each location at its own limit, in parallel, output in input order' {
        $rows = @(New-AgencyRows 8 'Par' | Select-Object -First 24 | Where-Object LocationId -ne 'agency-location-4')
        $rows.Count | Should -Be 18
        $out = @($rows | New-Contact -ThrottleLimit 5 -LocationThrottleLimit 4)
        $out.Count | Should -Be 18
        for ($i = 0; $i -lt $rows.Count; $i++) {
            $out[$i].Email | Should -Be $rows[$i].Email.ToLowerInvariant()
            $out[$i].LocationId | Should -Be $rows[$i].LocationId
        }
        $creates = @(Get-EmulatorRequest -Emulator $emu | Where-Object { $_.path -eq '/contacts/' })
        @($creates | Where-Object status -eq 429).Count | Should -Be 0
        foreach ($location in $script:locations[0..2]) {
            $mine = @($creates | Where-Object { ($_.body | ConvertFrom-Json).locationId -eq $location })
            $mine.Count | Should -Be 6
            Get-MaxInWindow $mine 2000 | Should -BeLessOrEqual 10 -Because "$location stays within its own limit"
        }
        # The run as a whole went past one location's limit: the locations were paced separately, not as one.
        Get-MaxInWindow $creates 2000 | Should -BeGreaterThan 10
        @(Get-EmulatorRequest -Emulator $emu | Where-Object path -eq '/oauth/locationToken').Count | Should -Be 3
    }

    It 'a location that is not active fails its own rows only; the others succeed' {
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ inactiveLocations = @('agency-location-4') }
        $rows = @(New-AgencyRows 3 'Paused')
        $out = @($rows | New-Contact -ErrorVariable failed -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 9
        @($out.LocationId | Sort-Object -Unique) | Should -Be @('agency-location-3', 'emulator-location', 'other-location')
        $failed.Count | Should -Be 3
        foreach ($record in $failed) {
            $record.FullyQualifiedErrorId | Should -BeLike 'ContactsApiLocationNotActive*'
            $record.TargetObject.LocationId | Should -Be 'agency-location-4'
            $record.ErrorDetails.Message | Should -BeLike '*location agency-location-4*not active*'
        }
        @(Get-EmulatorContact -Emulator $emu -LocationId 'agency-location-4').Count | Should -Be 0
        @(Get-EmulatorContact -Emulator $emu).Count | Should -Be 9
    }

    It 'a location the app is not installed in (403) fails its own rows only' {
        $rows = @(New-AgencyRows 2 'Missing') + @([pscustomobject]@{ 'First Name' = 'Nowhere'; Email = 'nowhere@example.com'; LocationId = 'not-installed' })
        $out = @($rows | New-Contact -ErrorVariable failed -ErrorAction SilentlyContinue)
        $out.Count | Should -Be 8
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ContactsApiForbidden*'
        $failed[0].TargetObject.LocationId | Should -Be 'not-installed'
    }

    It 'a client secret refused at the agency refresh stops the run (ContactsApiInvalidClient)' {
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ accessTokenExpiresIn = 1 }
        Connect-Agency
        # The app's secret was rotated in the Marketplace: the next renewal of the agency token is refused.
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ oauthApps = @(@{ clientId = $emu.ClientId; clientSecret = 'rotated-secret-elsewhere'; appId = $emu.AppId }) }
        Start-Sleep -Milliseconds 1100
        $stopped = $null
        try { New-AgencyRows 2 'Stop' | New-Contact -ErrorVariable failed -ErrorAction SilentlyContinue } catch { $stopped = $_ }
        $stopped.FullyQualifiedErrorId | Should -BeLike 'ContactsApiInvalidClient*'
        @(Get-EmulatorContact -Emulator $emu).Count | Should -Be 0
    }
}

Describe 'Set-, Get- and Remove-Contact over many locations' {
    BeforeAll {
        # Seeds $PerLocation contacts in each location (straight into the store) and returns them in an interleaved order.
        function Add-AgencyContacts([int] $PerLocation) {
            $seed = foreach ($location in $script:locations) {
                for ($i = 1; $i -le $PerLocation; $i++) { @{ locationId = $location; firstName = "Seed$i"; email = "seed.$i@$location.example.com" } }
            }
            $null = Add-EmulatorContact -Emulator $emu -Contact @($seed)
            $byLocation = @{}
            foreach ($location in $script:locations) { $byLocation[$location] = @(Get-EmulatorContact -Emulator $emu -LocationId $location | Sort-Object email) }
            for ($i = 0; $i -lt $PerLocation; $i++) {
                foreach ($location in $script:locations) { $byLocation[$location][$i] }
            }
        }

        # Every contact call went out with a token of the contact's own location, and each token served one location only.
        function Assert-LocationTokens([object[]] $Entries, [hashtable] $LocationOf) {
            $Entries.Count | Should -BeGreaterThan 0
            foreach ($entry in $Entries) {
                $id = ($entry.path -split '/')[2]
                $entry.tokenLocationId | Should -Be $LocationOf[$id] -Because "$($entry.method) $($entry.path) is a contact of $($LocationOf[$id])"
            }
            foreach ($group in ($Entries | Group-Object { $_.headers.Authorization })) {
                @($group.Group.tokenLocationId | Sort-Object -Unique).Count | Should -Be 1
            }
        }
    }

    BeforeEach {
        Reset-ContactsEmulator -Emulator $emu
        Connect-Agency
    }

    It 'Set-Contact: a CSV over four locations, one not active, updates the others in input order' {
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ inactiveLocations = @('agency-location-4') }
        $seeded = @(Add-AgencyContacts 3)
        $locationOf = @{}
        foreach ($contact in $seeded) { $locationOf[$contact.id] = $contact.locationId }
        $csv = @($seeded | ForEach-Object { [pscustomobject]@{ 'Contact Id' = $_.id; 'Location Id' = $_.locationId; City = 'City of ' + $_.email } } |
            ConvertTo-Csv | ConvertFrom-Csv)
        $out = @($csv | Set-Contact -PassThru -ThrottleLimit 3 -LocationThrottleLimit 4 -ErrorVariable failed -ErrorAction SilentlyContinue -WarningVariable warned)
        $warned.Count | Should -Be 0 -Because 'the LocationId column routes the rows; it is not a column left unsent'
        $active = @($csv | Where-Object 'Location Id' -ne 'agency-location-4')
        $out.Count | Should -Be 9
        for ($i = 0; $i -lt $active.Count; $i++) {
            $out[$i].Id | Should -Be $active[$i].'Contact Id'
            $out[$i].LocationId | Should -Be $active[$i].'Location Id'
            $out[$i].City | Should -Be $active[$i].City
        }
        $failed.Count | Should -Be 3
        foreach ($record in $failed) {
            $record.FullyQualifiedErrorId | Should -BeLike 'ContactsApiLocationNotActive*'
            $record.TargetObject.'Location Id' | Should -Be 'agency-location-4'
            $record.ErrorDetails.Message | Should -BeLike '*location agency-location-4*'
        }
        @(Get-EmulatorContact -Emulator $emu -LocationId 'agency-location-4' | Where-Object { $_.PSObject.Properties['city'] }).Count | Should -Be 0
        @(Get-EmulatorContact -Emulator $emu | Where-Object { $_.PSObject.Properties['city'] -and $_.city -like 'City of *' }).Count | Should -Be 9
        $puts = @(Get-EmulatorRequest -Emulator $emu | Where-Object { $_.method -eq 'PUT' })
        $puts.Count | Should -Be 9
        Assert-LocationTokens $puts $locationOf
        @($puts | Group-Object { $_.headers.Authorization }).Count | Should -Be 3
    }

    It 'Get-Contact: ids of four locations (rows with Id and LocationId), in input order, each with its location''s token' {
        $seeded = @(Add-AgencyContacts 2)
        $locationOf = @{}
        foreach ($contact in $seeded) { $locationOf[$contact.id] = $contact.locationId }
        $out = @($seeded | ForEach-Object { [pscustomobject]@{ Id = $_.id; LocationId = $_.locationId } } | Get-Contact -ThrottleLimit 2)
        $out.Count | Should -Be 8
        for ($i = 0; $i -lt $seeded.Count; $i++) {
            $out[$i].Id | Should -Be $seeded[$i].id
            $out[$i].LocationId | Should -Be $seeded[$i].locationId
        }
        $gets = @(Get-EmulatorRequest -Emulator $emu | Where-Object { $_.method -eq 'GET' -and $_.path -like '/contacts/*' })
        $gets.Count | Should -Be 8
        Assert-LocationTokens $gets $locationOf
        @(Get-EmulatorRequest -Emulator $emu | Where-Object path -eq '/oauth/locationToken').Count | Should -Be 4
        # -LocationId on the command line names the location of every id.
        (Get-Contact -Id $seeded[1].id -LocationId $seeded[1].locationId).Email | Should -Be $seeded[1].email
    }

    It 'Get-Contact -LocationId X | Set-Contact goes across locations; a search without a location is refused' {
        $null = Add-AgencyContacts 2
        $all = @(foreach ($location in $script:locations[0..2]) { Get-Contact -LocationId $location })
        $all.Count | Should -Be 6
        $updated = @($all | Set-Contact -Source 'agency run' -PassThru)
        $updated.Count | Should -Be 6
        for ($i = 0; $i -lt $all.Count; $i++) { $updated[$i].Id | Should -Be $all[$i].Id }
        @(Get-EmulatorContact -Emulator $emu | Where-Object { $_.PSObject.Properties['source'] -and $_.source -eq 'agency run' }).Count | Should -Be 6
        $searches = @(Get-EmulatorRequest -Emulator $emu | Where-Object path -eq '/contacts/search')
        foreach ($search in $searches) { $search.tokenLocationId | Should -Be ($search.body | ConvertFrom-Json).locationId }

        $refused = $null
        try { Get-Contact -Query 'Seed' } catch { $refused = $_ }
        $refused.FullyQualifiedErrorId | Should -BeLike 'ContactsApiLocationRequired*'
        $refused.Exception.Message | Should -BeLike '*agency*-LocationId*'
    }

    It 'Remove-Contact: contacts of four locations; a contact named with the wrong location fails alone (403)' {
        $seeded = @(Add-AgencyContacts 2)
        $locationOf = @{}
        foreach ($contact in $seeded) { $locationOf[$contact.id] = $contact.locationId }
        $rows = @($seeded | ForEach-Object { [pscustomobject]@{ Id = $_.id; LocationId = $_.locationId } })
        $rows[2].LocationId = 'emulator-location'
        $rows | Remove-Contact -Force -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ContactsApiForbidden*'
        $failed[0].TargetObject | Should -Be $rows[2].Id
        @(Get-EmulatorContact -Emulator $emu).id | Should -Be @($seeded[2].id)
        $deletes = @(Get-EmulatorRequest -Emulator $emu | Where-Object { $_.method -eq 'DELETE' -and $_.status -eq 200 })
        $deletes.Count | Should -Be 7
        Assert-LocationTokens $deletes $locationOf
    }
}
