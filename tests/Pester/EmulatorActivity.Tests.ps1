# Contract tests of the emulator's contact sub-resources (notes, tasks, workflow and campaign enrolment, from
# highlevel-contacts-openapi.json) and of its Version handling, straight over HTTP.
BeforeAll {
    Import-Module "$PSScriptRoot/EmulatorHarness.psm1" -Force
    $script:emu = Start-ContactsEmulator -Config @{ burstLimit = 100000 }
    $script:base = $emu.BaseUri.AbsoluteUri.TrimEnd('/')

    function script:Invoke-Api {
        param([string] $Method = 'GET', [Parameter(Mandatory)] [string] $Path, $Body, [string] $Version = '2021-07-28')
        $params = @{
            Uri = "$script:base$Path"; Method = $Method; SkipHttpErrorCheck = $true; NoProxy = $true
            Headers = @{ Authorization = "Bearer $($script:emu.Token)"; Version = $Version; Accept = 'application/json' }
        }
        if ($null -ne $Body) { $params.Body = ConvertTo-Json -InputObject $Body -Depth 10 -Compress; $params.ContentType = 'application/json' }
        $response = Invoke-WebRequest @params
        $json = if ($response.Content) { ConvertFrom-Json -InputObject $response.Content -DateKind String } else { $null }
        [pscustomobject]@{ Status = [int]$response.StatusCode; Json = $json }
    }

    function script:New-TestContact {
        (Invoke-Api POST '/contacts/' @{ locationId = $emu.LocationId; firstName = 'Act' }).Json.contact.id
    }
}

AfterAll { Stop-ContactsEmulator -Emulator $emu }

Describe 'Notes' {
    It 'keeps notes per contact with the NotesDTO fields, lists them newest first, updates and deletes them' {
        $id = New-TestContact
        $first = Invoke-Api POST "/contacts/$id/notes" @{ body = 'one'; title = 'T'; color = '#FFAA00'; pinned = $true; userId = 'u1' }
        $first.Status | Should -Be 201
        $note = $first.Json.note
        @($note.PSObject.Properties.Name) | Should -Be @('id', 'body', 'userId', 'dateAdded', 'contactId', 'title', 'color', 'pinned')
        $note.contactId | Should -Be $id
        $note.dateAdded | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$'
        $null = Invoke-Api POST "/contacts/$id/notes" @{ body = 'two' }
        @((Invoke-Api GET "/contacts/$id/notes").Json.notes.body) | Should -Be @('two', 'one')
        (Invoke-Api PUT "/contacts/$id/notes/$($note.id)" @{ body = 'changed' }).Json.note.body | Should -Be 'changed'
        (Invoke-Api DELETE "/contacts/$id/notes/$($note.id)").Json.succeded | Should -BeTrue
        (Invoke-Api GET "/contacts/$id/notes/$($note.id)").Status | Should -Be 404
        @((Invoke-Api GET "/contacts/$id/notes").Json.notes).Count | Should -Be 1
    }

    It 'answers 422 with every problem of a note body' {
        $id = New-TestContact
        $r = Invoke-Api POST "/contacts/$id/notes" @{ pinned = 'yes'; color = 5; extra = 1 }
        $r.Status | Should -Be 422
        $r.Json.error | Should -Be 'Unprocessable Entity'
        @($r.Json.message) | Should -Be @('property extra should not exist', 'body should not be empty', 'color must be a string', 'pinned must be a boolean value')
    }
}

Describe 'Tasks' {
    It 'keeps tasks with the TaskSchema fields, completes and deletes them' {
        $id = New-TestContact
        $r = Invoke-Api POST "/contacts/$id/tasks" @{ title = 'Call'; dueDate = '2026-01-15T09:00:00Z'; completed = $false; assignedTo = 'u1' }
        $r.Status | Should -Be 201
        $task = $r.Json.task
        @($task.PSObject.Properties.Name) | Should -Be @('id', 'title', 'body', 'assignedTo', 'dueDate', 'completed', 'contactId')
        $task.dueDate | Should -Be '2026-01-15T09:00:00.000Z'
        (Invoke-Api PUT "/contacts/$id/tasks/$($task.id)/completed" @{ completed = $true }).Json.task.completed | Should -BeTrue
        (Invoke-Api GET "/contacts/$id/tasks/$($task.id)").Json.task.completed | Should -BeTrue
        (Invoke-Api PUT "/contacts/$id/tasks/$($task.id)" @{ title = 'Call again' }).Json.task.title | Should -Be 'Call again'
        @((Invoke-Api GET "/contacts/$id/tasks").Json.tasks).Count | Should -Be 1
        (Invoke-Api DELETE "/contacts/$id/tasks/$($task.id)").Json.succeded | Should -BeTrue
        @((Invoke-Api GET "/contacts/$id/tasks").Json.tasks).Count | Should -Be 0
    }

    It 'requires title, dueDate and completed, and checks their types' {
        $id = New-TestContact
        $r = Invoke-Api POST "/contacts/$id/tasks" @{ dueDate = 'soon' }
        $r.Status | Should -Be 422
        @($r.Json.message) | Should -Be @('title should not be empty', 'completed should not be empty', 'dueDate must be a valid ISO 8601 date string')
        (Invoke-Api PUT "/contacts/$id/tasks/nosuchtask/completed" @{}).Json.message | Should -Be @('completed should not be empty')
    }
}

