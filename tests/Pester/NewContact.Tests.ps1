# End-to-end tests of New-Contact against the local emulator: the exact JSON and headers it sends, the typed
# Contact it outputs, -WhatIf, -OnDuplicate, and its errors (stable ErrorIds, per row, TargetObject the row).

BeforeAll {
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$repo/tests/Pester/EmulatorHarness.psm1" -Force
    Import-Module "$repo/out/ContactsModule/ContactsModule.psd1" -Force
    $script:emu = Start-ContactsEmulator
    $script:token = ConvertTo-SecureString $emu.Token -AsPlainText -Force
    Connect-ContactsApi -Token $token -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.05

    $script:cmd = 'ContactsModule.Cmdlets.NewContactCommand'

    function Connect-Main {
        Connect-ContactsApi -Token $script:token -LocationId $script:emu.LocationId -BaseUri $script:emu.BaseUri -RetryDelay 0.05
    }

    # Every contact request the emulator logged since the last reset (a custom field schema read is not one).
    function Get-Requests { @(Get-EmulatorRequest -Emulator $script:emu | Where-Object { $_.path -notlike '/locations/*/customFields*' }) }

    # The raw body of the only POST the emulator received.
    function Get-OnlyBody {
        $requests = Get-Requests
        $requests | Should -HaveCount 1
        $requests[0].method | Should -BeExactly 'POST'
        $requests[0].path | Should -BeExactly '/contacts/'
        $requests[0].body
    }

    # A plain hashtable has no order, so most bodies are compared with their customFields items sorted;
    # an [ordered] -CustomFields keeps its order (tested exactly below).
    function Format-Body([string] $Json) {
        $m = [regex]::Match($Json, '"customFields":\[(\{.*?\})\](?=,"|\}$)')
        if (-not $m.Success) { return $Json }
        $items = [regex]::Matches($m.Groups[1].Value, '\{[^{}]*\}') | ForEach-Object Value | Sort-Object
        $Json.Substring(0, $m.Groups[1].Index) + ($items -join ',') + $Json.Substring($m.Groups[1].Index + $m.Groups[1].Length)
    }

    # Custom field key -> id, as the emulator assigned them.
    function Get-CustomFieldIds {
        $map = @{}
        foreach ($field in (Invoke-RestMethod -Uri "$($script:emu.BaseUri)__emulator/customFields?locationId=$($script:emu.LocationId)" -NoProxy)) {
            $map[$field.key] = $field.id
        }
        $map
    }

    # Host output (What if: lines) of a script block, kept by a capturing host (nothing reaches the console); line
    # wrapping removed. The script block sees only the variables passed in -Variable.
    function Get-HostText([scriptblock] $Script, [hashtable] $Variable = @{}) {
        $run = Invoke-WithCapturedHost $Script -Variable $Variable
        if ($run.Terminating) { throw $run.Terminating }
        foreach ($record in $run.Errors) { throw $record }
        $run.HostText -replace '\r?\n', ''
    }

    # Every body field of the seed, as parameters; the values need converting or trimming.
    $script:allFields = [ordered]@{
        FirstName          = '  Rosan '
        LastName           = 'Deo'
        Name               = 'Rosan Deo'
        Email              = 'Rosan@DEOS.Example.com'
        Gender             = 'male'
        Phone              = '(555) 010-8888'
        Address1           = '3535 1st St N'
        City               = 'Dolomite'
        State              = 'AL'
        PostalCode         = '35061'
        Website            = 'www.tesla.example.com'
        Timezone           = 'America/Chihuahua'
        Dnd                = 'yes'
        DndSettings        = [ordered]@{ SMS = 'inactive'; Email = @{ status = 'active'; message = 'Opted out by mail'; code = 'E1' }; Call = 'permanent' }
        InboundDndSettings = @{ all = @{ status = 'inactive'; message = 'ok' } }
        Tags               = 'nisi sint commodo amet, consequat'
        CustomFields       = [ordered]@{ my_custom_field = 'My Text'; score = 42; interests = @('golf', 'chess') }
        Source             = 'public api'
        Country            = 'USA'
        CompanyName        = 'DGS VolMAX'
        AssignedTo         = 'y0BeYjuRIlDwsDcOHOJo'
        DateOfBirth        = '09/25/1990'
    }
    $script:allFieldsJson = '{"firstName":"Rosan","lastName":"Deo","name":"Rosan Deo","email":"Rosan@deos.example.com",' +
        '"locationId":"emulator-location","gender":"male","phone":"+15550108888","address1":"3535 1st St N","city":"Dolomite",' +
        '"state":"AL","postalCode":"35061","website":"https://www.tesla.example.com","timezone":"America/Chihuahua","dnd":true,' +
        '"dndSettings":{"Call":{"status":"permanent"},"Email":{"status":"active","message":"Opted out by mail","code":"E1"},"SMS":{"status":"inactive"}},' +
        '"inboundDndSettings":{"all":{"status":"inactive","message":"ok"}},"tags":["nisi sint commodo amet","consequat"],' +
        '"customFields":[{"key":"my_custom_field","field_value":"My Text"},{"key":"score","field_value":42},{"key":"interests","field_value":["golf","chess"]}],' +
        '"source":"public api","country":"US","companyName":"DGS VolMAX","assignedTo":"y0BeYjuRIlDwsDcOHOJo","dateOfBirth":"1990-09-25"}'
}

