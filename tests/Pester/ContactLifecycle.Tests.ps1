# End-to-end tests of the contact lifecycle cmdlets (Get-Contact, Set-Contact, Remove-Contact, Add-ContactTag,
# Remove-ContactTag) against the local API emulator over real HTTP. What was sent is read from the emulator's
# request log. Run: dotnet pwsh ./build.ps1 -Task Test -TestName Lifecycle

BeforeAll {
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$repo/tests/Pester/EmulatorHarness.psm1" -Force
    Import-Module "$repo/out/ContactsModule/ContactsModule.psd1" -Force
    # A generous burst limit: these tests are about what is sent, not about waiting for the rate limit.
    $script:emu = Start-ContactsEmulator -Config @{ burstLimit = 100000 }
    $script:token = ConvertTo-SecureString $emu.Token -AsPlainText -Force
    Connect-ContactsApi -Token $token -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.05

    # Contacts stored straight into the emulator with known 20-character ids and increasing dateAdded.
    function New-SeedContact {
        param(
            [int] $Count = 1,
            [int] $Start = 1,
            [string] $Prefix = 'seedc',
            [string[]] $Tags = @('seed'),
            [hashtable] $Fields = @{},
            [string] $LocationId = $script:emu.LocationId
        )
        $base = [datetime]::new(2024, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)
        $contacts = foreach ($i in $Start..($Start + $Count - 1)) {
            $id = $Prefix + $i.ToString('d' + (20 - $Prefix.Length))
            $contact = @{
                id         = $id
                locationId = $LocationId
                firstName  = "First$i"
                lastName   = "Last$i"
                email      = "person$i.$Prefix@example.com"
                phone      = '+1555' + (1000000 + $i).ToString()
                tags       = $Tags
                dateAdded  = $base.AddSeconds($i).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'")
            }
            foreach ($key in $Fields.Keys) { $contact[$key] = $Fields[$key] }
            $contact
        }
        $null = Add-EmulatorContact -Emulator $script:emu -Contact @($contacts)
        foreach ($c in $contacts) { $c.id }
    }

    function Get-Sent {
        param([string] $Method, [string] $PathLike = '*')
        @(Get-EmulatorRequest -Emulator $script:emu | Where-Object { (-not $Method -or $_.method -eq $Method) -and $_.path -like $PathLike })
    }

    function Get-Stored([string] $Id) {
        Get-EmulatorContact -Emulator $script:emu | Where-Object id -EQ $Id
    }

    function ConvertFrom-SentBody($Entry) {
        ConvertFrom-Json -InputObject $Entry.body -AsHashtable -Depth 20
    }

    $script:missingId = 'nosuchcontact0000001'
}

AfterAll {
    Disconnect-ContactsApi
    Stop-ContactsEmulator -Emulator $emu
}

