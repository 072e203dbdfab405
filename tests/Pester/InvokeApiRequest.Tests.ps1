# Invoke-ContactsApiRequest end to end against the emulator, judged from its request log: every option, the refusal of
# paths that leave the base URI (nothing sent), retries of GET but not POST, -Paginate, pipeline {contactId}, the help's
# recipes, -ApiVersion per request; Connect-ContactsApi -ApiVersion and the cmdlets under 2023-02-21.
BeforeAll {
    $repo = (Resolve-Path "$PSScriptRoot/../..").Path
    Import-Module "$repo/tests/Pester/EmulatorHarness.psm1" -Force
    Import-Module "$repo/out/ContactsModule/ContactsModule.psd1" -Force
    $script:emu = Start-ContactsEmulator -Config @{ burstLimit = 100000 }
    $script:token = ConvertTo-SecureString $emu.Token -AsPlainText -Force

    function script:Connect-Test {
        param([string] $ApiVersion = '2021-07-28', [int] $MaxRetry = 2)
        Connect-ContactsApi -Token $token -LocationId $emu.LocationId -BaseUri $emu.BaseUri -RetryDelay 0.01 -MaxRetry $MaxRetry -ApiVersion $ApiVersion
    }

    function script:Add-TestContact([string] $Name, [string[]] $Tags = @()) {
        $id = -join ((1..20) | ForEach-Object { [char](Get-Random -Minimum 97 -Maximum 123) })
        $null = Add-EmulatorContact -Emulator $emu -Contact @{ id = $id; locationId = $emu.LocationId; firstName = $Name; email = "$Name@example.com".ToLowerInvariant(); tags = $Tags }
        $id
    }

    function script:Get-Activity([string] $ContactId) {
        Invoke-RestMethod -Uri "$($emu.BaseUri)__emulator/contacts/$ContactId/activity" -NoProxy
    }

    function script:Get-ErrorId($Record) { $Record.FullyQualifiedErrorId.Split(',')[0] }
}

AfterAll {
    Disconnect-ContactsApi
    Stop-ContactsEmulator -Emulator $emu
}