AfterAll { Disconnect-ContactsApi; Stop-ContactsEmulator -Emulator $emu }

Describe 'New-Contact request' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'sends exactly the documented JSON for every seed field given as parameters' {
        $fields = $allFields
        $null = New-Contact @fields
        Format-Body (Get-OnlyBody) | Should -BeExactly (Format-Body $allFieldsJson)
    }

    It 'keeps the order of an [ordered] -CustomFields and -DndSettings exactly' {
        $fields = $allFields
        $null = New-Contact @fields
        Get-OnlyBody | Should -BeExactly $allFieldsJson
    }

    It 'binds every field from the pipeline by property name and sends the same JSON' {
        $row = [pscustomobject]$allFields
        $created = $row | New-Contact
        $created | Should -HaveCount 1
        Format-Body (Get-OnlyBody) | Should -BeExactly (Format-Body $allFieldsJson)
    }

    It 'sends Authorization: Bearer, Version, Accept and a User-Agent naming the module and its version' {
        $null = New-Contact -FirstName 'Headers'
        $headers = (Get-Requests)[0].headers
        $headers.Authorization | Should -BeExactly "Bearer $($emu.Token)"
        $headers.Version | Should -BeExactly '2021-07-28'
        $headers.Accept | Should -BeExactly 'application/json'
        $version = (Get-Module ContactsModule).Version
        $headers.'User-Agent' | Should -Match ('^ContactsModule/' + [regex]::Escape($version.ToString(3)) + '( |$)')
        $headers.'Content-Type' | Should -BeLike 'application/json*'
    }

    It 'leaves out unset, empty and whitespace-only values' {
        $null = New-Contact -FirstName 'Only' -LastName '' -Email '   ' -Phone "`t" -Tags ' , ; ' -CustomFields @{ empty = '  ' } -DndSettings @{} -Country ''
        Get-OnlyBody | Should -BeExactly '{"firstName":"Only","locationId":"emulator-location"}'
    }

    It 'sends dnd false as a JSON boolean, not a string, and not left out' {
        $null = New-Contact -FirstName 'Quiet' -Dnd 'No'
        Get-OnlyBody | Should -BeExactly '{"firstName":"Quiet","locationId":"emulator-location","dnd":false}'
    }

    It 'takes -Dnd as a [bool] and -Tags as an array (trimmed, repeats dropped)' {
        $null = New-Contact -FirstName 'Typed' -Dnd $true -Tags @(' vip ', 'VIP', 'b2b')
        Get-OnlyBody | Should -BeExactly '{"firstName":"Typed","locationId":"emulator-location","dnd":true,"tags":["vip","b2b"]}'
    }

    It 'takes -DateOfBirth as a [datetime]' {
        $null = New-Contact -FirstName 'Born' -DateOfBirth ([datetime]::new(1985, 4, 12))
        Get-OnlyBody | Should -BeExactly '{"firstName":"Born","locationId":"emulator-location","dateOfBirth":"1985-04-12"}'
    }

    It 'takes -CustomFields as a list of @{ id; value } entries' {
        $null = New-Contact -FirstName 'ById' -CustomFields @(@{ id = 'abcDEF0123456789wxyz'; value = 'x' }, @{ key = 'contact.color'; field_value = 'red' })
        Get-OnlyBody | Should -BeExactly '{"firstName":"ById","locationId":"emulator-location","customFields":[{"id":"abcDEF0123456789wxyz","field_value":"x"},{"key":"contact.color","field_value":"red"}]}'
    }

    It 'uses -LocationId when given, the connection''s location otherwise' {
        $null = New-Contact -FirstName 'Here' -LocationId " $($emu.LocationId) "
        ((Get-Requests)[0].body | ConvertFrom-Json).locationId | Should -BeExactly 'emulator-location'
    }

    It '-WhatIf sends nothing and says what would be sent' {
        $text = Get-HostText { New-Contact -FirstName 'Maybe' -Email 'Maybe@Example.com' -Tags 'a;b' -WhatIf }
        $expected = 'What if: Performing the operation "POST /contacts/ {"firstName":"Maybe","email":"Maybe@example.com","locationId":"emulator-location","tags":["a","b"]}" on target "New-Contact (Maybe@example.com)".'
        $text | Should -Match ([regex]::Escape($expected))
        Get-Requests | Should -HaveCount 0
        @(Get-EmulatorContact -Emulator $emu) | Should -HaveCount 0
    }

    It '-WhatIf over piped rows names each row and sends nothing' {
        $rows = @(
            [pscustomobject]@{ FirstName = 'One'; Email = 'one@example.com' }
            [pscustomobject]@{ FirstName = 'Two'; Email = 'two@example.com' }
        )
        $text = Get-HostText { $rows | New-Contact -WhatIf } -Variable @{ rows = $rows }
        $text | Should -BeLike '*on target "Row 1 (one@example.com)"*on target "Row 2 (two@example.com)"*'
        Get-Requests | Should -HaveCount 0
    }
}