Describe 'Get-Contact' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    Context '-Id' {
        It 'gets a contact with GET /contacts/{id} and marks it Retrieved' {
            $id = New-SeedContact -Count 1
            $contact = Get-Contact -Id $id
            $contact | Should -BeOfType ContactsModule.Models.Contact
            $contact.Id | Should -Be $id
            $contact.Email | Should -Be 'person1.seedc@example.com'
            $contact.Outcome | Should -Be 'Retrieved'
            $sent = Get-Sent
            $sent.Count | Should -Be 1
            $sent[0].method | Should -Be 'GET'
            $sent[0].path | Should -Be "/contacts/$id"
        }

        It 'takes ids from the pipeline by value and by property name (Id, ContactId), in order' {
            $ids = @(New-SeedContact -Count 3)
            (@($ids[2], $ids[0]) | Get-Contact).Id | Should -Be @($ids[2], $ids[0])
            ([pscustomobject]@{ ContactId = $ids[1] } | Get-Contact).Id | Should -Be $ids[1]
            ([pscustomobject]@{ 'Contact Id' = $ids[1] } | Get-Contact).Id | Should -Be $ids[1]
            (Get-Contact -Id $ids[0] | Get-Contact).Id | Should -Be $ids[0]
        }

        It 'writes one ContactNotFound error for a missing id and still gets the others' {
            $ids = @(New-SeedContact -Count 2)
            $found = @($ids[0], $missingId, $ids[1]) | Get-Contact -ErrorVariable errs -ErrorAction SilentlyContinue
            $found.Id | Should -Be $ids
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'ContactNotFound,*'
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[0].TargetObject | Should -Be $missingId
            $errs[0].ErrorDetails.Message | Should -BeLike "Row 2 (contact $missingId)*does not exist*"
        }
    }

    Context 'search' {
        It 'with no criteria returns every contact of the location and only that location' {
            $ids = @(New-SeedContact -Count 3)
            $null = New-SeedContact -Count 2 -Prefix 'otherloc' -LocationId $emu.OtherLocationId
            $all = @(Get-Contact)
            $all.Id | Should -Be $ids
            $all | ForEach-Object { $_.Outcome | Should -Be 'Retrieved' }
            $sent = Get-Sent -Method POST -PathLike '/contacts/search'
            $sent.Count | Should -Be 1
            $body = ConvertFrom-SentBody $sent[0]
            $body.locationId | Should -Be $emu.LocationId
            $body.pageLimit | Should -Be 500
            $body.page | Should -Be 1
            $body.ContainsKey('filters') | Should -BeFalse
            $body.ContainsKey('query') | Should -BeFalse
        }

        It '-Query sends the query text' {
            $null = New-SeedContact -Count 3
            $null = New-SeedContact -Count 1 -Prefix 'acmeco' -Fields @{ firstName = 'Wile'; lastName = 'Coyote'; email = 'wile@acme.example' }
            $found = @(Get-Contact -Query acme)
            $found.Email | Should -Be 'wile@acme.example'
            (ConvertFrom-SentBody (Get-Sent -PathLike '/contacts/search')[0]).query | Should -Be 'acme'
        }

        It '-Email, -Phone and -Tag send eq filters; several tags must all match' {
            $null = New-SeedContact -Count 3 -Tags 'seed'
            $null = New-SeedContact -Count 2 -Start 4 -Tags 'seed', 'vip'
            (Get-Contact -Email 'PERSON2.seedc@example.com').Id | Should -Be 'seedc000000000000002'
            (Get-Contact -Phone '+15551000003').Id | Should -Be 'seedc000000000000003'
            @(Get-Contact -Tag seed).Count | Should -Be 5
            @(Get-Contact -Tag seed, vip).Id | Should -Be @('seedc000000000000004', 'seedc000000000000005')

            $bodies = Get-Sent -PathLike '/contacts/search' | ForEach-Object { ConvertFrom-SentBody $_ }
            $bodies[0].filters | Should -HaveCount 1
            $bodies[0].filters[0].field | Should -Be 'email'
            $bodies[0].filters[0].operator | Should -Be 'eq'
            $bodies[1].filters[0].field | Should -Be 'phone'
            $bodies[1].filters[0].value | Should -Be '+15551000003'
            $bodies[3].filters.field | Should -Be @('tags', 'tags')
            $bodies[3].filters.value | Should -Be @('seed', 'vip')
        }

        It '-Filter sends each field = value as an eq filter' {
            $null = New-SeedContact -Count 2 -Fields @{ city = 'Paris'; source = 'fair' }
            $null = New-SeedContact -Count 2 -Start 3 -Fields @{ city = 'Paris'; source = 'web' }
            $null = New-SeedContact -Count 1 -Start 5 -Fields @{ city = 'Rome'; source = 'web' }
            @(Get-Contact -Filter @{ city = 'Paris'; source = 'web' }).Id | Should -Be @('seedc000000000000003', 'seedc000000000000004')
            $filters = (ConvertFrom-SentBody (Get-Sent -PathLike '/contacts/search')[0]).filters
            $filters | Should -HaveCount 2
            ($filters | ForEach-Object { "$($_.field) $($_.operator) $($_.value)" }) | Should -Be @('city eq Paris', 'source eq web')
        }

        It 'an unknown filter field is InvalidContactFilter naming the valid fields, and nothing is sent' {
            # It used to be sent and come back as the server's "400 Invalid field shoeSize" with generic advice.
            $null = New-SeedContact -Count 1
            $result = $null
            try { $result = Get-Contact -Filter @{ shoeSize = 42 } } catch { $err = $_ }
            $result | Should -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -BeLike 'InvalidContactFilter,*'
            $err.ErrorDetails.Message | Should -BeLike "*'shoeSize'*lastName*"
            Get-Sent -PathLike '/contacts/search' | Should -BeNullOrEmpty
        }

        It 'finds nothing without error' {
            $null = New-SeedContact -Count 2
            Get-Contact -Email 'nobody@example.com' -ErrorVariable errs | Should -BeNullOrEmpty
            $errs | Should -BeNullOrEmpty
            (Get-Sent -PathLike '/contacts/search').Count | Should -Be 1
        }

        It 'refuses a -PageSize above 500 and a -Query over 75 characters before sending anything' {
            { Get-Contact -PageSize 501 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ContactsModule.Cmdlets.GetContactCommand'
            { Get-Contact -Query ('x' * 76) } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ContactsModule.Cmdlets.GetContactCommand'
            Get-Sent | Should -BeNullOrEmpty
        }
    }

    Context 'paging' {
        It 'pages with searchAfter past the page-number ceiling and returns every contact once, in order' {
            $null = Set-EmulatorConfig -Emulator $emu -Config @{ searchPagingCeiling = 10 }
            $ids = @(New-SeedContact -Count 25)
            $all = @(Get-Contact -PageSize 4)
            $all.Count | Should -Be 25
            $all.Id | Should -Be $ids

            $sent = Get-Sent -PathLike '/contacts/search'
            $sent.Count | Should -Be 7       # 6 full pages of 4, then 1
            $sent | ForEach-Object { $_.status | Should -Be 200 }
            $bodies = $sent | ForEach-Object { ConvertFrom-SentBody $_ }
            $bodies[0].page | Should -Be 1
            $bodies[0].ContainsKey('searchAfter') | Should -BeFalse
            foreach ($later in $bodies[1..6]) {
                $later.ContainsKey('page') | Should -BeFalse
                $later.searchAfter | Should -HaveCount 2
            }
            # The cursor is the one of the last contact of the page before.
            $bodies[1].searchAfter[1] | Should -Be $ids[3]
            $bodies[6].searchAfter[1] | Should -Be $ids[23]
        }

        It 'writes each page as it arrives: a downstream Select-Object -First stops the paging' {
            $null = New-SeedContact -Count 20
            $firstFive = @(Get-Contact -PageSize 4 | Select-Object -First 5)
            $firstFive.Count | Should -Be 5
            (Get-Sent -PathLike '/contacts/search').Count | Should -Be 2
        }

        It '-First stops early and asks only for what it needs' {
            $ids = @(New-SeedContact -Count 20)
            $some = @(Get-Contact -PageSize 4 -First 6)
            $some.Id | Should -Be $ids[0..5]
            $bodies = Get-Sent -PathLike '/contacts/search' | ForEach-Object { ConvertFrom-SentBody $_ }
            $bodies.Count | Should -Be 2
            $bodies[0].pageLimit | Should -Be 4
            $bodies[1].pageLimit | Should -Be 2
        }

        It '-First smaller than a page asks for that many in one call' {
            $ids = @(New-SeedContact -Count 10)
            (Get-Contact -First 3).Id | Should -Be $ids[0..2]
            $sent = Get-Sent -PathLike '/contacts/search'
            $sent.Count | Should -Be 1
            (ConvertFrom-SentBody $sent[0]).pageLimit | Should -Be 3
        }

        It '-Skip skips across pages' {
            $ids = @(New-SeedContact -Count 12)
            (Get-Contact -PageSize 4 -Skip 5 -First 4).Id | Should -Be $ids[5..8]
            (Get-Contact -PageSize 5 -Skip 10).Id | Should -Be $ids[10..11]
        }

        It '-IncludeTotalCount writes the total before the contacts' {
            $null = New-SeedContact -Count 9
            $out = @(Get-Contact -IncludeTotalCount -First 2 -PageSize 4)
            $out.Count | Should -Be 3
            $out[0] | Should -Not -BeOfType ContactsModule.Models.Contact
            [uint64]$out[0].PSObject.BaseObject | Should -Be 9
            $out[1] | Should -BeOfType ContactsModule.Models.Contact
        }

        It 'a pipeline that deletes what it reads still sees every page' {
            $null = New-SeedContact -Count 10 -Tags 'old'
            $keep = @(New-SeedContact -Count 3 -Start 11 -Tags 'keep')
            Get-Contact -Tag old -PageSize 3 | Remove-Contact -Force
            @(Get-EmulatorContact -Emulator $emu).id | Should -Be $keep
        }
    }

    It 'never shows the token in verbose output' {
        $null = New-SeedContact -Count 2
        $verbose = Get-Contact -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose | Out-String) | Should -Not -BeLike "*$($emu.Token)*"
    }

    It 'uses -Connection instead of the current connection' {
        $null = New-SeedContact -Count 1
        $null = New-SeedContact -Count 1 -Prefix 'otherloc' -LocationId $emu.OtherLocationId
        $other = Connect-ContactsApi -Token (ConvertTo-SecureString $emu.OtherToken -AsPlainText -Force) -LocationId $emu.OtherLocationId -BaseUri $emu.BaseUri -PassThru
        try {
            (Get-Contact -Connection $other).Id | Should -Be 'otherloc000000000001'
        }
        finally {
            Connect-ContactsApi -Token $token -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.05
        }
        (Get-Contact).Id | Should -Be 'seedc000000000000001'
    }

    It 'a rejected token stops the pipeline (terminating ContactsApiUnauthorized)' {
        $null = New-SeedContact -Count 1
        $bad = Connect-ContactsApi -Token (ConvertTo-SecureString 'pit-wrong' -AsPlainText -Force) -LocationId $emu.LocationId -BaseUri $emu.BaseUri -PassThru
        try {
            { Get-Contact -Connection $bad -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'ContactsApiUnauthorized,ContactsModule.Cmdlets.GetContactCommand'
        }
        finally {
            Connect-ContactsApi -Token $token -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.05
        }
    }
}