Describe 'Invoke-ContactsApiRequest: methods, body, query, output' {
    BeforeEach {
        Reset-ContactsEmulator -Emulator $emu
        Connect-Test
    }

    It 'POST with a hashtable body, GET, PUT and DELETE of a note, each sent with the method and path given' {
        $id = Add-TestContact 'Ana'
        $created = Invoke-ContactsApiRequest -Method POST -Path "/contacts/$id/notes" -Body @{ body = 'first'; pinned = $true }
        $created.note.body | Should -BeExactly 'first'
        $created.note.pinned | Should -BeTrue
        $created.note.contactId | Should -BeExactly $id
        $noteId = $created.note.id

        (Invoke-ContactsApiRequest -Method GET -Path "/contacts/$id/notes/$noteId").note.body | Should -BeExactly 'first'
        $updated = Invoke-ContactsApiRequest -Method PUT -Path "/contacts/$id/notes/$noteId" -Body ([pscustomobject]@{ body = 'changed' })
        $updated.note.body | Should -BeExactly 'changed'
        (Invoke-ContactsApiRequest -Method delete -Path "contacts/$id/notes/$noteId" -Confirm:$false).succeded | Should -BeTrue
        @((Invoke-ContactsApiRequest -Method GET -Path "/contacts/$id/notes").notes).Count | Should -Be 0

        $log = @(Get-EmulatorRequest -Emulator $emu)
        @($log | ForEach-Object { "$($_.method) $($_.path)" }) | Should -Be @(
            "POST /contacts/$id/notes", "GET /contacts/$id/notes/$noteId", "PUT /contacts/$id/notes/$noteId",
            "DELETE /contacts/$id/notes/$noteId", "GET /contacts/$id/notes")
        ($log[0].body | ConvertFrom-Json).pinned | Should -BeTrue
        $log[0].headers.'Content-Type' | Should -Match '^application/json'
        $log[1].body | Should -BeNullOrEmpty
    }

    It 'sends PATCH as PATCH and reports the 404 of a path the API does not have as ContactsApiError with the status' {
        $id = Add-TestContact 'Pat'
        Invoke-ContactsApiRequest -Method PATCH -Path "/contacts/$id" -Body @{ city = 'Paris' } -ErrorVariable errs -ErrorAction SilentlyContinue
        @($errs).Count | Should -Be 1
        Get-ErrorId $errs[0] | Should -Be 'ContactsApiError'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].Exception.StatusCode | Should -Be 404
        $errs[0].ErrorDetails.Message | Should -Match "PATCH /contacts/$id answered 404"
        @(Get-EmulatorRequest -Emulator $emu | ForEach-Object method) | Should -Be @('PATCH')
    }

    It 'writes nested objects, arrays, ordered dictionaries and dates as JSON, and a JSON string as it is' {
        $id = Add-TestContact 'Body'
        $body = [ordered]@{
            title     = 'Call'
            body      = 'nested'
            dueDate   = [datetime]::new(2026, 1, 15, 9, 0, 0, [DateTimeKind]::Utc)
            completed = $false
        }
        $task = (Invoke-ContactsApiRequest -Method POST -Path "/contacts/$id/tasks" -Body $body).task
        $task.dueDate | Should -BeExactly '2026-01-15T09:00:00.000Z'
        $task.completed | Should -BeFalse
        $sent = @(Get-EmulatorRequest -Emulator $emu)[-1].body
        $sent | Should -BeExactly '{"title":"Call","body":"nested","dueDate":"2026-01-15T09:00:00.0000000Z","completed":false}'

        $json = '{"body":"as written","title":"t"}'
        (Invoke-ContactsApiRequest -Method POST -Path "/contacts/$id/notes" -Body $json).note.body | Should -BeExactly 'as written'
        @(Get-EmulatorRequest -Emulator $emu)[-1].body | Should -BeExactly $json

        $null = Invoke-ContactsApiRequest -Method POST -Path '/contacts/search' -Body @{
            locationId = $emu.LocationId; pageLimit = 5
            filters    = @(@{ field = 'firstName'; operator = 'eq'; value = 'Body' }, [pscustomobject]@{ field = 'email'; operator = 'exists' })
        }
        $search = @(Get-EmulatorRequest -Emulator $emu)[-1].body | ConvertFrom-Json
        @($search.filters).Count | Should -Be 2
        $search.filters[1].operator | Should -Be 'exists'
    }

    It 'refuses a body it cannot send (not JSON, too deep, on a GET) before sending anything' {
        $deep = @{}
        $cursor = $deep
        foreach ($i in 1..40) { $cursor.next = @{}; $cursor = $cursor.next }
        $cases = @(
            @{ Method = 'POST'; Body = 'body=plain text' }
            @{ Method = 'POST'; Body = $deep }
            @{ Method = 'GET'; Body = @{ a = 1 } }
        )
        foreach ($case in $cases) {
            $err = $null
            try { Invoke-ContactsApiRequest -Method $case.Method -Path '/contacts/x/notes' -Body $case.Body } catch { $err = $_ }
            $err | Should -Not -BeNullOrEmpty
            Get-ErrorId $err | Should -Be 'ContactsApiBodyInvalid'
        }
        @(Get-EmulatorRequest -Emulator $emu).Count | Should -Be 0
    }

    It '-Query encodes values, repeats array values and merges with a query in the path' {
        $null = Invoke-ContactsApiRequest -Method GET -Path "/contacts/?locationId=$($emu.LocationId)" -Query ([ordered]@{ query = 'a b+c'; limit = 5; tag = 'x', 'y' })
        $entry = @(Get-EmulatorRequest -Emulator $emu)[-1]
        $entry.path | Should -Be '/contacts/'
        $entry.query | Should -BeExactly "locationId=$($emu.LocationId)&query=a%20b%2Bc&limit=5&tag=x&tag=y"
    }

    It '-OutputType PSObject, Json and HttpResponse; -StatusCodeVariable and -ResponseHeadersVariable' {
        $id = Add-TestContact 'Out'
        $object = Invoke-ContactsApiRequest GET "/contacts/$id" -StatusCodeVariable status -ResponseHeadersVariable headers
        $object | Should -BeOfType [pscustomobject]
        @($object.contact.PSObject.Properties.Name)[0] | Should -Be 'id' -Because 'fields keep the order HighLevel sent them in'
        $object.contact.dateAdded | Should -BeOfType [string] -Because 'date strings are not guessed into DateTime'
        $status | Should -Be 200
        $headers['X-RateLimit-Max'] | Should -Be @('100000')

        $json = Invoke-ContactsApiRequest GET "/contacts/$id" -OutputType Json
        $json | Should -BeOfType [string]
        ($json | ConvertFrom-Json).contact.id | Should -Be $id

        $response = Invoke-ContactsApiRequest POST "/contacts/$id/notes" -Body @{ body = 'n' } -OutputType HttpResponse
        $response | Should -BeOfType ([ContactsModule.Models.ContactsApiResponse])
        $response.StatusCode | Should -Be 201
        $response.StatusDescription | Should -Be 'Created'
        $response.Method | Should -Be 'POST'
        $response.Path | Should -Be "/contacts/$id/notes"
        $response.ApiVersion | Should -Be '2021-07-28'
        $response.Headers['Content-Type'] | Should -Match 'application/json'
        ($response.Content | ConvertFrom-Json).note.body | Should -Be 'n'
    }

    It '-SkipHttpErrorCheck writes the error answer as output; without it the status is still in -StatusCodeVariable' {
        $answer = Invoke-ContactsApiRequest GET '/contacts/nosuchcontact/tasks' -SkipHttpErrorCheck -StatusCodeVariable status
        $answer.statusCode | Should -Be 404
        $answer.message | Should -Be 'Contact not found'
        $status | Should -Be 404

        Invoke-ContactsApiRequest POST '/contacts/nosuchcontact/notes' -Body @{ body = 'x' } -StatusCodeVariable status2 -ErrorVariable errs -ErrorAction SilentlyContinue
        $status2 | Should -Be 404
        $errs[0].ErrorDetails.Message | Should -Match 'traceId [0-9a-f-]{36}'
        $errs[0].Exception.TraceId | Should -Not -BeNullOrEmpty
    }

    It 'reports a 422 with every message the server listed' {
        $id = Add-TestContact 'Val'
        Invoke-ContactsApiRequest POST "/contacts/$id/tasks" -Body @{ body = 'no title'; extra = 1 } -ErrorVariable errs -ErrorAction SilentlyContinue
        Get-ErrorId $errs[0] | Should -Be 'ContactsApiError'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errs[0].Exception.ServerMessages | Should -Contain 'title should not be empty'
        $errs[0].Exception.ServerMessages | Should -Contain 'property extra should not exist'
        $errs[0].Exception.ServerMessages | Should -Contain 'dueDate should not be empty'
    }

    It '-Connection sends with that connection''s token and location' {
        $other = Connect-ContactsApi -Token (ConvertTo-SecureString $emu.OtherToken -AsPlainText -Force) -LocationId $emu.OtherLocationId -BaseUri $emu.BaseUri -PassThru
        Connect-Test
        $answer = Invoke-ContactsApiRequest GET '/contacts/' -Query @{ locationId = $emu.OtherLocationId } -Connection $other
        $answer.count | Should -Be 0
        @(Get-EmulatorRequest -Emulator $emu)[-1].headers.Authorization | Should -BeExactly "Bearer $($emu.OtherToken)"
    }

    It '-WhatIf sends nothing and shows the method, path and body; GET is never asked about' {
        $exe = [System.Environment]::ProcessPath
        $prefix = @()
        if ([System.IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
        $script = @"
Import-Module '$repo/out/ContactsModule/ContactsModule.psd1'
Connect-ContactsApi -Token (ConvertTo-SecureString '$($emu.Token)' -AsPlainText -Force) -LocationId '$($emu.LocationId)' -BaseUri '$($emu.BaseUri)'
Invoke-ContactsApiRequest -Method POST -Path '/contacts/abc/notes' -Body @{ body = 'would be sent' } -WhatIf
Invoke-ContactsApiRequest -Method DELETE -Path '/contacts/abc' -WhatIf
"@
        $output = & $exe @prefix -NoProfile -NonInteractive -Command $script 2>&1
        ($output -join "`n") | Should -Match ([regex]::Escape('What if: Performing the operation "POST with body {"body":"would be sent"}" on target "/contacts/abc/notes"'))
        ($output -join "`n") | Should -Match ([regex]::Escape('What if: Performing the operation "DELETE" on target "/contacts/abc"'))
        @(Get-EmulatorRequest -Emulator $emu).Count | Should -Be 0
    }
}

Describe 'Invoke-ContactsApiRequest refuses paths that leave the base URI, before anything is sent' {
    BeforeAll {
        Reset-ContactsEmulator -Emulator $emu
        Connect-Test
    }

    It 'refuses <Path>' -ForEach @(
        @{ Path = 'https://evil.example/contacts/' }
        @{ Path = 'http://127.0.0.1:1/contacts/' }
        @{ Path = '//evil.example/contacts/' }
        @{ Path = '\\evil.example\contacts' }
        @{ Path = '/\evil.example/contacts' }
        @{ Path = '/contacts\..\..\x' }
        @{ Path = 'file:///etc/passwd' }
        @{ Path = 'javascript:alert(1)' }
        @{ Path = 'evil.example:443/contacts' }
        @{ Path = '/contacts/../../oauth/token' }
        @{ Path = '/contacts/%2e%2e/%2E%2E/x' }
        @{ Path = '/contacts/x#fragment' }
        @{ Path = '/contacts/ x' }
        @{ Path = '/contacts/{workflowId}' }
    ) {
        Clear-EmulatorRequest -Emulator $emu
        $err = $null
        try { Invoke-ContactsApiRequest -Method POST -Path $Path -Body @{ a = 1 } -Confirm:$false } catch { $err = $_ }
        if (-not $err) { $err = $Error[0] }
        Get-ErrorId $err | Should -Be 'ContactsApiPathRefused'
        $err.ErrorDetails.Message | Should -Match 'Nothing was sent'
        @(Get-EmulatorRequest -Emulator $emu).Count | Should -Be 0 -Because 'the request log must stay empty: nothing reached any server'
    }

    It 'refuses a piped id that would make a .. segment, and sends the other rows' {
        Clear-EmulatorRequest -Emulator $emu
        $good = Add-TestContact 'Dots'
        $rows = @([pscustomobject]@{ ContactId = '..' }, [pscustomobject]@{ ContactId = $good })
        $out = $rows | Invoke-ContactsApiRequest GET '/contacts/{contactId}' -ErrorVariable errs -ErrorAction SilentlyContinue
        @($out).Count | Should -Be 1
        Get-ErrorId $errs[0] | Should -Be 'ContactsApiPathRefused'
        $errs[0].TargetObject.ContactId | Should -Be '..'
        @(Get-EmulatorRequest -Emulator $emu | ForEach-Object path) | Should -Be @("/contacts/$good")
    }
}

Describe 'Invoke-ContactsApiRequest retries' {
    BeforeEach {
        Reset-ContactsEmulator -Emulator $emu
        Connect-Test -MaxRetry 2
    }

    It 'retries a GET after 5xx answers (every attempt in the request log) and says so in -Verbose' {
        $id = Add-TestContact 'Retry'
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ errorRate = 1.0; faultPaths = @("/contacts/$id/notes") }
        $verbose = Invoke-ContactsApiRequest GET "/contacts/$id/notes" -Verbose -ErrorVariable errs -ErrorAction SilentlyContinue 4>&1
        @(Get-EmulatorRequest -Emulator $emu | Where-Object path -EQ "/contacts/$id/notes").Count | Should -Be 3
        Get-ErrorId $errs[0] | Should -Be 'ContactsApiUnavailable'
        (@($verbose | ForEach-Object { "$_" }) -match 'retry 2 of 2').Count | Should -Be 1
    }

    It 'does not retry a POST after a 5xx, unless -RetryUnsafe' {
        $id = Add-TestContact 'Unsafe'
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ errorRate = 1.0; faultPaths = @("/contacts/$id/notes") }
        Invoke-ContactsApiRequest POST "/contacts/$id/notes" -Body @{ body = 'once' } -ErrorVariable errs -ErrorAction SilentlyContinue
        @(Get-EmulatorRequest -Emulator $emu).Count | Should -Be 1
        Get-ErrorId $errs[0] | Should -Be 'ContactsApiUnavailable'
        $errs[0].Exception.StatusCode | Should -BeGreaterOrEqual 500
        $errs[0].ErrorDetails.Message | Should -Match 'Not retried: POST is not idempotent'

        Clear-EmulatorRequest -Emulator $emu
        Invoke-ContactsApiRequest POST "/contacts/$id/notes" -Body @{ body = 'again' } -RetryUnsafe -ErrorVariable errs2 -ErrorAction SilentlyContinue
        @(Get-EmulatorRequest -Emulator $emu).Count | Should -Be 3
        Get-ErrorId $errs2[0] | Should -Be 'ContactsApiUnavailable'
    }

    It 'does not resend a POST whose connection was dropped, and says why' {
        $id = Add-TestContact 'Drop'
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ dropBeforeStoreRate = 1.0; faultPaths = @("/contacts/$id/notes") }
        Invoke-ContactsApiRequest POST "/contacts/$id/notes" -Body @{ body = 'x' } -ErrorVariable errs -ErrorAction SilentlyContinue
        @(Get-EmulatorRequest -Emulator $emu).Count | Should -Be 1
        Get-ErrorId $errs[0] | Should -Be 'ContactsApiUnavailable'
        $errs[0].ErrorDetails.Message | Should -Match 'Not retried: POST is not idempotent'
    }

    It 'retries a POST after a 429 (the server did not process it)' {
        $id = Add-TestContact 'Storm'
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ storm429 = @{ startAfterRequests = 0; count = 1; retryAfterSeconds = 0 } }
        $note = Invoke-ContactsApiRequest POST "/contacts/$id/notes" -Body @{ body = 'after 429' }
        $note.note.body | Should -Be 'after 429'
        @(Get-EmulatorRequest -Emulator $emu | ForEach-Object status) | Should -Be @(429, 201)
    }
}

