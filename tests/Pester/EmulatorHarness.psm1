# Starts, drives and stops the local HighLevel Contacts API emulator (tests/Emulator) for tests, demos and
# benchmarks. Build it first: dotnet build tests/Emulator -c Release
#
# A passing test run is quiet. A test that provokes output it does not want on the console captures it:
# - errors:           -ErrorVariable err -ErrorAction SilentlyContinue (or try/catch for terminating ones)
# - verbose/warning:  -Verbose 4>&1 / 3>&1 into a variable, or *>&1 for every stream
# - host text (What if: lines of -WhatIf, Write-Host, Out-Host, errors rendered on the host, transcripts):
#   no redirection reaches it; run the command with Invoke-WithCapturedHost below, which runs it in a runspace
#   of this process whose host keeps the text (.HostText) instead of printing it. The connection is per process,
#   so the command there uses the connection the test made. Pass the test's variables with -Variable.
Set-StrictMode -Version Latest

$script:RepoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).Path
$script:DefaultEmulatorDll = Join-Path $script:RepoRoot 'tests/Emulator/bin/Release/net10.0/ContactsEmulator.dll'

function Get-DotnetHost {
    # `dotnet tool run` / `dotnet pwsh` set DOTNET_HOST_PATH; otherwise use dotnet from PATH.
    if ($env:DOTNET_HOST_PATH -and (Test-Path -LiteralPath $env:DOTNET_HOST_PATH)) { return $env:DOTNET_HOST_PATH }
    $command = Get-Command dotnet -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $command) { throw 'dotnet was not found on PATH; it is needed to run the emulator.' }
    return $command.Source
}

function Invoke-EmulatorAdmin {
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $Method,
        [Parameter(Mandatory)] [string] $Path,
        [string] $Body
    )
    $params = @{
        Uri     = [uri]::new($Emulator.BaseUri, "__emulator/$Path")
        Method  = $Method
        NoProxy = $true
    }
    # Invoke-WebRequest + ConvertFrom-Json -DateKind String keeps dates as the ISO strings the API sends.
    if ($PSBoundParameters.ContainsKey('Body')) {
        $params.Body = [System.Text.Encoding]::UTF8.GetBytes($Body)
        $params.ContentType = 'application/json; charset=utf-8'
    }
    $response = Invoke-WebRequest @params
    if ($response.Content) { ConvertFrom-Json -InputObject $response.Content -Depth 100 -DateKind String }
}

