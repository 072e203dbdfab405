# The token never appears in output, errors, warnings, -Verbose or -Debug text, ToString() or a transcript.
# A failing run and a verbose+debug run are captured with every stream redirected (*>&1) and, on a capturing host
# (nothing reaches the console), with Start-Transcript; all of it is searched for the token.

BeforeAll {
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$repo/tests/Pester/EmulatorHarness.psm1" -Force
    Import-Module "$repo/out/ContactsModule/ContactsModule.psd1" -Force
    # No pacing at 100 requests per 10 s: the runs here send about a hundred requests.
    $script:emu = Start-ContactsEmulator -Config @{ burstLimit = 100000 }
    $script:token = ConvertTo-SecureString $emu.Token -AsPlainText -Force
    Connect-ContactsApi -Token $token -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.05

    # A wrong token that must not leak either; long enough that its hint shows only its last four characters.
    $script:wrongToken = 'pit-canary-wrong-token-7q3x'
    $script:clixml = $null
    $script:secrets = @($emu.Token, $wrongToken, 'emulator-token', 'canary-wrong')

    # Every piece of text an ErrorRecord can show.
    function Get-ErrorText($Record) {
        @(
            "$Record"
            ($Record | Format-List * -Force | Out-String -Width 1000)
            ($Record.Exception | Format-List * -Force | Out-String -Width 1000)
            $Record.Exception.ToString()
            ($Record.CategoryInfo | Out-String)
            ($Record.ErrorDetails | Format-List * -Force | Out-String -Width 1000)
            ($Record.TargetObject | Format-List * -Force | Out-String -Width 1000)
            ($Record.InvocationInfo | Format-List * -Force | Out-String -Width 1000)
        ) -join "`n"
    }

    # Runs $Script with all streams captured and shown on the host under a transcript. Returns all the text.
    # The host is a capturing one (Invoke-WithCapturedHost), so what it shows is kept, not printed on the console.
    function Invoke-Captured([scriptblock] $Script, [hashtable] $Extra = @{}) {
        $transcript = Join-Path ([System.IO.Path]::GetTempPath()) ("tokensafety-{0}.txt" -f [guid]::NewGuid().ToString('N'))
        $variables = @{
            repo = $repo; emu = $emu; token = $script:token; wrongToken = $script:wrongToken; clixml = $script:clixml
            transcript = $transcript; innerScript = $Script.ToString()
        }
        foreach ($key in $Extra.Keys) { $variables[$key] = $Extra[$key] }
        $run = Invoke-WithCapturedHost -Variable $variables {
            $Error.Clear()
            $null = Start-Transcript -LiteralPath $transcript
            try {
                # Errors must flow like in a console.
                $ErrorActionPreference = 'Continue'
                $captured = @(& ([scriptblock]::Create($innerScript)) *>&1)
                $captured | Out-Host
            }
            finally { $null = Stop-Transcript }
            $captured
        }
        if ($run.Terminating) { throw $run.Terminating }
        $captured = $run.Output
        $texts = [System.Collections.Generic.List[string]]::new()
        $texts.Add((Get-Content -LiteralPath $transcript -Raw))
        $texts.Add($run.HostText)
        Remove-Item -LiteralPath $transcript
        foreach ($item in $captured) {
            $texts.Add(($item | Out-String -Width 1000))
            $texts.Add("$item")
            if ($item -is [System.Management.Automation.ErrorRecord]) { $texts.Add((Get-ErrorText $item)) }
            elseif ($item -is [System.Management.Automation.InformationalRecord]) { $texts.Add($item.Message) }
            elseif ($null -ne $item) { $texts.Add(($item | Format-List * -Force | Out-String -Width 1000)) }
        }
        foreach ($record in $run.ErrorVariable) { $texts.Add((Get-ErrorText $record)) }
        [pscustomobject]@{ Items = $captured; Text = ($texts -join "`n") }
    }

    function Assert-NoSecret([string] $Text) {
        foreach ($secret in $script:secrets) {
            $Text.IndexOf($secret, [System.StringComparison]::OrdinalIgnoreCase) | Should -Be -1 -Because "'$secret' must not appear"
        }
    }
}

AfterAll { Disconnect-ContactsApi; Stop-ContactsEmulator -Emulator $emu }