Describe 'Invoke-ContactsApiRequest -Paginate' {
    BeforeAll {
        Reset-ContactsEmulator -Emulator $emu
        Connect-Test
        $script:ids = foreach ($i in 1..5) { Add-TestContact "Page$i" }
    }

    It 'follows meta.nextPageUrl over several pages of the contact list' {
        Clear-EmulatorRequest -Emulator $emu
        $pages = @(Invoke-ContactsApiRequest GET '/contacts/' -Query @{ locationId = $emu.LocationId; limit = 2 } -Paginate)
        $pages.Count | Should -Be 3
        @($pages | ForEach-Object { $_.contacts } | ForEach-Object id | Sort-Object) | Should -Be @($ids | Sort-Object)
        @(Get-EmulatorRequest -Emulator $emu).Count | Should -Be 3
    }

    It 'follows the searchAfter cursor of a search over several pages' {
        Clear-EmulatorRequest -Emulator $emu
        $pages = @(Invoke-ContactsApiRequest POST '/contacts/search' -Body @{ locationId = $emu.LocationId; pageLimit = 2; page = 1 } -Paginate)
        $pages.Count | Should -Be 3
        @($pages | ForEach-Object { $_.contacts } | ForEach-Object id | Sort-Object) | Should -Be @($ids | Sort-Object)
        $log = @(Get-EmulatorRequest -Emulator $emu)
        $log.Count | Should -Be 3
        $second = $log[1].body | ConvertFrom-Json
        $second.PSObject.Properties.Name | Should -Not -Contain 'page'
        @($second.searchAfter).Count | Should -Be 2
    }

    It 'follows startAfterId when the answer has no nextPageUrl' {
        # Without meta.nextPageUrl in the answer (an older list shape), the cursor goes into the query.
        Clear-EmulatorRequest -Emulator $emu
        $first = Invoke-ContactsApiRequest GET '/contacts/' -Query @{ locationId = $emu.LocationId; limit = 2 }
        $first.meta.startAfterId | Should -Not -BeNullOrEmpty
        $pages = @(Invoke-ContactsApiRequest GET '/contacts/' -Query @{ locationId = $emu.LocationId; limit = 5 } -Paginate)
        $pages.Count | Should -Be 1 -Because 'a page of all 5 with nextPageUrl null is the last one'
    }

    It 'without -Paginate sends one request' {
        Clear-EmulatorRequest -Emulator $emu
        @(Invoke-ContactsApiRequest GET '/contacts/' -Query @{ locationId = $emu.LocationId; limit = 2 }).Count | Should -Be 1
        @(Get-EmulatorRequest -Emulator $emu).Count | Should -Be 1
    }

    It 'refuses a nextPageUrl on another host, after writing the first page' {
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ publicBaseUri = 'https://evil.example' }
        try {
            Clear-EmulatorRequest -Emulator $emu
            $pages = @(Invoke-ContactsApiRequest GET '/contacts/' -Query @{ locationId = $emu.LocationId; limit = 2 } -Paginate -ErrorVariable errs -ErrorAction SilentlyContinue)
            $pages.Count | Should -Be 1
            Get-ErrorId $errs[0] | Should -Be 'ContactsApiNextPageRefused'
            $errs[0].ErrorDetails.Message | Should -Match 'https://evil.example'
            @(Get-EmulatorRequest -Emulator $emu).Count | Should -Be 1
        }
        finally { $null = Set-EmulatorConfig -Emulator $emu -Config @{ publicBaseUri = $null } }
    }
}

