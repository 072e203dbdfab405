# Contract tests for the local HighLevel Contacts API emulator, straight over HTTP.
# Run: dotnet build tests/Emulator -c Release; then Invoke-Pester tests/Pester/Emulator.Tests.ps1

BeforeAll {
    Import-Module "$PSScriptRoot/EmulatorHarness.psm1" -Force
    $script:emu = Start-ContactsEmulator
    $script:base = $emu.BaseUri.AbsoluteUri.TrimEnd('/')
    $script:loc = $emu.LocationId

    # One HTTP call; never throws for HTTP error statuses. Returns Status, Headers, Raw body text and parsed Json.
    function Invoke-Api {
        param(
            [string] $Method = 'GET',
            [Parameter(Mandatory)] [string] $Path,
            $Body,
            [string] $Token = $script:emu.Token,
            [string] $Version = '2021-07-28',
            [switch] $NoAuth,
            [switch] $NoVersion
        )
        $headers = @{ Accept = 'application/json' }
        if (-not $NoAuth) { $headers.Authorization = "Bearer $Token" }
        if (-not $NoVersion) { $headers.Version = $Version }
        $params = @{ Uri = "$script:base$Path"; Method = $Method; Headers = $headers; SkipHttpErrorCheck = $true; NoProxy = $true }
        if ($null -ne $Body) {
            $params.Body = if ($Body -is [string]) { $Body } else { ConvertTo-Json -InputObject $Body -Depth 20 -Compress }
            $params.ContentType = 'application/json'
        }
        $response = Invoke-WebRequest @params
        $json = $null
        if ($response.Content -and "$($response.Headers['Content-Type'])" -like 'application/json*') {
            $json = ConvertFrom-Json -InputObject $response.Content -Depth 50 -DateKind String
        }
        [pscustomobject]@{ Status = [int]$response.StatusCode; Headers = $response.Headers; Raw = [string]$response.Content; Json = $json }
    }

    function New-Contact([hashtable] $Fields = @{}) {
        $body = @{ locationId = $script:loc } + $Fields
        $response = Invoke-Api -Method POST -Path '/contacts/' -Body $body
        if ($response.Status -ne 201) { throw "create failed: $($response.Status) $($response.Raw)" }
        $response.Json.contact
    }

    function Get-Header($Response, [string] $Name) {
        $value = $Response.Headers[$Name]
        if ($null -eq $value) { return $null }
        return [string]($value | Select-Object -First 1)
    }

    function Search-Contacts([hashtable] $Body) {
        $request = $Body.Clone()
        if (-not $request.ContainsKey('locationId')) { $request.locationId = $script:loc }
        Invoke-Api -Method POST -Path '/contacts/search' -Body $request
    }
}

AfterAll {
    if ($script:emu) { Stop-ContactsEmulator -Emulator $script:emu }
}

