<#
.SYNOPSIS
    Benchmarks Import-Csv | New-Contact against the naive Invoke-RestMethod loop and writes bench/RESULTS.md.
.DESCRIPTION
    Each scenario generates one CSV, starts the bundled emulator with the scenario's latency, rate limit and
    faults, and runs both the module and the naive loop on the same file against the same settings, each in a
    fresh pwsh process (Measure-Import.ps1). The emulator's counters (/__emulator/stats) give requests, 429s,
    contacts created and duplicates; lost rows are the file's rows that no contact holds.
    Not part of the test run: speed is measured here, never asserted in tests.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Bench
.EXAMPLE
    ./bench/Invoke-Benchmark.ps1 -Scenario 2,3      # after a build
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 4)] [int[]] $Scenario = @(1, 2, 3, 4),
    [string] $ResultsPath = (Join-Path $PSScriptRoot 'RESULTS.md'),
    # Skip the naive loop in the 100,000-row scenario (it takes several minutes and only restates scenario 2).
    [switch] $SkipNaiveMemory
)

$ErrorActionPreference = 'Stop'
$root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
Import-Module (Join-Path $root 'tests/Pester/EmulatorHarness.psm1') -Force
$work = Join-Path $PSScriptRoot 'work'
$null = New-Item -ItemType Directory -Path $work -Force
$unlimited = 100000000

$scenarios = @(
    [pscustomobject]@{ Id = 1; Name = 'Real-world: 150 ms +- 50 ms, 100 req / 10 s'; Rows = 600
        Config = @{ latencyMs = 150; latencyJitterMs = 50; burstLimit = 100; burstWindowMs = 10000; seed = 1 }
        Target = '>= 9.5 rows/s (95% of the rate-limit ceiling), no 429 after the first window; naive bound by latency' }
    [pscustomobject]@{ Id = 2; Name = 'Client overhead: no latency, no limit'; Rows = 5000
        Config = @{ burstLimit = $unlimited; burstWindowMs = 10000; seed = 2 }
        Target = '>= 3x the naive rows/s, lower CPU per row' }
    [pscustomobject]@{ Id = 3; Name = 'Faults: 10% 5xx, 5% dropped after store'; Rows = 2000
        Config = @{ burstLimit = $unlimited; burstWindowMs = 10000; errorRate = 0.10; dropAfterStoreRate = 0.05; seed = 3 }
        Target = 'exactly 2,000 contacts, none twice, no row missing or failed; >= 104 rows/s (3x the 34.8 rows/s of version 0.1)' }
    [pscustomobject]@{ Id = 4; Name = 'Memory: no latency, no limit'; Rows = 100000
        Config = @{ burstLimit = $unlimited; burstWindowMs = 10000; requestLogLimit = 1000; seed = 4 }
        Target = 'peak working set flat, well under 200 MB' }
) | Where-Object { $Scenario -contains $_.Id }

function Invoke-Measurement {
    param($Emulator, [string] $Mode, [string] $Csv, [int] $Rows)
    Reset-ContactsEmulator -Emulator $Emulator
    $resultFile = Join-Path $work "result-$Mode.json"
    Remove-Item $resultFile -ErrorAction SilentlyContinue
    $pwsh = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName
    $arguments = @('-NoProfile', '-File', (Join-Path $PSScriptRoot 'Measure-Import.ps1'), '-Mode', $Mode, '-CsvPath', $Csv,
        '-BaseUri', "$($Emulator.BaseUri)", '-Token', $Emulator.Token, '-LocationId', $Emulator.LocationId, '-ResultPath', $resultFile)
    # Under 'dotnet pwsh' the process is dotnet itself: run the same pwsh the same way.
    if ((Split-Path $pwsh -Leaf) -like 'dotnet*') { $arguments = @('pwsh') + $arguments }
    & $pwsh @arguments
    if ($LASTEXITCODE -ne 0) { throw "Measure-Import.ps1 -Mode $Mode failed with exit code $LASTEXITCODE." }
    $result = Get-Content $resultFile -Raw | ConvertFrom-Json
    $stats = Get-EmulatorStat -Emulator $Emulator
    $status429 = if ($stats.byStatus.PSObject.Properties['429']) { [int]$stats.byStatus.'429' } else { 0 }
    [pscustomobject]@{
        Variant      = if ($Mode -eq 'Module') { 'Import-Csv | New-Contact' } else { 'naive Invoke-RestMethod loop' }
        Rows         = $Rows
        WallSeconds  = [math]::Round($result.WallSeconds, 1)
        RowsPerSec   = [math]::Round($Rows / $result.WallSeconds, 1)
        CpuSeconds   = [math]::Round($result.CpuSeconds, 1)
        CpuMsPerRow  = [math]::Round(1000 * $result.CpuSeconds / $Rows, 2)
        PeakMB       = $result.PeakWorkingSetMB
        Requests     = [int]$stats.requests
        Status429    = $status429
        Created      = [int]$stats.contacts
        Duplicates   = [int]$stats.contacts - [int]$stats.distinctEmails
        Lost         = $Rows - [int]$stats.distinctEmails
        RowsFailed   = [int]$result.RowsFailed
    }
}