Describe 'Invoke-ContactsApiRequest pipeline input' {
    BeforeEach {
        Reset-ContactsEmulator -Emulator $emu
        Connect-Test
    }

    It 'fills {contactId} from piped contacts, ContactId columns and -ContactId, one request per row in order' {
        $a = Add-TestContact 'Pipe1'
        $b = Add-TestContact 'Pipe2'
        $c = Add-TestContact 'Pipe3'
        $contacts = Get-Contact -Id $a
        $rows = @($contacts, [pscustomobject]@{ ContactId = $b }, [pscustomobject]@{ 'Contact Id' = $c })
        Clear-EmulatorRequest -Emulator $emu
        $out = $rows | Invoke-ContactsApiRequest -Method POST -Path '/contacts/{contactId}/notes' -Body @{ body = 'piped' }
        @($out | ForEach-Object { $_.note.contactId }) | Should -Be @($a, $b, $c)
        @(Get-EmulatorRequest -Emulator $emu | ForEach-Object path) | Should -Be @("/contacts/$a/notes", "/contacts/$b/notes", "/contacts/$c/notes")

        (Invoke-ContactsApiRequest GET '/contacts/{id}' -ContactId $a).contact.id | Should -Be $a
    }

    It 'gives a row without an id one error with the row as target, and goes on with the others' {
        $a = Add-TestContact 'Row1'
        $rows = @([pscustomobject]@{ ContactId = ''; Name = 'no id' }, [pscustomobject]@{ ContactId = $a })
        Clear-EmulatorRequest -Emulator $emu
        $out = $rows | Invoke-ContactsApiRequest -Method GET -Path '/contacts/{contactId}/notes' -ErrorVariable errs -ErrorAction SilentlyContinue
        @($out).Count | Should -Be 1
        @($errs).Count | Should -Be 1
        Get-ErrorId $errs[0] | Should -Be 'ContactsApiPathRefused'
        $errs[0].TargetObject.Name | Should -Be 'no id'
        $errs[0].ErrorDetails.Message | Should -Match '^Row 1 '
        @(Get-EmulatorRequest -Emulator $emu).Count | Should -Be 1
    }

    It 'stops the pipeline on a 401, like the other cmdlets' {
        $wrong = Connect-ContactsApi -Token (ConvertTo-SecureString 'pit-not-a-valid-token-0000' -AsPlainText -Force) -LocationId $emu.LocationId -BaseUri $emu.BaseUri -PassThru
        $err = $null
        try { 'a', 'b' | ForEach-Object { [pscustomobject]@{ ContactId = $_ } } | Invoke-ContactsApiRequest GET '/contacts/{contactId}' -Connection $wrong } catch { $err = $_ }
        Get-ErrorId $err | Should -Be 'ContactsApiUnauthorized'
        @(Get-EmulatorRequest -Emulator $emu).Count | Should -Be 1
    }
}

