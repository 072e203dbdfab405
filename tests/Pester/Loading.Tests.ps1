# The built module loads in a fresh pwsh, and still works when another copy or version of System.Text.Json or of its
# dependencies was loaded into the process first (as another module would), in the spirit of Microsoft.Graph's
# test/AssemblyIsolation.Tests.ps1. Every case runs in its own child pwsh, because assemblies cannot be unloaded:
# preload, Import-Module, create a contact against the local API emulator and read it back (JSON both ways).
# On PowerShell 7 (.NET), Assembly.LoadFrom of an older System.Text.Json, System.Text.Encodings.Web or
# Microsoft.Bcl.AsyncInterfaces into the default context is unified to the host's newer copy (the runtime returns the
# platform assembly); only another AssemblyLoadContext really puts a second version beside it. Both are tested.
# Windows PowerShell 5.1 cannot run here; its resolver is covered by tests/Unit/Hosting. Pester 5 syntax.
BeforeDiscovery {
    $Packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    # Other builds of the module's dependencies, from the NuGet cache the build restored (nothing is downloaded).
    $Candidates = @(
        @{ Case = 'the NuGet System.Text.Json 8.0.x (netstandard2.0) loaded with LoadFrom'; Paths = @(Get-ChildItem (Join-Path $Packages 'system.text.json/8.0.*/lib/netstandard2.0/System.Text.Json.dll') -ErrorAction SilentlyContinue | Select-Object -Last 1 -ExpandProperty FullName); Mode = 'LoadFrom' }
        @{ Case = 'the NuGet System.Text.Json 8.0.x (net8.0) loaded with LoadFrom'; Paths = @(Get-ChildItem (Join-Path $Packages 'system.text.json/8.0.*/lib/net8.0/System.Text.Json.dll') -ErrorAction SilentlyContinue | Select-Object -Last 1 -ExpandProperty FullName); Mode = 'LoadFrom' }
        @{ Case = 'System.Text.Encodings.Web 8.0 loaded with LoadFrom'; Paths = @(Get-ChildItem (Join-Path $Packages 'system.text.encodings.web/8.0.*/lib/netstandard2.0/System.Text.Encodings.Web.dll') -ErrorAction SilentlyContinue | Select-Object -Last 1 -ExpandProperty FullName); Mode = 'LoadFrom' }
        @{ Case = 'Microsoft.Bcl.AsyncInterfaces 8.0 (older than pwsh''s) loaded with LoadFrom'; Paths = @(Get-ChildItem (Join-Path $Packages 'microsoft.bcl.asyncinterfaces/8.0.*/lib/netstandard2.0/Microsoft.Bcl.AsyncInterfaces.dll') -ErrorAction SilentlyContinue | Select-Object -Last 1 -ExpandProperty FullName); Mode = 'LoadFrom' }
        @{ Case = 'System.Memory 4.5.x (older than the shipped one) loaded with LoadFrom'; Paths = @(Get-ChildItem (Join-Path $Packages 'system.memory/4.5.*/lib/netstandard2.0/System.Memory.dll') -ErrorAction SilentlyContinue | Select-Object -Last 1 -ExpandProperty FullName); Mode = 'LoadFrom' }
        @{ Case = 'System.Text.Json 8.0 and all its dependencies loaded with LoadFrom, as a 5.1-style module ships them'; Paths = @('Microsoft.Bcl.AsyncInterfaces', 'System.Text.Encodings.Web', 'System.Text.Json' | ForEach-Object { $name = $_; Get-ChildItem (Join-Path $Packages "$($name.ToLowerInvariant())/8.0.*/lib/netstandard2.0/$name.dll") -ErrorAction SilentlyContinue | Select-Object -Last 1 -ExpandProperty FullName }); Mode = 'LoadFrom' }
        @{ Case = 'System.Text.Json 8.0 loaded by another module into its own AssemblyLoadContext'; Paths = @(Get-ChildItem (Join-Path $Packages 'system.text.json/8.0.*/lib/net8.0/System.Text.Json.dll') -ErrorAction SilentlyContinue | Select-Object -Last 1 -ExpandProperty FullName); Mode = 'IsolatedContext' }
    )
    $Conflicts = @($Candidates | Where-Object { @($_.Paths | Where-Object { $_ }).Count -gt 0 })
}