Describe 'Set-Contact' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'sends only the parameters given' {
        $id = New-SeedContact -Count 1 -Fields @{ city = 'Lyon'; postalCode = '69001' }
        Set-Contact -Id $id -City Paris | Should -BeNullOrEmpty
        $sent = Get-Sent
        $sent.Count | Should -Be 1
        $sent[0].method | Should -Be 'PUT'
        $sent[0].path | Should -Be "/contacts/$id"
        $sent[0].body | Should -Be '{"city":"Paris"}'
        $stored = Get-Stored $id
        $stored.city | Should -Be 'Paris'
        $stored.postalCode | Should -Be '69001'
        $stored.email | Should -Be 'person1.seedc@example.com'
    }

    It 'a sparse CSV changes only the cells it fills' {
        $ids = @(New-SeedContact -Count 3 -Tags 'seed', 'vip' -Fields @{ city = 'Lyon'; source = 'fair' })
        $csv = Join-Path $TestDrive 'fix.csv'
        @(
            'Id,City,E-mail,Phone Number,Tags'
            "$($ids[0]),Paris,,,"
            "$($ids[1]),,new.address@example.com,,"
            "$($ids[2]),,,(555) 300-0003,"
        ) | Set-Content -LiteralPath $csv
        Import-Csv $csv | Set-Contact -DefaultCountry US -ErrorVariable errs
        $errs | Should -BeNullOrEmpty
        $bodies = Get-Sent -Method PUT | ForEach-Object body
        $bodies | Should -Be @('{"city":"Paris"}', '{"email":"new.address@example.com"}', '{"phone":"+15553000003"}')

        $first = Get-Stored $ids[0]
        $first.city | Should -Be 'Paris'
        $first.email | Should -Be 'person1.seedc@example.com'
        $first.tags | Should -Be @('seed', 'vip')
        $first.source | Should -Be 'fair'
        $second = Get-Stored $ids[1]
        $second.email | Should -Be 'new.address@example.com'
        $second.city | Should -Be 'Lyon'
        (Get-Stored $ids[2]).phone | Should -Be '+15553000003'
    }

    It 'with a piped Contact sends only what the command line gives (its tags are not sent back)' {
        $id = New-SeedContact -Count 1 -Tags 'seed', 'vip'
        $updated = Get-Contact -Id $id | Set-Contact -City Rome -PassThru
        (Get-Sent -Method PUT).body | Should -Be '{"city":"Rome"}'
        $updated.City | Should -Be 'Rome'
        $updated.Tags | Should -Be @('seed', 'vip')
        $updated.Outcome | Should -Be 'Updated'
    }

    It 'reads an Id, ContactId or "Contact Id" column' {
        $ids = @(New-SeedContact -Count 3)
        [pscustomobject]@{ Id = $ids[0]; City = 'A' }, [pscustomobject]@{ ContactId = $ids[1]; City = 'B' }, [pscustomobject]@{ 'Contact Id' = $ids[2]; City = 'C' } |
            Set-Contact
        # Several updates are in flight at once, so they may reach the server in any order.
        @((Get-Sent -Method PUT).path | Sort-Object) | Should -Be @($ids | ForEach-Object { "/contacts/$_" } | Sort-Object)
        (Get-Stored $ids[2]).city | Should -Be 'C'
    }

    It '-Tags replaces all tags; -AddTag and -RemoveTag use the tag calls and keep the others' {
        $id = New-SeedContact -Count 1 -Tags 'a', 'b', 'c'
        Set-Contact -Id $id -AddTag d, e -RemoveTag a
        $sent = Get-Sent
        ($sent | ForEach-Object { "$($_.method) $($_.path)" }) | Should -Be @("POST /contacts/$id/tags", "DELETE /contacts/$id/tags")
        (Get-Stored $id).tags | Should -Be @('b', 'c', 'd', 'e')

        Clear-EmulatorRequest -Emulator $emu
        $result = Set-Contact -Id $id -Tags x, y -AddTag z -PassThru
        ($result.Tags) | Should -Be @('x', 'y', 'z')
        (Get-Stored $id).tags | Should -Be @('x', 'y', 'z')
        $sent = Get-Sent
        $sent[0].body | Should -Be '{"tags":["x","y"]}'
        $sent[1].path | Should -Be "/contacts/$id/tags"
    }

    It '-PassThru with only tag changes gets the contact afterwards' {
        $id = New-SeedContact -Count 1 -Tags 'a'
        $result = Set-Contact -Id $id -AddTag b -PassThru
        $result.Tags | Should -Be @('a', 'b')
        ((Get-Sent) | ForEach-Object method) | Should -Be @('POST', 'GET')
    }

    It 'refuses -CompanyName, -Gender and -LocationId with a clear error and sends nothing' {
        $id = New-SeedContact -Count 1
        foreach ($case in @{ CompanyName = 'Acme' }, @{ Gender = 'female' }, @{ LocationId = 'x' }) {
            $err = $null
            try { Set-Contact -Id $id -City Paris @case } catch { $err = $_ }
            $err | Should -Not -BeNullOrEmpty
            $err.FullyQualifiedErrorId | Should -BeLike 'ContactFieldNotUpdatable,*'
            $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $err.ErrorDetails.Message | Should -BeLike "*cannot change $($case.Keys)*"
        }
        Get-Sent | Should -BeNullOrEmpty
    }

    It 'never sends gender, companyName or locationId from a row, and says so once' {
        $ids = @(New-SeedContact -Count 2 -Fields @{ companyName = 'Old Co' })
        $rows = foreach ($id in $ids) { [pscustomobject]@{ Id = $id; LocationId = $emu.LocationId; Gender = 'female'; 'Company Name' = 'New Co'; City = 'Oslo' } }
        $rows | Set-Contact -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike '*Gender, Company Name*'
        Get-Sent -Method PUT | ForEach-Object { $_.body | Should -Be '{"city":"Oslo"}'; $_.status | Should -Be 200 }
        (Get-Stored $ids[0]).companyName | Should -Be 'Old Co'
    }

    It 'describes its calls to ShouldProcess as METHOD /path body' {
        $id = New-SeedContact -Count 1
        $verbose = Set-Contact -Id $id -City Paris -RemoveTag seed -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        $expected = "Performing the operation ""PUT /contacts/$id {""city"":""Paris""}; then DELETE /contacts/$id/tags {""tags"":[""seed""]}"" on target ""Contact $id"""
        ($verbose | Out-String) | Should -Match ([regex]::Escape($expected))
    }

    It '-WhatIf sends nothing' {
        $id = New-SeedContact -Count 1 -Fields @{ city = 'Lyon' }
        $run = Invoke-WithCapturedHost { Set-Contact -Id $id -City Paris -AddTag x -WhatIf } -Variable @{ id = $id }
        $run.Errors | Should -BeNullOrEmpty
        $run.HostText | Should -Match ([regex]::Escape("What if: Performing the operation ""PUT /contacts/$id"))
        Get-Sent | Should -BeNullOrEmpty
        (Get-Stored $id).city | Should -Be 'Lyon'
    }

    It 'writes ContactNotFound for a missing id and updates the other rows' {
        $ids = @(New-SeedContact -Count 2)
        $rows = [pscustomobject]@{ Id = $ids[0]; City = 'A' }, [pscustomobject]@{ Id = $missingId; City = 'B' }, [pscustomobject]@{ Id = $ids[1]; City = 'C' }
        $out = $rows | Set-Contact -PassThru -ErrorVariable errs -ErrorAction SilentlyContinue
        $out.Id | Should -Be $ids
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ContactNotFound,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject.Id | Should -Be $missingId
        $errs[0].ErrorDetails.Message | Should -BeLike "Row 2 (contact $missingId)*"
    }

    It 'a row with an invalid value is a validation error naming its column; nothing is sent for it' {
        $ids = @(New-SeedContact -Count 2)
        $rows = [pscustomobject]@{ Id = $ids[0]; 'E-mail' = 'not an email' }, [pscustomobject]@{ Id = $ids[1]; 'E-mail' = 'ok@example.com' }
        $rows | Set-Contact -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ContactValidationFailed,*'
        $errs[0].ErrorDetails.Message | Should -BeLike 'Row 1*E-mail*'
        (Get-Sent -Method PUT).path | Should -Be "/contacts/$($ids[1])"
    }

    It 'a row without an id is an error; a row with nothing to change is a warning; neither is sent' {
        $id = New-SeedContact -Count 1
        [pscustomobject]@{ Id = ''; City = 'A' }, [pscustomobject]@{ Id = $id; City = '' } |
            Set-Contact -ErrorVariable errs -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].ErrorDetails.Message | Should -BeLike 'Row 1*no contact id*'
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike 'Row 2*nothing to change*'
        Get-Sent | Should -BeNullOrEmpty
    }

    Context 'Export-Csv round trip' {
        BeforeEach {
            $script:rich = @{
                firstName          = 'Ada'
                lastName           = 'Lovelace'
                email              = 'ada@example.com'
                phone              = '+15550100001'
                address1           = '12 St James Square'
                city               = 'London'
                state              = 'LND'
                postalCode         = 'SW1Y 4JH'
                country            = 'GB'
                website            = 'https://ada.example.com'
                timezone           = 'Europe/London'
                source             = 'import'
                companyName        = 'Analytical Engines'
                dnd                = $true
                dndSettings        = @{ SMS = @{ status = 'active' }; Email = @{ status = 'inactive' } }
                inboundDndSettings = @{ all = @{ status = 'active' } }
                customFields       = @(@{ key = 'favorite_color'; field_value = 'green' })
                dateOfBirth        = '1990-09-25'
            }
        }

        It 'Get-Contact | Export-Csv, then Import-Csv | Set-Contact changes nothing (culture <_>)' -ForEach @('', 'en-US', 'de-DE', 'en-GB') {
            $culture = $_
            $ids = @(New-SeedContact -Count 2 -Tags 'seed', 'vip' -Fields $rich)
            $null = New-SeedContact -Count 1 -Start 3 -Tags @() -Fields @{ dnd = $false }
            $before = Get-EmulatorContact -Emulator $emu | Sort-Object id
            $csv = Join-Path $TestDrive "roundtrip-$culture.csv"
            $saved = [cultureinfo]::CurrentCulture
            try {
                [cultureinfo]::CurrentCulture = [cultureinfo]::new($culture)
                Get-Contact | Export-Csv -LiteralPath $csv -NoTypeInformation
                $back = Import-Csv -LiteralPath $csv | Set-Contact -PassThru -ErrorVariable errs -WarningAction SilentlyContinue
            }
            finally {
                [cultureinfo]::CurrentCulture = $saved
            }
            $errs | Should -BeNullOrEmpty
            @($back).Count | Should -Be 3
            $puts = Get-Sent -Method PUT
            $puts.Count | Should -Be 3
            $puts | ForEach-Object { $_.status | Should -Be 200 }
            $body = ConvertFrom-SentBody $puts[0]
            $body.dateOfBirth | Should -Be '1990-09-25'
            $body.dnd | Should -BeTrue
            $body.ContainsKey('companyName') | Should -BeFalse

            $after = Get-EmulatorContact -Emulator $emu | Sort-Object id
            for ($i = 0; $i -lt $before.Count; $i++) {
                $b = $before[$i] | Select-Object * -ExcludeProperty dateUpdated, lastActivity
                $a = $after[$i] | Select-Object * -ExcludeProperty dateUpdated, lastActivity
                ($a | ConvertTo-Json -Depth 10) | Should -Be ($b | ConvertTo-Json -Depth 10)
            }
        }

        It 'an edited export updates only the edited column' {
            $id = New-SeedContact -Count 1 -Tags 'seed' -Fields $rich
            $csv = Join-Path $TestDrive 'edit.csv'
            Get-Contact -Id $id | Select-Object Id, City, Tags, DateOfBirth, Dnd | Export-Csv -LiteralPath $csv -NoTypeInformation
            $rows = Import-Csv -LiteralPath $csv
            $rows[0].City = 'Paris'
            $rows | Set-Contact
            $body = ConvertFrom-SentBody (Get-Sent -Method PUT)[0]
            $body.city | Should -Be 'Paris'
            $body.tags | Should -Be @('seed')
            (Get-Stored $id).email | Should -Be 'ada@example.com'
            (Get-Stored $id).city | Should -Be 'Paris'
        }
    }
}

