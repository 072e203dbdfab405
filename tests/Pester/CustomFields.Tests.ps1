# End-to-end tests of the location's contact custom fields against the emulator: Get-ContactCustomField reads the
# schema as typed objects, keeps it per connection (one request) and re-reads it with -Refresh.

BeforeAll {
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$repo/tests/Pester/EmulatorHarness.psm1" -Force
    Import-Module "$repo/out/ContactsModule/ContactsModule.psd1" -Force
    $script:emu = Start-ContactsEmulator
    $script:token = ConvertTo-SecureString $emu.Token -AsPlainText -Force
    $script:loc = $emu.LocationId
    $script:allTypes = Get-Content "$PSScriptRoot/Data/custom-fields-all-types.json" -Raw | ConvertFrom-Json -AsHashtable

    function Connect-Fresh {
        Connect-ContactsApi -Token $script:token -LocationId $script:loc -BaseUri $script:emu.BaseUri -RetryDelay 0.05 -PassThru
    }
    function Get-SchemaRequests {
        @(Get-EmulatorRequest -Emulator $script:emu | Where-Object { $_.path -like '/locations/*/customFields*' })
    }
}

AfterAll { Stop-ContactsEmulator -Emulator $emu }

Describe 'Get-ContactCustomField' {
    BeforeEach {
        Reset-ContactsEmulator -Emulator $emu
        $script:schema = @(Set-EmulatorCustomField -Emulator $emu -LocationId $loc -Field $allTypes)
        $script:conn = Connect-Fresh
    }

    It 'lists the contact fields of every data type as typed objects, in position order' {
        $fields = @(Get-ContactCustomField)
        $fields | Should -HaveCount 13
        $fields[0] | Should -BeOfType ([ContactsModule.Models.ContactCustomField])
        $fields.Key | Should -Not -Contain 'opportunity.deal_stage'
        ($fields.DataType | Sort-Object -Unique) | Should -Be (@('TEXT', 'LARGE_TEXT', 'NUMERICAL', 'PHONE', 'MONETORY', 'CHECKBOX', 'SINGLE_OPTIONS', 'MULTIPLE_OPTIONS', 'DATE', 'TEXTBOX_LIST', 'FILE_UPLOAD', 'RADIO') | Sort-Object)
        $positions = @($fields.Position)
        $positions | Should -Be @($positions | Sort-Object)
        $level = $fields | Where-Object Key -EQ 'contact.membership_level'
        $level.Id | Should -Be ($schema | Where-Object fieldKey -EQ 'contact.membership_level').id
        $level.Name | Should -Be 'Membership Level'
        $level.ShortKey | Should -Be 'membership_level'
        $level.Options | Should -Be @('Gold', 'Silver', 'Bronze')
        $level.AllowCustomOption | Should -BeFalse
        $level.LocationId | Should -Be $loc
        ($fields | Where-Object Key -EQ 'contact.referral_source').AllowCustomOption | Should -BeTrue
        ($fields | Where-Object Key -EQ 'contact.nickname').Placeholder | Should -Be 'What friends call them'
        $requests = Get-SchemaRequests
        $requests | Should -HaveCount 1
        $requests[0].query | Should -Match 'model=contact'
    }

    It 'filters by name wildcard, by key with or without contact., and by id' {
        @(Get-ContactCustomField -Name 'm*').Name | Should -Be @('Membership Level')
        @(Get-ContactCustomField -Name '*PHONE*').Key | Should -Be @('contact.backup_phone')
        (Get-ContactCustomField -Key membership_level).Name | Should -Be 'Membership Level'
        (Get-ContactCustomField -Key CONTACT.Membership_Level).Name | Should -Be 'Membership Level'
        $id = ($schema | Where-Object fieldKey -EQ 'contact.languages').id
        (Get-ContactCustomField -Id $id).Key | Should -Be 'contact.languages'
        @(Get-ContactCustomField -Name 'zz*') | Should -HaveCount 0
    }

    It 'reads the schema once per connection and again with -Refresh' {
        $null = Get-ContactCustomField
        $null = Get-ContactCustomField -Key nickname
        Get-SchemaRequests | Should -HaveCount 1
        $null = Set-EmulatorCustomField -Emulator $emu -LocationId $loc -Field @(@{ name = 'Only One'; fieldKey = 'contact.only_one'; dataType = 'TEXT' })
        @(Get-ContactCustomField) | Should -HaveCount 13
        @(Get-ContactCustomField -Refresh).Key | Should -Be @('contact.only_one')
        Get-SchemaRequests | Should -HaveCount 2
        # Another connection reads its own.
        $null = Get-ContactCustomField -Connection (Connect-Fresh)
        Get-SchemaRequests | Should -HaveCount 3
    }

    It 'writes ContactCustomFieldNotFound for a key, id or exact name that names no field' {
        $out = Get-ContactCustomField -Key no_such_field -ErrorVariable e -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $e | Should -HaveCount 1
        $e[0].FullyQualifiedErrorId | Should -BeLike 'ContactCustomFieldNotFound,*'
        $e[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e[0].ToString() | Should -Match "no_such_field"
        $null = Get-ContactCustomField -Id 'nope' -ErrorVariable e2 -ErrorAction SilentlyContinue
        $e2[0].FullyQualifiedErrorId | Should -BeLike 'ContactCustomFieldNotFound,*'
        $null = Get-ContactCustomField -Name 'Membership' -ErrorVariable e3 -ErrorAction SilentlyContinue
        $e3[0].FullyQualifiedErrorId | Should -BeLike 'ContactCustomFieldNotFound,*'
    }

    It 'shows Name, Key, DataType and Options in its default table view' {
        $text = Get-ContactCustomField -Key membership_level | Out-String -Width 200
        $text | Should -Match 'Name\s+Key\s+DataType\s+Options'
        $text | Should -Match 'Membership Level\s+contact\.membership_level\s+SINGLE_OPTIONS\s+Gold, Silver, Bronze'
    }

    It 'stops with the API error when the location cannot be read' {
        { Get-ContactCustomField -LocationId 'someOtherLocation0001' -ErrorAction Stop } | Should -Throw -ErrorId 'ContactsApiForbidden,*'
    }
}

Describe 'New-Contact and Set-Contact map custom fields by name, key or id' {
    BeforeAll {
        function Get-ContactWrites { @(Get-EmulatorRequest -Emulator $script:emu | Where-Object { $_.method -in 'POST', 'PUT' -and $_.path -like '/contacts*' }) }
        function Get-SentFields($request) { $body = $request.body | ConvertFrom-Json; if ($body.PSObject.Properties['customFields']) { @($body.customFields) } else { @() } }
    }
    BeforeEach {
        Reset-ContactsEmulator -Emulator $emu
        $script:schema = @(Set-EmulatorCustomField -Emulator $emu -LocationId $loc -Field $allTypes)
        $script:idOf = @{}
        foreach ($f in $schema) { $idOf[$f.fieldKey] = $f.id }
        $null = Connect-Fresh
    }

    It 'maps display names, keys with and without contact., and ids (header normalisation included) and sends the schema''s keys' {
        $csv = "Email,Membership Level,nickname,CONTACT.PREFERRED_CHANNEL,$($idOf['contact.notes']),referral-source`n" +
               "ann@example.com,Gold,Annie,SMS,Long note,Friend"
        $contacts = @($csv | ConvertFrom-Csv | New-Contact -WarningVariable warned -WarningAction SilentlyContinue)
        $warned | Should -BeNullOrEmpty
        $contacts | Should -HaveCount 1
        $sent = Get-SentFields (Get-ContactWrites)[0]
        $byKey = @{}
        foreach ($f in $sent) { $byKey[[string]($f.key ?? $f.id)] = $f.field_value }
        $byKey['contact.membership_level'] | Should -Be 'Gold'
        $byKey['contact.nickname'] | Should -Be 'Annie'
        $byKey['contact.preferred_channel'] | Should -Be 'SMS'
        $byKey['contact.notes'] | Should -Be 'Long note'
        $byKey['contact.referral_source'] | Should -Be 'Friend'
        $sent | Should -HaveCount 5
        $stored = @{}
        foreach ($f in (Get-Contact -Id $contacts[0].Id).CustomFields) { $stored[$f.Id] = $f.Value }
        $stored[$idOf['contact.membership_level']] | Should -Be 'Gold'
        $stored[$idOf['contact.notes']] | Should -Be 'Long note'
    }

    It 'Set-Contact maps them the same way' {
        $id = (New-Contact -Email 'bo@example.com').Id
        [pscustomobject]@{ Id = $id; 'Membership Level' = 'Silver'; Nickname = 'Bo' } | Set-Contact -WarningVariable warned -WarningAction SilentlyContinue
        $warned | Should -BeNullOrEmpty
        $put = @(Get-ContactWrites | Where-Object method -EQ 'PUT')
        $put | Should -HaveCount 1
        $keys = @(Get-SentFields $put[0]).key | Sort-Object
        $keys | Should -Be @('contact.membership_level', 'contact.nickname')
    }

    It 'reads no schema when the standard fields take every column' {
        "FirstName,Email,Phone,Tags`nAnn,ann@example.com,+14155550100,vip" | ConvertFrom-Csv | New-Contact | Out-Null
        Get-SchemaRequests | Should -HaveCount 0
        $id = (Get-Contact -Email ann@example.com).Id
        [pscustomobject]@{ Id = $id; LastName = 'Lee' } | Set-Contact | Out-Null
        Get-SchemaRequests | Should -HaveCount 0
    }

    It 'reads the schema once for a 500-row import' {
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ burstLimit = 100000 }
        $rows = 1..500 | ForEach-Object { [pscustomobject]@{ Email = "row$_@example.com"; 'Membership Level' = 'Bronze' } }
        $out = @($rows | New-Contact -ThrottleLimit 8)
        $out | Should -HaveCount 500
        Get-SchemaRequests | Should -HaveCount 1
        @(Get-ContactWrites | Where-Object { (Get-SentFields $_).key -contains 'contact.membership_level' }) | Should -HaveCount 500
    }

    It 'lets standard fields win a clash, and says so once' {
        $null = Set-EmulatorCustomField -Emulator $emu -LocationId $loc -Field @(
            @{ name = 'Company Name'; fieldKey = 'contact.company_name_cf'; dataType = 'TEXT' },
            @{ name = 'Nickname'; fieldKey = 'contact.nickname'; dataType = 'TEXT' })
        $rows = @([pscustomobject]@{ Email = 'c1@example.com'; 'Company Name' = 'Acme'; Nickname = 'C1' },
                  [pscustomobject]@{ Email = 'c2@example.com'; 'Company Name' = 'Beta'; Nickname = 'C2' })
        $null = $rows | New-Contact -WarningVariable warned -WarningAction SilentlyContinue
        $clash = @($warned | Where-Object { "$_" -like "*'Company Name'*standard field*" })
        $clash | Should -HaveCount 1
        "$($clash[0])" | Should -Match 'contact\.company_name_cf'
        $first = (Get-ContactWrites)[0].body | ConvertFrom-Json
        $first.companyName | Should -Be 'Acme'
        @($first.customFields).key | Should -Be @('contact.nickname')
    }

    It 'names the columns that matched nothing and suggests the closest field names' {
        $null = [pscustomobject]@{ Email = 'd@example.com'; 'Membership Levl' = 'Gold'; Zebra = 'x' } | New-Contact -WarningVariable warned -WarningAction SilentlyContinue
        $warned | Should -HaveCount 1
        "$($warned[0])" | Should -BeLike 'Columns not used: Membership Levl, Zebra. Map them with -CustomFieldColumn, or ignore them with -IgnoreColumn.*'
        "$($warned[0])" | Should -Match "'Membership Levl' matches no custom field; did you mean 'Membership Level'\?"
        "$($warned[0])" | Should -Not -Match "'Zebra' matches"
        (Get-SentFields (Get-ContactWrites)[0]) | Should -HaveCount 0
    }

    It 'keeps customField.KEY columns and -CustomFieldColumn working' {
        $row = [pscustomobject]@{ Email = 'e@example.com'; 'customField.contact.nickname' = 'Ed'; Level = 'Gold' }
        $null = $row | New-Contact -CustomFieldColumn @{ Level = 'contact.membership_level' } -WarningVariable warned -WarningAction SilentlyContinue
        $warned | Should -BeNullOrEmpty
        @(Get-SentFields (Get-ContactWrites)[0]).key | Sort-Object | Should -Be @('contact.membership_level', 'contact.nickname')
        # Values given by key are checked by the location's field types too: the schema is read once for them.
        Get-SchemaRequests | Should -HaveCount 1
    }

    It 'checks customField.KEY and -CustomFields values by type and sends the key as the location spells it' {
        $null = [pscustomobject]@{ Email = 'g@example.com'; 'customField.membership_level' = 'gold'; 'customField.shoe_size' = '1,234.5' } | New-Contact
        $sent = @(Get-SentFields (Get-ContactWrites)[0])
        ($sent | Where-Object key -EQ 'contact.membership_level').field_value | Should -BeExactly 'Gold'
        ($sent | Where-Object key -EQ 'contact.shoe_size').field_value | Should -Be 1234.5
        $null = New-Contact -Email 'h@example.com' -CustomFields @{ membership_level = 'Platinum' } -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ContactValidationFailed,*'
        "$($failed[0])" | Should -Match 'Platinum'
        @(Get-ContactWrites) | Should -HaveCount 1
    }

    It 'warns and maps by standard fields only when the schema cannot be read' {
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ errorRate = 1.0; faultPaths = @("/locations/$loc/customFields") }
        $null = [pscustomobject]@{ Email = 'f@example.com'; 'Membership Level' = 'Gold' } | New-Contact -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable failed -ErrorAction SilentlyContinue
        @($warned | Where-Object { "$_" -like 'Could not read the custom fields of location*' }) | Should -HaveCount 1
        @($warned | Where-Object { "$_" -like 'Columns not used: Membership Level.*' }) | Should -HaveCount 1
    }
    It 'stops with ContactsApiUnauthorized when the token is refused at the schema read, with no warning and no create' {
        $wrong = ConvertTo-SecureString 'not-the-emulator-token' -AsPlainText -Force
        Connect-ContactsApi -Token $wrong -LocationId $loc -BaseUri $emu.BaseUri -RetryDelay 0.05
        $rows = 1..3 | ForEach-Object { [pscustomobject]@{ Email = "u$_@example.com"; 'customField.nickname' = "U$_" } }
        $stop = $null
        try { $null = $rows | New-Contact -WarningVariable warned -WarningAction SilentlyContinue -ErrorAction SilentlyContinue } catch { $stop = $_ }
        $stop.FullyQualifiedErrorId | Should -BeLike 'ContactsApiUnauthorized,*'
        "$stop" | Should -Match 'customFields\?model=contact answered 401'
        $warned | Should -BeNullOrEmpty
        @(Get-EmulatorRequest -Emulator $emu).path | Should -Be @("/locations/$loc/customFields")
    }
}

