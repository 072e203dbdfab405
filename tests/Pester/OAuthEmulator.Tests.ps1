# Contract tests for the emulator's OAuth endpoints (/oauth/token, /oauth/locationToken, /oauth/installedLocations),
# straight over HTTP. No secret is ever written to the output: assertions compare values, failures show fingerprints.

BeforeAll {
    Import-Module "$PSScriptRoot/EmulatorHarness.psm1" -Force
    $script:emu = Start-ContactsEmulator
    $script:base = $emu.BaseUri.AbsoluteUri.TrimEnd('/')

    function Invoke-Raw {
        param([string] $Method = 'GET', [string] $Path, [hashtable] $Form, [string] $Token, [string] $Version = '2021-07-28', $Json)
        $headers = @{ Accept = 'application/json' }
        if ($Token) { $headers.Authorization = "Bearer $Token" }
        if ($Version) { $headers.Version = $Version }
        $params = @{ Uri = "$script:base$Path"; Method = $Method; Headers = $headers; SkipHttpErrorCheck = $true; NoProxy = $true }
        if ($Form) {
            $params.Body = ($Form.GetEnumerator() | ForEach-Object { [uri]::EscapeDataString($_.Key) + '=' + [uri]::EscapeDataString([string]$_.Value) }) -join '&'
            $params.ContentType = 'application/x-www-form-urlencoded'
        }
        elseif ($null -ne $Json) {
            $params.Body = ConvertTo-Json $Json -Compress
            $params.ContentType = 'application/json'
        }
        $response = Invoke-WebRequest @params
        $parsed = if ($response.Content) { ConvertFrom-Json $response.Content } else { $null }
        [pscustomobject]@{ Status = [int]$response.StatusCode; Json = $parsed; Headers = $response.Headers }
    }

    function Get-Token([hashtable] $Extra) {
        $form = @{ client_id = $emu.ClientId; client_secret = $emu.ClientSecret }
        foreach ($key in $Extra.Keys) { $form[$key] = $Extra[$key] }
        Invoke-Raw -Method POST -Path '/oauth/token' -Form $form
    }

    function New-ContactWith([string] $Token, [string] $LocationId) {
        Invoke-Raw -Method POST -Path '/contacts/' -Token $Token -Json @{ locationId = $LocationId; firstName = 'Oauth' }
    }
}

AfterAll { Stop-ContactsEmulator -Emulator $emu }

