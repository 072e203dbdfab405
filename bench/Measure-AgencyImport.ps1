<#
.SYNOPSIS
    Agency benchmark: 4 locations x 300 rows through one agency (Company) OAuth connection, in one
    Import-Csv | New-Contact, against the same rows location by location. Appends its section to bench/RESULTS.md.
.DESCRIPTION
    The emulator runs at HighLevel's real limit (100 requests / 10 s per app and location) with 100 ms +- 30 ms latency,
    and with token lifetimes short enough (agency and location tokens: 12 s) that every location renews its token at
    least twice in either run. The emulator's request log gives the 429s, the requests refused for an expired token and
    the /oauth/locationToken calls per location (the first one, then each renewal); the rows' error records give the
    rows that failed, and those failed by an expired or refused token. The section ends with each target, met or not.
    Not part of the test run: speed is measured here, never in tests.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Bench
.EXAMPLE
    ./bench/Measure-AgencyImport.ps1        # after a build
#>
[CmdletBinding()]
param(
    [int] $RowsPerLocation = 300,
    [int] $TokenLifetimeSeconds = 12,
    [string] $ResultsPath = (Join-Path $PSScriptRoot 'RESULTS.md')
)

$ErrorActionPreference = 'Stop'
$root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
Import-Module (Join-Path $root 'tests/Pester/EmulatorHarness.psm1') -Force
Import-Module (Join-Path $root 'out/ContactsModule/ContactsModule.psd1') -Force
$locations = @('emulator-location', 'other-location', 'agency-location-3', 'agency-location-4')

$emu = Start-ContactsEmulator -Config @{
    burstLimit = 100; burstWindowMs = 10000; latencyMs = 100; latencyJitterMs = 30; seed = 14
    accessTokenExpiresIn = $TokenLifetimeSeconds; locationTokenExpiresIn = $TokenLifetimeSeconds
}

# The agency's rows, mixed as an export of several sub-accounts would be.
$rows = for ($i = 1; $i -le $RowsPerLocation; $i++) {
    foreach ($location in $locations) {
        [pscustomobject]@{ 'First Name' = "Agency$i"; 'Last Name' = $location; Email = "agency$i@$location.example.com"; LocationId = $location }
    }
}