Describe '-WhatIf and custom fields by name' {
    BeforeEach {
        Reset-ContactsEmulator -Emulator $emu
        $null = Set-EmulatorCustomField -Emulator $emu -LocationId $loc -Field $allTypes
        $null = Connect-Fresh
    }

    It 'sends no request: it maps names only with fields the connection has already read' {
        $row = [pscustomobject]@{ Email = 'w@example.com'; 'Membership Level' = 'Gold' }
        $run = Invoke-WithCapturedHost {
            Connect-ContactsApi -Token (ConvertTo-SecureString $emu.Token -AsPlainText -Force) -LocationId $emu.LocationId -BaseUri $emu.BaseUri
            $row | New-Contact -WhatIf
            $null = Get-ContactCustomField
            $row | New-Contact -WhatIf
        } -Variable @{ emu = $emu; row = $row }
        @($run.Warning | ForEach-Object { "$_" }) | Should -Be @('Columns not used: Membership Level. Map them with -CustomFieldColumn, or ignore them with -IgnoreColumn.')
        $whatIf = @($run.HostText -split "`n" | Where-Object { $_ -match '^What if: ' })
        $whatIf | Should -HaveCount 2
        $whatIf[0] | Should -Not -Match 'membership_level'
        $whatIf[1] | Should -Match '"key":"contact.membership_level","field_value":"Gold"'
        @(Get-EmulatorRequest -Emulator $emu | Where-Object { $_.path -notlike '/locations/*/customFields*' }) | Should -HaveCount 0
        Get-SchemaRequests | Should -HaveCount 1
    }
}

