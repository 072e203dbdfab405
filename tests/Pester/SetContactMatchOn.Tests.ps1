# End-to-end tests of Set-Contact -MatchOn Email / Phone against the local emulator: the look-up (one POST
# /contacts/search per row) and one PUT with only the given fields, read from the emulator's request log.
# Run: dotnet pwsh ./build.ps1 -Task Test -TestName SetContactMatchOn

BeforeAll {
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$repo/tests/Pester/EmulatorHarness.psm1" -Force
    Import-Module "$repo/out/ContactsModule/ContactsModule.psd1" -Force
    $script:emu = Start-ContactsEmulator -Config @{ burstLimit = 100000 }
    Connect-ContactsApi -Token (ConvertTo-SecureString $emu.Token -AsPlainText -Force) -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.01

    function script:Add-Seed {
        $null = Add-EmulatorContact -Emulator $emu -Contact @(
            @{ id = 'matchoncontact000001'; locationId = $emu.LocationId; firstName = 'Ann'; email = 'Ann.Lee@Example.com'; phone = '+15550100001'; city = 'Lyon' }
            @{ id = 'matchoncontact000002'; locationId = $emu.LocationId; firstName = 'Bob'; email = 'bob@example.com'; phone = '+442079460002'; city = 'Leeds' }
            @{ id = 'matchoncontact000003'; locationId = $emu.LocationId; firstName = 'Twin1'; email = 'twin@example.com' }
            @{ id = 'matchoncontact000004'; locationId = $emu.LocationId; firstName = 'Twin2'; email = 'twin@example.com' }
        )
    }
    function script:Get-Sent { @(Get-EmulatorRequest -Emulator $emu) }
}

AfterAll {
    Disconnect-ContactsApi
    Stop-ContactsEmulator -Emulator $emu
}

Describe 'Set-Contact -MatchOn' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu; Add-Seed }

    It 'updates the contact matched by email (ignoring case): one search, then one PUT with only the given fields' {
        [pscustomobject]@{ Email = 'ann.lee@EXAMPLE.com'; City = 'Paris' } | Set-Contact -MatchOn Email
        $sent = Get-Sent
        $sent.Count | Should -Be 2
        $sent[0].method | Should -Be 'POST'
        $sent[0].path | Should -Be '/contacts/search'
        ($sent[0].body | ConvertFrom-Json).filters[0].field | Should -Be 'email'
        $sent[1].method | Should -Be 'PUT'
        $sent[1].path | Should -Be '/contacts/matchoncontact000001'
        $sent[1].body | Should -Be '{"city":"Paris"}'
        (Get-EmulatorContact -Emulator $emu | Where-Object id -EQ 'matchoncontact000001').city | Should -Be 'Paris'
    }

    It 'an unmatched row is a ContactNotMatched row error naming row, column and value; the other rows are updated' {
        $rows = [pscustomobject]@{ Email = 'nobody@example.com'; City = 'X' }, [pscustomobject]@{ Email = 'bob@example.com'; City = 'York' }
        $rows | Set-Contact -MatchOn Email -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ContactNotMatched,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject.Email | Should -Be 'nobody@example.com'
        $errs[0].ErrorDetails.Message | Should -Match "^Row 1.*'nobody@example.com'.*column Email"
        $errs[0].ErrorDetails.RecommendedAction | Should -Match 'New-Contact or Sync-Contact'
        @(Get-Sent | Where-Object method -EQ 'PUT').path | Should -Be '/contacts/matchoncontact000002'
    }

    It 'several matches is a ContactMatchAmbiguous row error naming the ids; nothing is updated' {
        [pscustomobject]@{ Email = 'twin@example.com'; City = 'X' } | Set-Contact -MatchOn Email -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ContactMatchAmbiguous,*'
        $errs[0].ErrorDetails.Message | Should -Match 'matchoncontact000003'
        $errs[0].ErrorDetails.Message | Should -Match 'matchoncontact000004'
        @(Get-Sent | Where-Object method -EQ 'PUT').Count | Should -Be 0
    }

    It '-MatchOn Phone reads a national number with -DefaultCountry as E.164' {
        [pscustomobject]@{ Phone = '020 7946 0002'; City = 'London' } | Set-Contact -MatchOn Phone -DefaultCountry GB
        $sent = Get-Sent
        $sent.Count | Should -Be 2
        ($sent[0].body | ConvertFrom-Json).filters[0].value | Should -Be '+442079460002'
        $sent[1].path | Should -Be '/contacts/matchoncontact000002'
        $sent[1].body | Should -Be '{"city":"London"}'
    }

    It 'a row with an Id is updated by its Id, without a look-up' {
        [pscustomobject]@{ Id = 'matchoncontact000002'; Email = 'bob.new@example.com'; City = 'Hull' } | Set-Contact -MatchOn Email
        $sent = Get-Sent
        $sent.Count | Should -Be 1
        $sent[0].path | Should -Be '/contacts/matchoncontact000002'
        $sent[0].body | Should -Be '{"email":"bob.new@example.com","city":"Hull"}'
    }

    It 'a row without the match column is ContactNotMatched; nothing is sent' {
        [pscustomobject]@{ FirstName = 'Nobody'; City = 'X' } | Set-Contact -MatchOn Email -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ContactNotMatched,*'
        Get-Sent | Should -BeNullOrEmpty
    }

    It '-WhatIf sends nothing, not even the look-up, and names the match in the preview' {
        $run = Invoke-WithCapturedHost { [pscustomobject]@{ Email = 'bob@example.com'; City = 'Z' } | Set-Contact -MatchOn Email -WhatIf }
        $run.Errors.Count | Should -Be 0
        ($run.HostText -replace '\r?\n', '') | Should -Match 'PUT /contacts/\{id of the contact matched by email bob@example.com\} \{"city":"Z"\}'
        Get-Sent | Should -BeNullOrEmpty
    }

    It 'the run report names the matched contact' {
        $report = Join-Path $TestDrive 'match.csv'
        [pscustomobject]@{ Email = 'bob@example.com'; City = 'Bath' } | Set-Contact -MatchOn Email -ReportPath $report
        $lines = @(Import-Csv -LiteralPath $report)
        $lines[0].Outcome | Should -Be 'Updated'
        $lines[0].ContactId | Should -Be 'matchoncontact000002'
        $lines[0].ChangedFields | Should -Be 'city'
    }
}