function Start-ContactsEmulator {
    <#
    .SYNOPSIS
    Starts the emulator on a free 127.0.0.1 port and returns how to reach it.
    .OUTPUTS
    [pscustomobject] BaseUri ([uri], e.g. http://127.0.0.1:41234/), Process, Token, LocationId, OtherToken,
    OtherLocationId, ClientId, ClientSecret, AppId, RefreshToken, CompanyRefreshToken, CompanyId, ConfigPath (temp config
    file or $null).
    #>
    [CmdletBinding()]
    param(
        # Initial config (same keys as PUT /__emulator/config), written to a temp JSON file for --config.
        [hashtable] $Config,
        [string] $EmulatorDll = $script:DefaultEmulatorDll,
        [ValidateRange(1, 600)] [int] $TimeoutSeconds = 30
    )
    if (-not (Test-Path -LiteralPath $EmulatorDll)) {
        throw "Emulator not built: '$EmulatorDll' is missing. Run: dotnet build tests/Emulator -c Release"
    }

    $startInfo = [System.Diagnostics.ProcessStartInfo]::new()
    $startInfo.FileName = Get-DotnetHost
    $startInfo.UseShellExecute = $false
    # The emulator exits when its stdin closes, so it never outlives this process.
    $startInfo.RedirectStandardInput = $true
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $false
    foreach ($argument in @((Resolve-Path -LiteralPath $EmulatorDll).Path, '--port', '0', '--exit-on-stdin-close')) {
        $startInfo.ArgumentList.Add($argument)
    }
    $configPath = $null
    if ($Config) {
        $configPath = Join-Path ([System.IO.Path]::GetTempPath()) ("contacts-emulator-{0}.json" -f [guid]::NewGuid().ToString('N'))
        [System.IO.File]::WriteAllText($configPath, (ConvertTo-Json -InputObject $Config -Depth 20), [System.Text.UTF8Encoding]::new($false))
        $startInfo.ArgumentList.Add('--config')
        $startInfo.ArgumentList.Add($configPath)
    }

    $process = [System.Diagnostics.Process]::Start($startInfo)
    $baseUri = $null
    try {
        $deadline = [datetime]::UtcNow.AddSeconds($TimeoutSeconds)
        $pending = $process.StandardOutput.ReadLineAsync()
        while (-not $baseUri) {
            $remaining = $deadline - [datetime]::UtcNow
            if ($remaining -le [timespan]::Zero) { throw "The emulator did not report EMULATOR_LISTENING within $TimeoutSeconds s." }
            if (-not $pending.Wait([int][math]::Min(250, [math]::Max(1, $remaining.TotalMilliseconds)))) { continue }
            $line = $pending.Result
            if ($null -eq $line) { throw "The emulator exited before listening (exit code $(if ($process.HasExited) { $process.ExitCode } else { 'unknown' }))." }
            if ($line -match '^EMULATOR_LISTENING (http://127\.0\.0\.1:\d+)\s*$') {
                $baseUri = [uri]($Matches[1] + '/')
            }
            else {
                $pending = $process.StandardOutput.ReadLineAsync()
            }
        }
    }
    catch {
        if (-not $process.HasExited) { $process.Kill($true) }
        $process.Dispose()
        if ($configPath) { Remove-Item -LiteralPath $configPath -ErrorAction SilentlyContinue }
        throw
    }

    [pscustomobject]@{
        PSTypeName      = 'ContactsEmulator.Instance'
        BaseUri         = $baseUri
        Process         = $process
        Token           = 'pit-emulator-token-0001'
        LocationId      = 'emulator-location'
        OtherToken      = 'pit-other-token-0002'
        OtherLocationId = 'other-location'
        # OAuth (Marketplace app): the registered app and single-use refresh tokens valid at start.
        ClientId        = 'emulatorapp000000000001-cl1ent0001'
        ClientSecret    = 'emulator-client-secret-0001'
        AppId           = 'emulatorapp000000000001'
        RefreshToken    = 'emulator-refresh-location-0001'
        CompanyRefreshToken = 'emulator-refresh-company-0001'
        CompanyId       = 'emulator-company'
        ConfigPath      = $configPath
    }
}

function Stop-ContactsEmulator {
    <# .SYNOPSIS Stops an emulator started by Start-ContactsEmulator and waits for it to exit. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    $process = $Emulator.Process
    if ($process -and -not $process.HasExited) {
        try { $null = Invoke-EmulatorAdmin -Emulator $Emulator -Method Post -Path 'shutdown' } catch { Write-Verbose "shutdown request failed: $_" }
        try { $process.StandardInput.Close() } catch { Write-Verbose "closing stdin failed: $_" }
        if (-not $process.WaitForExit(10000)) {
            $process.Kill($true)
            $null = $process.WaitForExit(5000)
        }
    }
    # The Process object is left undisposed so callers can still read HasExited and ExitCode.
    if ($Emulator.ConfigPath) { Remove-Item -LiteralPath $Emulator.ConfigPath -ErrorAction SilentlyContinue }
}

function Reset-ContactsEmulator {
    <# .SYNOPSIS Restores the startup config and clears contacts, request log and rate-limit counters. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-EmulatorAdmin -Emulator $Emulator -Method Post -Path 'reset'
}

function Get-EmulatorContact {
    <# .SYNOPSIS The stored (non-deleted) contacts, in API response shape. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Emulator,
        [string] $LocationId
    )
    $path = 'contacts'
    if ($LocationId) { $path += '?locationId=' + [uri]::EscapeDataString($LocationId) }
    foreach ($contact in (Invoke-EmulatorAdmin -Emulator $Emulator -Method Get -Path $path)) { $contact }
}

function Add-EmulatorContact {
    <#
    .SYNOPSIS Stores contacts directly (create-shaped bodies with locationId; optional id, dateAdded, dateUpdated).
    No duplicate checks, rate limits or faults. Returns the number stored.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [hashtable[]] $Contact
    )
    $body = ConvertTo-Json -InputObject @($Contact) -Depth 20 -Compress
    (Invoke-EmulatorAdmin -Emulator $Emulator -Method Post -Path 'contacts' -Body $body).count
}

function Get-EmulatorRequest {
    <# .SYNOPSIS The request log (every non-admin request), oldest first. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Emulator,
        # Only entries with a larger seq.
        [long] $SinceSeq = 0
    )
    foreach ($entry in (Invoke-EmulatorAdmin -Emulator $Emulator -Method Get -Path "requests?sinceSeq=$SinceSeq")) { $entry }
}