Describe 'Custom field values are converted and checked by dataType' {
    BeforeAll {
        function Get-ContactWrites { @(Get-EmulatorRequest -Emulator $script:emu | Where-Object { $_.method -in 'POST', 'PUT' -and $_.path -like '/contacts*' }) }
        function Get-SentValue($request, $key) { (@(($request.body | ConvertFrom-Json).customFields) | Where-Object key -EQ $key).field_value }
    }
    BeforeEach {
        Reset-ContactsEmulator -Emulator $emu
        $null = Set-EmulatorCustomField -Emulator $emu -LocationId $loc -Field $allTypes
        $null = Connect-Fresh
    }

    It 'sends numbers, dates, options as the schema spells them, lists and phones, and the location stores them' {
        $csv = "Email,Country,Shoe Size,Annual Budget,Renewal Date,Membership Level,Interests,Languages,Backup Phone,Preferred Channel`n" +
               "us@example.com,US,1e1,`"`$1,234.50`",03/01/2024,gold,golf; CHESS,`"[`"`"french`"`",`"`"English`"`"]`",(415) 555-0100,sms`n" +
               "de@example.com,DE,42,`"1.234,50`",01.03.2024,SILVER,hiking|golf,german,030 1234567,Email"
        $out = @($csv | ConvertFrom-Csv | New-Contact -WarningAction SilentlyContinue)
        $out | Should -HaveCount 2
        $us, $de = Get-ContactWrites
        Get-SentValue $us 'contact.shoe_size' | Should -Be 10
        Get-SentValue $us 'contact.annual_budget' | Should -Be 1234.5
        Get-SentValue $us 'contact.renewal_date' | Should -Be '2024-03-01'
        Get-SentValue $us 'contact.membership_level' | Should -BeExactly 'Gold'
        Get-SentValue $us 'contact.interests' | Should -Be @('Golf', 'Chess')
        Get-SentValue $us 'contact.languages' | Should -Be @('French', 'English')
        Get-SentValue $us 'contact.backup_phone' | Should -Be '+14155550100'
        Get-SentValue $us 'contact.preferred_channel' | Should -BeExactly 'SMS'
        Get-SentValue $de 'contact.annual_budget' | Should -Be 1234.5
        Get-SentValue $de 'contact.renewal_date' | Should -Be '2024-03-01'
        Get-SentValue $de 'contact.interests' | Should -Be @('Hiking', 'Golf')
        Get-SentValue $de 'contact.backup_phone' | Should -Be '+49301234567'
        ($us.body | ConvertFrom-Json).customFields | Where-Object key -EQ 'contact.annual_budget' | ForEach-Object { $_.field_value } | Should -BeOfType ([double])
    }

    It 'takes a PowerShell array for a multiple-options field' {
        $null = [pscustomobject]@{ Email = 'arr@example.com'; Interests = @('hiking', 'golf') } | New-Contact
        Get-SentValue (Get-ContactWrites)[0] 'contact.interests' | Should -Be @('Hiking', 'Golf')
    }

    It 'refuses, as row errors naming field, value and what is allowed: an unknown option, a bad number, a file upload, a field the location lacks' {
        $rows = @(
            [pscustomobject]@{ Email = 'r1@example.com'; 'Membership Level' = 'Platinum' },
            [pscustomobject]@{ Email = 'r2@example.com'; 'Shoe Size' = 'big' },
            [pscustomobject]@{ Email = 'r3@example.com'; Contract = 'contract.pdf' },
            [pscustomobject]@{ Email = 'r4@example.com'; 'customField.no_such_field' = 'x' },
            [pscustomobject]@{ Email = 'r5@example.com'; 'Referral Source' = 'Podcast'; Nickname = 'ok' })
        $out = @($rows | New-Contact -ErrorVariable failed -ErrorAction SilentlyContinue)
        $out | Should -HaveCount 1
        $out[0].Email | Should -Be 'r5@example.com'
        $failed | Should -HaveCount 4
        foreach ($e in $failed) {
            $e.FullyQualifiedErrorId | Should -BeLike 'ContactValidationFailed,*'
            $e.CategoryInfo.Category | Should -Be 'InvalidData'
        }
        $failed[0].TargetObject.Email | Should -Be 'r1@example.com'
        "$($failed[0])" | Should -Match "Membership Level"
        "$($failed[0])" | Should -Match "Platinum"
        "$($failed[0])" | Should -Match "Gold, Silver, Bronze"
        "$($failed[1])" | Should -Match "Shoe Size.*big.*not a number"
        "$($failed[2])" | Should -Match "FILE_UPLOAD"
        "$($failed[3])" | Should -Match "no_such_field.*does not have"
        $writes = Get-ContactWrites
        $writes | Should -HaveCount 1
        Get-SentValue $writes[0] 'contact.referral_source' | Should -Be 'Podcast'
    }
}

Describe 'Output contacts carry custom field keys, names and typed values' {
    BeforeAll {
        function New-MemberContact([string] $Email) {
            $row = [pscustomobject]@{ Email = $Email; 'Membership Level' = 'gold'; 'Shoe Size' = '42.5'; 'Annual Budget' = '$1,234.50'
                                      Interests = 'golf; Chess'; 'Renewal Date' = '2027-03-15'; Nickname = 'Annie'; Languages = 'French' }
            $row | New-Contact
        }
    }
    BeforeEach {
        Reset-ContactsEmulator -Emulator $emu
        $script:schema = @(Set-EmulatorCustomField -Emulator $emu -LocationId $loc -Field $allTypes)
        $script:idOf = @{}
        foreach ($f in $schema) { $idOf[$f.fieldKey] = $f.id }
    }

    It 'Get-Contact reads the schema once per run and gives each value its Key, Name and a typed Value' {
        $null = Connect-Fresh
        $ids = @((New-MemberContact 'a1@example.com').Id, (New-MemberContact 'a2@example.com').Id)
        $null = Connect-Fresh
        $before = (Get-SchemaRequests).Count
        $got = @($ids | Get-Contact)
        $got | Should -HaveCount 2
        ((Get-SchemaRequests).Count - $before) | Should -Be 1
        $c = $got[0]
        $level = $c.CustomFields | Where-Object Id -EQ $idOf['contact.membership_level']
        $level.Key | Should -Be 'contact.membership_level'
        $level.Name | Should -Be 'Membership Level'
        $level.Value | Should -BeExactly 'Gold'
        foreach ($name in 'membership_level', 'contact.membership_level', 'Membership Level', 'MEMBERSHIP LEVEL', $idOf['contact.membership_level']) {
            $c.CustomFields[$name] | Should -BeExactly 'Gold' -Because "CustomFields['$name']"
        }
        $c.CustomFields['shoe_size'] | Should -BeOfType ([decimal])
        $c.CustomFields['shoe_size'] | Should -Be 42.5
        $c.CustomFields['Annual Budget'] | Should -BeOfType ([decimal])
        $c.CustomFields['Annual Budget'] | Should -Be 1234.5
        ,$c.CustomFields['interests'] | Should -BeOfType ([string[]])
        $c.CustomFields['interests'] | Should -Be @('Golf', 'Chess')
        ,$c.CustomFields['languages'] | Should -BeOfType ([string[]])
        $c.CustomFields['languages'] | Should -Be @('French')
        $c.CustomFields['Renewal Date'] | Should -BeOfType ([datetime])
        $c.CustomFields['Renewal Date'] | Should -Be ([datetime]'2027-03-15')
        $c.CustomFields['nickname'] | Should -BeExactly 'Annie'
        $c.CustomFields['no_such_field'] | Should -BeNullOrEmpty
        # A search run reads it once too (fresh connection, one more request).
        $null = Connect-Fresh
        $before = (Get-SchemaRequests).Count
        $found = @(Get-Contact -Query 'example.com')
        $found | Should -HaveCount 2
        ((Get-SchemaRequests).Count - $before) | Should -Be 1
        $found[1].CustomFields['Membership Level'] | Should -BeExactly 'Gold'
    }

    It 'shows names, not ids, in the default view; ToString keeps ids for Export-Csv' {
        $null = Connect-Fresh
        $id = (New-MemberContact 'v@example.com').Id
        $c = Get-Contact -Id $id
        $text = $c | Format-List | Out-String -Width 400
        $text | Should -Match 'CustomFields\s*:.*Membership Level=Gold'
        $text | Should -Match 'Renewal Date=2027-03-15'
        $text | Should -Not -Match ([regex]::Escape($idOf['contact.membership_level']))
        $c.CustomFields.ToString() | Should -Match ([regex]::Escape('"' + $idOf['contact.membership_level'] + '":"Gold"'))
        $c.CustomFields.ToString() | Should -Match ([regex]::Escape('"' + $idOf['contact.renewal_date'] + '":"2027-03-15"'))
        ($c.CustomFields | Out-String -Width 400) | Should -Match 'Membership Level'
    }

    It 'New-Contact and Set-Contact outputs carry names from the schema the run already read, with no extra request' {
        $null = Connect-Fresh
        $created = New-MemberContact 'n@example.com'
        $created.CustomFields['Membership Level'] | Should -BeExactly 'Gold'
        $created.CustomFields['shoe_size'] | Should -BeOfType ([decimal])
        Get-SchemaRequests | Should -HaveCount 1
        $updated = [pscustomobject]@{ Id = $created.Id; 'Membership Level' = 'Silver' } | Set-Contact -PassThru
        $updated.CustomFields['membership_level'] | Should -BeExactly 'Silver'
        $updated.CustomFields['Renewal Date'] | Should -BeOfType ([datetime])
        Get-SchemaRequests | Should -HaveCount 1
        # customField.KEY values are checked by type, so that import reads the schema (once) and its output is named too.
        $null = Connect-Fresh
        $plain = [pscustomobject]@{ Email = 'k@example.com'; 'customField.contact.nickname' = 'Kay' } | New-Contact
        Get-SchemaRequests | Should -HaveCount 2
        $plain.CustomFields[$idOf['contact.nickname']] | Should -BeExactly 'Kay'
        $plain.CustomFields[0].Name | Should -BeExactly 'Nickname'
    }

    It 'reads no schema when no output contact has custom field values' {
        $null = Connect-Fresh
        $id = (New-Contact -Email 'plain@example.com').Id
        $null = Connect-Fresh
        $c = Get-Contact -Id $id
        $c.CustomFields | Should -HaveCount 0
        $null = Get-Contact -Query 'plain'
        $null = Set-Contact -Id $id -City Paris
        Get-SchemaRequests | Should -HaveCount 0
    }

    It 'writes one warning and keeps the ids when the schema cannot be read' {
        $null = Connect-Fresh
        $ids = @((New-MemberContact 'w1@example.com').Id, (New-MemberContact 'w2@example.com').Id)
        $null = Connect-Fresh
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ errorRate = 1.0; faultPaths = @("/locations/$loc/customFields") }
        $got = @($ids | Get-Contact -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable failed -ErrorAction SilentlyContinue)
        $failed | Should -BeNullOrEmpty
        $got | Should -HaveCount 2
        $warned | Should -HaveCount 1
        "$($warned[0])" | Should -BeLike "Custom field values are shown by id: could not read the custom fields of location $loc*"
        $got[0].CustomFields[$idOf['contact.membership_level']] | Should -BeExactly 'Gold'
        ($got[0].CustomFields | Where-Object Id -EQ $idOf['contact.membership_level']).Name | Should -BeNullOrEmpty
    }

    It 'keeps the Export-Csv | Import-Csv | Set-Contact round trip with typed values' {
        $null = Connect-Fresh
        $id = (New-MemberContact 'rt@example.com').Id
        $path = Join-Path $TestDrive 'roundtrip.csv'
        $null = Connect-Fresh
        Get-Contact -Id $id | Export-Csv -Path $path -NoTypeInformation
        $null = Set-Contact -Id $id -CustomFields @{ 'contact.membership_level' = 'Bronze'; 'contact.shoe_size' = 1; 'contact.renewal_date' = '2030-01-01' }
        $out = @(Import-Csv -Path $path | Set-Contact -PassThru -WarningAction SilentlyContinue)
        $out | Should -HaveCount 1
        $c = Get-Contact -Id $id
        $c.CustomFields['Membership Level'] | Should -BeExactly 'Gold'
        $c.CustomFields['shoe_size'] | Should -Be 42.5
        $c.CustomFields['renewal_date'] | Should -Be ([datetime]'2027-03-15')
        $c.CustomFields['interests'] | Should -Be @('Golf', 'Chess')
    }
}