Describe 'New-Contact output' {
    BeforeAll {
        Reset-ContactsEmulator -Emulator $emu
        $fields = $allFields
        $script:created = New-Contact @fields
        $script:stored = @(Get-EmulatorContact -Emulator $emu)
        $script:fieldIds = Get-CustomFieldIds
    }

    It 'is one Contact with the id the API gave' {
        $created | Should -HaveCount 1
        $created | Should -BeOfType ContactsModule.Models.Contact
        $stored | Should -HaveCount 1
        $created.Id | Should -BeExactly $stored[0].id
        $created.Id | Should -Match '^[A-Za-z0-9]{20}$'
        $created.Outcome | Should -Be 'Created'
    }

    It 'has every response field as a typed PascalCase property' {
        $created.LocationId | Should -BeExactly 'emulator-location'
        $created.FirstName | Should -BeExactly 'Rosan'
        $created.LastName | Should -BeExactly 'Deo'
        $created.Name | Should -BeExactly 'Rosan Deo'
        $created.Email | Should -BeExactly 'Rosan@deos.example.com'
        $created.EmailLowerCase | Should -BeExactly 'rosan@deos.example.com'
        $created.FirstNameLowerCase | Should -BeExactly 'rosan'
        $created.LastNameLowerCase | Should -BeExactly 'deo'
        $created.FullNameLowerCase | Should -BeExactly 'rosan deo'
        $created.Phone | Should -BeExactly '+15550108888'
        $created.Address1 | Should -BeExactly '3535 1st St N'
        $created.City | Should -BeExactly 'Dolomite'
        $created.State | Should -BeExactly 'AL'
        $created.PostalCode | Should -BeExactly '35061'
        $created.Country | Should -BeExactly 'US'
        $created.Website | Should -BeExactly 'https://www.tesla.example.com'
        $created.Timezone | Should -BeExactly 'America/Chihuahua'
        $created.Source | Should -BeExactly 'public api'
        $created.CompanyName | Should -BeExactly 'DGS VolMAX'
        $created.AssignedTo | Should -BeExactly 'y0BeYjuRIlDwsDcOHOJo'
        $created.Gender | Should -BeExactly 'male'
        $created.Type | Should -BeExactly $stored[0].type
        $created.Dnd | Should -BeTrue
        $created.Deleted | Should -BeFalse
        $created.BounceEmail | Should -BeFalse
        $created.UnsubscribeEmail | Should -BeFalse
        $created.BusinessId | Should -BeExactly $stored[0].businessId
        , $created.Offers | Should -BeOfType [string[]]
        , $created.Products | Should -BeOfType [string[]]
    }

    It 'has dates as DateTime (UTC) equal to what the API stored' {
        $created.DateAdded | Should -BeOfType [datetime]
        $created.DateUpdated | Should -BeOfType [datetime]
        $created.DateAdded.Kind | Should -Be 'Utc'
        $created.DateAdded | Should -Be ([datetime]::Parse($stored[0].dateAdded, [cultureinfo]::InvariantCulture, 'AdjustToUniversal'))
        $created.DateOfBirth | Should -Be ([datetime]::new(1990, 9, 25))
        $created.BirthMonth | Should -Be 8
        $created.BirthDay | Should -Be 25
    }

    It 'has Tags as a tag list' {
        $created.Tags | Should -BeOfType [string]
        @($created.Tags) | Should -Be @('nisi sint commodo amet', 'consequat')
        $created.Tags.ToString() | Should -BeExactly 'nisi sint commodo amet, consequat'
    }

    It 'has CustomFields as objects with Id and Value (string, number, string array)' {
        $created.CustomFields | Should -HaveCount 3
        $byId = @{}
        foreach ($field in $created.CustomFields) {
            $field | Should -BeOfType ContactsModule.Models.CustomFieldValue
            $byId[$field.Id] = $field.Value
        }
        $byId[$fieldIds.my_custom_field] | Should -BeExactly 'My Text'
        $byId[$fieldIds.score] | Should -Be 42
        $byId[$fieldIds.score] | Should -BeOfType [long]
        , $byId[$fieldIds.interests] | Should -BeOfType [string[]]
        $byId[$fieldIds.interests] | Should -Be @('golf', 'chess')
    }

    It 'has DndSettings and InboundDndSettings typed' {
        $created.DndSettings | Should -BeOfType ContactsModule.Models.DndSettings
        $created.DndSettings.SMS | Should -BeOfType ContactsModule.Models.DndChannelSetting
        $created.DndSettings.SMS.Status | Should -BeExactly 'inactive'
        $created.DndSettings.Email.Status | Should -BeExactly 'active'
        $created.DndSettings.Email.Message | Should -BeExactly 'Opted out by mail'
        $created.DndSettings.Email.Code | Should -BeExactly 'E1'
        $created.DndSettings.Call.Status | Should -BeExactly 'permanent'
        $created.DndSettings.WhatsApp | Should -BeNullOrEmpty
        $created.InboundDndSettings.All.Status | Should -BeExactly 'inactive'
        $created.InboundDndSettings.All.Message | Should -BeExactly 'ok'
    }

    It 'keeps unknown response fields in AdditionalProperties' {
        $stored[0].PSObject.Properties.Name | Should -Contain 'attributionSource'
        $created.AdditionalProperties.Keys | Should -Contain 'attributionSource'
        $created.AdditionalProperties['attributionSource'] | Should -BeOfType [hashtable]
        $created.AdditionalProperties['attributionSource'].sessionSource | Should -BeExactly $stored[0].attributionSource.sessionSource
    }
}