Describe 'POST /oauth/token' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'refresh_token (Location): a location token and a new refresh token; the old one is single-use' {
        $first = Get-Token @{ grant_type = 'refresh_token'; refresh_token = $emu.RefreshToken; user_type = 'Location' }
        $first.Status | Should -Be 200
        $first.Json.token_type | Should -Be 'Bearer'
        $first.Json.expires_in | Should -Be 86399
        $first.Json.userType | Should -Be 'Location'
        $first.Json.locationId | Should -Be $emu.LocationId
        $first.Json.companyId | Should -Be $emu.CompanyId
        $first.Json.userId | Should -Not -BeNullOrEmpty
        ($first.Json.refresh_token -ne $emu.RefreshToken) | Should -BeTrue

        (New-ContactWith $first.Json.access_token $emu.LocationId).Status | Should -Be 201

        $again = Get-Token @{ grant_type = 'refresh_token'; refresh_token = $emu.RefreshToken }
        $again.Status | Should -Be 400
        $again.Json.message | Should -Be 'Invalid grant: refresh token is invalid'

        $next = Get-Token @{ grant_type = 'refresh_token'; refresh_token = $first.Json.refresh_token }
        $next.Status | Should -Be 200
        (Get-Token @{ grant_type = 'refresh_token'; refresh_token = $first.Json.refresh_token }).Status | Should -Be 400
    }

    It 'refresh_token (Company): an agency token with its approved locations, refused on contact endpoints' {
        $company = Get-Token @{ grant_type = 'refresh_token'; refresh_token = $emu.CompanyRefreshToken; user_type = 'Company' }
        $company.Status | Should -Be 200
        $company.Json.userType | Should -Be 'Company'
        $company.Json.PSObject.Properties.Name | Should -Not -Contain 'locationId'
        $company.Json.approvedLocations | Should -Contain $emu.LocationId
        $company.Json.scope -split ' ' | Should -Contain 'oauth.write'
        $refused = New-ContactWith $company.Json.access_token $emu.LocationId
        $refused.Status | Should -Be 401
        $refused.Json.message | Should -Be 'The token is not authorized for this scope.'
    }

    It 'authorization_code: single-use codes' {
        $code = Get-Token @{ grant_type = 'authorization_code'; code = 'emulator-code-location-0001'; user_type = 'Location'; redirect_uri = 'https://example.com/cb' }
        $code.Status | Should -Be 200
        $code.Json.refresh_token | Should -Not -BeNullOrEmpty
        (Get-Token @{ grant_type = 'authorization_code'; code = 'emulator-code-location-0001' }).Status | Should -Be 400
    }

    It 'client_credentials: a Company token without a refresh token' {
        $cc = Get-Token @{ grant_type = 'client_credentials'; user_type = 'Company' }
        $cc.Status | Should -Be 200
        $cc.Json.userType | Should -Be 'Company'
        $cc.Json.PSObject.Properties.Name | Should -Not -Contain 'refresh_token'
    }

    It 'refuses a bad client secret with 401 and a user type that does not match with 400' {
        $bad = Invoke-Raw -Method POST -Path '/oauth/token' -Form @{ client_id = $emu.ClientId; client_secret = 'not-the-secret'; grant_type = 'refresh_token'; refresh_token = $emu.RefreshToken }
        $bad.Status | Should -Be 401
        $bad.Json.error | Should -Be 'Unauthorized'
        # The refused call did not use up the refresh token.
        (Get-Token @{ grant_type = 'refresh_token'; refresh_token = $emu.RefreshToken; user_type = 'Company' }).Status | Should -Be 400
        (Get-Token @{ grant_type = 'refresh_token'; refresh_token = $emu.RefreshToken; user_type = 'Location' }).Status | Should -Be 200
    }

    It 'answers 422 listing the missing fields, also for a JSON body' {
        $missing = Invoke-Raw -Method POST -Path '/oauth/token' -Json @{ client_id = $emu.ClientId }
        $missing.Status | Should -Be 422
        $missing.Json.message | Should -Contain 'client_id should not be empty'
        $missing.Json.message | Should -Contain 'grant_type must be one of the following values: authorization_code, refresh_token, client_credentials'
    }

    It 'an expired access token gets 401 "Invalid token" (logged as tokenExpired); lifetimes are configurable' {
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ accessTokenExpiresIn = 1 }
        $short = Get-Token @{ grant_type = 'refresh_token'; refresh_token = $emu.RefreshToken }
        $short.Json.expires_in | Should -Be 1
        Start-Sleep -Milliseconds 1300
        $late = New-ContactWith $short.Json.access_token $emu.LocationId
        $late.Status | Should -Be 401
        $late.Json.message | Should -Be 'Invalid token: access token is invalid'
        (Get-EmulatorRequest -Emulator $emu | Where-Object path -eq '/contacts/').fault | Should -Be 'tokenExpired'
    }

    It 'a location that is not active refuses the refresh and keeps the refresh token usable' {
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ inactiveLocations = @($emu.LocationId) }
        $paused = Get-Token @{ grant_type = 'refresh_token'; refresh_token = $emu.RefreshToken }
        $paused.Status | Should -Be 400
        $paused.Json.message | Should -Be 'Location is not active'
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ inactiveLocations = @() }
        (Get-Token @{ grant_type = 'refresh_token'; refresh_token = $emu.RefreshToken }).Status | Should -Be 200
    }

    It 'logs form bodies with fingerprints instead of secrets' {
        $null = Get-Token @{ grant_type = 'refresh_token'; refresh_token = $emu.RefreshToken }
        $entry = Get-EmulatorRequest -Emulator $emu | Where-Object path -eq '/oauth/token'
        $entry.body.Contains($emu.ClientSecret) | Should -BeFalse
        $entry.body.Contains($emu.RefreshToken) | Should -BeFalse
        $entry.body | Should -BeLike "*refresh_token=$(Get-EmulatorSecretFingerprint $emu.RefreshToken)*"
        $entry.body | Should -BeLike "*client_secret=$(Get-EmulatorSecretFingerprint $emu.ClientSecret)*"
    }
}