Describe 'The recipes of the help' {
    BeforeEach {
        Reset-ContactsEmulator -Emulator $emu
        Connect-Test
    }

    It 'adds a note to each imported contact' {
        $csv = Join-Path $TestDrive 'leads.csv'
        @(
            [pscustomobject]@{ 'First Name' = 'Lea'; 'E-mail' = 'lea@example.com' }
            [pscustomobject]@{ 'First Name' = 'Max'; 'E-mail' = 'max@example.com' }
            [pscustomobject]@{ 'First Name' = 'Ivo'; 'E-mail' = 'ivo@example.com' }
        ) | Export-Csv -LiteralPath $csv -NoTypeInformation
        $existing = Add-TestContact 'Ivo'

        Push-Location $TestDrive
        try {
            $notes = Import-Csv -Path .\leads.csv |
                New-Contact -OnDuplicate Skip -WarningVariable skipped -WarningAction SilentlyContinue |
                Invoke-ContactsApiRequest -Method POST -Path '/contacts/{contactId}/notes' -Body @{ body = 'Imported from leads.csv' }
        }
        finally { Pop-Location }

        @($notes).Count | Should -Be 3
        "$skipped" | Should -Match 'skipped, contact .* \(Ivo\) already has this email'
        foreach ($contact in Get-EmulatorContact -Emulator $emu) {
            $activity = Get-Activity $contact.id
            @($activity.notes).Count | Should -Be 1 -Because "$($contact.firstName) was imported (or skipped as existing) and gets one note"
            $activity.notes[0].body | Should -Be 'Imported from leads.csv'
        }
        @((Get-Activity $existing).notes).Count | Should -Be 1
    }

    It 'adds contacts to a workflow' {
        $tagged = @(Add-TestContact 'Web1' -Tags 'webinar'; Add-TestContact 'Web2' -Tags 'webinar')
        $other = Add-TestContact 'NotTagged' -Tags 'other'
        $answers = Get-Contact -Tag 'webinar' |
            Invoke-ContactsApiRequest -Method POST -Path '/contacts/{contactId}/workflow/6dd7a6d2-a3a9-4aa6-b9c3-9a1c5e6d3f10' -Body @{}
        @($answers | Where-Object succeded).Count | Should -Be 2
        foreach ($id in $tagged) { @((Get-Activity $id).workflows.workflowId) | Should -Be @('6dd7a6d2-a3a9-4aa6-b9c3-9a1c5e6d3f10') }
        @((Get-Activity $other).workflows).Count | Should -Be 0

        # and out again, and the campaign variant
        $tagged[0] | ForEach-Object { [pscustomobject]@{ Id = $_ } } |
            Invoke-ContactsApiRequest -Method DELETE -Path '/contacts/{contactId}/workflow/6dd7a6d2-a3a9-4aa6-b9c3-9a1c5e6d3f10' -Body @{} -Confirm:$false | Out-Null
        @((Get-Activity $tagged[0]).workflows).Count | Should -Be 0
        $null = Invoke-ContactsApiRequest -Method POST -Path "/contacts/$($tagged[1])/campaigns/camp1" -Body @{}
        @((Get-Activity $tagged[1]).campaigns.campaignId) | Should -Be @('camp1')
    }

    It 'lists a contact''s tasks' {
        $id = Add-TestContact 'Rosan'
        foreach ($title in 'Call back', 'Send offer') {
            $null = Invoke-ContactsApiRequest -Method POST -Path "/contacts/$id/tasks" -Body @{ title = $title; dueDate = '2026-01-15T09:00:00Z'; completed = $false }
        }
        Push-Location $TestDrive
        try {
            $contact = Get-Contact -Email 'rosan@example.com'
            (Invoke-ContactsApiRequest -Method GET -Path "/contacts/$($contact.Id)/tasks").tasks |
                Select-Object title, dueDate, completed |
                Export-Csv -Path .\tasks.csv -NoTypeInformation
            $written = Import-Csv .\tasks.csv
        }
        finally { Pop-Location }
        @($written.title) | Should -Be @('Call back', 'Send offer')
        @($written.dueDate) | Should -Be @('2026-01-15T09:00:00.000Z', '2026-01-15T09:00:00.000Z')
    }
}