Describe 'New-Contact errors' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }
    AfterEach { Connect-Main }

    It 'a value it cannot convert is ContactValidationFailed, nothing is sent' {
        New-Contact -FirstName 'Nowhere' -Country 'Atlantis' -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeExactly "ContactValidationFailed,$cmd"
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidData'
        "$($failed[0])" | Should -BeExactly "New-Contact: Country 'Atlantis' is not a known country name or code. Use a two-letter code such as US or DE."
        $failed[0].TargetObject.Country | Should -BeExactly 'Atlantis'
        Get-Requests | Should -HaveCount 0
    }

    It 'lists every bad value of the row in one error' {
        New-Contact -FirstName 'Bad' -Email 'bad@example' -Dnd 'maybe' -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed | Should -HaveCount 1
        "$($failed[0])" | Should -BeExactly ("New-Contact: Email 'bad@example' has an invalid domain after the @ (use a domain such as example.com). " +
            "Dnd 'maybe' is not a yes/no value. Use true or false (yes/no, y/n and 1/0 work too).")
    }

    It 'refuses custom field and DND shapes the API would reject: <Case>' -TestCases @(
        @{ Case = 'empty key'; Fields = @{ CustomFields = @{ '' = 'v' } }; Message = "New-Contact: CustomFields 'v' has an empty custom field key. Name every custom field with its key or id." }
        @{ Case = 'hashtable value'; Fields = @{ CustomFields = @{ k = @{ a = 1 } } }; Message = "New-Contact: CustomFields '[a, 1]' is not a custom field value: use text, a number or a list of text." }
        @{ Case = 'NaN value'; Fields = @{ CustomFields = @{ k = [double]::NaN } }; Message = "New-Contact: CustomFields 'NaN' is not a number JSON can carry. Use a finite number." }
        @{ Case = 'inbound DND code'; Fields = @{ InboundDndSettings = @{ all = @{ status = 'active'; code = 'X1' } } }; Message = "New-Contact: InboundDndSettings 'X1' is a code, which inbound DND settings do not take. Give only a status and a message." }
        @{ Case = 'inbound DND permanent'; Fields = @{ InboundDndSettings = @{ all = 'permanent' } }; Message = "New-Contact: InboundDndSettings 'permanent' is not allowed for inbound DND. Use active or inactive." }
        @{ Case = 'unknown DND channel'; Fields = @{ DndSettings = @{ Pager = 'active' } }; Message = "New-Contact: DndSettings 'Pager' is not a DND channel. Use Call, Email, SMS, WhatsApp, GMB or FB." }
    ) {
        New-Contact -FirstName 'Shape' @Fields -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeExactly "ContactValidationFailed,$cmd"
        "$($failed[0])" | Should -BeExactly $Message
        Get-Requests | Should -HaveCount 0
    }

    It 'a 422 is ContactApiValidationFailed with the server''s messages' {
        # The client accepts an e-mail address with a non-ASCII local part (validator.js does too); the emulator's
        # stricter check answers 422 "email must be an email": a real 422 for a body the client let through.
        New-Contact -FirstName 'Zoë' -Email 'zoë@example.com' -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeExactly "ContactApiValidationFailed,$cmd"
        $failed[0].CategoryInfo.Category | Should -Be 'InvalidData'
        "$($failed[0])" | Should -BeExactly 'New-Contact: HighLevel rejected the contact (422): email must be an email'
        $failed[0].Exception.StatusCode | Should -Be 422
        $failed[0].Exception.ServerMessages | Should -Be @('email must be an email')
        $failed[0].TargetObject.Email | Should -BeExactly 'zoë@example.com'
        (Get-Requests)[0].status | Should -Be 422
    }

    It 'a duplicate e-mail is ContactDuplicate with the existing contact''s id, the matching field and the traceId' {
        $first = New-Contact -FirstName 'Olivia' -Email 'olivia@example.com'
        New-Contact -FirstName 'Olivia' -Email 'OLIVIA@example.com' -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failed | Should -HaveCount 1
        $err = $failed[0]
        $err.FullyQualifiedErrorId | Should -BeExactly "ContactDuplicate,$cmd"
        $err.CategoryInfo.Category | Should -Be 'ResourceExists'
        $err.Exception.DuplicateContactId | Should -BeExactly $first.Id
        $err.Exception.MatchingField | Should -BeExactly 'email'
        $err.Exception.TraceId | Should -Not -BeNullOrEmpty
        "$err" | Should -BeExactly "New-Contact: a contact with the same email already exists (id $($first.Id)). (traceId $($err.Exception.TraceId))"
        $err.ErrorDetails.RecommendedAction | Should -BeLike '*-OnDuplicate Skip*'
        @(Get-EmulatorContact -Emulator $emu) | Should -HaveCount 1
    }

    It 'a duplicate phone names phone as the matching field' {
        $first = New-Contact -FirstName 'Phoned' -Phone '+1 555 010 4444'
        New-Contact -FirstName 'Again' -Phone '(555) 010-4444' -Country US -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeExactly "ContactDuplicate,$cmd"
        $failed[0].Exception.DuplicateContactId | Should -BeExactly $first.Id
        $failed[0].Exception.MatchingField | Should -BeExactly 'phone'
    }

    It '5xx with retries exhausted is a per-row ContactsApiUnavailable with the status; the next rows still go' {
        Connect-ContactsApi -Token $token -LocationId $emu.LocationId -BaseUri $emu.BaseUri -MaxRetry 0 -RetryDelay 0.05
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ errorRate = 1.0 }
        $rows = 1..6 | ForEach-Object { [pscustomobject]@{ FirstName = "Down$_"; Email = "down$_@example.com" } }
        $rows | New-Contact -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty

        $requests = Get-Requests
        $requests | Should -HaveCount 6
        $failed | Should -HaveCount 6
        for ($i = 0; $i -lt 6; $i++) {
            $err = $failed[$i]
            $status = $requests[$i].status
            $status | Should -BeIn @(500, 502, 503)
            $err.FullyQualifiedErrorId | Should -BeExactly "ContactsApiUnavailable,$cmd"
            $err.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
            $err.TargetObject | Should -Be $rows[$i]
            $err.Exception.StatusCode | Should -Be $status
            "$err" | Should -Match "^Row $($i + 1): the API did not answer successfully: POST /contacts/ failed after 1 attempt\(s\) over [0-9.]+ s; last answer: $status\.( \(traceId [0-9a-f-]{36}\))?$"
            # HighLevel's JSON errors carry a traceId (support asks for it); a gateway's HTML page has none.
            if ($err.Exception.TraceId) { "$err" | Should -BeLike "*(traceId $($err.Exception.TraceId))" }
        }
        @($failed | Where-Object { $_.Exception.TraceId }).Count | Should -BeGreaterThan 0
        # About a third of the emulator's injected errors have an HTML body: those rows fail the same way.
        @(Get-EmulatorContact -Emulator $emu) | Should -HaveCount 0
    }

    It 'a row''s error never stops the rows after it; output and errors keep input order' {
        $null = New-Contact -FirstName 'Existing' -Email 'existing@example.com'
        Clear-EmulatorRequest -Emulator $emu
        $rows = @(
            [pscustomobject]@{ FirstName = 'Good1'; Email = 'good1@example.com'; Country = 'US' }
            [pscustomobject]@{ FirstName = 'Invalid'; Email = 'invalid@example.com'; Country = 'Atlantis' }
            [pscustomobject]@{ FirstName = 'Dup'; Email = 'existing@example.com'; Country = 'US' }
            [pscustomobject]@{ FirstName = 'Rejected'; Email = 'jürgen@example.com'; Country = 'DE' }
            [pscustomobject]@{ FirstName = 'Good2'; Email = 'good2@example.com'; Country = 'DE' }
        )
        $created = $rows | New-Contact -ErrorVariable failed -ErrorAction SilentlyContinue
        $created.FirstName | Should -Be @('Good1', 'Good2')
        $failed.FullyQualifiedErrorId | Should -Be @("ContactValidationFailed,$cmd", "ContactDuplicate,$cmd", "ContactApiValidationFailed,$cmd")
        [object]::ReferenceEquals($failed[0].TargetObject, $rows[1]) | Should -BeTrue
        [object]::ReferenceEquals($failed[1].TargetObject, $rows[2]) | Should -BeTrue
        [object]::ReferenceEquals($failed[2].TargetObject, $rows[3]) | Should -BeTrue
        "$($failed[0])" | Should -BeLike 'Row 2: *'
        "$($failed[1])" | Should -BeLike 'Row 3: *'
        "$($failed[2])" | Should -BeLike 'Row 4: *'
        # Nothing was sent for the row that failed conversion.
        $bodies = (Get-Requests).body
        $bodies | Should -HaveCount 4
        $bodies | Where-Object { $_ -like '*invalid@example.com*' } | Should -BeNullOrEmpty
    }
}