function Connect-Agency {
    $refresh = 'bench-refresh-' + [guid]::NewGuid().ToString('N')
    $null = Set-EmulatorConfig -Emulator $emu -Config @{ refreshTokens = @{ $refresh = @{ userType = 'Company' } } }
    Connect-ContactsApi -ClientId $emu.ClientId -ClientSecret (ConvertTo-SecureString $emu.ClientSecret -AsPlainText -Force) `
        -RefreshToken (ConvertTo-SecureString $refresh -AsPlainText -Force) -UserType Company -BaseUri $emu.BaseUri
}

function Measure-Run([string] $Name, [scriptblock] $Import) {
    Reset-ContactsEmulator -Emulator $emu
    Connect-Agency
    $failed = [System.Collections.Generic.List[object]]::new()
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $created = & $Import $failed
    $clock.Stop()
    $log = @(Get-EmulatorRequest -Emulator $emu)
    $contacts = $log | Where-Object path -eq '/contacts/'
    $tokenCalls = @($log | Where-Object path -eq '/oauth/locationToken')
    $perLocation = foreach ($location in $locations) { @($tokenCalls | Where-Object body -like "*locationId=$location").Count }
    $result = [pscustomobject]@{
        Run               = $Name
        Rows              = $rows.Count
        Created           = @($created).Count
        Failed            = $failed.Count
        WallSeconds       = [math]::Round($clock.Elapsed.TotalSeconds, 1)
        RowsPerSec        = [math]::Round($rows.Count / $clock.Elapsed.TotalSeconds, 2)
        Status429         = @($contacts | Where-Object status -eq 429).Count
        Expired401        = @($log | Where-Object fault -eq 'tokenExpired').Count
        LocationTokens    = ($perLocation -join ' / ')
        MinLocationTokens = ($perLocation | Measure-Object -Minimum).Minimum
        # Renewals per location: every /oauth/locationToken call after the first.
        Renewals          = (@($perLocation | ForEach-Object { [math]::Max(0, $_ - 1) }) -join ' / ')
        MinRenewals       = [math]::Max(0, ($perLocation | Measure-Object -Minimum).Minimum - 1)
        # Rows whose error was an expired or refused token (a 401 the module could not renew its way past).
        FailedByExpiry    = @($failed | Where-Object { $_.FullyQualifiedErrorId -like 'ContactsApiUnauthorized*' -or $_.FullyQualifiedErrorId -like 'ContactsApiTokenInvalid*' }).Count
        AgencyRefreshes   = @($log | Where-Object path -eq '/oauth/token').Count
    }
    Write-Host ("   {0}: {1} s, {2} rows/s, {3} created, {4} failed ({5} by expiry), {6} x 429, {7} x 401 (expired, renewed), location renewals {8}, agency refreshes {9}" -f
        $result.Run, $result.WallSeconds, $result.RowsPerSec, $result.Created, $result.Failed, $result.FailedByExpiry, $result.Status429, $result.Expired401,
        $result.Renewals, $result.AgencyRefreshes)
    $result
}

try {
    Write-Host "== Agency: $($locations.Count) locations x $RowsPerLocation rows, tokens live $TokenLifetimeSeconds s" -ForegroundColor Cyan
    $together = Measure-Run 'one Import-Csv | New-Contact over 4 locations' {
        param($failed)
        $rows | New-Contact -ThrottleLimit 10 -LocationThrottleLimit 4 -ErrorAction SilentlyContinue -ErrorVariable +failed
    }
    $oneByOne = Measure-Run 'location by location (4 runs)' {
        param($failed)
        foreach ($location in $locations) {
            $rows | Where-Object LocationId -eq $location | New-Contact -ThrottleLimit 10 -ErrorAction SilentlyContinue -ErrorVariable +failed
        }
    }
}
finally {
    Disconnect-ContactsApi
    Stop-ContactsEmulator -Emulator $emu
}

$ratio = $together.RowsPerSec / $oneByOne.RowsPerSec
$lines = [System.Collections.Generic.List[string]]::new()
$lines.Add('')
$lines.Add("## Agency: $($locations.Count) locations x $RowsPerLocation rows, 100 req / 10 s per location, tokens live $TokenLifetimeSeconds s")
$lines.Add('')
$lines.Add("Written by bench/Measure-AgencyImport.ps1 on $([DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm')) UTC (latency 100 ms +- 30 ms).")
$lines.Add('')
$lines.Add('Target: one run >= 3.6x the location-by-location rows/s, 0 x 429, every location renews its token at least twice, 0 requests failed by expiry.')
$lines.Add('')
$lines.Add('| run | rows | created | failed | failed by expiry | wall s | rows/s | 429s | 401 (expired token, renewed) | /oauth/locationToken calls per location | renewals per location | agency refreshes |')
$lines.Add('|---|---|---|---|---|---|---|---|---|---|---|---|')
foreach ($r in $together, $oneByOne) {
    $lines.Add("| $($r.Run -replace '\|', '\|') | $($r.Rows) | $($r.Created) | $($r.Failed) | $($r.FailedByExpiry) | $($r.WallSeconds) | $($r.RowsPerSec) | $($r.Status429) | $($r.Expired401) | $($r.LocationTokens) | $($r.Renewals) | $($r.AgencyRefreshes) |")
}
$lines.Add('')
$lines.Add(('Measured: {0:0.00}x the location-by-location rows/s; {1} x 429; fewest location-token calls for one location: {2} (the first and {3} renewals); {4} rows failed.' -f
    $ratio, ($together.Status429 + $oneByOne.Status429), $together.MinLocationTokens, ($together.MinLocationTokens - 1), ($together.Failed + $oneByOne.Failed)))
$targets = [ordered]@{
    ('>= 3.6x the location-by-location rows/s ({0:0.00}x)' -f $ratio)                                             = $ratio -ge 3.6
    ('0 x 429 ({0})' -f ($together.Status429 + $oneByOne.Status429))                                               = ($together.Status429 + $oneByOne.Status429) -eq 0
    ('every location renews at least twice in each run (fewest: {0} and {1})' -f $together.MinRenewals, $oneByOne.MinRenewals) = $together.MinRenewals -ge 2 -and $oneByOne.MinRenewals -ge 2
    ('0 requests failed by expiry ({0})' -f ($together.FailedByExpiry + $oneByOne.FailedByExpiry))                 = ($together.FailedByExpiry + $oneByOne.FailedByExpiry) -eq 0
    ('0 rows failed ({0})' -f ($together.Failed + $oneByOne.Failed))                                                = ($together.Failed + $oneByOne.Failed) -eq 0
}
$lines.Add('')
foreach ($target in $targets.GetEnumerator()) { $lines.Add(('- {0}: {1}' -f $target.Key, $(if ($target.Value) { 'met' } else { 'NOT met' }))) }
[System.IO.File]::AppendAllLines($ResultsPath, $lines)
foreach ($target in $targets.GetEnumerator()) {
    Write-Host ('   {0}: {1}' -f $target.Key, $(if ($target.Value) { 'met' } else { 'NOT met' })) -ForegroundColor $(if ($target.Value) { 'Green' } else { 'Red' })
}
Write-Host ("Agency: {0:0.00}x; results appended to {1}" -f $ratio, $ResultsPath)
