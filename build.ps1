<#
.SYNOPSIS
    Builds, tests, demonstrates, benchmarks and packages ContactsModule.
.DESCRIPTION
    Build   (default) compiles the module and lays it out in out/ContactsModule: manifest, DLL, format file,
            MAML help built from docs/, and the dependencies/ folder that Windows PowerShell 5.1 loads from.
    Test    builds the module and the local API emulator, runs the xUnit tests and every Pester test, and
            ends with one line "N passed, N failed". Exits non-zero on any failure.
    Demo    builds, starts the emulator, imports examples/contacts.csv with Import-Csv | New-Contact and
            shows the contacts created and the rows that failed.
    Bench   runs the benchmarks in bench/ and writes bench/RESULTS.md (not part of Test).
    Package publishes the built module as a .nupkg to a local file repository (out/repo) with PSResourceGet, and the
            API emulator beside it as the .NET tool package contacts-emulator.
    Clean   removes out/ and the build output.
.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Clean')]
    [string] $Task = 'Build',
    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',
    # Pester: run only the test files whose names contain one of these (e.g. 'NewContact'); xUnit is skipped.
    [string[]] $TestName
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
# 'pwsh ./build.ps1 -TestName A,B' passes "A,B" as one string: split it here.
if ($TestName) { $TestName = @($TestName | ForEach-Object { $_ -split ',' } | ForEach-Object Trim | Where-Object { $_ }) }
$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'ContactsModule'

# A simple (not advanced) function, so that dotnet switches such as -v q are passed through untouched.
function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Write-Host '== Build: module' -ForegroundColor Cyan
    Invoke-Dotnet build (Join-Path $Root 'src/ContactsModule/ContactsModule.csproj') -c $Configuration -nologo -v q
    $bin = Join-Path $Root "src/ContactsModule/bin/$Configuration/netstandard2.0"

    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    $dependencies = New-Item -ItemType Directory -Path (Join-Path $ModuleOut 'dependencies') -Force
    Copy-Item (Join-Path $Root 'ContactsModule.psd1') $ModuleOut
    Copy-Item (Join-Path $Root 'src/ContactsModule/Formats/ContactsModule.format.ps1xml') $ModuleOut
    Copy-Item (Join-Path $Root 'src/ContactsModule/Types/ContactsModule.types.ps1xml') $ModuleOut
    Copy-Item (Join-Path $bin 'ContactsModule.dll'), (Join-Path $bin 'ContactsModule.pdb') $ModuleOut
    # Everything else the DLL needs goes to dependencies/, which the module's resolver loads from only when the
    # host has no copy of its own (Windows PowerShell 5.1). PowerShell's own assemblies are never shipped.
    Get-ChildItem $bin -Filter *.dll |
        Where-Object { $_.Name -ne 'ContactsModule.dll' -and $_.Name -notlike 'System.Management.Automation*' } |
        Copy-Item -Destination $dependencies
    foreach ($extra in 'LICENSE', 'CHANGELOG.md') {
        $path = Join-Path $Root $extra
        if (Test-Path $path) { Copy-Item $path $ModuleOut }
    }

    $docs = Join-Path $Root 'docs'
    if (Get-ChildItem $docs -Filter '*.md' -ErrorAction SilentlyContinue) {
        Write-Host '== Build: help (docs/*.md -> MAML)' -ForegroundColor Cyan
        Import-Module (Join-Path $Root 'build/HelpBuilder.psm1') -Force
        $culture = New-Item -ItemType Directory -Path (Join-Path $ModuleOut 'en-US') -Force
        $cmdletDocs = @(Get-ChildItem $docs -Filter '*.md' | Where-Object Name -NotLike 'about_*')
        if ($cmdletDocs) {
            $null = ConvertTo-MamlHelp -MarkdownPath $docs -OutputPath (Join-Path $culture 'ContactsModule.dll-Help.xml') -ModuleName ContactsModule
        }
        foreach ($about in Get-ChildItem $docs -Filter 'about_*.md') {
            $null = ConvertTo-AboutHelp -Path $about.FullName -OutputPath $culture
        }
    }
    Write-Host "Module ready: $ModuleOut"
}