Describe 'New-Contact -OnDuplicate' {
    BeforeEach {
        Reset-ContactsEmulator -Emulator $emu
        $null = Add-EmulatorContact -Emulator $emu -Contact @{
            locationId = $emu.LocationId; id = 'ExistingContact00001'; firstName = 'Olivia'; lastName = 'Bennett'
            email = 'olivia.bennett@example.com'; city = 'Springfield'; tags = @('old')
        }
        Clear-EmulatorRequest -Emulator $emu
        $script:row = [pscustomobject]@{ FirstName = 'Olivia'; LastName = 'Bennett'; Email = 'Olivia.Bennett@example.COM'; City = 'Shelbyville'; Tags = 'new' }
    }

    It 'Error (the default) gives ContactDuplicate' {
        $row | New-Contact -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -BeExactly "ContactDuplicate,$cmd"
        $failed[0].Exception.DuplicateContactId | Should -BeExactly 'ExistingContact00001'
    }

    It 'Skip changes nothing, warns naming the existing contact, and outputs it with Outcome Skipped' {
        $out = $row | New-Contact -OnDuplicate Skip -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable failed
        $failed | Should -HaveCount 0
        $out | Should -HaveCount 1
        $out.Id | Should -BeExactly 'ExistingContact00001'
        $out.Outcome | Should -Be 'Skipped'
        $out.City | Should -BeExactly 'Springfield'
        $warned | Should -HaveCount 1
        "$($warned[0])" | Should -BeExactly 'Row 1: skipped, contact ExistingContact00001 (Olivia Bennett) already has this email.'
        $stored = @(Get-EmulatorContact -Emulator $emu)
        $stored | Should -HaveCount 1
        $stored[0].city | Should -BeExactly 'Springfield'
        @($stored[0].tags) | Should -Be @('old')
        (Get-Requests | ForEach-Object { "$($_.method) $($_.path) $($_.status)" }) |
            Should -Be @('POST /contacts/ 400', 'GET /contacts/ExistingContact00001 200')
    }

    It 'Update goes through POST /contacts/upsert and outputs the updated contact' {
        $out = $row | New-Contact -OnDuplicate Update
        $out | Should -HaveCount 1
        $out.Id | Should -BeExactly 'ExistingContact00001'
        $out.Outcome | Should -Be 'Updated'
        $out.City | Should -BeExactly 'Shelbyville'
        @($out.Tags) | Should -Be @('new')
        $requests = Get-Requests
        $requests | Should -HaveCount 1
        $requests[0].path | Should -BeExactly '/contacts/upsert'
        $requests[0].body | Should -BeExactly '{"firstName":"Olivia","lastName":"Bennett","email":"Olivia.Bennett@example.com","locationId":"emulator-location","city":"Shelbyville","tags":["new"]}'
        $stored = @(Get-EmulatorContact -Emulator $emu)
        $stored | Should -HaveCount 1
        $stored[0].city | Should -BeExactly 'Shelbyville'
    }

    It 'Update creates a contact that does not exist yet, with Outcome Created' {
        $out = [pscustomobject]@{ FirstName = 'Fresh'; Email = 'fresh@example.com' } | New-Contact -OnDuplicate Update
        $out.Outcome | Should -Be 'Created'
        @(Get-EmulatorContact -Emulator $emu) | Should -HaveCount 2
    }
}
