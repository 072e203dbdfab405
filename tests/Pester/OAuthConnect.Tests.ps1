# OAuth connections end to end against the emulator: each grant, proactive refresh and refresh after a 401 with 20
# requests in flight (one refresh call), the rotated refresh token kept in the connection and in -RefreshTokenPath,
# refused refreshes as terminating errors, agency -> location tokens and Get-ContactsApiLocation.
# No secret is printed: assertions compare values, the request log holds fingerprints only.

BeforeAll {
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$repo/tests/Pester/EmulatorHarness.psm1" -Force
    Import-Module "$repo/out/ContactsModule/ContactsModule.psd1" -Force
    $script:emu = Start-ContactsEmulator -Config @{ burstLimit = 100000 }
    $script:secret = ConvertTo-SecureString $emu.ClientSecret -AsPlainText -Force

    function ConvertTo-Plain([securestring] $Secure) { [System.Net.NetworkCredential]::new('', $Secure).Password }

    # Each call gets its own seeded refresh token, so that tests do not share single-use tokens.
    function New-SeededRefreshToken([string] $UserType = 'Location', [string] $LocationId = $emu.LocationId) {
        $token = 'seeded-refresh-' + [guid]::NewGuid().ToString('N')
        $seeds = @{}
        $seeds[$token] = if ($UserType -eq 'Company') { @{ userType = 'Company' } } else { @{ userType = 'Location'; locationId = $LocationId } }
        $existing = (Get-EmulatorConfig -Emulator $emu).refreshTokens
        foreach ($p in $existing.PSObject.Properties) { $seeds[$p.Name] = $p.Value }
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ refreshTokens = $seeds }
        $token
    }

    function Connect-OAuth([string] $RefreshToken, [hashtable] $Extra = @{}) {
        $params = @{ ClientId = $emu.ClientId; ClientSecret = $script:secret; BaseUri = $emu.BaseUri; RetryDelay = 0.05 }
        if ($RefreshToken) { $params.RefreshToken = ConvertTo-SecureString $RefreshToken -AsPlainText -Force }
        foreach ($key in $Extra.Keys) { $params[$key] = $Extra[$key] }
        Connect-ContactsApi @params
    }

    function Get-TokenCall { @(Get-EmulatorRequest -Emulator $emu | Where-Object path -eq '/oauth/token') }

    function New-Rows([int] $Count, [string] $Prefix) {
        1..$Count | ForEach-Object { [pscustomobject]@{ FirstName = "$Prefix$_"; Email = "$Prefix$_@example.com".ToLowerInvariant() } }
    }

    function Get-RefreshFingerprint($Entry) { if ($Entry.body -match 'refresh_token=(redacted:[0-9a-f]+)') { $Matches[1] } }
}

AfterAll {
    Disconnect-ContactsApi
    Stop-ContactsEmulator -Emulator $emu
}