function Clear-EmulatorRequest {
    <# .SYNOPSIS Empties the request log (contacts and config stay). #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-EmulatorAdmin -Emulator $Emulator -Method Delete -Path 'requests'
}

function Get-EmulatorConfig {
    <# .SYNOPSIS The current config. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    Invoke-EmulatorAdmin -Emulator $Emulator -Method Get -Path 'config'
}

function Get-EmulatorStat {
    <# .SYNOPSIS Counters since the last reset: requests, byStatus, byFault, contacts, distinctEmails, duplicateEmails. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator, [string] $LocationId)
    $path = if ($LocationId) { "stats?locationId=$([uri]::EscapeDataString($LocationId))" } else { 'stats' }
    Invoke-EmulatorAdmin -Emulator $Emulator -Method Get -Path $path
}

function Set-EmulatorConfig {
    <# .SYNOPSIS Merges the given top-level config keys into the running emulator's config; returns the new config. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [hashtable] $Config
    )
    $body = ConvertTo-Json -InputObject $Config -Depth 20 -Compress
    Invoke-EmulatorAdmin -Emulator $Emulator -Method Put -Path 'config' -Body $body
}

function Set-EmulatorCustomField {
    <#
    .SYNOPSIS Replaces a location's custom field schema ({name, dataType, fieldKey?, id?, placeholder?, position?,
    picklistOptions?, isAllowedCustomOption?, model?} each); contact writes to that location are validated against it
    from then on. Returns the fields as GET /locations/{id}/customFields shows them.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $LocationId,
        [Parameter(Mandatory)] [AllowEmptyCollection()] [hashtable[]] $Field
    )
    $body = ConvertTo-Json -InputObject @{ locationId = $LocationId; fields = @($Field) } -Depth 20 -Compress
    foreach ($item in (Invoke-EmulatorAdmin -Emulator $Emulator -Method Post -Path 'customFields' -Body $body).customFields) { $item }
}

function Invoke-WithCapturedHost {
    <#
    .SYNOPSIS
    Runs a script block in a new runspace whose host prints nothing, and returns what it wrote and output.
    .OUTPUTS
    [pscustomobject] Output (objects the script wrote), HostText (all the host showed: What if: lines, Write-Host,
    Out-Host, ...), Errors (non-terminating error records), Terminating (the error record that ended the script, or
    $null), ErrorVariable (the runspace's $Error), Verbose, Warning, Information.
    .EXAMPLE
    $run = Invoke-WithCapturedHost { $rows | New-Contact -WhatIf } -Variable @{ rows = $rows }
    $run.HostText | Should -Match 'What if: '
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [scriptblock] $ScriptBlock,
        # Variables to set in the runspace first (name -> value); the script block runs there as text, so it sees
        # only these, not the caller's variables.
        [hashtable] $Variable = @{},
        # Modules to import first; by default the built ContactsModule and this harness.
        [string[]] $Module = @((Join-Path $script:RepoRoot 'out/ContactsModule/ContactsModule.psd1'), $PSCommandPath)
    )
    if (-not ('ContactsModuleTests.CapturingHost' -as [type])) {
        Add-Type -Path (Join-Path $PSScriptRoot 'CapturingHost.cs')
    }
    $capturingHost = [ContactsModuleTests.CapturingHost]::new()
    $runspace = [runspacefactory]::CreateRunspace($capturingHost)
    $runspace.Open()
    $shell = [powershell]::Create()
    try {
        $shell.Runspace = $runspace
        foreach ($name in $Variable.Keys) { $runspace.SessionStateProxy.SetVariable($name, $Variable[$name]) }
        foreach ($path in $Module) {
            $null = $shell.AddCommand('Import-Module').AddParameter('Name', $path).AddParameter('Force', $false).Invoke()
            $shell.Commands.Clear()
        }
        $shell.Streams.ClearStreams()
        $null = $shell.AddScript($ScriptBlock.ToString())
        $terminating = $null
        # An output collection keeps what the script wrote before a terminating error.
        $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $noInput = [System.Management.Automation.PSDataCollection[psobject]]::new()
        $noInput.Complete()
        try { $null = $shell.EndInvoke($shell.BeginInvoke($noInput, $output)) }
        catch {
            # The method call wraps the script's own error (a RuntimeException carrying its ErrorRecord).
            $inner = $_.Exception
            if ($inner -is [System.Management.Automation.MethodInvocationException] -and $inner.InnerException) { $inner = $inner.InnerException }
            $terminating = if ($inner -is [System.Management.Automation.IContainsErrorRecord]) { $inner.ErrorRecord } else { $_ }
        }
        [pscustomobject]@{
            Output        = @($output)
            HostText      = $capturingHost.Text
            Errors        = @($shell.Streams.Error)
            Terminating   = $terminating
            ErrorVariable = @($runspace.SessionStateProxy.GetVariable('Error'))
            Verbose       = @($shell.Streams.Verbose)
            Warning       = @($shell.Streams.Warning)
            Information   = @($shell.Streams.Information)
        }
    }
    finally {
        $shell.Dispose()
        $runspace.Dispose()
    }
}