Describe 'API versions' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'Invoke-ContactsApiRequest -ApiVersion sends 2023-02-21 and v3 as given, for that request only' {
        Connect-Test
        $id = Add-TestContact 'Ver'
        $null = Invoke-ContactsApiRequest GET "/contacts/$id" -ApiVersion 2023-02-21
        $err = $null
        try { Invoke-ContactsApiRequest GET "/contacts/$id" -ApiVersion v3 } catch { $err = $_ }
        $null = Invoke-ContactsApiRequest GET "/contacts/$id"
        @(Get-EmulatorRequest -Emulator $emu | ForEach-Object { $_.headers.Version }) | Should -Be @('2023-02-21', 'v3', '2021-07-28')

        # The emulator, like HighLevel for a version it does not serve, answers 400: a clear terminating error naming it.
        Get-ErrorId $err | Should -Be 'ContactsApiVersionRejected'
        $err.Exception.Message | Should -Match "refused API version 'v3'"
        $err.Exception.ApiVersion | Should -Be 'v3'

        $null = Set-EmulatorConfig -Emulator $emu -Config @{ apiVersions = @('2021-07-28', '2023-02-21', 'v3') }
        (Invoke-ContactsApiRequest GET "/contacts/$id" -ApiVersion v3).contact.id | Should -Be $id
    }

    It 'refuses an -ApiVersion that is neither a date nor a v-number, before sending' {
        Connect-Test
        $err = $null
        try { Invoke-ContactsApiRequest GET '/contacts/x' -ApiVersion 'latest' } catch { $err = $_ }
        Get-ErrorId $err | Should -Be 'ContactsApiVersionInvalid'
        @(Get-EmulatorRequest -Emulator $emu).Count | Should -Be 0
    }

    It 'Connect-ContactsApi takes <Version> without a warning' -ForEach @(@{ Version = '2021-04-15' }, @{ Version = '2021-07-28' }, @{ Version = '2023-02-21' }) {
        $warnings = Connect-Test -ApiVersion $Version 3>&1
        $warnings | Should -BeNullOrEmpty
        (Get-ContactsApiConnection).ApiVersion | Should -Be $Version
    }

    It 'Connect-ContactsApi takes a later date with a warning, and refuses v3 and earlier unknown dates' {
        $warnings = @(Connect-Test -ApiVersion 2025-06-01 3>&1)
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -Match 'tested with'
        (Get-ContactsApiConnection).ApiVersion | Should -Be '2025-06-01'
        foreach ($bad in 'v3', '2022-01-01', '2021-13-40', 'latest') {
            $err = $null
            try { Connect-Test -ApiVersion $bad } catch { $err = $_ }
            Get-ErrorId $err | Should -Be 'ContactsApiVersionInvalid' -Because "$bad is not accepted"
            $err.Exception.Message | Should -Match ([regex]::Escape($bad))
        }
        (Get-ContactsApiConnection).ApiVersion | Should -Be '2025-06-01' -Because 'a refused connect keeps the previous connection'
    }

    It 'a retired version stops New-Contact with ContactsApiVersionRejected naming it' {
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ retiredApiVersions = @('2021-04-15') }
        Connect-Test -ApiVersion 2021-04-15
        $err = $null
        try { 'a', 'b' | ForEach-Object { [pscustomobject]@{ FirstName = $_ } } | New-Contact -ThrottleLimit 1 -ErrorAction SilentlyContinue } catch { $err = $_ }
        Get-ErrorId $err | Should -Be 'ContactsApiVersionRejected'
        $err.ErrorDetails.Message | Should -Match "refused API version '2021-04-15'.*retired"
        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'the cmdlets create, get, update, search and delete under 2023-02-21, sending it on every call' {
        Connect-Test -ApiVersion 2023-02-21
        $created = New-Contact -FirstName 'Vera' -Email 'vera@example.com' -Tags 'v2023'
        (Get-Contact -Id $created.Id).Email | Should -Be 'vera@example.com'
        (Set-Contact -Id $created.Id -City 'Lyon' -AddTag 'more' -PassThru).City | Should -Be 'Lyon'
        @(Get-Contact -Email 'vera@example.com').Id | Should -Be @($created.Id)
        Add-ContactTag -Id $created.Id -Tag 'bulk'
        Remove-Contact -Id $created.Id -Force
        @(Get-EmulatorContact -Emulator $emu).Count | Should -Be 0
        $log = @(Get-EmulatorRequest -Emulator $emu)
        $log.Count | Should -BeGreaterOrEqual 6
        @($log | ForEach-Object { $_.headers.Version } | Sort-Object -Unique) | Should -Be @('2023-02-21')
        @($log | Where-Object { $_.status -ge 400 }).Count | Should -Be 0
    }
}