Describe 'The token never shows' {
    It 'in a failing run (401, then 422, duplicate, invalid rows and 5xx with retries) with -Verbose and -Debug' {
        Reset-ContactsEmulator -Emulator $emu
        $run = Invoke-Captured {
            $wrong = ConvertTo-SecureString $wrongToken -AsPlainText -Force
            Connect-ContactsApi -Token $wrong -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.05 -PassThru -Verbose -Debug
            # The example file has custom field columns: the location's fields are read first, and that read gets the 401.
            try { Import-Csv "$repo/examples/contacts.csv" | New-Contact -Verbose -Debug } catch { $_ }
            Get-ContactsApiConnection | Format-List * -Force | Out-String -Width 1000
            # Without them the first create gets the 401, and the rows queued behind it are not sent.
            Connect-ContactsApi -Token $wrong -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.05 -Verbose -Debug
            try { Import-Csv "$repo/examples/contacts.csv" | Select-Object * -ExcludeProperty 'customField.*' | New-Contact -Verbose -Debug } catch { $_ }

            Connect-ContactsApi -Token $token -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.01 -MaxRetry 1 -Verbose -Debug
            Import-Csv "$repo/examples/contacts.csv" | Select-Object -First 21 | New-Contact -Verbose -Debug
            New-Contact -FirstName 'Zoë' -Email 'zoë@example.com' -Verbose -Debug
            New-Contact -FirstName 'Olivia' -Email 'olivia.bennett@example.com' -Verbose -Debug
            try { New-Contact -FirstName 'Elsewhere' -LocationId $emu.OtherLocationId -Verbose -Debug } catch { $_ }
            $null = Set-EmulatorConfig -Emulator $emu -Config @{ errorRate = 1.0 }
            New-Contact -FirstName 'Down' -Email 'down@example.com' -Verbose -Debug
            $null = Set-EmulatorConfig -Emulator $emu -Config @{ errorRate = 0 }
            Disconnect-ContactsApi -Verbose -Debug
            try { New-Contact -FirstName 'Nobody' } catch { $_ }
        }
        # The capture worked: the run did what it should, and its verbose lines and errors are in the text.
        $errorIds = @($run.Items | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] })
        $errorIds | Should -Contain 'ContactsApiUnauthorized'
        $errorIds | Should -Contain 'ContactNotSent'
        $errorIds | Should -Contain 'ContactValidationFailed'
        $errorIds | Should -Contain 'ContactApiValidationFailed'
        $errorIds | Should -Contain 'ContactDuplicate'
        $errorIds | Should -Contain 'ContactsApiForbidden'
        $errorIds | Should -Contain 'ContactsApiUnavailable'
        $errorIds | Should -Contain 'ContactsApiNotConnected'
        $run.Text | Should -Match 'Connected to location emulator-location at http:'
        $run.Text | Should -Match 'GET /locations/emulator-location/customFields\?model=contact -> 401'
        $run.Text | Should -Match 'POST /contacts/ -> 401'
        $run.Text | Should -Match 'POST /contacts/ -> 201'
        $run.Text | Should -Match 'retry 1 of 1'
        $run.Text | Should -Match 'pit-…7q3x'
        $run.Text | Should -Match 'PowerShell transcript start'
        Assert-NoSecret $run.Text
    }

    It 'in a successful verbose and debug run, in the connection and in ToString()' {
        Reset-ContactsEmulator -Emulator $emu
        $script:clixml = Join-Path $TestDrive 'connection.xml'
        $run = Invoke-Captured {
            $connection = Connect-ContactsApi -Token $token -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.05 -PassThru -Verbose -Debug
            $connection
            $connection.ToString()
            $connection | Format-List * -Force | Out-String -Width 1000
            $connection | Format-Table * -Force | Out-String -Width 1000
            $connection | ConvertTo-Json -Depth 5
            $connection | Export-Clixml -LiteralPath $clixml
            Get-Content -LiteralPath $clixml -Raw
            Get-ContactsApiConnection
            $created = Import-Csv "$repo/examples/contacts.csv" | Select-Object -First 3 | New-Contact -Verbose -Debug
            $created
            $created | Format-List * -Force | Out-String -Width 1000
            New-Contact -FirstName 'Maybe' -WhatIf -Verbose -Debug
        }
        $run.Text | Should -Match 'POST /contacts/ -> 201 Created'
        $run.Text | Should -Match 'What if: Performing the operation "POST /contacts/'
        $run.Text | Should -Match 'TokenHint'
        Assert-NoSecret $run.Text
    }

    It 'in Invoke-ContactsApiRequest runs: verbose and debug, every output type, errors, refused paths and a 401' {
        Reset-ContactsEmulator -Emulator $emu
        $run = Invoke-Captured {
            Connect-ContactsApi -Token $script:token -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.01 -MaxRetry 1
            $contact = New-Contact -FirstName 'Raw' -Email 'raw@example.com'
            $contact | Invoke-ContactsApiRequest POST '/contacts/{contactId}/notes' -Body @{ body = 'note' } -Verbose -Debug
            $response = Invoke-ContactsApiRequest GET "/contacts/$($contact.Id)" -OutputType HttpResponse -ResponseHeadersVariable headers -Verbose -Debug
            $response | Format-List * -Force | Out-String -Width 1000
            $response.ToString()
            $headers | Out-String -Width 1000
            Invoke-ContactsApiRequest GET "/contacts/$($contact.Id)" -OutputType Json -ApiVersion 2023-02-21 -Verbose -Debug
            Invoke-ContactsApiRequest GET '/contacts/missing/notes' -Verbose -Debug
            Invoke-ContactsApiRequest GET '/contacts/missing/notes' -SkipHttpErrorCheck -OutputType HttpResponse | Format-List * -Force | Out-String -Width 1000
            try { Invoke-ContactsApiRequest GET "https://evil.example/contacts/$($contact.Id)" -Verbose } catch { $_ }
            try { Invoke-ContactsApiRequest GET '/contacts/' -ApiVersion v3 -Verbose } catch { $_ }
            $null = Set-EmulatorConfig -Emulator $emu -Config @{ errorRate = 1.0 }
            Invoke-ContactsApiRequest GET "/contacts/$($contact.Id)" -Verbose -Debug
            Invoke-ContactsApiRequest POST "/contacts/$($contact.Id)/notes" -Body @{ body = 'x' } -Verbose -Debug
            $null = Set-EmulatorConfig -Emulator $emu -Config @{ errorRate = 0 }
            $wrong = ConvertTo-SecureString $script:wrongToken -AsPlainText -Force
            $bad = Connect-ContactsApi -Token $wrong -LocationId $emu.LocationId -BaseUri $emu.BaseUri -PassThru
            try { Invoke-ContactsApiRequest GET "/contacts/$($contact.Id)" -Connection $bad -Verbose -Debug } catch { $_ }
        }
        $errorIds = @($run.Items | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] })
        $errorIds | Should -Contain 'ContactsApiError'
        $errorIds | Should -Contain 'ContactsApiPathRefused'
        $errorIds | Should -Contain 'ContactsApiVersionRejected'
        $errorIds | Should -Contain 'ContactsApiUnavailable'
        $errorIds | Should -Contain 'ContactsApiUnauthorized'
        $run.Text | Should -Match 'POST /contacts/\w+/notes -> 201 Created'
        $run.Text | Should -Match 'X-RateLimit-Max'
        Assert-NoSecret $run.Text
    }

    It 'when a plain string is passed to -Token' {
        $run = Invoke-Captured {
            try { Connect-ContactsApi -Token $emu.Token -LocationId $emu.LocationId -BaseUri $emu.BaseUri } catch { $_ }
        }
        @($run.Items | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) | Should -HaveCount 1
        Assert-NoSecret $run.Text
        Connect-ContactsApi -Token $token -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.05
    }

    It 'the token is sent, as a Bearer header, so the check above is meaningful' {
        Reset-ContactsEmulator -Emulator $emu
        $null = New-Contact -FirstName 'Sent'
        @(Get-EmulatorRequest -Emulator $emu)[0].headers.Authorization | Should -BeExactly "Bearer $($emu.Token)"
    }
}