function Invoke-EmulatorBuild {
    Write-Host '== Build: API emulator' -ForegroundColor Cyan
    Invoke-Dotnet build (Join-Path $Root 'tests/Emulator/ContactsEmulator.csproj') -c Release -nologo -v q
}

function Get-PesterModulePath {
    $installed = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.0' } |
        Sort-Object Version -Descending | Select-Object -First 1
    if ($installed) { return $installed.Path }
    Write-Host '== Restoring Pester 6.2.0 from NuGet' -ForegroundColor Cyan
    Invoke-Dotnet restore (Join-Path $Root 'build/TestTools.csproj') -nologo -v q
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $path = Join-Path $packages 'pester/6.2.0/tools/Pester.psd1'
    if (-not (Test-Path $path)) { throw "Pester was restored but not found at $path." }
    return $path
}

function Invoke-UnitTests {
    Write-Host '== Test: xUnit' -ForegroundColor Cyan
    $results = Join-Path $Out 'TestResults'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    & dotnet test (Join-Path $Root 'tests/Unit/ContactsModule.Tests.csproj') -c $Configuration -nologo -v q `
        --logger 'trx;LogFileName=unit.trx' --results-directory $results | Out-Host
    $trx = Get-ChildItem $results -Filter *.trx -Recurse -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $trx) {
        Write-Host 'xUnit produced no result file: counting the unit test run as one failure.' -ForegroundColor Red
        return [pscustomobject]@{ Passed = 0; Failed = 1 }
    }
    $counters = ([xml](Get-Content $trx.FullName -Raw)).TestRun.ResultSummary.Counters
    $failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    if ($LASTEXITCODE -ne 0 -and $failed -eq 0) { $failed = 1 }
    [pscustomobject]@{ Passed = [int]$counters.passed; Failed = $failed }
}

function Invoke-PesterTests {
    Write-Host '== Test: Pester' -ForegroundColor Cyan
    Import-Module (Get-PesterModulePath) -MinimumVersion 5.0 -Force
    $config = New-PesterConfiguration
    $config.Run.Path = if ($TestName) {
        @(Get-ChildItem (Join-Path $Root 'tests/Pester') -Filter '*.Tests.ps1' |
            Where-Object { $file = $_.Name; $TestName | Where-Object { $file -like "*$_*" } } |
            ForEach-Object FullName)
    } else { Join-Path $Root 'tests/Pester' }
    $config.Run.PassThru = $true
    $config.Output.Verbosity = 'Normal'
    try {
        $result = Invoke-Pester -Configuration $config
    }
    catch {
        Write-Host "Pester itself failed: $_" -ForegroundColor Red
        $result = $null
    }
    if (-not $result -or -not $result.PSObject.Properties['FailedCount']) {
        Write-Host 'Pester returned no result: counting the Pester run as one failure.' -ForegroundColor Red
        return [pscustomobject]@{ Passed = 0; Failed = 1 }
    }
    $failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    [pscustomobject]@{ Passed = $result.PassedCount; Failed = $failed }
}

function Invoke-Test {
    Invoke-Build
    Invoke-EmulatorBuild
    $unit = if ($TestName) { [pscustomobject]@{ Passed = 0; Failed = 0 } } else { Invoke-UnitTests }
    $pester = Invoke-PesterTests
    $passed = $unit.Passed + $pester.Passed
    $failed = $unit.Failed + $pester.Failed
    Write-Host "xUnit: $($unit.Passed) passed, $($unit.Failed) failed; Pester: $($pester.Passed) passed, $($pester.Failed) failed"
    Write-Output "$passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    Invoke-EmulatorBuild
    Import-Module (Join-Path $Root 'tests/Pester/EmulatorHarness.psm1') -Force
    Import-Module $ModuleOut -Force
    $emulator = Start-ContactsEmulator
    try {
        Write-Host "== Demo: HighLevel emulator at $($emulator.BaseUri)" -ForegroundColor Cyan
        $token = ConvertTo-SecureString $emulator.Token -AsPlainText -Force
        Connect-ContactsApi -Token $token -LocationId $emulator.LocationId -BaseUri $emulator.BaseUri
        $csv = Join-Path $Root 'examples/contacts.csv'
        Write-Host "== Import-Csv $csv | New-Contact -DefaultCountry US" -ForegroundColor Cyan
        $created = Import-Csv $csv | New-Contact -DefaultCountry US -ErrorVariable failed -ErrorAction SilentlyContinue
        $created | Format-Table -AutoSize | Out-Host
        Write-Host "$(@($created).Count) contacts created; $(@($failed).Count) rows failed:" -ForegroundColor Cyan
        foreach ($record in $failed) {
            Write-Host ("  [{0}] {1}" -f $record.FullyQualifiedErrorId.Split(',')[0], $record.ErrorDetails.Message)
        }
        Write-Host "Re-run just the failed rows after fixing them: `$failed.TargetObject | Export-Csv failed.csv"
    }
    finally {
        Disconnect-ContactsApi
        Stop-ContactsEmulator -Emulator $emulator
    }
}

