<#
.SYNOPSIS
    Runs one import of a CSV against an API server and reports wall time, client CPU and peak memory as JSON.
.DESCRIPTION
    Run in a process of its own (Invoke-Benchmark.ps1 starts one per measurement) so that CPU time and peak
    working set belong to this import alone.
    -Mode Module: Import-Csv | New-Contact (the module under test).
    -Mode Naive:  Import-Csv | ForEach-Object { Invoke-RestMethod -Method Post ... }, the loop an administrator
                  writes by hand: one request at a time, no retries. It sends the columns the API takes as they
                  are and leaves out Country (the file holds names such as "Germany" that the API refuses).
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [ValidateSet('Module', 'Naive')] [string] $Mode,
    [Parameter(Mandatory)] [string] $CsvPath,
    [Parameter(Mandatory)] [string] $BaseUri,
    [Parameter(Mandatory)] [string] $Token,
    [Parameter(Mandatory)] [string] $LocationId,
    [Parameter(Mandatory)] [string] $ResultPath,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/ContactsModule/ContactsModule.psd1'),
    [int] $ThrottleLimit = 10
)

$ErrorActionPreference = 'Stop'
$process = [System.Diagnostics.Process]::GetCurrentProcess()
$created = 0
$failed = 0

if ($Mode -eq 'Module') {
    Import-Module $ModulePath
    Connect-ContactsApi -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -LocationId $LocationId -BaseUri $BaseUri
}
else {
    $headers = @{ Authorization = "Bearer $Token"; Version = '2021-07-28'; Accept = 'application/json' }
    $uri = $BaseUri.TrimEnd('/') + '/contacts/'
}

$process.Refresh()
$cpuBefore = $process.TotalProcessorTime
$clock = [System.Diagnostics.Stopwatch]::StartNew()

if ($Mode -eq 'Module') {
    Import-Csv $CsvPath | New-Contact -ThrottleLimit $ThrottleLimit -ErrorVariable rowErrors -ErrorAction SilentlyContinue |
        ForEach-Object { $created++ }
    $failed = @($rowErrors).Count
}
else {
    Import-Csv $CsvPath | ForEach-Object {
        $body = @{
            locationId  = $LocationId
            firstName   = $_.FirstName
            lastName    = $_.LastName
            email       = $_.Email
            phone       = $_.Phone
            companyName = $_.CompanyName
            city        = $_.City
            source      = $_.Source
            tags        = @($_.Tags -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ })
        } | ConvertTo-Json
        try {
            $null = Invoke-RestMethod -Method Post -Uri $uri -Headers $headers -Body $body -ContentType 'application/json; charset=utf-8' -NoProxy
            $created++
        }
        catch {
            $failed++
        }
    }
}

$clock.Stop()
$process.Refresh()
[pscustomobject]@{
    Mode          = $Mode
    WallSeconds   = $clock.Elapsed.TotalSeconds
    CpuSeconds    = ($process.TotalProcessorTime - $cpuBefore).TotalSeconds
    PeakWorkingSetMB = [math]::Round($process.PeakWorkingSet64 / 1MB, 1)
    RowsOutput    = $created
    RowsFailed    = $failed
} | ConvertTo-Json | Set-Content -Path $ResultPath -Encoding utf8