Describe 'Connect-ContactsApi with OAuth' {
    BeforeEach { Clear-EmulatorRequest -Emulator $emu }

    It 'refresh_token grant (Location): connects, creates a contact, keeps the new refresh token' {
        $given = New-SeededRefreshToken
        $connection = Connect-OAuth $given -Extra @{ PassThru = $true }
        $connection.UserType | Should -Be 'Location'
        $connection.LocationId | Should -Be $emu.LocationId
        $connection.ClientId | Should -Be $emu.ClientId
        $connection.RefreshToken | Should -BeOfType [securestring]
        $latest = ConvertTo-Plain $connection.RefreshToken
        ($latest -ne $given -and $latest.Length -gt 0) | Should -BeTrue
        $connection.AccessTokenExpiresAt | Should -BeGreaterThan (Get-Date).AddHours(23)

        $created = New-Contact -FirstName 'Oauth' -Email 'oauth.location@example.com'
        $created.LocationId | Should -Be $emu.LocationId
        $calls = Get-TokenCall
        $calls.Count | Should -Be 1
        $calls[0].body | Should -BeLike '*grant_type=refresh_token*'
        (Get-RefreshFingerprint $calls[0]) | Should -Be (Get-EmulatorSecretFingerprint $given)
    }

    It 'a token without locations.readonly: the duplicate setting is not read, nothing is renewed for it, the row is created once' {
        $given = New-SeededRefreshToken
        Connect-OAuth $given
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ errorAfterStoreRate = 1.0 }
        try {
            $out = New-Contact -FirstName 'Scoped' -Email 'oauth.scoped@example.com' -Verbose -ErrorVariable errs -ErrorAction SilentlyContinue 4>&1
        }
        finally {
            $null = Set-EmulatorConfig -Emulator $emu -Config @{ errorAfterStoreRate = 0 }
        }
        $verbose = @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        @($errs).Count | Should -Be 0
        @($out | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Email | Should -Be 'oauth.scoped@example.com'
        $probe = @(Get-EmulatorRequest -Emulator $emu | Where-Object path -eq "/locations/$($emu.LocationId)")
        $probe.Count | Should -Be 1
        $probe[0].status | Should -Be 401
        $verbose | Should -Contain 'The location''s duplicate setting could not be read (401): look-ups wait for late stores.'
        # The connect's refresh only: a 401 for a missing scope renews no token.
        (Get-TokenCall).Count | Should -Be 1
        @(Get-EmulatorRequest -Emulator $emu | Where-Object { $_.method -eq 'POST' -and $_.path -eq '/contacts/' }).Count | Should -Be 1
    }

    It 'authorization_code grant (Company): an agency connection' {
        $connection = Connect-ContactsApi -ClientId $emu.ClientId -ClientSecret $secret -BaseUri $emu.BaseUri -PassThru `
            -AuthorizationCode (ConvertTo-SecureString 'emulator-code-company-0001' -AsPlainText -Force) -RedirectUri 'https://example.com/callback' -UserType Company
        $connection.UserType | Should -Be 'Company'
        $connection.IsAgency | Should -BeTrue
        $connection.CompanyId | Should -Be $emu.CompanyId
        $connection.RefreshToken | Should -Not -BeNullOrEmpty
        (Get-TokenCall)[0].body | Should -BeLike '*grant_type=authorization_code*redirect_uri=*'
    }

    It 'reads HIGHLEVEL_CLIENT_ID, HIGHLEVEL_CLIENT_SECRET and HIGHLEVEL_REFRESH_TOKEN' {
        $given = New-SeededRefreshToken
        $saved = @{ id = $env:HIGHLEVEL_CLIENT_ID; secret = $env:HIGHLEVEL_CLIENT_SECRET; refresh = $env:HIGHLEVEL_REFRESH_TOKEN; pit = $env:HIGHLEVEL_API_TOKEN }
        try {
            $env:HIGHLEVEL_API_TOKEN = $null
            $env:HIGHLEVEL_CLIENT_ID = $emu.ClientId
            $env:HIGHLEVEL_CLIENT_SECRET = $emu.ClientSecret
            $env:HIGHLEVEL_REFRESH_TOKEN = $given
            $connection = Connect-ContactsApi -BaseUri $emu.BaseUri -PassThru
            $connection.UserType | Should -Be 'Location'
            (New-Contact -FirstName 'Env' -Email 'oauth.env@example.com').Id | Should -Not -BeNullOrEmpty
        }
        finally {
            $env:HIGHLEVEL_CLIENT_ID = $saved.id; $env:HIGHLEVEL_CLIENT_SECRET = $saved.secret
            $env:HIGHLEVEL_REFRESH_TOKEN = $saved.refresh; $env:HIGHLEVEL_API_TOKEN = $saved.pit
        }
    }

    It 'refuses a used refresh token (ContactsApiInvalidGrant), a bad secret (ContactsApiInvalidClient), a paused location (ContactsApiLocationNotActive)' {
        $given = New-SeededRefreshToken
        Connect-OAuth $given
        $used = $null
        try { Connect-OAuth $given -Extra @{ BaseUri = [uri]($emu.BaseUri.AbsoluteUri.Replace('127.0.0.1', 'localhost')) } } catch { $used = $_ }
        $used.FullyQualifiedErrorId | Should -BeLike 'ContactsApiInvalidGrant*'
        $used.CategoryInfo.Category | Should -Be 'AuthenticationError'
        "$used" | Should -BeLike '*Invalid grant*already used*'
        $used.ErrorDetails.RecommendedAction | Should -BeLike '*latest refresh token*'

        $bad = $null
        try {
            Connect-ContactsApi -ClientId $emu.ClientId -ClientSecret (ConvertTo-SecureString 'wrong-secret-value' -AsPlainText -Force) -BaseUri $emu.BaseUri `
                -RefreshToken (ConvertTo-SecureString (New-SeededRefreshToken) -AsPlainText -Force)
        } catch { $bad = $_ }
        $bad.FullyQualifiedErrorId | Should -BeLike 'ContactsApiInvalidClient*'

        $paused = New-SeededRefreshToken -LocationId 'agency-location-4'
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ inactiveLocations = @('agency-location-4') }
        $notActive = $null
        try { Connect-OAuth $paused } catch { $notActive = $_ }
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ inactiveLocations = @() }
        $notActive.FullyQualifiedErrorId | Should -BeLike 'ContactsApiLocationNotActive*'
        "$notActive" | Should -BeLike '*not active*'
        # The refused refresh did not use the token up: it works once the location is active again.
        (Connect-OAuth $paused -Extra @{ PassThru = $true }).LocationId | Should -Be 'agency-location-4'
    }

    It 'refreshes before expiry with 20 requests in flight: exactly one refresh call, no 401' {
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ accessTokenExpiresIn = 6 }
        try {
            Connect-OAuth (New-SeededRefreshToken)
            Clear-EmulatorRequest -Emulator $emu
            # Within the last tenth of the token's life: the next requests must refresh first.
            Start-Sleep -Milliseconds 5500
            $rows = New-Rows 20 'Proactive'
            $out = $rows | New-Contact -ThrottleLimit 20
            @($out).Count | Should -Be 20
            $log = Get-EmulatorRequest -Emulator $emu
            @($log | Where-Object path -eq '/oauth/token').Count | Should -Be 1
            @($log | Where-Object status -eq 401).Count | Should -Be 0
            @($log | Where-Object { $_.path -eq '/contacts/' -and $_.status -eq 201 }).Count | Should -Be 20
        }
        finally { $null = Set-EmulatorConfig -Emulator $emu -Config @{ accessTokenExpiresIn = 86399 } }
    }

    It 'refreshes once after 401 with 20 requests in flight, then sends each request again' {
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ latencyMs = 200 }
        try {
            $connection = Connect-OAuth (New-SeededRefreshToken) -Extra @{ PassThru = $true }
            $null = New-Contact -FirstName 'Warm' -Email 'oauth.warm@example.com'
            Clear-EmulatorRequest -Emulator $emu
            $null = Revoke-EmulatorAccessToken -Emulator $emu
            $out = New-Rows 20 'After401' | New-Contact -ThrottleLimit 20 -Verbose 4>&1
            @($out | Where-Object { $_ -is [ContactsModule.Models.Contact] }).Count | Should -Be 20
            @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like '*got 401 with an OAuth access token*' }).Count | Should -BeGreaterThan 0
            $log = Get-EmulatorRequest -Emulator $emu
            @($log | Where-Object path -eq '/oauth/token').Count | Should -Be 1
            @($log | Where-Object { $_.status -eq 401 -and $_.fault -eq 'tokenExpired' }).Count | Should -BeGreaterThan 0
            @($log | Where-Object { $_.path -eq '/contacts/' -and $_.status -eq 201 }).Count | Should -Be 20
        }
        finally { $null = Set-EmulatorConfig -Emulator $emu -Config @{ latencyMs = 0 } }
    }

    It 'keeps the rotated refresh token in the connection and the file; never sends a used one again' {
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ accessTokenExpiresIn = 2 }
        $path = Join-Path ([System.IO.Path]::GetTempPath()) ("refresh-{0}.txt" -f [guid]::NewGuid().ToString('N'))
        try {
            $given = New-SeededRefreshToken
            $connection = Connect-OAuth $given -Extra @{ PassThru = $true; RefreshTokenPath = $path }
            foreach ($i in 1..3) {
                Start-Sleep -Milliseconds 2000
                $null = New-Contact -FirstName "Rotate$i" -Email "oauth.rotate$i@example.com"
            }
            $calls = Get-TokenCall
            $calls.Count | Should -BeGreaterOrEqual 4
            $fingerprints = @($calls | ForEach-Object { Get-RefreshFingerprint $_ })
            @($fingerprints | Select-Object -Unique).Count | Should -Be $fingerprints.Count -Because 'a used refresh token is never sent again'
            @($calls | Where-Object status -ne 200).Count | Should -Be 0
            $latest = ConvertTo-Plain $connection.RefreshToken
            (Get-Content -LiteralPath $path -Raw) | Should -BeExactly $latest
            (Get-EmulatorSecretFingerprint $latest) | Should -Not -BeIn $fingerprints
        }
        finally {
            $null = Set-EmulatorConfig -Emulator $emu -Config @{ accessTokenExpiresIn = 86399 }
            Remove-Item -LiteralPath $path -ErrorAction SilentlyContinue
        }
    }

    It '-RefreshTokenPath: owner-only file (600), the path alone connects, a -RefreshToken given with it wins' {
        $path = Join-Path ([System.IO.Path]::GetTempPath()) ("refresh-{0}.txt" -f [guid]::NewGuid().ToString('N'))
        try {
            $first = Connect-OAuth (New-SeededRefreshToken) -Extra @{ PassThru = $true; RefreshTokenPath = $path }
            if (-not $IsWindows) { (Get-Item -LiteralPath $path).UnixMode | Should -Be '-rw-------' }
            (Get-Content -LiteralPath $path -Raw) | Should -BeExactly (ConvertTo-Plain $first.RefreshToken)
            @(Get-ChildItem -LiteralPath (Split-Path $path) -Filter ('.' + (Split-Path $path -Leaf) + '*.tmp')).Count | Should -Be 0

            # In another process the file is all it takes (this process would share the live token source).
            $pwsh = (Get-Process -Id $PID).Path
            [string[]] $prefix = if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { @(Join-Path $PSHOME 'pwsh.dll') } else { @() }
            $script = "Import-Module '$repo/out/ContactsModule/ContactsModule.psd1'; " +
                "`$s = ConvertTo-SecureString '$($emu.ClientSecret)' -AsPlainText -Force; " +
                "`$c = Connect-ContactsApi -ClientId '$($emu.ClientId)' -ClientSecret `$s -RefreshTokenPath '$path' -BaseUri '$($emu.BaseUri)' -PassThru; " +
                "(New-Contact -FirstName Child -Email 'oauth.child@example.com').LocationId"
            $childOut = & $pwsh @prefix -NoProfile -NonInteractive -Command $script 2>&1
            "$childOut" | Should -Be $emu.LocationId
            if (-not $IsWindows) { (Get-Item -LiteralPath $path).UnixMode | Should -Be '-rw-------' }

            # A -RefreshToken given with the path wins and its successor is written to the file.
            $given = New-SeededRefreshToken
            Clear-EmulatorRequest -Emulator $emu
            $third = Connect-OAuth $given -Extra @{ PassThru = $true; RefreshTokenPath = $path }
            (Get-RefreshFingerprint (Get-TokenCall)[0]) | Should -Be (Get-EmulatorSecretFingerprint $given)
            (Get-Content -LiteralPath $path -Raw) | Should -BeExactly (ConvertTo-Plain $third.RefreshToken)
        }
        finally { Remove-Item -LiteralPath $path -ErrorAction SilentlyContinue }
    }

    It 'names the missing OAuth setting (ContactsApiOAuthCredentialsMissing)' {
        $missing = $null
        try { Connect-ContactsApi -ClientId $emu.ClientId -ClientSecret $secret -RefreshTokenPath (Join-Path ([System.IO.Path]::GetTempPath()) 'no-such-refresh-file.txt') -BaseUri $emu.BaseUri } catch { $missing = $_ }
        $missing.FullyQualifiedErrorId | Should -BeLike 'ContactsApiOAuthCredentialsMissing*'
        $mixed = $null
        try { Connect-ContactsApi -Token (ConvertTo-SecureString $emu.Token -AsPlainText -Force) -ClientId $emu.ClientId -BaseUri $emu.BaseUri } catch { $mixed = $_ }
        $mixed.FullyQualifiedErrorId | Should -BeLike 'ContactsApiConnectionInvalid*'
    }
}

