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