BeforeAll {
    Set-StrictMode -Version Latest
    $script:RepoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).ProviderPath
    $script:ModuleDir = Join-Path $RepoRoot 'out/ContactsModule'
    Import-Module (Join-Path $RepoRoot 'tests/Pester/EmulatorHarness.psm1') -Force
    $script:Emulator = Start-ContactsEmulator
    $script:ProbeNumber = 0

    $script:ProbeScript = Join-Path $TestDrive 'Invoke-LoadProbe.ps1'
    Set-Content -LiteralPath $ProbeScript -Encoding utf8 -Value @'
param([string] $ModuleDir, [string] $BaseUri, [string] $Token, [string] $LocationId, [string] $Mode = 'None', [string[]] $Preload = @(), [switch] $Reimport, [int] $Number)
$ErrorActionPreference = 'Stop'
$Preload = @($Preload | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
$preloaded = foreach ($path in $Preload) {
    # A copy in a folder of its own, as another module would have it.
    $folder = Join-Path ([System.IO.Path]::GetTempPath()) ('preload-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $folder
    $copy = Join-Path $folder (Split-Path -Leaf $path)
    Copy-Item -LiteralPath $path -Destination $copy
    try {
        $assembly = if ($Mode -eq 'IsolatedContext') {
            [System.Runtime.Loader.AssemblyLoadContext]::new('OtherModule', $false).LoadFromAssemblyPath($copy)
        } else { [System.Reflection.Assembly]::LoadFrom($copy) }
        [pscustomobject]@{ Path = $copy; Loaded = "$($assembly.GetName().Name) $($assembly.GetName().Version) from $($assembly.Location)"; Error = $null }
    }
    catch { [pscustomobject]@{ Path = $copy; Loaded = $null; Error = $_.Exception.GetBaseException().Message } }
}
Import-Module $ModuleDir
if ($Reimport) {
    Remove-Module ContactsModule
    Import-Module $ModuleDir -Force
}
$secure = ConvertTo-SecureString $Token -AsPlainText -Force
Connect-ContactsApi -Token $secure -LocationId $LocationId -BaseUri $BaseUri
$email = 'load-{0}@example.com' -f [guid]::NewGuid().ToString('N')
$row = [pscustomobject]@{ 'First Name' = 'Load'; 'Last Name' = 'Test'; 'E-mail' = $email; Phone = '(555) 010-{0:D4}' -f $Number; Country = 'USA'; 'Time Zone' = 'Eastern Standard Time'; Tags = 'a, b' }
$created = $row | New-Contact
$read = Get-Contact -Id $created.Id
$names = 'System.Text.Json', 'System.Text.Encodings.Web', 'Microsoft.Bcl.AsyncInterfaces', 'System.Memory', 'PhoneNumbers', 'TimeZoneConverter', 'ContactsModule'
[pscustomobject]@{
    Preloaded  = @($preloaded)
    CreatedId  = $created.Id
    ReadEmail  = $read.Email
    Phone      = $read.Phone
    Timezone   = $read.Timezone
    Tags       = @($read.Tags)
    Assemblies = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -in $names } |
            ForEach-Object { [pscustomobject]@{ Name = $_.GetName().Name; Version = [string] $_.GetName().Version; Location = $_.Location } })
    Email      = $email
} | ConvertTo-Json -Depth 5
'@

    # Runs the probe in a child pwsh (the same pwsh as this one) and returns its result object.
    function Invoke-LoadProbe {
        param([string] $Mode = 'None', [string[]] $Preload = @(), [switch] $Reimport)
        # Each probe creates a contact with its own phone number: the emulator refuses duplicates, as HighLevel does.
        $script:ProbeNumber++
        $exe = [System.Environment]::ProcessPath
        $arguments = @()
        if ([System.IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $arguments += Join-Path $PSHOME 'pwsh.dll' }
        $arguments += '-NoProfile', '-NonInteractive', '-File', $script:ProbeScript, '-ModuleDir', $script:ModuleDir,
        '-BaseUri', [string] $script:Emulator.BaseUri, '-Token', $script:Emulator.Token, '-LocationId', $script:Emulator.LocationId, '-Mode', $Mode, '-Number', $script:ProbeNumber
        if ($Preload) { $arguments += '-Preload'; $arguments += ($Preload -join ',') }
        if ($Reimport) { $arguments += '-Reimport' }
        $output = & $exe @arguments 2>&1
        if ($LASTEXITCODE -ne 0) { throw "Child pwsh failed ($LASTEXITCODE): $($output -join "`n")" }
        $result = ($output -join "`n") | ConvertFrom-Json
        $result | Add-Member -NotePropertyName ExpectedPhone -NotePropertyValue ('+1555010{0:D4}' -f $script:ProbeNumber)
        $result
    }
}

AfterAll {
    if ($script:Emulator) { Stop-ContactsEmulator -Emulator $script:Emulator }
}

Describe 'Loading the built module in a fresh pwsh' {
    BeforeAll {
        $script:Fresh = Invoke-LoadProbe
    }

    It 'imports, creates a contact and reads it back' {
        $Fresh.CreatedId | Should -Not -BeNullOrEmpty
        $Fresh.ReadEmail | Should -Be $Fresh.Email
        $Fresh.Phone | Should -Be $Fresh.ExpectedPhone
        $Fresh.Timezone | Should -Be 'America/New_York'
        $Fresh.Tags | Should -Be @('a', 'b')
    }

    It 'uses PowerShell''s own System.Text.Json and loads only its own libraries from dependencies/' {
        $json = @($Fresh.Assemblies | Where-Object Name -EQ 'System.Text.Json')
        $json.Count | Should -Be 1 -Because 'one System.Text.Json in the process'
        [version] $json[0].Version | Should -BeGreaterOrEqual ([version] '8.0.0.0')
        $json[0].Location | Should -Not -BeLike "$ModuleDir*" -Because 'on PowerShell 7.4+ the host''s newer copy is used'
        foreach ($name in 'PhoneNumbers', 'TimeZoneConverter') {
            ($Fresh.Assemblies | Where-Object Name -EQ $name).Location | Should -BeLike (Join-Path $ModuleDir 'dependencies*')
        }
    }

    It 'still works after Remove-Module and Import-Module -Force' {
        $again = Invoke-LoadProbe -Reimport
        $again.ReadEmail | Should -Be $again.Email
        $again.Phone | Should -Be $again.ExpectedPhone
    }
}

Describe 'Loading after <Case>' -ForEach $Conflicts {
    BeforeAll {
        $script:Result = Invoke-LoadProbe -Mode $Mode -Preload $Paths
    }

    It 'asked the runtime for the other copy before Import-Module' {
        @($Result.Preloaded).Count | Should -Be @($Paths).Count
        foreach ($item in $Result.Preloaded) { ($item.Loaded -or $item.Error) | Should -BeTrue -Because 'the preload either loaded something or failed' }
        if ($Mode -eq 'IsolatedContext') {
            @($Result.Assemblies | Where-Object Name -EQ 'System.Text.Json').Count | Should -Be 2 -Because 'the other module''s 8.0 copy sits beside the host''s'
        }
    }

    It 'imports, creates a contact and reads it back' {
        $Result.CreatedId | Should -Not -BeNullOrEmpty
        $Result.ReadEmail | Should -Be $Result.Email
        $Result.Phone | Should -Be $Result.ExpectedPhone
        $Result.Timezone | Should -Be 'America/New_York'
        $Result.Tags | Should -Be @('a', 'b')
    }

    It 'does not load the module''s shipped System.Text.Json on PowerShell 7' {
        @($Result.Assemblies | Where-Object { $_.Name -eq 'System.Text.Json' -and $_.Location -like "$ModuleDir*" }) | Should -BeNullOrEmpty
    }
}