Describe 'Agency (Company) connections' {
    BeforeAll {
        Clear-EmulatorRequest -Emulator $emu
        $script:agency = Connect-OAuth (New-SeededRefreshToken -UserType Company) -Extra @{ PassThru = $true; UserType = 'Company' }
    }

    It 'Get-ContactsApiLocation lists the installed locations' {
        $locations = @(Get-ContactsApiLocation)
        $locations.LocationId | Should -Be @('emulator-location', 'other-location', 'agency-location-3', 'agency-location-4')
        $locations[0].Name | Should -Be 'Emulator Location'
        $locations[0].CompanyId | Should -Be $emu.CompanyId
        (Get-ContactsApiLocation -Name 'other').LocationId | Should -Be 'other-location'
    }

    It 'gets a location token per location, caches it, and creates the contact there' {
        Clear-EmulatorRequest -Emulator $emu
        $a = New-Contact -FirstName 'Agency' -Email 'agency.three@example.com' -LocationId 'agency-location-3'
        $b = New-Contact -FirstName 'Agency' -Email 'agency.three.b@example.com' -LocationId 'agency-location-3'
        $c = New-Contact -FirstName 'Agency' -Email 'agency.four@example.com' -LocationId 'agency-location-4'
        $a.LocationId | Should -Be 'agency-location-3'
        $c.LocationId | Should -Be 'agency-location-4'
        $log = Get-EmulatorRequest -Emulator $emu
        $tokenCalls = @($log | Where-Object path -eq '/oauth/locationToken')
        $tokenCalls.Count | Should -Be 2
        $tokenCalls[0].body | Should -Be 'companyId=emulator-company&locationId=agency-location-3'
        @($log | Where-Object path -eq '/oauth/token').Count | Should -Be 0
    }

    It 'renews an expired location token with a new /oauth/locationToken call' {
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ locationTokenExpiresIn = 2 }
        try {
            $null = New-Contact -FirstName 'Short' -Email 'agency.short1@example.com' -LocationId 'other-location'
            Start-Sleep -Milliseconds 2000
            Clear-EmulatorRequest -Emulator $emu
            $null = New-Contact -FirstName 'Short' -Email 'agency.short2@example.com' -LocationId 'other-location'
            $log = Get-EmulatorRequest -Emulator $emu
            @($log | Where-Object path -eq '/oauth/locationToken').Count | Should -Be 1
            @($log | Where-Object status -eq 401).Count | Should -Be 0
        }
        finally { $null = Set-EmulatorConfig -Emulator $emu -Config @{ locationTokenExpiresIn = 86399 } }
    }

    It 'Get-ContactsApiLocation needs an agency connection' {
        Connect-OAuth (New-SeededRefreshToken)
        $refused = $null
        try { Get-ContactsApiLocation } catch { $refused = $_ }
        $refused.FullyQualifiedErrorId | Should -BeLike 'ContactsApiConnectionInvalid*'
    }
}