Describe 'ConvertTo-ContactCsvRow exports a file that re-imports into another location' {
    BeforeEach {
        Reset-ContactsEmulator -Emulator $emu
        $script:other = $emu.OtherLocationId
        $script:schemaA = @(Set-EmulatorCustomField -Emulator $emu -LocationId $loc -Field $allTypes)
        # The other location has the same keys under other ids (and other names), in another order, but no nickname field.
        $n = 0
        $fieldsB = @($allTypes | Where-Object { $_['fieldKey'] -ne 'contact.nickname' } | ForEach-Object {
            $f = $_.Clone(); $f.Remove('id'); $f['name'] = 'B ' + $f['name']; $f['position'] = 100 - (++$n); $f })
        $script:schemaB = @(Set-EmulatorCustomField -Emulator $emu -LocationId $other -Field $fieldsB)
        $script:connA = Connect-Fresh
        $script:connB = Connect-ContactsApi -Token (ConvertTo-SecureString $emu.OtherToken -AsPlainText -Force) -LocationId $other -BaseUri $emu.BaseUri -RetryDelay 0.05 -PassThru
        $script:idA = @{}; foreach ($f in $schemaA) { $idA[$f.fieldKey] = $f.id }
        $script:idB = @{}; foreach ($f in $schemaB) { $idB[$f.fieldKey] = $f.id }
    }

    It 'writes flat rows with the standard columns, joined tags and one column per custom field key' {
        $row = [pscustomobject]@{ FirstName = 'Ann'; LastName = 'Lee'; Email = 'ann@example.com'; Phone = '+14155550100'; Tags = 'vip, golf'
                                  'Membership Level' = 'Gold'; 'Shoe Size' = '42.5'; Interests = 'Golf; Chess'; 'Renewal Date' = '2027-03-15'; Nickname = 'Annie' }
        $null = $row | New-Contact -Connection $connA
        $connA = Connect-Fresh
        $before = (Get-SchemaRequests).Count
        $rows = @(Get-Contact -Connection $connA | ConvertTo-ContactCsvRow -Connection $connA)
        ((Get-SchemaRequests).Count - $before) | Should -Be 1
        $rows | Should -HaveCount 1
        $names = @($rows[0].PSObject.Properties.Name)
        $names[0..3] | Should -Be @('FirstName', 'LastName', 'Email', 'Phone')
        $names | Should -Not -Contain 'Offers'
        $names | Should -Not -Contain 'Products'
        $names | Should -Not -Contain 'AdditionalProperties'
        $names | Should -Not -Contain 'Id'
        $names | Should -Not -Contain 'CustomFields'
        $names | Should -Not -Contain 'contact.contract'
        @($names | Where-Object { $_ -like 'contact.*' }) | Should -Be @($schemaA | Where-Object { $_.fieldKey -like 'contact.*' -and $_.dataType -ne 'FILE_UPLOAD' } | Sort-Object { [int]$_.position } | ForEach-Object fieldKey)
        $r = $rows[0]
        $r.Tags | Should -Be 'vip, golf'
        $r.'contact.membership_level' | Should -BeExactly 'Gold'
        $r.'contact.shoe_size' | Should -Be '42.5'
        $r.'contact.interests' | Should -Be 'Golf; Chess'
        $r.'contact.renewal_date' | Should -Be '2027-03-15'
        $r.'contact.notes' | Should -Be ''
        $text = ($rows | ConvertTo-Csv -NoTypeInformation) -join "`n"
        $text | Should -Not -Match 'System\.'
        $text | Should -Not -Match ([regex]::Escape($idA['contact.membership_level']))
    }

    It 'a file exported from one location stores the values under the other location''s own ids, and reports the field it lacks' {
        $row = [pscustomobject]@{ FirstName = 'Bo'; Email = 'bo@example.com'; Tags = 'vip'; 'Membership Level' = 'Silver'; 'Annual Budget' = '1,234.50'
                                  Languages = 'French; German'; 'Renewal Date' = '2027-03-15'; 'Preferred Channel' = 'SMS'; Nickname = 'Bobby' }
        $null = $row | New-Contact -Connection $connA
        $path = Join-Path $TestDrive 'export.csv'
        Get-Contact -Connection $connA | ConvertTo-ContactCsvRow -Connection $connA | Export-Csv -Path $path -NoTypeInformation
        $created = @(Import-Csv -Path $path | New-Contact -Connection $connB -WarningVariable warned -WarningAction SilentlyContinue -ErrorVariable failed -ErrorAction SilentlyContinue)
        $failed | Should -BeNullOrEmpty
        $created | Should -HaveCount 1
        $unused = @($warned | Where-Object { "$_" -like 'Columns not used:*' })
        $unused | Should -HaveCount 1
        "$($unused[0])" | Should -Match 'contact\.nickname'
        $stored = @(Get-EmulatorContact -Emulator $emu -LocationId $other)
        $stored | Should -HaveCount 1
        $stored[0].tags | Should -Be @('vip')
        $values = @{}
        foreach ($f in $stored[0].customFields) { $values[$f.id] = $f.value }
        $values.Keys | Should -Not -Contain $idA['contact.membership_level']
        $values[$idB['contact.membership_level']] | Should -BeExactly 'Silver'
        $values[$idB['contact.annual_budget']] | Should -Be 1234.5
        $values[$idB['contact.languages']] | Should -Be @('French', 'German')
        $values[$idB['contact.renewal_date']] | Should -Be '2027-03-15'
        $values[$idB['contact.preferred_channel']] | Should -BeExactly 'SMS'
        $values.Count | Should -Be 5
        foreach ($id in $idA.Values) { $values.Keys | Should -Not -Contain $id }
    }

    It 'warns once per value it cannot place when the custom fields cannot be read' {
        $null = [pscustomobject]@{ Email = 'c1@example.com'; 'Membership Level' = 'Gold' }, [pscustomobject]@{ Email = 'c2@example.com'; 'Membership Level' = 'Bronze' } | New-Contact -Connection $connA
        $connA = Connect-Fresh
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ errorRate = 1.0; faultPaths = @("/locations/$loc/customFields") }
        $rows = @(Get-Contact -Connection $connA -WarningAction SilentlyContinue | ConvertTo-ContactCsvRow -Connection $connA -WarningVariable warned -WarningAction SilentlyContinue)
        $rows | Should -HaveCount 2
        @($rows[0].PSObject.Properties.Name | Where-Object { $_ -like 'contact.*' }) | Should -HaveCount 0
        @($warned | Where-Object { "$_" -like 'Custom field values are shown by id*' }) | Should -HaveCount 1
        @($warned | Where-Object { "$_" -like "ConvertTo-ContactCsvRow left out the custom field id $($idA['contact.membership_level'])*" }) | Should -HaveCount 1
    }
}