$results = foreach ($s in $scenarios) {
    Write-Host "== Scenario $($s.Id): $($s.Name), $($s.Rows) rows" -ForegroundColor Cyan
    $csv = Join-Path $work "contacts-$($s.Rows).csv"
    if (-not (Test-Path $csv)) { $null = & (Join-Path $PSScriptRoot 'New-ContactCsv.ps1') -Count $s.Rows -Path $csv }
    $emulator = Start-ContactsEmulator -Config $s.Config
    try {
        if ($s.Id -ne 1) {
            # The emulator stands in for HighLevel's servers, whose warm-up is no part of a client's cost: warm its
            # code paths (both clients' requests) before measuring. Scenario 1 is bound by latency, not CPU.
            Write-Host '   warming up the emulator'
            $warmCsv = Join-Path $work 'contacts-warmup-1000.csv'
            if (-not (Test-Path $warmCsv)) { $null = & (Join-Path $PSScriptRoot 'New-ContactCsv.ps1') -Count 1000 -Path $warmCsv -Seed 99 }
            foreach ($mode in 'Module', 'Naive') {
                $null = Set-EmulatorConfig -Emulator $emulator -Config @{ errorRate = 0; dropAfterStoreRate = 0 }
                $null = Invoke-Measurement -Emulator $emulator -Mode $mode -Csv $warmCsv -Rows 1000
            }
        }
        foreach ($mode in 'Module', 'Naive') {
            if ($mode -eq 'Naive' -and $s.Id -eq 4 -and $SkipNaiveMemory) { continue }
            $m = Invoke-Measurement -Emulator $emulator -Mode $mode -Csv $csv -Rows $s.Rows
            $m | Add-Member -NotePropertyName Scenario -NotePropertyValue $s -PassThru
            Write-Host ("   {0}: {1} s, {2} rows/s, CPU {3} s, peak {4} MB, {5} requests, {6} x 429, {7} created, {8} duplicates, {9} lost" -f
                $m.Variant, $m.WallSeconds, $m.RowsPerSec, $m.CpuSeconds, $m.PeakMB, $m.Requests, $m.Status429, $m.Created, $m.Duplicates, $m.Lost)
        }
    }
    finally {
        Stop-ContactsEmulator -Emulator $emulator
    }
}

$cpu = (Get-Content /proc/cpuinfo -ErrorAction SilentlyContinue | Where-Object { $_ -like 'model name*' } | Select-Object -First 1) -replace '^model name\s*:\s*', ''
$machine = '{0} cores, {1}; {2}; PowerShell {3}; .NET {4}' -f [Environment]::ProcessorCount, ($cpu ? $cpu : 'unknown CPU'),
    [System.Runtime.InteropServices.RuntimeInformation]::OSDescription, $PSVersionTable.PSVersion, [Environment]::Version
$lines = [System.Collections.Generic.List[string]]::new()
$lines.Add('# Benchmark results')
$lines.Add('')
$lines.Add("Written by ``build.ps1 -Task Bench`` (bench/Invoke-Benchmark.ps1) on $([DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm')) UTC.")
$lines.Add('')
$lines.Add("Machine: $machine. The emulator runs on the same machine and shares its cores.")
$lines.Add('')
foreach ($s in $scenarios) {
    $lines.Add("## $($s.Id). $($s.Name), $($s.Rows) rows")
    $lines.Add('')
    $lines.Add("Target: $($s.Target).")
    $lines.Add('')
    $lines.Add('| variant | rows | wall s | rows/s | client CPU s | CPU ms/row | peak WS MB | requests | 429s | contacts created | duplicates | lost rows | rows failed |')
    $lines.Add('|---|---|---|---|---|---|---|---|---|---|---|---|---|')
    $mine = $null; $naive = $null
    foreach ($r in $results | Where-Object { $_.Scenario.Id -eq $s.Id }) {
        if ($r.Variant -like 'Import-Csv*') { $mine = $r } else { $naive = $r }
        $lines.Add("| $($r.Variant -replace '\|', '\|') | $($r.Rows) | $($r.WallSeconds) | $($r.RowsPerSec) | $($r.CpuSeconds) | $($r.CpuMsPerRow) | $($r.PeakMB) | $($r.Requests) | $($r.Status429) | $($r.Created) | $($r.Duplicates) | $($r.Lost) | $($r.RowsFailed) |")
    }
    $lines.Add('')
    if ($mine) {
        $verdict = switch ($s.Id) {
            1 { '{0} rows/s = {1:0}% of the 10 rows/s ceiling; {2} x 429' -f $mine.RowsPerSec, (10 * $mine.RowsPerSec), $mine.Status429 }
            2 { if ($naive) { '{0:0.00}x the naive rows/s; CPU per row {1} ms vs {2} ms' -f ($mine.RowsPerSec / $naive.RowsPerSec), $mine.CpuMsPerRow, $naive.CpuMsPerRow } }
            3 { '{0} contacts for {1} rows, {2} duplicates, {3} lost, {4} rows failed; {5} rows/s = {6:0.0}x the 34.8 rows/s of version 0.1' -f $mine.Created, $mine.Rows, $mine.Duplicates, $mine.Lost, $mine.RowsFailed, $mine.RowsPerSec, ($mine.RowsPerSec / 34.8) }
            4 { 'peak working set {0} MB for {1} rows (compare scenario 2: same process shape, fewer rows)' -f $mine.PeakMB, $mine.Rows }
        }
        if ($verdict) { $lines.Add("Measured: $verdict."); $lines.Add('') }
    }
}
$lines.Add('Columns: wall time and CPU cover the import only (not pwsh start-up or module import); peak WS is the')
$lines.Add('client process''s peak working set; requests, 429s, contacts and duplicates come from the emulator''s')
$lines.Add('counters; lost rows are rows of the file that no contact holds; rows failed are the errors the client reported.')
[System.IO.File]::WriteAllLines($ResultsPath, $lines)
Write-Host "Results: $ResultsPath"
