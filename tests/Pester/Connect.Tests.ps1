# End-to-end tests of Connect-ContactsApi, Disconnect-ContactsApi and Get-ContactsApiConnection against the
# local emulator (real HTTP on 127.0.0.1).

BeforeAll {
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$repo/tests/Pester/EmulatorHarness.psm1" -Force
    Import-Module "$repo/out/ContactsModule/ContactsModule.psd1" -Force
    $script:emu = Start-ContactsEmulator
    $script:token = ConvertTo-SecureString $emu.Token -AsPlainText -Force
    $script:otherToken = ConvertTo-SecureString $emu.OtherToken -AsPlainText -Force

    function Connect-Main {
        Connect-ContactsApi -Token $script:token -LocationId $script:emu.LocationId -BaseUri $script:emu.BaseUri -RetryDelay 0.05
    }

    # The last request the emulator logged.
    function Get-LastRequest { @(Get-EmulatorRequest -Emulator $script:emu)[-1] }

    $script:savedTokenVar = $env:HIGHLEVEL_API_TOKEN
    $script:savedLocationVar = $env:HIGHLEVEL_LOCATION_ID
}

AfterAll {
    $env:HIGHLEVEL_API_TOKEN = $script:savedTokenVar
    $env:HIGHLEVEL_LOCATION_ID = $script:savedLocationVar
    Disconnect-ContactsApi
    Stop-ContactsEmulator -Emulator $emu
}