Describe 'Remove-Contact' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'is ConfirmImpact High with -Force' {
        $info = Get-Command Remove-Contact
        $attribute = $info.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
        $attribute.SupportsShouldProcess | Should -BeTrue
        $info.Parameters.Keys | Should -Contain 'Force'
    }

    It 'deletes with -Confirm:$false (DELETE /contacts/{id})' {
        $ids = @(New-SeedContact -Count 2)
        Remove-Contact -Id $ids[0] -Confirm:$false
        (Get-Sent | ForEach-Object { "$($_.method) $($_.path) $($_.status)" }) | Should -Be "DELETE /contacts/$($ids[0]) 200"
        @(Get-EmulatorContact -Emulator $emu).id | Should -Be $ids[1]
    }

    It 'deletes piped contacts with -Force' {
        $ids = @(New-SeedContact -Count 3 -Tags 'test')
        $keep = New-SeedContact -Count 1 -Start 4 -Tags 'prod'
        Get-Contact -Tag test | Remove-Contact -Force
        # Several deletes are in flight at once, so they may reach the server in any order.
        @((Get-Sent -Method DELETE).path | Sort-Object) | Should -Be @($ids | ForEach-Object { "/contacts/$_" } | Sort-Object)
        @(Get-EmulatorContact -Emulator $emu).id | Should -Be $keep
    }

    It 'asks before deleting: with no way to ask it deletes nothing; -Force does not ask' {
        $ids = @(New-SeedContact -Count 2)
        # A runspace without an interactive host: a confirmation prompt fails there instead of waiting for input.
        $remove = {
            param($ModulePath, $Emu, $Id, [bool] $Force)
            Import-Module $ModulePath
            Connect-ContactsApi -Token (ConvertTo-SecureString $Emu.Token -AsPlainText -Force) -LocationId $Emu.LocationId -BaseUri $Emu.BaseUri
            Remove-Contact -Id $Id -Force:$Force
        }
        $module = "$repo/out/ContactsModule/ContactsModule.psd1"
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript($remove).AddParameters(@{ ModulePath = $module; Emu = $emu; Id = $ids[0]; Force = $false }).Invoke()
            $ps.Streams.Error.Count | Should -Be 1
            "$($ps.Streams.Error[0])" | Should -BeLike '*prompts the user*'
        }
        finally { $ps.Dispose() }
        Get-Sent -Method DELETE | Should -BeNullOrEmpty

        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript($remove).AddParameters(@{ ModulePath = $module; Emu = $emu; Id = $ids[0]; Force = $true }).Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
        }
        finally { $ps.Dispose() }
        (Get-Sent -Method DELETE).path | Should -Be "/contacts/$($ids[0])"
        @(Get-EmulatorContact -Emulator $emu).id | Should -Be $ids[1]
    }

    It '-WhatIf sends nothing, even with -Force' {
        $ids = @(New-SeedContact -Count 2)
        $run = Invoke-WithCapturedHost { $ids | Remove-Contact -WhatIf; $ids | Remove-Contact -WhatIf -Force } -Variable @{ ids = $ids }
        $run.Errors | Should -BeNullOrEmpty
        ([regex]::Matches($run.HostText, 'What if: Performing the operation "DELETE /contacts/')).Count | Should -Be 4
        Get-Sent | Should -BeNullOrEmpty
        @(Get-EmulatorContact -Emulator $emu).Count | Should -Be 2
    }

    It 'writes one ContactNotFound error for a missing id and deletes the rest' {
        $ids = @(New-SeedContact -Count 2)
        $ids[0], $missingId, $ids[1] | Remove-Contact -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'ContactNotFound,ContactsModule.Cmdlets.RemoveContactCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be $missingId
        $errs[0].ErrorDetails.Message | Should -BeLike "Row 2 (contact $missingId): the contact does not exist*"
        (Get-Sent -Method DELETE).Count | Should -Be 3
        Get-EmulatorContact -Emulator $emu | Should -BeNullOrEmpty
    }

    It 'deleting twice: the second time is ContactNotFound' {
        $id = New-SeedContact -Count 1
        Remove-Contact -Id $id -Force
        Remove-Contact -Id $id -Force -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ContactNotFound,*'
    }
}