Describe 'Workflow and campaign enrolment' {
    It 'enrols and removes, keeping state; validates eventStartTime and the empty campaign body' {
        $id = New-TestContact
        (Invoke-Api POST "/contacts/$id/workflow/wf1" @{ eventStartTime = '2021-06-23T03:30:00+01:00' }).Json.succeded | Should -BeTrue
        (Invoke-Api POST "/contacts/$id/workflow/wf1" @{ eventStartTime = 'later' }).Status | Should -Be 422
        (Invoke-Api POST "/contacts/$id/campaigns/c1" @{}).Status | Should -Be 201
        (Invoke-Api POST "/contacts/$id/campaigns/c2" @{ extra = 1 }).Json.message | Should -Be @('property extra should not exist')
        $null = Invoke-Api POST "/contacts/$id/campaigns/c3" @{}
        $activity = Invoke-RestMethod "$base/__emulator/contacts/$id/activity" -NoProxy
        @($activity.workflows.workflowId) | Should -Be @('wf1')
        @($activity.campaigns.campaignId) | Should -Be @('c1', 'c3')
        (Invoke-Api DELETE "/contacts/$id/workflow/wf1" @{}).Status | Should -Be 200
        (Invoke-Api DELETE "/contacts/$id/workflow/wf1" @{}).Status | Should -Be 404
        (Invoke-Api DELETE "/contacts/$id/campaigns/c1").Status | Should -Be 200
        (Invoke-Api DELETE "/contacts/$id/campaigns/removeAll").Status | Should -Be 200
        $activity = Invoke-RestMethod "$base/__emulator/contacts/$id/activity" -NoProxy
        @($activity.workflows).Count + @($activity.campaigns).Count | Should -Be 0
    }
}

Describe 'Unknown and other-location contacts' {
    It 'answers 404 on <Method> <Path> for a contact that does not exist' -ForEach @(
        @{ Method = 'GET'; Path = '/contacts/nosuchcontact000000000/notes' }
        @{ Method = 'POST'; Path = '/contacts/nosuchcontact000000000/notes' }
        @{ Method = 'GET'; Path = '/contacts/nosuchcontact000000000/tasks' }
        @{ Method = 'POST'; Path = '/contacts/nosuchcontact000000000/workflow/wf1' }
        @{ Method = 'POST'; Path = '/contacts/nosuchcontact000000000/campaigns/c1' }
    ) {
        $r = Invoke-Api $Method $Path @{}
        $r.Status | Should -Be 404
        $r.Json.message | Should -Be 'Contact not found'
        $r.Json.traceId | Should -Not -BeNullOrEmpty
    }

    It 'answers 403 for a contact of another location' {
        $other = Invoke-WebRequest -Uri "$base/contacts/" -Method POST -NoProxy -SkipHttpErrorCheck -ContentType 'application/json' `
            -Headers @{ Authorization = "Bearer $($emu.OtherToken)"; Version = '2021-07-28' } -Body (@{ locationId = $emu.OtherLocationId; firstName = 'O' } | ConvertTo-Json)
        $otherId = ($other.Content | ConvertFrom-Json).contact.id
        (Invoke-Api GET "/contacts/$otherId/notes").Status | Should -Be 403
    }

    It 'forgets everything on reset' {
        $id = New-TestContact
        $null = Invoke-Api POST "/contacts/$id/notes" @{ body = 'x' }
        Reset-ContactsEmulator -Emulator $emu
        @((Invoke-RestMethod "$base/__emulator/contacts/$id/activity" -NoProxy).notes).Count | Should -Be 0
    }
}

Describe 'Version header' {
    BeforeEach { Reset-ContactsEmulator -Emulator $emu }

    It 'answers 2021-04-15, 2021-07-28 and 2023-02-21 with the same shapes (the published spec shows no difference)' {
        $id = New-TestContact
        $shapes = foreach ($version in '2021-04-15', '2021-07-28', '2023-02-21') {
            $r = Invoke-Api GET "/contacts/$id" -Version $version
            $r.Status | Should -Be 200
            ($r.Json.contact.PSObject.Properties.Name -join ',')
        }
        @($shapes | Sort-Object -Unique).Count | Should -Be 1
    }

    It 'refuses an unknown version and a retired one with 400 messages that say so' {
        (Invoke-Api GET '/contacts/x' -Version 'v3').Json.message | Should -Match 'Version header value v3 is not supported'
        $null = Set-EmulatorConfig -Emulator $emu -Config @{ retiredApiVersions = @('2021-04-15') }
        $r = Invoke-Api GET '/contacts/x' -Version '2021-04-15'
        $r.Status | Should -Be 400
        $r.Json.message | Should -Match 'API version 2021-04-15 has been retired'
        (Set-EmulatorConfig -Emulator $emu -Config @{ apiVersions = @('v3') }).apiVersions | Should -Be @('v3')
        (Invoke-Api GET "/contacts/nosuch" -Version 'v3').Status | Should -Be 400 -Because 'v3 passes the Version check; the contact is missing'
    }
}