Describe 'Agency tokens: /oauth/locationToken and /oauth/installedLocations' {
    BeforeAll {
        Reset-ContactsEmulator -Emulator $emu
        $script:agency = (Get-Token @{ grant_type = 'refresh_token'; refresh_token = $emu.CompanyRefreshToken; user_type = 'Company' }).Json.access_token
        $script:locationToken = (Get-Token @{ grant_type = 'refresh_token'; refresh_token = $emu.RefreshToken }).Json.access_token
    }

    It 'turns the agency token into a location token (with a refresh token) that works on that location only' {
        $lt = Invoke-Raw -Method POST -Path '/oauth/locationToken' -Token $agency -Form @{ companyId = $emu.CompanyId; locationId = 'agency-location-3' }
        $lt.Status | Should -Be 200
        $lt.Json.locationId | Should -Be 'agency-location-3'
        $lt.Json.refresh_token | Should -Not -BeNullOrEmpty
        $lt.Json.appId | Should -Be $emu.AppId
        (New-ContactWith $lt.Json.access_token 'agency-location-3').Status | Should -Be 201
        (New-ContactWith $lt.Json.access_token $emu.LocationId).Status | Should -Be 403
    }

    It 'needs companyId and locationId, a Company token with oauth.write, the 2021-07-28 Version, an installed location' {
        $missing = Invoke-Raw -Method POST -Path '/oauth/locationToken' -Token $agency -Form @{ companyId = $emu.CompanyId }
        $missing.Status | Should -Be 422
        $missing.Json.message | Should -Contain 'locationId should not be empty'
        (Invoke-Raw -Method POST -Path '/oauth/locationToken' -Token $locationToken -Form @{ companyId = $emu.CompanyId; locationId = 'agency-location-3' }).Status | Should -Be 401
        (Invoke-Raw -Method POST -Path '/oauth/locationToken' -Token $agency -Version '2021-04-15' -Form @{ companyId = $emu.CompanyId; locationId = 'agency-location-3' }).Status | Should -Be 400
        (Invoke-Raw -Method POST -Path '/oauth/locationToken' -Token $agency -Form @{ companyId = $emu.CompanyId; locationId = 'not-installed' }).Status | Should -Be 403
        (Invoke-Raw -Method POST -Path '/oauth/locationToken' -Token 'nonsense' -Form @{ companyId = $emu.CompanyId; locationId = 'agency-location-3' }).Status | Should -Be 401
    }

    It 'answers "Location is not active" for a paused location' {
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ inactiveLocations = @('agency-location-4') }
        try {
            $paused = Invoke-Raw -Method POST -Path '/oauth/locationToken' -Token $agency -Form @{ companyId = $emu.CompanyId; locationId = 'agency-location-4' }
            $paused.Status | Should -Be 400
            $paused.Json.message | Should -Be 'Location is not active'
        }
        finally { $null = Set-EmulatorConfig -Emulator $emu -Config @{ inactiveLocations = @() } }
    }

    It 'lists the installed locations page by page, by name' {
        $query = "companyId=$($emu.CompanyId)&appId=$($emu.AppId)"
        $page = Invoke-Raw -Path "/oauth/installedLocations?$query&limit=3" -Token $agency
        $page.Status | Should -Be 200
        $page.Json.count | Should -Be 4
        @($page.Json.locations).Count | Should -Be 3
        $page.Json.locations[0]._id | Should -Be $emu.LocationId
        (Invoke-Raw -Path "/oauth/installedLocations?$query&skip=3" -Token $agency).Json.locations._id | Should -Be 'agency-location-4'
        (Invoke-Raw -Path "/oauth/installedLocations?$query&query=other" -Token $agency).Json.locations._id | Should -Be 'other-location'
        (Invoke-Raw -Path "/oauth/installedLocations?companyId=$($emu.CompanyId)" -Token $agency).Status | Should -Be 422
        (Invoke-Raw -Path "/oauth/installedLocations?$query" -Token $locationToken).Status | Should -Be 401
    }

    It 'counts the rate limit per (app, location): two tokens of the app share one budget' {
        Reset-ContactsEmulator -Emulator $emu
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ burstLimit = 3 }
        $agency2 = (Get-Token @{ grant_type = 'refresh_token'; refresh_token = $emu.CompanyRefreshToken; user_type = 'Company' }).Json.access_token
        $a = (Invoke-Raw -Method POST -Path '/oauth/locationToken' -Token $agency2 -Form @{ companyId = $emu.CompanyId; locationId = 'agency-location-3' }).Json.access_token
        $b = (Invoke-Raw -Method POST -Path '/oauth/locationToken' -Token $agency2 -Form @{ companyId = $emu.CompanyId; locationId = 'agency-location-3' }).Json.access_token
        $c = (Invoke-Raw -Method POST -Path '/oauth/locationToken' -Token $agency2 -Form @{ companyId = $emu.CompanyId; locationId = 'agency-location-4' }).Json.access_token
        $statuses = @((New-ContactWith $a 'agency-location-3').Status, (New-ContactWith $b 'agency-location-3').Status,
            (New-ContactWith $a 'agency-location-3').Status, (New-ContactWith $b 'agency-location-3').Status)
        $statuses | Should -Be @(201, 201, 201, 429)
        (New-ContactWith $c 'agency-location-4').Status | Should -Be 201
    }
}