Describe 'Contacts emulator' {
    BeforeEach {
        Reset-ContactsEmulator -Emulator $emu
    }

    Context 'authentication, version and location access' {
        It 'answers 401 with the documented body when the token is missing' {
            $r = Invoke-Api -Path '/contacts/abc' -NoAuth
            $r.Status | Should -Be 401
            $r.Json.statusCode | Should -Be 401
            $r.Json.message | Should -Be 'Invalid token: access token is invalid'
            $r.Json.error | Should -Be 'Unauthorized'
        }

        It 'answers 401 for an unknown token' {
            (Invoke-Api -Path '/contacts/abc' -Token 'pit-not-a-token').Status | Should -Be 401
        }

        It 'answers 400 when the Version header is missing' {
            $r = Invoke-Api -Path '/contacts/abc' -NoVersion
            $r.Status | Should -Be 400
            $r.Json.statusCode | Should -Be 400
            $r.Json.error | Should -Be 'Bad Request'
            $r.Json.message | Should -Match 'Version'
        }

        It 'answers 400 for an unsupported Version' {
            $r = Invoke-Api -Path '/contacts/abc' -Version '2020-01-01'
            $r.Status | Should -Be 400
            $r.Json.message | Should -Match '2021-07-28'
        }

        It 'accepts Version 2021-04-15 too' {
            $r = Invoke-Api -Method POST -Path '/contacts/' -Version '2021-04-15' -Body @{ locationId = $loc; firstName = 'Old' }
            $r.Status | Should -Be 201
        }

        It 'answers 403 for a body locationId of another location' {
            $r = Invoke-Api -Method POST -Path '/contacts/' -Body @{ locationId = $emu.OtherLocationId; firstName = 'X' }
            $r.Status | Should -Be 403
            $r.Json.statusCode | Should -Be 403
            $r.Json.message | Should -Be 'The token does not have access to this location'
        }

        It 'answers 403 for id-based calls on a contact of another location' {
            $c = New-Contact @{ firstName = 'Mine' }
            (Invoke-Api -Path "/contacts/$($c.id)" -Token $emu.OtherToken).Status | Should -Be 403
            (Invoke-Api -Method PUT -Path "/contacts/$($c.id)" -Token $emu.OtherToken -Body @{ firstName = 'Theirs' }).Status | Should -Be 403
            (Invoke-Api -Method DELETE -Path "/contacts/$($c.id)" -Token $emu.OtherToken).Status | Should -Be 403
            (Invoke-Api -Method POST -Path "/contacts/$($c.id)/tags" -Token $emu.OtherToken -Body @{ tags = @('x') }).Status | Should -Be 403
        }

        It 'answers 403 for search and duplicate lookup of another location' {
            (Search-Contacts @{ locationId = $emu.OtherLocationId; pageLimit = 10 }).Status | Should -Be 403
            (Invoke-Api -Path "/contacts/search/duplicate?locationId=$($emu.OtherLocationId)&email=a%40b.com").Status | Should -Be 403
        }

        It 'sends the rate-limit headers on successes and on errors' {
            foreach ($r in @((Invoke-Api -Method POST -Path '/contacts/' -Body @{ locationId = $loc }), (Invoke-Api -Path '/contacts/missing'), (Invoke-Api -Path '/contacts/x' -NoAuth))) {
                foreach ($name in 'X-RateLimit-Max', 'X-RateLimit-Remaining', 'X-RateLimit-Interval-Milliseconds', 'X-RateLimit-Limit-Daily', 'X-RateLimit-Daily-Remaining') {
                    Get-Header $r $name | Should -Match '^\d+$' -Because "$name on a $($r.Status)"
                }
            }
            $r = Invoke-Api -Path '/contacts/missing'
            Get-Header $r 'X-RateLimit-Max' | Should -Be '100'
            Get-Header $r 'X-RateLimit-Interval-Milliseconds' | Should -Be '10000'
            Get-Header $r 'X-RateLimit-Limit-Daily' | Should -Be '200000'
            [int](Get-Header $r 'X-RateLimit-Remaining') | Should -BeLessThan 100
        }
    }

    Context 'create' {
        It 'returns 201 with every field of the seed page' {
            $body = @{
                firstName = 'Rosan'; lastName = 'Deo'; name = 'Rosan Deo'; email = 'rosan@deos.com'; locationId = $loc
                gender = 'male'; phone = '+1 888-888-8888'; address1 = '3535 1st St N'; city = 'Dolomite'; state = 'AL'
                postalCode = '35061'; website = 'https://www.tesla.com'; timezone = 'America/Chihuahua'; dnd = $true
                dndSettings = @{
                    Call = @{ status = 'active'; message = 'no calls'; code = 'c1' }; Email = @{ status = 'inactive' }
                    SMS = @{ status = 'permanent' }; WhatsApp = @{ status = 'active' }; GMB = @{ status = 'inactive' }; FB = @{ status = 'active' }
                }
                inboundDndSettings = @{ all = @{ status = 'active'; message = 'quiet' } }
                tags = @(' VIP ', 'vip', 'Consequat'); source = 'public api'; country = 'US'; companyName = 'DGS VolMAX'
                assignedTo = 'y0BeYjuRIlDwsDcOHOJo'; dateOfBirth = '1990-09-25'
                customFields = @(@{ key = 'my_custom_field'; field_value = 'My Text' }, @{ id = '6dvNaf7VhkQ9snc5vnjJ'; field_value = @('a', 'b') }, @{ key = 'score'; field_value = 42 })
            }
            $r = Invoke-Api -Method POST -Path '/contacts/' -Body $body
            $r.Status | Should -Be 201
            $c = $r.Json.contact
            $c.id | Should -Match '^[A-Za-z0-9]{20}$'
            $c.dateAdded | Should -Match '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$'
            $c.dateUpdated | Should -Match '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$'
            $c.deleted | Should -BeFalse
            $c.tags | Should -Be @('vip', 'consequat')
            $c.type | Should -Be 'lead'
            $c.locationId | Should -Be $loc
            $c.firstName | Should -Be 'Rosan'
            $c.firstNameLowerCase | Should -Be 'rosan'
            $c.lastName | Should -Be 'Deo'
            $c.lastNameLowerCase | Should -Be 'deo'
            $c.fullNameLowerCase | Should -Be 'rosan deo'
            $c.email | Should -Be 'rosan@deos.com'
            $c.emailLowerCase | Should -Be 'rosan@deos.com'
            $c.bounceEmail | Should -BeFalse
            $c.unsubscribeEmail | Should -BeFalse
            $c.dnd | Should -BeTrue
            $c.dndSettings.Call.status | Should -Be 'active'
            $c.dndSettings.Call.message | Should -Be 'no calls'
            $c.dndSettings.Call.code | Should -Be 'c1'
            $c.dndSettings.SMS.status | Should -Be 'permanent'
            $c.inboundDndSettings.all.status | Should -Be 'active'
            $c.phone | Should -Be '+18888888888'
            $c.address1 | Should -Be '3535 1st St N'
            $c.city | Should -Be 'Dolomite'
            $c.state | Should -Be 'AL'
            $c.country | Should -Be 'US'
            $c.postalCode | Should -Be '35061'
            $c.website | Should -Be 'https://www.tesla.com'
            $c.timezone | Should -Be 'America/Chihuahua'
            $c.source | Should -Be 'public api'
            $c.companyName | Should -Be 'DGS VolMAX'
            $c.gender | Should -Be 'male'
            $c.assignedTo | Should -Be 'y0BeYjuRIlDwsDcOHOJo'
            $c.dateOfBirth | Should -Be '1990-09-25T00:00:00.000Z'
            $c.birthMonth | Should -Be 8
            $c.birthDay | Should -Be 25
            $c.lastSessionActivityAt | Should -Match 'Z$'
            @($c.offers).Count | Should -Be 0
            @($c.products).Count | Should -Be 0
            $c.businessId | Should -Match '^[0-9a-f]{24}$'
            $c.attributionSource | Should -Not -BeNullOrEmpty
            $c.customFields | Should -HaveCount 3
            ($c.customFields | Where-Object id -EQ '6dvNaf7VhkQ9snc5vnjJ').value | Should -Be @('a', 'b')
            ($c.customFields | Where-Object value -EQ 'My Text').id | Should -Match '^[A-Za-z0-9]{20}$'
            ($c.customFields | Where-Object value -EQ 42) | Should -Not -BeNullOrEmpty
        }

        It 'accepts POST /contacts without the trailing slash and omits fields that were not given' {
            $r = Invoke-Api -Method POST -Path '/contacts' -Body @{ locationId = $loc; firstName = 'Solo' }
            $r.Status | Should -Be 201
            $names = $r.Json.contact.PSObject.Properties.Name
            foreach ($always in 'id', 'dateAdded', 'dateUpdated', 'deleted', 'tags', 'type', 'customFields', 'locationId', 'bounceEmail', 'unsubscribeEmail', 'dnd', 'offers', 'products') {
                $names | Should -Contain $always
            }
            foreach ($absent in 'email', 'phone', 'lastName', 'companyName', 'dateOfBirth', 'country') {
                $names | Should -Not -Contain $absent
            }
            $r.Json.contact.dnd | Should -BeFalse
        }

        It 'maps a custom field key to the same id on every contact' {
            $a = New-Contact @{ customFields = @(@{ key = 'favourite_color'; field_value = 'red' }) }
            $b = New-Contact @{ customFields = @(@{ key = 'contact.favourite_color'; field_value = 'blue' }) }
            $a.customFields[0].id | Should -Be $b.customFields[0].id
        }

        It 'accepts null for "string or null" fields' {
            $r = Invoke-Api -Method POST -Path '/contacts/' -Body '{"locationId":"emulator-location","firstName":null,"email":null,"companyName":null}'
            $r.Status | Should -Be 201
        }

        It 'accepts dateOfBirth as <Value>' -ForEach @(
            @{ Value = '1990-09-25' }, @{ Value = '1990/09/25' }, @{ Value = '09/25/1990' }, @{ Value = '09-25-1990' },
            @{ Value = '1990.09.25' }, @{ Value = '09.25.1990' }, @{ Value = '1990_09_25' }, @{ Value = '09_25_1990' },
            @{ Value = '1990-09-25T00:00:00.000Z' }
        ) {
            $c = New-Contact @{ dateOfBirth = $Value }
            $c.dateOfBirth | Should -Be '1990-09-25T00:00:00.000Z'
            $c.birthMonth | Should -Be 8
            $c.birthDay | Should -Be 25
        }

        It 'answers 422 (<Case>)' -ForEach @(
            @{ Case = 'unknown property'; Body = '{"locationId":"emulator-location","favouriteFood":"pizza"}'; Expected = 'property favouriteFood should not exist' }
            @{ Case = 'missing locationId'; Body = '{"firstName":"A"}'; Expected = 'locationId should not be empty' }
            @{ Case = 'invalid email'; Body = '{"locationId":"emulator-location","email":"not-an-email"}'; Expected = 'email must be an email' }
            @{ Case = 'unknown country'; Body = '{"locationId":"emulator-location","country":"XX"}'; Expected = 'country must be a valid country code' }
            @{ Case = 'country name instead of code'; Body = '{"locationId":"emulator-location","country":"United States"}'; Expected = 'country must be a valid country code' }
            @{ Case = 'dnd as a string'; Body = '{"locationId":"emulator-location","dnd":"true"}'; Expected = 'dnd must be a boolean value' }
            @{ Case = 'dndSettings unknown channel'; Body = '{"locationId":"emulator-location","dndSettings":{"Fax":{"status":"active"}}}'; Expected = 'dndSettings.property Fax should not exist' }
            @{ Case = 'dndSettings bad status'; Body = '{"locationId":"emulator-location","dndSettings":{"SMS":{"status":"on"}}}'; Expected = 'dndSettings.SMS.status must be one of the following values: active, inactive, permanent' }
            @{ Case = 'dndSettings channel not an object'; Body = '{"locationId":"emulator-location","dndSettings":{"Call":"active"}}'; Expected = 'dndSettings.Call must be an object' }
            @{ Case = 'inboundDndSettings permanent'; Body = '{"locationId":"emulator-location","inboundDndSettings":{"all":{"status":"permanent"}}}'; Expected = 'inboundDndSettings.all.status must be one of the following values: active, inactive' }
            @{ Case = 'inboundDndSettings other channel'; Body = '{"locationId":"emulator-location","inboundDndSettings":{"SMS":{"status":"active"}}}'; Expected = 'inboundDndSettings.property SMS should not exist' }
            @{ Case = 'customFields not an array'; Body = '{"locationId":"emulator-location","customFields":{"id":"x","field_value":"y"}}'; Expected = 'customFields must be an array' }
            @{ Case = 'custom field without id or key'; Body = '{"locationId":"emulator-location","customFields":[{"field_value":"y"}]}'; Expected = 'customFields.0 must have an id or a key' }
            @{ Case = 'custom field without field_value'; Body = '{"locationId":"emulator-location","customFields":[{"id":"abc"}]}'; Expected = 'customFields.0.field_value should not be empty' }
            @{ Case = 'custom field value an object'; Body = '{"locationId":"emulator-location","customFields":[{"key":"k","field_value":{"a":1}}]}'; Expected = 'customFields.0.field_value must be a string, a number or an array of strings' }
            @{ Case = 'tags not an array'; Body = '{"locationId":"emulator-location","tags":"vip"}'; Expected = 'tags must be an array' }
            @{ Case = 'tags with a number'; Body = '{"locationId":"emulator-location","tags":["a",1]}'; Expected = 'each value in tags must be a string' }
            @{ Case = 'firstName a number'; Body = '{"locationId":"emulator-location","firstName":5}'; Expected = 'firstName must be a string' }
            @{ Case = 'gender null'; Body = '{"locationId":"emulator-location","gender":null}'; Expected = 'gender must be a string' }
            @{ Case = 'bad dateOfBirth'; Body = '{"locationId":"emulator-location","dateOfBirth":"1990-13-45"}'; Expected = 'dateOfBirth must be a valid date*' }
        ) {
            $r = Invoke-Api -Method POST -Path '/contacts/' -Body $Body
            $r.Status | Should -Be 422
            $r.Json.statusCode | Should -Be 422
            $r.Json.error | Should -Be 'Unprocessable Entity'
            , $r.Json.message | Should -BeOfType [object[]]
            ($r.Json.message | Where-Object { $_ -like $Expected }) | Should -Not -BeNullOrEmpty -Because "message was: $($r.Json.message -join ' | ')"
            @(Get-EmulatorContact -Emulator $emu) | Should -HaveCount 0
        }

        It 'collects every problem into the 422 message array' {
            $r = Invoke-Api -Method POST -Path '/contacts/' -Body '{"email":"bad","dnd":1,"tags":"x","extra":true}'
            $r.Status | Should -Be 422
            $r.Json.message | Should -Contain 'property extra should not exist'
            $r.Json.message | Should -Contain 'locationId should not be empty'
            $r.Json.message | Should -Contain 'email must be an email'
            $r.Json.message | Should -Contain 'dnd must be a boolean value'
            $r.Json.message | Should -Contain 'tags must be an array'
        }

        It 'answers 400 for a duplicate email (case-insensitive) with meta' {
            $first = New-Contact @{ firstName = 'Ann'; lastName = 'Lee'; email = 'ann@example.com' }
            $r = Invoke-Api -Method POST -Path '/contacts/' -Body @{ locationId = $loc; email = 'ANN@Example.com' }
            $r.Status | Should -Be 400
            $r.Json.statusCode | Should -Be 400
            $r.Json.message | Should -Be 'This location does not allow duplicated contacts.'
            $r.Json.meta.contactId | Should -Be $first.id
            $r.Json.meta.matchingField | Should -Be 'email'
            $r.Json.meta.contactName | Should -Be 'Ann Lee'
            [guid]::Parse($r.Json.traceId) | Should -Not -BeNullOrEmpty
        }

        It 'answers 400 for a duplicate phone written differently' {
            $first = New-Contact @{ phone = '+1 (555) 010-2000' }
            $r = Invoke-Api -Method POST -Path '/contacts/' -Body @{ locationId = $loc; phone = '+15550102000' }
            $r.Status | Should -Be 400
            $r.Json.meta.contactId | Should -Be $first.id
            $r.Json.meta.matchingField | Should -Be 'phone'
        }

        It 'creates duplicates when allowDuplicates is set, and duplicates in another location never collide' {
            $null = New-Contact @{ email = 'dup@example.com' }
            (Invoke-Api -Method POST -Path '/contacts/' -Token $emu.OtherToken -Body @{ locationId = $emu.OtherLocationId; email = 'dup@example.com' }).Status | Should -Be 201
            $null = Set-EmulatorConfig -Emulator $emu -Config @{ allowDuplicates = $true }
            (Invoke-Api -Method POST -Path '/contacts/' -Body @{ locationId = $loc; email = 'dup@example.com' }).Status | Should -Be 201
            @(Get-EmulatorContact -Emulator $emu -LocationId $loc) | Should -HaveCount 2
        }

        It 'answers 400 for a body that is not JSON' {
            $r = Invoke-Api -Method POST -Path '/contacts/' -Body '{not json'
            $r.Status | Should -Be 400
            $r.Json.statusCode | Should -Be 400
        }
    }

    Context 'get, update, delete' {
        It 'gets a contact with GET-only fields' {
            $c = New-Contact @{ firstName = 'Get'; email = 'get@example.com' }
            $r = Invoke-Api -Path "/contacts/$($c.id)"
            $r.Status | Should -Be 200
            $r.Json.contact.id | Should -Be $c.id
            $r.Json.contact.email | Should -Be 'get@example.com'
            $r.Json.contact.lastActivity | Should -Match 'Z$'
        }

        It 'answers 400 Contact not found for a missing id' {
            foreach ($r in @((Invoke-Api -Path '/contacts/AAAAAAAAAAAAAAAAAAAA'), (Invoke-Api -Method PUT -Path '/contacts/AAAAAAAAAAAAAAAAAAAA' -Body @{ firstName = 'x' }), (Invoke-Api -Method DELETE -Path '/contacts/AAAAAAAAAAAAAAAAAAAA'))) {
                $r.Status | Should -Be 400
                $r.Json.statusCode | Should -Be 400
                $r.Json.message | Should -Be 'Contact not found'
            }
        }

        It 'updates only the given fields, replaces tags and merges custom fields' {
            $c = New-Contact @{ firstName = 'Up'; lastName = 'Date'; city = 'Austin'; tags = @('a', 'b'); customFields = @(@{ key = 'one'; field_value = '1' }, @{ key = 'two'; field_value = '2' }) }
            $r = Invoke-Api -Method PUT -Path "/contacts/$($c.id)" -Body @{ lastName = 'Changed'; tags = @('C'); customFields = @(@{ key = 'two'; field_value = 'zwei' }) }
            $r.Status | Should -Be 200
            $r.Json.succeded | Should -BeTrue
            $u = $r.Json.contact
            $u.firstName | Should -Be 'Up'
            $u.lastName | Should -Be 'Changed'
            $u.city | Should -Be 'Austin'
            $u.tags | Should -Be @('c')
            $u.customFields | Should -HaveCount 2
            ($u.customFields | Where-Object value -EQ 'zwei').id | Should -Be ($c.customFields | Where-Object value -EQ '2').id
        }

        It 'clears a nullable field given null on update' {
            $c = New-Contact @{ firstName = 'Null'; city = 'Austin' }
            $r = Invoke-Api -Method PUT -Path "/contacts/$($c.id)" -Body '{"city":null}'
            $r.Status | Should -Be 200
            $r.Json.contact.PSObject.Properties.Name | Should -Not -Contain 'city'
        }

        It 'answers 422 for <Field> on update' -ForEach @(@{ Field = 'gender' }, @{ Field = 'companyName' }, @{ Field = 'locationId' }) {
            $c = New-Contact @{ firstName = 'Strict' }
            $r = Invoke-Api -Method PUT -Path "/contacts/$($c.id)" -Body @{ $Field = 'x' }
            $r.Status | Should -Be 422
            $r.Json.message | Should -Contain "property $Field should not exist"
        }

        It 'answers 400 when an update would duplicate another contact' {
            $null = New-Contact @{ email = 'one@example.com' }
            $two = New-Contact @{ email = 'two@example.com' }
            $r = Invoke-Api -Method PUT -Path "/contacts/$($two.id)" -Body @{ email = 'ONE@example.com' }
            $r.Status | Should -Be 400
            $r.Json.meta.matchingField | Should -Be 'email'
        }

        It 'deletes a contact, which then is gone from get, search and duplicate lookup' {
            $c = New-Contact @{ email = 'gone@example.com' }
            $r = Invoke-Api -Method DELETE -Path "/contacts/$($c.id)"
            $r.Status | Should -Be 200
            $r.Json.succeded | Should -BeTrue
            (Invoke-Api -Path "/contacts/$($c.id)").Status | Should -Be 400
            (Search-Contacts @{ pageLimit = 10 }).Json.total | Should -Be 0
            $dup = Invoke-Api -Path "/contacts/search/duplicate?locationId=$loc&email=gone%40example.com"
            $dup.Status | Should -Be 200
            $dup.Json.contact | Should -BeNullOrEmpty
            (New-Contact @{ email = 'gone@example.com' }).id | Should -Not -Be $c.id
        }
    }

    Context 'upsert' {
        It 'creates when nothing matches' {
            $r = Invoke-Api -Method POST -Path '/contacts/upsert' -Body @{ locationId = $loc; email = 'up@example.com'; gender = 'female'; companyName = 'Acme' }
            $r.Status | Should -Be 200
            $r.Json.new | Should -BeTrue
            $r.Json.contact.id | Should -Match '^[A-Za-z0-9]{20}$'
            $r.Json.contact.gender | Should -Be 'female'
            [guid]::Parse($r.Json.traceId) | Should -Not -BeNullOrEmpty
        }

        It 'updates the contact matched by email and replaces its tags' {
            $c = New-Contact @{ email = 'match@example.com'; firstName = 'Before'; tags = @('old'); city = 'Austin' }
            $r = Invoke-Api -Method POST -Path '/contacts/upsert' -Body @{ locationId = $loc; email = 'MATCH@example.com'; firstName = 'After'; tags = @('new') }
            $r.Status | Should -Be 200
            $r.Json.new | Should -BeFalse
            $r.Json.contact.id | Should -Be $c.id
            $r.Json.contact.firstName | Should -Be 'After'
            $r.Json.contact.city | Should -Be 'Austin'
            $r.Json.contact.tags | Should -Be @('new')
            @(Get-EmulatorContact -Emulator $emu) | Should -HaveCount 1
        }

        It 'updates the contact matched by phone' {
            $c = New-Contact @{ phone = '+1 555 010 3000' }
            $r = Invoke-Api -Method POST -Path '/contacts/upsert' -Body @{ locationId = $loc; phone = '+15550103000'; lastName = 'Phoned' }
            $r.Json.new | Should -BeFalse
            $r.Json.contact.id | Should -Be $c.id
        }

        It 'creates a new contact for createNewIfDuplicateAllowed when duplicates are allowed' {
            $null = Set-EmulatorConfig -Emulator $emu -Config @{ allowDuplicates = $true }
            $c = New-Contact @{ email = 'twice@example.com' }
            $r = Invoke-Api -Method POST -Path '/contacts/upsert' -Body @{ locationId = $loc; email = 'twice@example.com'; createNewIfDuplicateAllowed = $true }
            $r.Json.new | Should -BeTrue
            $r.Json.contact.id | Should -Not -Be $c.id
        }

        It 'validates like create' {
            $r = Invoke-Api -Method POST -Path '/contacts/upsert' -Body @{ locationId = $loc; email = 'nope'; createNewIfDuplicateAllowed = 'yes' }
            $r.Status | Should -Be 422
            $r.Json.message | Should -Contain 'email must be an email'
            $r.Json.message | Should -Contain 'createNewIfDuplicateAllowed must be a boolean value'
        }
    }

    Context 'search' {
        BeforeEach {
            $seed = foreach ($i in 1..25) {
                @{
                    locationId = $loc; firstName = ('Person{0:D2}' -f $i); lastName = 'Test'; email = "person$i@example.com"
                    phone = ('+1555020{0:D4}' -f $i); tags = @(if ($i % 2) { 'odd' } else { 'even' }); city = if ($i -le 5) { 'Austin' } else { 'Boston' }
                    companyName = if ($i -eq 7) { 'Seven Corp' } else { $null }; dnd = ($i -eq 3)
                    dateAdded = ([datetime]'2024-01-01T00:00:00Z').ToUniversalTime().AddMinutes($i).ToString('yyyy-MM-ddTHH:mm:ss.fffZ')
                }
            }
            Add-EmulatorContact -Emulator $emu -Contact $seed | Should -Be 25
        }

        It 'pages with page/pageLimit in dateAdded order and reports the total' {
            $ids = foreach ($page in 1..3) {
                $r = Search-Contacts @{ pageLimit = 10; page = $page }
                $r.Status | Should -Be 200
                $r.Json.total | Should -Be 25
                [guid]::Parse($r.Json.traceId) | Should -Not -BeNullOrEmpty
                $r.Json.contacts.firstName
            }
            $ids | Should -HaveCount 25
            $ids[0] | Should -Be 'Person01'
            $ids[24] | Should -Be 'Person25'
        }

        It 'walks all results with searchAfter' {
            $names = [System.Collections.Generic.List[string]]::new()
            $after = $null
            do {
                $body = @{ pageLimit = 7 }
                if ($after) { $body.searchAfter = $after }
                $r = Search-Contacts $body
                $r.Status | Should -Be 200
                foreach ($c in $r.Json.contacts) { $names.Add($c.firstName) }
                if ($r.Json.contacts) { $after = @($r.Json.contacts)[-1].searchAfter }
            } while (@($r.Json.contacts).Count -eq 7)
            $names | Should -HaveCount 25
            ($names | Select-Object -Unique) | Should -HaveCount 25
            $names[0] | Should -Be 'Person01'
            $names[24] | Should -Be 'Person25'
        }

        It 'stops page-based paging at the ceiling and tells to use searchAfter' {
            $null = Set-EmulatorConfig -Emulator $emu -Config @{ searchPagingCeiling = 10 }
            (Search-Contacts @{ pageLimit = 5; page = 2 }).Status | Should -Be 200
            $r = Search-Contacts @{ pageLimit = 5; page = 3 }
            $r.Status | Should -Be 400
            $r.Json.statusCode | Should -Be 400
            $r.Json.message | Should -Match 'searchAfter'
            $last = @((Search-Contacts @{ pageLimit = 10 }).Json.contacts)[-1]
            $beyond = Search-Contacts @{ pageLimit = 10; searchAfter = $last.searchAfter }
            $beyond.Status | Should -Be 200
            @($beyond.Json.contacts)[0].firstName | Should -Be 'Person11'
        }

        It 'answers 422 for <Case>' -ForEach @(
            @{ Case = 'a missing pageLimit'; Body = '{"locationId":"emulator-location"}'; Expected = 'pageLimit*' }
            @{ Case = 'pageLimit over 500'; Body = '{"locationId":"emulator-location","pageLimit":501}'; Expected = 'pageLimit must not be greater than 500' }
            @{ Case = 'a missing locationId'; Body = '{"pageLimit":10}'; Expected = 'locationId should not be empty' }
            @{ Case = 'an unknown property'; Body = '{"locationId":"emulator-location","pageLimit":10,"limit":5}'; Expected = 'property limit should not exist' }
            @{ Case = 'a query over 75 characters'; Body = ('{"locationId":"emulator-location","pageLimit":10,"query":"' + ('q' * 76) + '"}'); Expected = 'query must be shorter than or equal to 75 characters' }
            @{ Case = 'an unknown operator'; Body = '{"locationId":"emulator-location","pageLimit":10,"filters":[{"field":"email","operator":"like","value":"x"}]}'; Expected = 'filters.0.operator must be one of*' }
        ) {
            $r = Invoke-Api -Method POST -Path '/contacts/search' -Body $Body
            $r.Status | Should -Be 422
            $r.Json.error | Should -Be 'Unprocessable Entity'
            ($r.Json.message | Where-Object { $_ -like $Expected }) | Should -Not -BeNullOrEmpty -Because "message was: $($r.Json.message -join ' | ')"
        }

        It 'answers 400 Invalid field for an unknown filter field' {
            $r = Search-Contacts @{ pageLimit = 10; filters = @(@{ field = 'shoeSize'; operator = 'eq'; value = '42' }) }
            $r.Status | Should -Be 400
            $r.Json.message | Should -Be 'Invalid field shoeSize'
        }

        It 'finds by query over name, email, phone and company' {
            (Search-Contacts @{ pageLimit = 50; query = 'person07' }).Json.contacts.firstName | Should -Be 'Person07'
            (Search-Contacts @{ pageLimit = 50; query = 'PERSON12@EXAMPLE' }).Json.contacts.firstName | Should -Be 'Person12'
            (Search-Contacts @{ pageLimit = 50; query = '5550200013' }).Json.contacts.firstName | Should -Be 'Person13'
            (Search-Contacts @{ pageLimit = 50; query = 'seven' }).Json.contacts.firstName | Should -Be 'Person07'
        }

        It 'filters with <Operator> on <Field>' -ForEach @(
            @{ Field = 'tags'; Operator = 'eq'; Value = 'odd'; Count = 13 }
            @{ Field = 'tags'; Operator = 'eq'; Value = @('odd', 'even'); Count = 25 }
            @{ Field = 'tags'; Operator = 'not_eq'; Value = 'odd'; Count = 12 }
            @{ Field = 'city'; Operator = 'eq'; Value = 'austin'; Count = 5 }
            @{ Field = 'city'; Operator = 'not_eq'; Value = 'Austin'; Count = 20 }
            @{ Field = 'email'; Operator = 'contains'; Value = 'person1'; Count = 11 }
            @{ Field = 'email'; Operator = 'not_contains'; Value = 'person1'; Count = 14 }
            @{ Field = 'companyName'; Operator = 'exists'; Value = $null; Count = 1 }
            @{ Field = 'companyName'; Operator = 'not_exists'; Value = $null; Count = 24 }
            @{ Field = 'dnd'; Operator = 'eq'; Value = $true; Count = 1 }
            @{ Field = 'firstName'; Operator = 'eq'; Value = 'person05'; Count = 1 }
            @{ Field = 'phone'; Operator = 'eq'; Value = '+1 555 020 0009'; Count = 1 }
        ) {
            $filter = @{ field = $Field; operator = $Operator }
            if ($null -ne $Value) { $filter.value = $Value }
            $r = Search-Contacts @{ pageLimit = 100; filters = @($filter) }
            $r.Status | Should -Be 200
            $r.Json.total | Should -Be $Count
            @($r.Json.contacts) | Should -HaveCount $Count
        }

        It 'filters on id and combines filters with AND' {
            $target = @((Search-Contacts @{ pageLimit = 3 }).Json.contacts)[2]
            $r = Search-Contacts @{ pageLimit = 10; filters = @(@{ field = 'id'; operator = 'eq'; value = $target.id }, @{ field = 'city'; operator = 'eq'; value = 'Austin' }) }
            $r.Json.total | Should -Be 1
            $r.Json.contacts[0].id | Should -Be $target.id
        }

        It 'sorts by a field descending and pages that order with searchAfter' {
            $first = Search-Contacts @{ pageLimit = 3; sort = @(@{ field = 'firstName'; direction = 'desc' }) }
            $first.Json.contacts.firstName | Should -Be @('Person25', 'Person24', 'Person23')
            $next = Search-Contacts @{ pageLimit = 3; sort = @(@{ field = 'firstName'; direction = 'desc' }); searchAfter = @($first.Json.contacts)[-1].searchAfter }
            $next.Json.contacts.firstName | Should -Be @('Person22', 'Person21', 'Person20')
        }
    }

    Context 'duplicate lookup' {
        It 'finds by email case-insensitively and by an URL-encoded number' {
            $c = New-Contact @{ email = 'Look@Example.com'; phone = '+1 555 010 4000' }
            $byEmail = Invoke-Api -Path "/contacts/search/duplicate?locationId=$loc&email=look%40example.COM"
            $byEmail.Status | Should -Be 200
            $byEmail.Json.contact.id | Should -Be $c.id
            (Invoke-Api -Path "/contacts/search/duplicate?locationId=$loc&number=%2B15550104000").Json.contact.id | Should -Be $c.id
        }

        It 'answers contact null when nothing matches' {
            $r = Invoke-Api -Path "/contacts/search/duplicate?locationId=$loc&email=nobody%40example.com"
            $r.Status | Should -Be 200
            $r.Raw | Should -Match '"contact"\s*:\s*null'
        }
    }

    Context 'tags' {
        It 'adds tags (201) and removes tags (200), answering all tags now' {
            $c = New-Contact @{ tags = @('keep') }
            $add = Invoke-Api -Method POST -Path "/contacts/$($c.id)/tags" -Body @{ tags = @('New', ' keep ', 'other') }
            $add.Status | Should -Be 201
            $add.Json.tags | Should -Be @('keep', 'new', 'other')
            $remove = Invoke-Api -Method DELETE -Path "/contacts/$($c.id)/tags" -Body @{ tags = @('NEW') }
            $remove.Status | Should -Be 200
            $remove.Json.tags | Should -Be @('keep', 'other')
        }

        It 'answers 400 for a missing contact and 422 for a bad body' {
            (Invoke-Api -Method POST -Path '/contacts/AAAAAAAAAAAAAAAAAAAA/tags' -Body @{ tags = @('x') }).Status | Should -Be 400
            $c = New-Contact
            $r = Invoke-Api -Method POST -Path "/contacts/$($c.id)/tags" -Body @{ tags = 'x' }
            $r.Status | Should -Be 422
            $r.Json.message | Should -Contain 'tags must be an array'
        }
    }

    Context 'bulk tags' {
        It 'adds tags to many contacts and reports unknown ids as errors' {
            $a = New-Contact @{ tags = @('one') }
            $b = New-Contact
            $r = Invoke-Api -Method POST -Path '/contacts/bulk/tags/update/add' -Body @{ locationId = $loc; contacts = @($a.id, $b.id, 'AAAAAAAAAAAAAAAAAAAA'); tags = @('Bulk') }
            $r.Status | Should -Be 201
            $r.Json.succeded | Should -BeTrue
            $r.Json.errorCount | Should -Be 1
            $r.Json.responses | Should -HaveCount 3
            ($r.Json.responses | Where-Object contactId -EQ $a.id).type | Should -Be 'success'
            ($r.Json.responses | Where-Object contactId -EQ $a.id).tagsAdded | Should -Be @('bulk')
            ($r.Json.responses | Where-Object contactId -EQ 'AAAAAAAAAAAAAAAAAAAA').type | Should -Be 'error'
            (Invoke-Api -Path "/contacts/$($a.id)").Json.contact.tags | Should -Be @('one', 'bulk')
        }

        It 'removes given tags, or all tags with removeAllTags' {
            $a = New-Contact @{ tags = @('x', 'y', 'z') }
            $r = Invoke-Api -Method POST -Path '/contacts/bulk/tags/update/remove' -Body @{ locationId = $loc; contacts = @($a.id); tags = @('y') }
            $r.Status | Should -Be 201
            (Invoke-Api -Path "/contacts/$($a.id)").Json.contact.tags | Should -Be @('x', 'z')
            $null = Invoke-Api -Method POST -Path '/contacts/bulk/tags/update/remove' -Body @{ locationId = $loc; contacts = @($a.id); tags = @(); removeAllTags = $true }
            @((Invoke-Api -Path "/contacts/$($a.id)").Json.contact.tags).Count | Should -Be 0
        }

        It 'answers 422 beyond 100 contacts and 403 for another location' {
            $ids = 1..101 | ForEach-Object { 'AAAAAAAAAAAAAAAAAAAA' }
            $r = Invoke-Api -Method POST -Path '/contacts/bulk/tags/update/add' -Body @{ locationId = $loc; contacts = $ids; tags = @('t') }
            $r.Status | Should -Be 422
            $r.Json.message | Should -Contain 'contacts must contain no more than 100 elements'
            (Invoke-Api -Method POST -Path '/contacts/bulk/tags/update/add' -Body @{ locationId = $emu.OtherLocationId; contacts = @('AAAAAAAAAAAAAAAAAAAA'); tags = @('t') }).Status | Should -Be 403
        }
    }

    Context 'deprecated list' {
        It 'lists contacts with count and pages with startAfterId' {
            $created = 1..5 | ForEach-Object { New-Contact @{ firstName = "L$_" } }
            $r = Invoke-Api -Path "/contacts/?locationId=$loc&limit=3"
            $r.Status | Should -Be 200
            $r.Json.count | Should -Be 5
            @($r.Json.contacts) | Should -HaveCount 3
            $last = @($r.Json.contacts)[-1]
            $rest = Invoke-Api -Path "/contacts/?locationId=$loc&limit=3&startAfterId=$($last.id)&startAfter=$($r.Json.meta.startAfter)"
            @($rest.Json.contacts) | Should -HaveCount 2
            (@($r.Json.contacts) + @($rest.Json.contacts)).id | Sort-Object | Should -Be ($created.id | Sort-Object)
        }
    }

    Context 'rate limits' {
        It 'answers 429 past the burst limit with Remaining 0 and no Retry-After by default' {
            $null = Set-EmulatorConfig -Emulator $emu -Config @{ burstLimit = 3; burstWindowMs = 3600000 }
            $statuses = foreach ($i in 1..3) { (Invoke-Api -Path '/contacts/missing').Status }
            $statuses | Should -Be @(400, 400, 400)
            $r = Invoke-Api -Path '/contacts/missing'
            $r.Status | Should -Be 429
            $r.Json.statusCode | Should -Be 429
            $r.Json.message | Should -Be 'Too many requests'
            Get-Header $r 'X-RateLimit-Remaining' | Should -Be '0'
            Get-Header $r 'X-RateLimit-Max' | Should -Be '3'
            Get-Header $r 'Retry-After' | Should -BeNullOrEmpty
            ((Get-EmulatorRequest -Emulator $emu) | Select-Object -Last 1).fault | Should -Be 'rateLimited'
        }

        It 'sends Retry-After when configured, and limits per token and location' {
            $null = Set-EmulatorConfig -Emulator $emu -Config @{ burstLimit = 1; burstWindowMs = 3600000; retryAfterSeconds = 7 }
            (Invoke-Api -Path '/contacts/missing').Status | Should -Be 400
            $r = Invoke-Api -Path '/contacts/missing'
            $r.Status | Should -Be 429
            Get-Header $r 'Retry-After' | Should -Be '7'
            (Invoke-Api -Path '/contacts/missing' -Token $emu.OtherToken).Status | Should -Be 400
        }

        It 'answers 429 with Daily-Remaining 0 past the daily limit' {
            $null = Set-EmulatorConfig -Emulator $emu -Config @{ dailyLimit = 2 }
            $null = Invoke-Api -Path '/contacts/missing'
            $second = Invoke-Api -Path '/contacts/missing'
            Get-Header $second 'X-RateLimit-Daily-Remaining' | Should -Be '0'
            $r = Invoke-Api -Path '/contacts/missing'
            $r.Status | Should -Be 429
            Get-Header $r 'X-RateLimit-Daily-Remaining' | Should -Be '0'
        }

        It 'counts one daily quota for every Private Integration token of a location; the burst limit stays per token' {
            $second = 'pit-second-token-0003'
            $tokens = @{}
            $tokens[$emu.Token] = $loc
            $tokens[$second] = $loc
            $tokens[$emu.OtherToken] = $emu.OtherLocationId
            $null = Set-EmulatorConfig -Emulator $emu -Config @{ dailyLimit = 5; burstLimit = 2; burstWindowMs = 3600000; tokens = $tokens }
            $first = Invoke-Api -Path '/contacts/missing'
            Get-Header $first 'X-RateLimit-Daily-Remaining' | Should -Be '4'
            Get-Header $first 'X-RateLimit-Remaining' | Should -Be '1'
            $other = Invoke-Api -Path '/contacts/missing' -Token $second
            Get-Header $other 'X-RateLimit-Daily-Remaining' | Should -Be '3' -Because 'both PITs of the location draw from one daily counter'
            Get-Header $other 'X-RateLimit-Remaining' | Should -Be '1' -Because 'each PIT has its own burst window'
            Get-Header (Invoke-Api -Path '/contacts/missing' -Token $emu.OtherToken) 'X-RateLimit-Daily-Remaining' | Should -Be '4' -Because 'another location counts on its own'
            (Invoke-Api -Path '/contacts/missing').Status | Should -Be 400
            $burst = Invoke-Api -Path '/contacts/missing'
            $burst.Status | Should -Be 429
            Get-Header $burst 'X-RateLimit-Remaining' | Should -Be '0'
            Get-Header $burst 'X-RateLimit-Daily-Remaining' | Should -Be '2' -Because 'a request refused for the burst limit is not counted'
            $still = Invoke-Api -Path '/contacts/missing' -Token $second
            $still.Status | Should -Be 400 -Because "the first token's burst limit does not hold up the second"
            Get-Header $still 'X-RateLimit-Daily-Remaining' | Should -Be '1'
            $null = Set-EmulatorConfig -Emulator $emu -Config @{ burstLimit = 100 }
            Get-Header (Invoke-Api -Path '/contacts/missing') 'X-RateLimit-Daily-Remaining' | Should -Be '0'
            $daily = Invoke-Api -Path '/contacts/missing' -Token $second
            $daily.Status | Should -Be 429 -Because 'the second token made 2 of the 5 requests, but the location has used its day'
            Get-Header $daily 'X-RateLimit-Daily-Remaining' | Should -Be '0'
        }

        It 'never answers 429 when enforceRateLimit is off' {
            $null = Set-EmulatorConfig -Emulator $emu -Config @{ burstLimit = 1; burstWindowMs = 3600000; enforceRateLimit = $false }
            foreach ($i in 1..3) { (Invoke-Api -Path '/contacts/missing').Status | Should -Be 400 }
        }
    }

    Context 'fault injection' {
        It 'drops the connection after storing the contact (dropAfterStoreRate 1)' {
            $null = Set-EmulatorConfig -Emulator $emu -Config @{ dropAfterStoreRate = 1.0 }
            { Invoke-Api -Method POST -Path '/contacts/' -Body @{ locationId = $loc; email = 'dropped@example.com' } } | Should -Throw
            $stored = @(Get-EmulatorContact -Emulator $emu)
            $stored | Should -HaveCount 1
            $stored[0].email | Should -Be 'dropped@example.com'
            $entry = (Get-EmulatorRequest -Emulator $emu) | Select-Object -Last 1
            $entry.status | Should -Be 0
            $entry.fault | Should -Be 'drop'
        }

        It 'drops the connection without storing (dropBeforeStoreRate 1)' {
            $null = Set-EmulatorConfig -Emulator $emu -Config @{ dropBeforeStoreRate = 1.0 }
            { Invoke-Api -Method POST -Path '/contacts/' -Body @{ locationId = $loc; email = 'never@example.com' } } | Should -Throw
            @(Get-EmulatorContact -Emulator $emu) | Should -HaveCount 0
            ((Get-EmulatorRequest -Emulator $emu) | Select-Object -Last 1).fault | Should -Be 'dropBeforeStore'
        }

        It 'answers 5xx before processing with errorRate 1, some with HTML bodies' {
            $null = Set-EmulatorConfig -Emulator $emu -Config @{ errorRate = 1.0 }
            $responses = foreach ($i in 1..15) { Invoke-Api -Method POST -Path '/contacts/' -Body @{ locationId = $loc; firstName = "E$i" } }
            foreach ($r in $responses) { $r.Status | Should -BeIn @(500, 502, 503) }
            @($responses | Where-Object { $_.Raw -match '<html>' }).Count | Should -BeGreaterThan 0
            @($responses | Where-Object { $_.Json }).Count | Should -BeGreaterThan 0
            @(Get-EmulatorContact -Emulator $emu) | Should -HaveCount 0
        }

        It 'answers 5xx after storing with errorAfterStoreRate 1' {
            $null = Set-EmulatorConfig -Emulator $emu -Config @{ errorAfterStoreRate = 1.0 }
            $r = Invoke-Api -Method POST -Path '/contacts/upsert' -Body @{ locationId = $loc; email = 'stored@example.com' }
            $r.Status | Should -BeIn @(502, 503, 504)
            @(Get-EmulatorContact -Emulator $emu).email | Should -Be 'stored@example.com'
        }

        It 'answers a storm of 429s after N requests' {
            $null = Set-EmulatorConfig -Emulator $emu -Config @{ storm429 = @{ startAfterRequests = 2; count = 3; retryAfterSeconds = 1 } }
            $responses = foreach ($i in 1..7) { Invoke-Api -Path '/contacts/missing' }
            $responses.Status | Should -Be @(400, 400, 429, 429, 429, 400, 400)
            Get-Header $responses[2] 'Retry-After' | Should -Be '1'
            Get-Header $responses[2] 'X-RateLimit-Remaining' | Should -Be '0'
            @((Get-EmulatorRequest -Emulator $emu) | Where-Object fault -EQ 'storm429') | Should -HaveCount 3
        }

        It 'sends no Retry-After in a storm with retryAfterSeconds null' {
            $null = Set-EmulatorConfig -Emulator $emu -Config @{ storm429 = @{ startAfterRequests = 0; count = 1; retryAfterSeconds = $null } }
            $r = Invoke-Api -Path '/contacts/missing'
            $r.Status | Should -Be 429
            Get-Header $r 'Retry-After' | Should -BeNullOrEmpty
        }

        It 'limits faults to faultPaths' {
            $null = Set-EmulatorConfig -Emulator $emu -Config @{ errorRate = 1.0; faultPaths = @('/contacts/search') }
            (Invoke-Api -Method POST -Path '/contacts/' -Body @{ locationId = $loc }).Status | Should -Be 201
            (Search-Contacts @{ pageLimit = 5 }).Status | Should -BeIn @(500, 502, 503)
        }

        It 'still answers correctly with latency configured' {
            $null = Set-EmulatorConfig -Emulator $emu -Config @{ latencyMs = 5; latencyJitterMs = 5 }
            (Invoke-Api -Method POST -Path '/contacts/' -Body @{ locationId = $loc }).Status | Should -Be 201
        }
    }

    Context 'custom fields' {
        BeforeEach {
            $script:schema = @(Set-EmulatorCustomField -Emulator $emu -LocationId $loc -Field (Get-Content "$PSScriptRoot/Data/custom-fields-all-types.json" -Raw | ConvertFrom-Json -AsHashtable))
            $script:fieldId = @{}
            foreach ($f in $schema) { $fieldId[$f.fieldKey] = $f.id }
        }

        It 'lists the location''s fields of every data type in the locations API shape, filtered by model' {
            $r = Invoke-Api -Path "/locations/$loc/customFields?model=contact"
            $r.Status | Should -Be 200
            $fields = @($r.Json.customFields)
            $fields | Should -HaveCount 13
            ($fields.dataType | Sort-Object -Unique) | Should -Be (@('TEXT', 'LARGE_TEXT', 'NUMERICAL', 'PHONE', 'MONETORY', 'CHECKBOX', 'SINGLE_OPTIONS', 'MULTIPLE_OPTIONS', 'DATE', 'TEXTBOX_LIST', 'FILE_UPLOAD', 'RADIO') | Sort-Object)
            $level = $fields | Where-Object fieldKey -EQ 'contact.membership_level'
            $level.name | Should -Be 'Membership Level'
            $level.id | Should -Match '^[A-Za-z0-9]{20}$'
            $level.picklistOptions | Should -Be @('Gold', 'Silver', 'Bronze')
            $level.isAllowedCustomOption | Should -BeFalse
            $level.model | Should -Be 'contact'
            $level.locationId | Should -Be $loc
            foreach ($property in 'id', 'name', 'fieldKey', 'placeholder', 'dataType', 'position', 'picklistOptions', 'picklistImageOptions', 'isAllowedCustomOption', 'isMultiFileAllowed', 'maxFileLimit', 'locationId', 'model') {
                $level.PSObject.Properties.Name | Should -Contain $property
            }
            @((Invoke-Api -Path "/locations/$loc/customFields?model=opportunity").Json.customFields).fieldKey | Should -Be 'opportunity.deal_stage'
            @((Invoke-Api -Path "/locations/$loc/customFields?model=all").Json.customFields) | Should -HaveCount 14
            $bad = Invoke-Api -Path "/locations/$loc/customFields?model=lead"
            $bad.Status | Should -Be 422
            $bad.Json.message | Should -Be @('model must be one of the following values: contact, opportunity, all')
            (Invoke-Api -Path "/locations/$($emu.OtherLocationId)/customFields").Status | Should -Be 403
        }

        It 'gets one field by id or by field key, with or without the contact. prefix' {
            $id = $fieldId['contact.shoe_size']
            (Invoke-Api -Path "/locations/$loc/customFields/$id").Json.customField.fieldKey | Should -Be 'contact.shoe_size'
            (Invoke-Api -Path "/locations/$loc/customFields/contact.shoe_size").Json.customField.id | Should -Be $id
            (Invoke-Api -Path "/locations/$loc/customFields/shoe_size").Json.customField.id | Should -Be $id
            $missing = Invoke-Api -Path "/locations/$loc/customFields/contact.no_such_field"
            $missing.Status | Should -Be 400
            $missing.Json.message | Should -Be 'Custom field not found'
        }

        It 'stores values sent by id or by key (with or without contact.) and returns them as {id, value}' {
            $c = New-Contact @{ customFields = @(
                    @{ key = 'contact.nickname'; field_value = 'Jo' },
                    @{ key = 'membership_level'; field_value = 'Gold' },
                    @{ id = $fieldId['contact.interests']; field_value = @('Golf', 'Chess') },
                    @{ key = 'shoe_size'; field_value = 42 },
                    @{ key = 'annual_budget'; field_value = 1234.5 },
                    @{ key = 'renewal_date'; field_value = '2026-03-01' },
                    @{ key = 'referral_source'; field_value = 'Podcast' }) }
            $stored = (Invoke-Api -Path "/contacts/$($c.id)").Json.contact.customFields
            $stored | Should -HaveCount 7
            foreach ($item in $stored) { $item.PSObject.Properties.Name | Should -Be @('id', 'value') }
            ($stored | Where-Object id -EQ $fieldId['contact.nickname']).value | Should -Be 'Jo'
            ($stored | Where-Object id -EQ $fieldId['contact.membership_level']).value | Should -Be 'Gold'
            ($stored | Where-Object id -EQ $fieldId['contact.interests']).value | Should -Be @('Golf', 'Chess')
            ($stored | Where-Object id -EQ $fieldId['contact.shoe_size']).value | Should -Be 42
            ($stored | Where-Object id -EQ $fieldId['contact.referral_source']).value | Should -Be 'Podcast'
        }

        It 'refuses <Case> with a 422 message array' -ForEach @(
            @{ Case = 'an unknown key'; Item = @{ key = 'contact.no_such_field'; field_value = 'x' }; Expected = 'customFields.0.key contact.no_such_field is not a custom field of this location' }
            @{ Case = 'an unknown id'; Item = @{ id = 'AAAAAAAAAAAAAAAAAAAA'; field_value = 'x' }; Expected = 'customFields.0.id AAAAAAAAAAAAAAAAAAAA is not a custom field of this location' }
            @{ Case = 'an opportunity field'; Item = @{ key = 'opportunity.deal_stage'; field_value = 'x' }; Expected = 'customFields.0 opportunity.deal_stage is not a contact custom field' }
            @{ Case = 'an option not in the list'; Item = @{ key = 'membership_level'; field_value = 'Platinum' }; Expected = 'customFields.0.field_value must be one of the following values: Gold, Silver, Bronze' }
            @{ Case = 'an option spelled in another case'; Item = @{ key = 'preferred_channel'; field_value = 'email' }; Expected = 'customFields.0.field_value must be one of the following values: Email, Phone, SMS' }
            @{ Case = 'a checkbox option not in the list'; Item = @{ key = 'interests'; field_value = @('Golf', 'Darts') }; Expected = 'customFields.0.field_value must be one of the following values: Golf, Chess, Hiking' }
            @{ Case = 'a number that is not one'; Item = @{ key = 'shoe_size'; field_value = 'forty' }; Expected = 'customFields.0.field_value must be a number conforming to the specified constraints' }
            @{ Case = 'a date that is not one'; Item = @{ key = 'renewal_date'; field_value = 'soon' }; Expected = 'customFields.0.field_value must be a valid ISO 8601 date string' }
            @{ Case = 'a file field'; Item = @{ key = 'contract'; field_value = 'x.pdf' }; Expected = 'customFields.0.field_value cannot set the FILE_UPLOAD field contact.contract: upload files with POST /locations/{locationId}/customFields/upload' }
        ) {
            foreach ($method in 'POST', 'PUT') {
                $path = '/contacts/'
                $body = @{ locationId = $loc; customFields = @($Item) }
                if ($method -eq 'PUT') {
                    $path = "/contacts/$((New-Contact @{ firstName = 'Target' }).id)"
                    $body.Remove('locationId')
                }
                $r = Invoke-Api -Method $method -Path $path -Body $body
                $r.Status | Should -Be 422
                $r.Json.statusCode | Should -Be 422
                $r.Json.error | Should -Be 'Unprocessable Entity'
                @($r.Json.message) | Should -Be @($Expected)
            }
            @(Get-EmulatorContact -Emulator $emu | Where-Object { $_.customFields.Count -gt 0 }) | Should -HaveCount 0
        }

        It 'counts requests by endpoint in the stats' {
            $c = New-Contact @{ firstName = 'Counted' }
            $null = Invoke-Api -Path "/locations/$loc/customFields?model=contact"
            $null = Invoke-Api -Path "/locations/$loc/customFields?model=contact"
            $null = Invoke-Api -Path "/locations/$loc/customFields/contact.notes"
            $null = Invoke-Api -Path "/contacts/$($c.id)"
            $stats = Get-EmulatorStat -Emulator $emu
            $stats.byEndpoint.'GET /locations/{locationId}/customFields' | Should -Be 2
            $stats.byEndpoint.'GET /locations/{locationId}/customFields/{id}' | Should -Be 1
            $stats.byEndpoint.'GET /contacts/{contactId}' | Should -Be 1
            $stats.byEndpoint.'POST /contacts' | Should -Be 1
            (Get-EmulatorRequest -Emulator $emu | Select-Object -Last 1).endpoint | Should -Be 'GET /contacts/{contactId}'
        }

        It 'rejects a schema seed with an unknown data type' {
            $body = '{"locationId":"emulator-location","fields":[{"name":"X","dataType":"COLOR"}]}'
            $r = Invoke-WebRequest -Method Post -Uri "$($emu.BaseUri)__emulator/customFields" -Body $body -ContentType 'application/json' -NoProxy -SkipHttpErrorCheck
            $r.StatusCode | Should -Be 400
            $r.Content | Should -Match 'dataType must be one of'
        }
    }

    Context 'location' {
        It 'GET /locations/{id} answers the location with its duplicate setting; another location is 403' {
            $r = Invoke-Api -Path "/locations/$loc"
            $r.Status | Should -Be 200
            $r.Json.location.id | Should -Be $loc
            $r.Json.location.settings.allowDuplicateContact | Should -BeFalse
            $null = Set-EmulatorConfig -Emulator $emu -Config @{ allowDuplicates = $true }
            try {
                (Invoke-Api -Path "/locations/$loc").Json.location.settings.allowDuplicateContact | Should -BeTrue
            }
            finally {
                $null = Set-EmulatorConfig -Emulator $emu -Config @{ allowDuplicates = $false }
            }
            (Invoke-Api -Path '/locations/other-location').Status | Should -Be 403
        }
    }

    Context 'request log and admin endpoints' {
        It 'logs every non-admin request with headers, raw body, status and fault' {
            $body = '{"locationId":"emulator-location","firstName":"Logged"}'
            $null = Invoke-Api -Method POST -Path '/contacts/' -Body $body
            $null = Invoke-Api -Path '/contacts/missing?x=1' -NoAuth
            $null = Get-EmulatorContact -Emulator $emu
            $log = @(Get-EmulatorRequest -Emulator $emu)
            $log | Should -HaveCount 2
            $log[0].seq | Should -BeLessThan $log[1].seq
            $log[0].method | Should -Be 'POST'
            $log[0].path | Should -Be '/contacts/'
            $log[0].body | Should -Be $body
            $log[0].status | Should -Be 201
            $log[0].fault | Should -BeNullOrEmpty
            $log[0].time | Should -Match '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$'
            $log[0].elapsedMs | Should -BeGreaterOrEqual 0
            $log[0].durationMs | Should -BeGreaterOrEqual 0
            $log[0].headers.Authorization | Should -Be "Bearer $($emu.Token)"
            $log[0].headers.Version | Should -Be '2021-07-28'
            $log[0].headers.'User-Agent' | Should -Not -BeNullOrEmpty
            $log[0].headers.'Content-Type' | Should -Match 'application/json'
            $log[1].status | Should -Be 401
            $log[1].query | Should -Be 'x=1'
            $log[1].body | Should -BeNullOrEmpty
            Clear-EmulatorRequest -Emulator $emu
            @(Get-EmulatorRequest -Emulator $emu) | Should -HaveCount 0
        }

        It 'resets contacts, config and the log' {
            $null = New-Contact @{ firstName = 'Temp' }
            $null = Set-EmulatorConfig -Emulator $emu -Config @{ allowDuplicates = $true; burstLimit = 5 }
            Reset-ContactsEmulator -Emulator $emu
            @(Get-EmulatorContact -Emulator $emu) | Should -HaveCount 0
            @(Get-EmulatorRequest -Emulator $emu) | Should -HaveCount 0
            $config = Get-EmulatorConfig -Emulator $emu
            $config.allowDuplicates | Should -BeFalse
            $config.burstLimit | Should -Be 100
            $config.searchPagingCeiling | Should -Be 10000
        }

        It 'seeds contacts in bulk and filters the admin list by location' {
            $count = Add-EmulatorContact -Emulator $emu -Contact @(
                @{ locationId = $loc; firstName = 'S1'; email = 'same@example.com' },
                @{ locationId = $loc; firstName = 'S2'; email = 'same@example.com' },
                @{ locationId = $emu.OtherLocationId; firstName = 'S3' }
            )
            $count | Should -Be 3
            @(Get-EmulatorContact -Emulator $emu) | Should -HaveCount 3
            @(Get-EmulatorContact -Emulator $emu -LocationId $emu.OtherLocationId).firstName | Should -Be 'S3'
        }

        It 'rejects unknown config keys' {
            { Set-EmulatorConfig -Emulator $emu -Config @{ noSuchKey = 1 } } | Should -Throw
        }

        It 'starts with a -Config and stops cleanly' {
            $second = Start-ContactsEmulator -Config @{ allowDuplicates = $true; searchPagingCeiling = 50 }
            try {
                $second.BaseUri | Should -BeOfType [uri]
                $second.BaseUri.Port | Should -Not -Be $emu.BaseUri.Port
                (Get-EmulatorConfig -Emulator $second).searchPagingCeiling | Should -Be 50
            }
            finally {
                Stop-ContactsEmulator -Emulator $second
            }
            $second.Process.HasExited | Should -BeTrue
        }
    }
}