function Revoke-EmulatorAccessToken {
    <# .SYNOPSIS Every OAuth access token issued so far expires now (the next call with one gets 401). Returns how many. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Emulator)
    (Invoke-EmulatorAdmin -Emulator $Emulator -Method Post -Path 'oauth/expireAccessTokens').expired
}

function Get-EmulatorSecretFingerprint {
    <# .SYNOPSIS How the request log shows a client secret, refresh token or code: "redacted:" and 12 hex digits of its SHA-256. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Secret)
    $hash = [System.Security.Cryptography.SHA256]::HashData([System.Text.Encoding]::UTF8.GetBytes($Secret))
    'redacted:' + [System.Convert]::ToHexString($hash, 0, 6).ToLowerInvariant()
}

function Start-BackgroundRun {
    <#
    .SYNOPSIS
    Starts $Script (param($BaseUri, $Token, $Location, $Rows[, $Report])) in its own runspace with the module imported,
    bound to the emulator; returns the run for Wait-BackgroundOutput and Complete-BackgroundRun.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [scriptblock] $Script,
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] [string] $ModulePath,
        $Rows,
        # Bound as -Report only when given.
        [string] $Report
    )
    $ps = [powershell]::Create()
    $null = $ps.AddScript('param($m) Import-Module $m').AddArgument($ModulePath).Invoke()
    $ps.Commands.Clear()
    $null = $ps.AddScript($Script).AddParameter('BaseUri', $Emulator.BaseUri).AddParameter('Token', $Emulator.Token).AddParameter('Location', $Emulator.LocationId).AddParameter('Rows', $Rows)
    if ($PSBoundParameters.ContainsKey('Report')) { $null = $ps.AddParameter('Report', $Report) }
    $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
    $async = $ps.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
    [pscustomobject]@{ PS = $ps; Output = $output; Async = $async }
}

function Wait-BackgroundOutput {
    <# .SYNOPSIS Waits until the run has written $Count objects, has ended, or $Seconds have passed. #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Run, [int] $Count, [int] $Seconds = 60)
    $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
    while ($Run.Output.Count -lt $Count -and -not $Run.Async.IsCompleted -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
}

function Complete-BackgroundRun {
    <#
    .SYNOPSIS
    Waits for the run to end (stops it after $Seconds) and returns Output (its Contacts), Errors, Terminating (its
    $RunTerminating variable), Unconfirmed ($ContactsUnconfirmedRows) and Warnings.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] $Run, [int] $Seconds = 120)
    $null = $Run.Async.AsyncWaitHandle.WaitOne($Seconds * 1000)
    if (-not $Run.Async.IsCompleted) { $Run.PS.Stop() }
    $result = [pscustomobject]@{
        Output      = @($Run.Output | Where-Object { $_ -is [ContactsModule.Models.Contact] })
        Errors      = @($Run.PS.Streams.Error)
        Terminating = $Run.PS.Runspace.SessionStateProxy.GetVariable('RunTerminating')
        Unconfirmed = @($Run.PS.Runspace.SessionStateProxy.GetVariable('ContactsUnconfirmedRows'))
        Warnings    = @($Run.PS.Streams.Warning | ForEach-Object Message)
    }
    $Run.PS.Dispose()
    $result
}

Export-ModuleMember -Function Start-BackgroundRun, Wait-BackgroundOutput, Complete-BackgroundRun, Get-EmulatorSecretFingerprint, Revoke-EmulatorAccessToken, Invoke-WithCapturedHost, Start-ContactsEmulator, Stop-ContactsEmulator, Reset-ContactsEmulator, Get-EmulatorContact,
    Add-EmulatorContact, Get-EmulatorRequest, Clear-EmulatorRequest, Get-EmulatorConfig, Set-EmulatorConfig, Get-EmulatorStat,
    Set-EmulatorCustomField