Describe 'Add-ContactTag and Remove-ContactTag' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'one id on the command line uses POST / DELETE /contacts/{id}/tags' {
        $id = New-SeedContact -Count 1 -Tags 'seed'
        Add-ContactTag -Id $id -Tag customer, vip
        Remove-ContactTag -Id $id -Tag seed
        ($sent = Get-Sent) | Out-Null
        ($sent | ForEach-Object { "$($_.method) $($_.path)" }) | Should -Be @("POST /contacts/$id/tags", "DELETE /contacts/$id/tags")
        $sent[0].body | Should -Be '{"tags":["customer","vip"]}'
        (Get-Stored $id).tags | Should -Be @('customer', 'vip')
    }

    It 'groups piped contacts into bulk calls: <N> contacts, batch <Batch> -> <Calls> calls' -ForEach @(
        @{ N = 1; Batch = 100; Calls = 1 }
        @{ N = 7; Batch = 3; Calls = 3 }
        @{ N = 205; Batch = 100; Calls = 3 }
    ) {
        $ids = @(New-SeedContact -Count $N -Tags 'seed')
        $params = @{ Tag = 'customer' }
        if ($Batch -ne 100) { $params.BatchSize = $Batch }
        $ids | Add-ContactTag @params -ErrorVariable errs
        $errs | Should -BeNullOrEmpty
        $sent = Get-Sent
        $sent.Count | Should -Be $Calls
        $sent | ForEach-Object { "$($_.method) $($_.path)" } | Sort-Object -Unique | Should -Be 'POST /contacts/bulk/tags/update/add'
        $bodies = $sent | ForEach-Object { ConvertFrom-SentBody $_ }
        ($bodies | ForEach-Object { $_.contacts }) | Should -Be $ids
        $bodies | ForEach-Object { $_.contacts.Count | Should -BeLessOrEqual $Batch; $_.locationId | Should -Be $emu.LocationId; $_.tags | Should -Be 'customer' }
        Get-EmulatorContact -Emulator $emu | ForEach-Object { $_.tags | Should -Be @('seed', 'customer') }
    }

    It 'Get-Contact -Query | Add-ContactTag tags what the search found, in one call' {
        $null = New-SeedContact -Count 3
        $acme = @(New-SeedContact -Count 2 -Start 4 -Prefix 'acme' -Fields @{ companyName = 'Acme Inc' })
        Get-Contact -Query acme | Add-ContactTag customer
        $bulk = Get-Sent -PathLike '/contacts/bulk/*'
        $bulk.Count | Should -Be 1
        (ConvertFrom-SentBody $bulk[0]).contacts | Should -Be $acme
        @(Get-Contact -Tag customer).Id | Should -Be $acme
    }

    It 'does not take -Tag from a piped contact''s Tags' {
        (Get-Command Add-ContactTag).Parameters['Tag'].Attributes |
            Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] } |
            ForEach-Object { $_.ValueFromPipelineByPropertyName | Should -BeFalse; $_.ValueFromPipeline | Should -BeFalse }
        $null = New-SeedContact -Count 2 -Tags 'old', 'other'
        Get-Contact | Add-ContactTag new
        (ConvertFrom-SentBody (Get-Sent -PathLike '/contacts/bulk/*')[0]).tags | Should -Be 'new'
    }

    It 'Remove-ContactTag removes only the tags named, in bulk' {
        $ids = @(New-SeedContact -Count 4 -Tags 'trial', 'keep')
        Get-Contact -Tag trial | Remove-ContactTag -Tag trial
        $sent = Get-Sent -PathLike '/contacts/bulk/*'
        $sent.Count | Should -Be 1
        $sent[0].path | Should -Be '/contacts/bulk/tags/update/remove'
        (ConvertFrom-SentBody $sent[0]).contacts | Should -Be $ids
        Get-EmulatorContact -Emulator $emu | ForEach-Object { $_.tags | Should -Be @('keep') }
    }

    It 'a contact the bulk answer reports as failed is one error for its row; the others are tagged' {
        $ids = @(New-SeedContact -Count 3)
        $rows = @(
            [pscustomobject]@{ Id = $ids[0] }
            [pscustomobject]@{ Id = $missingId }
            [pscustomobject]@{ Id = $ids[1] }
            [pscustomobject]@{ ContactId = 'bad-id' }
            [pscustomobject]@{ Id = $ids[2] }
        )
        $rows | Add-ContactTag -Tag customer -ErrorVariable errs -ErrorAction SilentlyContinue
        (Get-Sent).Count | Should -Be 1
        $errs.Count | Should -Be 2
        $errs[0].FullyQualifiedErrorId | Should -Be 'ContactNotFound,ContactsModule.Cmdlets.AddContactTagCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be $missingId
        $errs[0].ErrorDetails.Message | Should -BeLike "Row 2 (contact $missingId): adding the tags failed*contact not found*"
        $errs[1].TargetObject | Should -Be 'bad-id'
        $errs[1].ErrorDetails.Message | Should -BeLike 'Row 4 *'
        Get-EmulatorContact -Emulator $emu | ForEach-Object { $_.tags | Should -Contain 'customer' }
    }

    It 'a missing id on the command line is ContactNotFound' {
        Add-ContactTag -Id $missingId -Tag x -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ContactNotFound,*'
        $errs[0].TargetObject | Should -Be $missingId
    }

    It '-PassThru writes the updated contacts' {
        $ids = @(New-SeedContact -Count 3 -Tags 'seed')
        $out = $ids | Add-ContactTag -Tag customer -PassThru
        $out.Id | Should -Be $ids
        $out | ForEach-Object { $_.Tags | Should -Be @('seed', 'customer'); $_.Outcome | Should -Be 'Updated' }
        $single = Remove-ContactTag -Id $ids[0] -Tag seed -PassThru
        $single.Tags | Should -Be @('customer')
    }

    It '-WhatIf sends nothing' {
        $ids = @(New-SeedContact -Count 3)
        $run = Invoke-WithCapturedHost { $ids | Add-ContactTag -Tag x -WhatIf; Remove-ContactTag -Id $ids[0] -Tag seed -WhatIf } -Variable @{ ids = $ids }
        $run.Errors | Should -BeNullOrEmpty
        ([regex]::Matches($run.HostText, 'What if: Performing the operation "POST /contacts/bulk/tags/update/add ')).Count | Should -Be 3
        $run.HostText | Should -Match ([regex]::Escape("What if: Performing the operation ""DELETE /contacts/$($ids[0])/tags"))
        Get-Sent | Should -BeNullOrEmpty
    }

    It 'the same contact piped twice is sent once' {
        $id = New-SeedContact -Count 1
        $id, $id | Add-ContactTag -Tag x
        (ConvertFrom-SentBody (Get-Sent)[0]).contacts | Should -Be $id
    }
}