Describe 'Emulator stats' {
    BeforeAll {
        Import-Module "$PSScriptRoot/EmulatorHarness.psm1" -Force
        $script:statsEmu = Start-ContactsEmulator -Config @{ allowDuplicates = $true }
    }
    AfterAll { Stop-ContactsEmulator -Emulator $statsEmu }

    It 'counts requests by status and contacts by distinct and duplicated email' {
        $headers = @{ Authorization = "Bearer $($statsEmu.Token)"; Version = '2021-07-28' }
        foreach ($email in 'a@example.com', 'A@example.com', 'b@example.com') {
            $body = @{ locationId = $statsEmu.LocationId; email = $email } | ConvertTo-Json
            $null = Invoke-WebRequest -Method Post -Uri "$($statsEmu.BaseUri)contacts/" -Headers $headers -Body $body -ContentType 'application/json' -NoProxy -SkipHttpErrorCheck
        }
        $null = Invoke-WebRequest -Method Post -Uri "$($statsEmu.BaseUri)contacts/" -Headers @{ Version = '2021-07-28' } -Body '{}' -ContentType 'application/json' -NoProxy -SkipHttpErrorCheck
        $stats = Get-EmulatorStat -Emulator $statsEmu
        $stats.requests | Should -Be 4
        $stats.byStatus.'201' | Should -Be 3
        $stats.byStatus.'401' | Should -Be 1
        $stats.contacts | Should -Be 3
        $stats.distinctEmails | Should -Be 2
        $stats.duplicateEmails | Should -Be 1
    }
}