Describe 'Connect-ContactsApi' {
    BeforeEach {
        Reset-ContactsEmulator -Emulator $emu
        $env:HIGHLEVEL_API_TOKEN = $null
        $env:HIGHLEVEL_LOCATION_ID = $null
        Disconnect-ContactsApi
    }

    It 'returns the connection with -PassThru, and nothing without it' {
        $none = Connect-ContactsApi -Token $token -LocationId $emu.LocationId -BaseUri $emu.BaseUri
        $none | Should -BeNullOrEmpty

        $connection = Connect-ContactsApi -Token $token -LocationId $emu.LocationId -BaseUri $emu.BaseUri -PassThru
        $connection | Should -BeOfType ContactsModule.Session.ContactsApiConnection
        $connection.LocationId | Should -BeExactly 'emulator-location'
        $connection.BaseUri | Should -Be $emu.BaseUri
        $connection.ApiVersion | Should -BeExactly '2021-07-28'
        $connection.TokenHint | Should -BeExactly 'pit-…0001'
    }

    It 'defaults BaseUri to https://services.leadconnectorhq.com and ApiVersion to 2021-07-28' {
        $connection = Connect-ContactsApi -Token $token -LocationId 'loc-1' -PassThru
        $connection.BaseUri.AbsoluteUri | Should -BeExactly 'https://services.leadconnectorhq.com/'
        $connection.ApiVersion | Should -BeExactly '2021-07-28'
    }

    It 'sends Version <Version> on every call' -TestCases @(
        @{ Version = '2021-07-28'; Extra = @{} }
        @{ Version = '2021-04-15'; Extra = @{ ApiVersion = '2021-04-15' } }
    ) {
        Connect-ContactsApi -Token $token -LocationId $emu.LocationId -BaseUri $emu.BaseUri @extra
        $null = New-Contact -FirstName 'Versioned' -Email 'versioned@example.com'
        (Get-LastRequest).headers.Version | Should -BeExactly $Version
    }

    It 'refuses an API version the API does not have' {
        { Connect-ContactsApi -Token $token -LocationId 'x' -ApiVersion '2022-01-01' } |
            Should -Throw -ErrorId 'ContactsApiVersionInvalid,ContactsModule.Cmdlets.ConnectContactsApiCommand'
    }

    It 'reads the token from HIGHLEVEL_API_TOKEN and the location from HIGHLEVEL_LOCATION_ID' {
        $env:HIGHLEVEL_API_TOKEN = $emu.Token
        $env:HIGHLEVEL_LOCATION_ID = $emu.LocationId
        $connection = Connect-ContactsApi -BaseUri $emu.BaseUri -PassThru
        $connection.LocationId | Should -BeExactly 'emulator-location'

        $created = New-Contact -FirstName 'Runbook' -Email 'runbook@example.com'
        $created.LocationId | Should -BeExactly 'emulator-location'
        $request = Get-LastRequest
        $request.headers.Authorization | Should -BeExactly "Bearer $($emu.Token)"
        $request.status | Should -Be 201
    }

    It 'prefers -Token and -LocationId over the environment variables' {
        $env:HIGHLEVEL_API_TOKEN = 'pit-not-this-one-0000000'
        $env:HIGHLEVEL_LOCATION_ID = 'not-this-location'
        $connection = Connect-ContactsApi -Token $token -LocationId $emu.LocationId -BaseUri $emu.BaseUri -PassThru
        $connection.LocationId | Should -BeExactly 'emulator-location'
        $null = New-Contact -FirstName 'Explicit'
        (Get-LastRequest).headers.Authorization | Should -BeExactly "Bearer $($emu.Token)"
    }

    It 'fails clearly with neither -Token nor HIGHLEVEL_API_TOKEN' {
        $err = { Connect-ContactsApi -LocationId $emu.LocationId -BaseUri $emu.BaseUri } |
            Should -Throw -ErrorId 'ContactsApiTokenMissing,ContactsModule.Cmdlets.ConnectContactsApiCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.Exception.Message | Should -BeLike '*-Token*HIGHLEVEL_API_TOKEN*'
        Get-ContactsApiConnection -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'fails clearly with neither -LocationId nor HIGHLEVEL_LOCATION_ID' {
        $err = { Connect-ContactsApi -Token $token -BaseUri $emu.BaseUri } |
            Should -Throw -ErrorId 'ContactsApiLocationMissing,ContactsModule.Cmdlets.ConnectContactsApiCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err.Exception.Message | Should -BeLike '*-LocationId*HIGHLEVEL_LOCATION_ID*'
    }

    It 'refuses plain http:// to <Uri>' -TestCases @(
        @{ Uri = 'http://services.leadconnectorhq.com' }
        @{ Uri = 'http://example.com:8080/' }
        @{ Uri = 'http://10.0.0.5/' }
    ) {
        $err = { Connect-ContactsApi -Token $token -LocationId 'x' -BaseUri $Uri } |
            Should -Throw -ErrorId 'ContactsApiConnectionInvalid,ContactsModule.Cmdlets.ConnectContactsApiCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'SecurityError'
        $err.Exception.Message | Should -BeLike 'Refusing to send the token over plain http://*'
        Get-ContactsApiConnection -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'refuses a base URI that is not http(s): <Uri>' -TestCases @(
        @{ Uri = 'ftp://example.com/' }
        @{ Uri = 'services.leadconnectorhq.com' }
    ) {
        { Connect-ContactsApi -Token $token -LocationId 'x' -BaseUri $Uri } | Should -Throw -ErrorId 'ContactsApiConnectionInvalid,ContactsModule.Cmdlets.ConnectContactsApiCommand'
    }

    It 'allows plain http:// to the loopback host <Uri>' -TestCases @(
        @{ Uri = 'http://localhost:9/' }
        @{ Uri = 'http://127.0.0.1:9/' }
        @{ Uri = 'http://[::1]:9/' }
    ) {
        (Connect-ContactsApi -Token $token -LocationId 'x' -BaseUri $Uri -PassThru).BaseUri.AbsoluteUri | Should -BeExactly $Uri
    }

    It 'adds the trailing slash to a base URI with a path, so calls keep the path' {
        $connection = Connect-ContactsApi -Token $token -LocationId 'x' -BaseUri 'https://proxy.example.com/highlevel' -PassThru
        $connection.BaseUri.AbsoluteUri | Should -BeExactly 'https://proxy.example.com/highlevel/'
    }
}

Describe 'The connection object' {
    BeforeAll {
        Reset-ContactsEmulator -Emulator $emu
        $script:connection = Connect-ContactsApi -Token $token -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.05 -MaxRetry 3 -Timeout 30 -PassThru
    }

    It 'ToString names location, address, version and the masked token only' {
        $connection.ToString() | Should -BeExactly "HighLevel location emulator-location at $($emu.BaseUri.AbsoluteUri) (API 2021-07-28, token pit-…0001)"
    }

    It 'shows its retry settings' {
        $connection.MaxRetry | Should -Be 3
        $connection.RetryDelay | Should -Be ([timespan]::FromSeconds(0.05))
        $connection.Timeout | Should -Be ([timespan]::FromSeconds(30))
        $connection.ConnectedAt | Should -BeOfType [datetime]
    }

    It 'never shows the token: default view, Format-List *, Format-Table, ConvertTo-Json, Get-Member' {
        $texts = @(
            ($connection | Out-String)
            ($connection | Format-List * -Force | Out-String)
            ($connection | Format-Table * -Force | Out-String -Width 500)
            ($connection | ConvertTo-Json -Depth 5)
            ($connection | Get-Member -Force | Out-String -Width 500)
            ($connection.PSObject.Properties | ForEach-Object { "$($_.Name)=$($_.Value)" }) -join "`n"
            "$connection"
        )
        foreach ($text in $texts) {
            $text | Should -Not -BeNullOrEmpty
            $text | Should -Not -Match ([regex]::Escape($emu.Token))
            $text | Should -Not -Match 'emulator-token'
        }
        ($connection | Out-String) | Should -Match 'TokenHint\s*:\s*pit-…0001'
    }

    It 'has no public property that holds the token' {
        foreach ($property in $connection.PSObject.Properties) {
            "$($property.Value)" | Should -Not -BeLike '*emulator-token*'
        }
    }
}

Describe 'Get-ContactsApiConnection and Disconnect-ContactsApi' {
    It 'Get-ContactsApiConnection shows the current connection with the token masked' {
        Connect-Main
        $current = Get-ContactsApiConnection
        $current | Should -BeOfType ContactsModule.Session.ContactsApiConnection
        $current.LocationId | Should -BeExactly 'emulator-location'
        $current.TokenHint | Should -BeExactly 'pit-…0001'
        ($current | Out-String) | Should -Not -Match 'emulator-token'
    }

    It 'Disconnect-ContactsApi forgets the connection' {
        Connect-Main
        Disconnect-ContactsApi
        # Without a connection Get-ContactsApiConnection returns nothing and writes no error (as Get-MgContext does).
        Get-ContactsApiConnection -ErrorVariable notConnected | Should -BeNullOrEmpty
        $notConnected | Should -BeNullOrEmpty
        { Get-Contact -Id 'any' -ErrorAction Stop } | Should -Throw -ErrorId 'ContactsApiNotConnected,*'
    }

    It 'New-Contact without a connection fails with ContactsApiNotConnected and sends nothing' {
        Reset-ContactsEmulator -Emulator $emu
        Disconnect-ContactsApi
        $err = { New-Contact -FirstName 'Nobody' -Email 'nobody@example.com' } | Should -Throw -ErrorId 'ContactsApiNotConnected,ContactsModule.Cmdlets.NewContactCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        $err.Exception.Message | Should -BeLike '*Connect-ContactsApi*'
        @(Get-EmulatorRequest -Emulator $emu) | Should -HaveCount 0
    }

    It 'Disconnect-ContactsApi without a connection is harmless' {
        Disconnect-ContactsApi
        { Disconnect-ContactsApi -ErrorAction Stop } | Should -Not -Throw
    }

    It 'a new Connect-ContactsApi replaces the current connection' {
        Connect-Main
        Connect-ContactsApi -Token $otherToken -LocationId $emu.OtherLocationId -BaseUri $emu.BaseUri
        (Get-ContactsApiConnection).LocationId | Should -BeExactly 'other-location'
        (Get-ContactsApiConnection).TokenHint | Should -BeExactly 'pit-…0002'
        Connect-Main
    }
}

Describe 'Two connections at once with -Connection' {
    BeforeAll {
        Reset-ContactsEmulator -Emulator $emu
        $script:main = Connect-ContactsApi -Token $token -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.05 -PassThru
        # The last connect is the current one.
        $script:other = Connect-ContactsApi -Token $otherToken -LocationId $emu.OtherLocationId -BaseUri $emu.BaseUri -RetryDelay 0.05 -PassThru
    }
    AfterAll { Connect-Main }

    It 'sends with the given connection''s token and location, and the current one otherwise' {
        $inMain = New-Contact -FirstName 'Main' -Email 'main@example.com' -Connection $main
        $mainRequest = Get-LastRequest
        $inOther = New-Contact -FirstName 'Other' -Email 'other@example.com'
        $otherRequest = Get-LastRequest

        $inMain.LocationId | Should -BeExactly 'emulator-location'
        $mainRequest.headers.Authorization | Should -BeExactly "Bearer $($emu.Token)"
        ($mainRequest.body | ConvertFrom-Json).locationId | Should -BeExactly 'emulator-location'

        $inOther.LocationId | Should -BeExactly 'other-location'
        $otherRequest.headers.Authorization | Should -BeExactly "Bearer $($emu.OtherToken)"
        ($otherRequest.body | ConvertFrom-Json).locationId | Should -BeExactly 'other-location'

        @(Get-EmulatorContact -Emulator $emu -LocationId 'emulator-location').email | Should -Be @('main@example.com')
        @(Get-EmulatorContact -Emulator $emu -LocationId 'other-location').email | Should -Be @('other@example.com')
    }

    It 'a -Connection keeps working after Disconnect-ContactsApi' {
        Disconnect-ContactsApi
        $created = New-Contact -FirstName 'Held' -Email 'held@example.com' -Connection $main
        $created.LocationId | Should -BeExactly 'emulator-location'
    }

    It 'rows piped with -Connection all go to that connection' {
        Clear-EmulatorRequest -Emulator $emu
        $rows = 1..3 | ForEach-Object { [pscustomobject]@{ FirstName = "Piped$_"; Email = "piped$_@example.com" } }
        $created = $rows | New-Contact -Connection $other
        $created.LocationId | Should -Be @('other-location', 'other-location', 'other-location')
        @(Get-EmulatorRequest -Emulator $emu | ForEach-Object { $_.headers.Authorization } | Select-Object -Unique) |
            Should -Be @("Bearer $($emu.OtherToken)")
    }
}

Describe 'Authentication and permission failures are terminating' {
    AfterEach { Connect-Main }

    It 'a wrong token gives ContactsApiUnauthorized and stops' {
        Reset-ContactsEmulator -Emulator $emu
        $bad = ConvertTo-SecureString 'pit-wrong-token-12345678' -AsPlainText -Force
        Connect-ContactsApi -Token $bad -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.05
        $err = { New-Contact -FirstName 'Denied' -Email 'denied@example.com' } | Should -Throw -ErrorId 'ContactsApiUnauthorized,ContactsModule.Cmdlets.NewContactCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        "$err" | Should -BeLike '*401*Invalid token: access token is invalid*'
        $err.Exception.StatusCode | Should -Be 401
        # No retry for a 401.
        @(Get-EmulatorRequest -Emulator $emu) | Should -HaveCount 1
        @(Get-EmulatorContact -Emulator $emu) | Should -HaveCount 0
    }

    It 'another location''s id gives ContactsApiForbidden and stops' {
        Reset-ContactsEmulator -Emulator $emu
        Connect-Main
        $err = { New-Contact -FirstName 'Elsewhere' -LocationId $emu.OtherLocationId } | Should -Throw -ErrorId 'ContactsApiForbidden,ContactsModule.Cmdlets.NewContactCommand' -PassThru
        $err.CategoryInfo.Category | Should -Be 'PermissionDenied'
        "$err" | Should -BeLike '*403*The token does not have access to this location*'
        ((Get-LastRequest).body | ConvertFrom-Json).locationId | Should -BeExactly 'other-location'
        @(Get-EmulatorContact -Emulator $emu) | Should -HaveCount 0
    }

    It 'a 401 in a piped import stops the rows after it' {
        Reset-ContactsEmulator -Emulator $emu
        # A token not used before in this process: its rate limiter has not yet learned the limits.
        $bad = ConvertTo-SecureString 'pit-wrong-token-87654321' -AsPlainText -Force
        Connect-ContactsApi -Token $bad -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.05
        $rows = 1..5 | ForEach-Object { [pscustomobject]@{ FirstName = "Row$_"; Email = "row$_@example.com" } }
        $err = { $rows | New-Contact -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'ContactsApiUnauthorized,ContactsModule.Cmdlets.NewContactCommand' -PassThru
        $err.TargetObject | Should -Be $rows[0]
        "$err" | Should -BeLike 'Row 1: *401*'
        # The first request goes alone until the limits are known; the 401 stops everything after it.
        @(Get-EmulatorRequest -Emulator $emu) | Should -HaveCount 1
    }
}