function Invoke-Bench {
    Invoke-Build
    Invoke-EmulatorBuild
    & (Join-Path $Root 'bench/Invoke-Benchmark.ps1')
    # Appends the agency section (4 locations, OAuth tokens) to the RESULTS.md the line above wrote.
    & (Join-Path $Root 'bench/Measure-AgencyImport.ps1')
}

function Invoke-Package {
    # Publishes out/ContactsModule as ContactsModule.<version>.nupkg into out/repo, a local file repository that
    # Install-PSResource / Save-PSResource read (register it under any name, or pass its path to a temp registration).
    # Compress-PSResource (PSResourceGet 1.1+, bundled with pwsh 7.6) validates the manifest and writes the same
    # package Publish-PSResource would push, without registering a repository: nothing is left in the user's
    # PSResourceGet configuration, even when the build is interrupted.
    Invoke-Build
    Write-Host '== Package: PSResourceGet' -ForegroundColor Cyan
    if (-not (Get-Command Compress-PSResource -ErrorAction SilentlyContinue)) {
        Import-Module Microsoft.PowerShell.PSResourceGet -MinimumVersion 1.1.0 -ErrorAction Stop
    }
    $repo = Join-Path $Out 'repo'
    if (Test-Path $repo) { Remove-Item $repo -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $repo -Force
    $version = (Import-PowerShellDataFile (Join-Path $ModuleOut 'ContactsModule.psd1')).ModuleVersion
    Compress-PSResource -Path $ModuleOut -DestinationPath $repo
    $package = Join-Path $repo "ContactsModule.$version.nupkg"
    if (-not (Test-Path $package)) { throw "Compress-PSResource did not write $package." }
    Write-Host "Package: $package"
    # The emulator as a .NET tool beside it: dotnet tool install --tool-path <dir> --add-source out/repo contacts-emulator
    Write-Host '== Package: API emulator (.NET tool contacts-emulator)' -ForegroundColor Cyan
    Invoke-Dotnet pack (Join-Path $Root 'tests/Emulator/ContactsEmulator.csproj') -c Release -o $repo -nologo -v q
    $tool = Get-ChildItem $repo -Filter 'contacts-emulator.*.nupkg' | Select-Object -First 1
    if (-not $tool) { throw "dotnet pack did not write contacts-emulator.<version>.nupkg into $repo." }
    Write-Host "Emulator tool: $($tool.FullName)"
    Write-Host "Install: Register-PSResourceRepository -Name ContactsModuleLocal -Uri '$repo' -Trusted; Install-PSResource ContactsModule -Repository ContactsModuleLocal"
}

function Invoke-Clean {
    foreach ($path in $Out, (Join-Path $Root 'src/ContactsModule/bin'), (Join-Path $Root 'src/ContactsModule/obj')) {
        if (Test-Path $path) { Remove-Item $path -Recurse -Force }
    }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Bench' { Invoke-Bench }
    'Package' { Invoke-Package }
    'Clean' { Invoke-Clean }
}