Describe 'OAuth secrets never show' {
    # The client secret, every refresh token (given and rotated) and every access token the emulator handed out
    # (read from its request log, never printed) are searched for in all streams, the transcript, Export-Clixml,
    # ConvertTo-Json and ToString() of the connection, and the refresh token file's permissions are checked.
    It 'in OAuth runs with -Verbose and -Debug: refreshes, a 401 renewal, an agency run, refused grants' {
        Reset-ContactsEmulator -Emulator $emu
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ accessTokenExpiresIn = 2; locationTokenExpiresIn = 2 }
        $clientSecret = ConvertTo-SecureString $emu.ClientSecret -AsPlainText -Force
        $tokenFile = Join-Path $TestDrive 'refresh-token.txt'
        $clixml = Join-Path $TestDrive 'oauth-connection.xml'
        $rotated = [System.Collections.Generic.List[string]]::new()
        # Canaries held in variables: a literal would show in the error records' InvocationInfo.Line.
        $wrongSecret = 'canary-wrong-' + 'secret'
        $wrongRefresh = 'canary-refresh-' + 'token'
        $unknownRefresh = 'canary-unknown-' + 'refresh'
        $run = Invoke-Captured {
            $location = Connect-ContactsApi -ClientId $emu.ClientId -ClientSecret $clientSecret -RefreshTokenPath $tokenFile -BaseUri $emu.BaseUri `
                -RefreshToken (ConvertTo-SecureString $emu.RefreshToken -AsPlainText -Force) -RetryDelay 0.05 -PassThru -Verbose -Debug
            $rotated.Add([System.Net.NetworkCredential]::new('', $location.RefreshToken).Password)
            Import-Csv "$repo/examples/contacts.csv" | Select-Object -First 5 | New-Contact -Verbose -Debug
            Start-Sleep -Milliseconds 2100
            New-Contact -FirstName 'Later' -Email 'later@example.com' -Verbose -Debug
            $null = Revoke-EmulatorAccessToken -Emulator $emu
            New-Contact -FirstName 'Revoked' -Email 'revoked@example.com' -Verbose -Debug
            $rotated.Add([System.Net.NetworkCredential]::new('', $location.RefreshToken).Password)
            $location
            $location.ToString()
            $location | Format-List * -Force | Out-String -Width 1000
            $location | ConvertTo-Json -Depth 5
            $location | Export-Clixml -LiteralPath $clixml
            Get-Content -LiteralPath $clixml -Raw
            Get-ContactsApiConnection | Format-List * -Force | Out-String -Width 1000

            $agency = Connect-ContactsApi -ClientId $emu.ClientId -ClientSecret $clientSecret -UserType Company -BaseUri $emu.BaseUri `
                -RefreshToken (ConvertTo-SecureString $emu.CompanyRefreshToken -AsPlainText -Force) -RetryDelay 0.05 -PassThru -Verbose -Debug
            Get-ContactsApiLocation -Verbose -Debug
            New-Contact -FirstName 'Agency' -Email 'agency@example.com' -LocationId 'agency-location-3' -Verbose -Debug
            $rotated.Add([System.Net.NetworkCredential]::new('', $agency.RefreshToken).Password)
            $agency | Format-List * -Force | Out-String -Width 1000
            $agency | ConvertTo-Json -Depth 5
            $agency.ToString()

            try { Connect-ContactsApi -ClientId $emu.ClientId -ClientSecret $clientSecret -BaseUri $emu.BaseUri -RefreshToken (ConvertTo-SecureString $unknownRefresh -AsPlainText -Force) -Verbose -Debug } catch { $_ }
            try { Connect-ContactsApi -ClientId $emu.ClientId -ClientSecret (ConvertTo-SecureString $wrongSecret -AsPlainText -Force) -BaseUri $emu.BaseUri -RefreshToken (ConvertTo-SecureString $wrongRefresh -AsPlainText -Force) -Verbose -Debug } catch { $_ }
        } -Extra @{
            clientSecret = $clientSecret; tokenFile = $tokenFile; clixml = $clixml; rotated = $rotated
            wrongSecret = $wrongSecret; wrongRefresh = $wrongRefresh; unknownRefresh = $unknownRefresh
        }
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ accessTokenExpiresIn = 86399; locationTokenExpiresIn = 86399 }
        Connect-ContactsApi -Token $token -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.05

        $log = @(Get-EmulatorRequest -Emulator $emu)
        $accessTokens = @($log | ForEach-Object { $_.headers.PSObject.Properties.Match('Authorization') | ForEach-Object { "$($_.Value)" } } | Where-Object { $_ -like 'Bearer emu-at-*' } | ForEach-Object { $_.Substring(7) } | Select-Object -Unique)
        $accessTokens.Count | Should -BeGreaterOrEqual 4 -Because 'the run refreshed location, agency and location tokens'
        $errorIds = @($run.Items | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] })
        $errorIds | Should -Contain 'ContactsApiInvalidGrant'
        $errorIds | Should -Contain 'ContactsApiInvalidClient'
        $run.Text | Should -Match 'got 401 with an OAuth access token'
        $run.Text | Should -Match 'OAuth: got a new access token'
        $run.Text | Should -Match 'POST /oauth/locationToken -> 200'

        $oauthSecrets = @($emu.ClientSecret, $emu.RefreshToken, $emu.CompanyRefreshToken, $wrongSecret, $wrongRefresh, $unknownRefresh) + $rotated + $accessTokens
        foreach ($secret in $oauthSecrets) {
            $run.Text.IndexOf($secret, [System.StringComparison]::OrdinalIgnoreCase) | Should -Be -1 -Because 'no OAuth secret may appear'
        }
        # The log itself keeps fingerprints only.
        foreach ($entry in $log | Where-Object path -like '/oauth/*') {
            foreach ($secret in @($emu.ClientSecret) + $rotated + @($emu.RefreshToken, $emu.CompanyRefreshToken)) { "$($entry.body)".Contains($secret) | Should -BeFalse }
        }
        if (-not $IsWindows) { (Get-Item -LiteralPath $tokenFile).UnixMode | Should -Be '-rw-------' }
        (Get-Content -LiteralPath $tokenFile -Raw) | Should -BeExactly $rotated[1]
        (Get-Content -LiteralPath $clixml -Raw) | Should -Not -Match 'RefreshToken"'
    }
}
