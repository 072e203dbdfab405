# The module manifest and the built module folder are ready to publish: Test-ModuleManifest passes on
# out/ContactsModule, the fields a gallery shows are filled in, the exports are explicit and match the DLL, and the
# files the manifest and the licence point at are there. Pester 5 syntax.
BeforeAll {
    Set-StrictMode -Version Latest
    $script:RepoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).ProviderPath
    $script:ModuleDir = Join-Path $RepoRoot 'out/ContactsModule'
    $script:ManifestPath = Join-Path $ModuleDir 'ContactsModule.psd1'
    if (-not (Test-Path -LiteralPath $ManifestPath)) { throw "The module is not built: run 'dotnet pwsh ./build.ps1' first." }
    $script:Data = Import-PowerShellDataFile -LiteralPath $ManifestPath
    $script:Dll = Join-Path $ModuleDir 'ContactsModule.dll'
    # The cmdlet classes of the DLL (the module's own types, as PowerShell loads them).
    $module = Import-Module $ModuleDir -Force -PassThru
    $script:CmdletsInDll = @($module.ImplementingAssembly.GetTypes() | Where-Object { $_.IsPublic -and -not $_.IsAbstract } | ForEach-Object {
            $attribute = [System.Attribute]::GetCustomAttribute($_, [System.Management.Automation.CmdletAttribute])
            if ($attribute) { '{0}-{1}' -f $attribute.VerbName, $attribute.NounName }
        } | Sort-Object)
    # The DLL's assembly references, read from its metadata.
    $stream = [System.IO.File]::OpenRead($Dll)
    try {
        $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
        $metadata = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
        $script:References = @(foreach ($handle in $metadata.AssemblyReferences) { $metadata.GetString($metadata.GetAssemblyReference($handle).Name) })
        $pe.Dispose()
    }
    finally { $stream.Dispose() }
}

Describe 'ContactsModule.psd1' {
    It 'passes Test-ModuleManifest on the built module' {
        $info = Test-ModuleManifest -Path $ManifestPath -ErrorAction Stop
        $info.Name | Should -Be 'ContactsModule'
        $info.Version | Should -Be ([version] $Data.ModuleVersion)
    }

    It 'is the same file as the manifest in the repository root' {
        (Get-FileHash -LiteralPath $ManifestPath).Hash | Should -Be (Get-FileHash -LiteralPath (Join-Path $RepoRoot 'ContactsModule.psd1')).Hash
    }

    It 'has a version that matches the DLL''s assembly version' {
        $assemblyVersion = [System.Reflection.AssemblyName]::GetAssemblyName($Dll).Version
        [version] $Data.ModuleVersion | Should -Be ([version]::new($assemblyVersion.Major, $assemblyVersion.Minor, $assemblyVersion.Build))
    }

    It 'has a real GUID, an author and a description' {
        [guid] $Data.GUID | Should -Not -Be ([guid]::Empty)
        $Data.Author | Should -Not -BeNullOrEmpty
        $Data.Copyright | Should -Not -BeNullOrEmpty
        $Data.Description.Length | Should -BeGreaterThan 50
        $Data.Description.Length | Should -BeLessThan 4000
    }

    It 'runs on Windows PowerShell 5.1 and PowerShell 7 (Core and Desktop)' {
        $Data.CompatiblePSEditions | Sort-Object | Should -Be @('Core', 'Desktop')
        [version] $Data.PowerShellVersion | Should -Be ([version] '5.1')
        $Data.RootModule | Should -Be 'ContactsModule.dll'
    }

    It 'exports cmdlets explicitly, without wildcards, and nothing else' {
        $Data.CmdletsToExport | Should -Not -BeNullOrEmpty
        @($Data.CmdletsToExport | Where-Object { $_ -match '[*?]' }) | Should -BeNullOrEmpty
        foreach ($key in 'FunctionsToExport', 'VariablesToExport', 'AliasesToExport') {
            $Data.ContainsKey($key) | Should -BeTrue -Because "$key should be an explicit empty list (a missing entry means '*')"
            @($Data[$key]).Count | Should -Be 0
        }
    }

    It 'exports exactly the cmdlet classes of the DLL' {
        $CmdletsInDll | Should -Not -BeNullOrEmpty
        @($Data.CmdletsToExport | Sort-Object) | Should -Be @($CmdletsInDll)
    }

    It 'names format files that exist and are valid XML' {
        $Data.FormatsToProcess | Should -Not -BeNullOrEmpty
        foreach ($format in $Data.FormatsToProcess) {
            $path = Join-Path $ModuleDir $format
            Test-Path -LiteralPath $path | Should -BeTrue
            { [xml] (Get-Content -LiteralPath $path -Raw) } | Should -Not -Throw
        }
    }

    It 'has the gallery metadata: tags, project and licence links, release notes' {
        $psData = $Data.PrivateData.PSData
        $psData.Tags | Should -Not -BeNullOrEmpty
        @($psData.Tags | Where-Object { $_ -match '\s' }) | Should -BeNullOrEmpty -Because 'gallery tags cannot contain spaces'
        $psData.Tags | Should -Contain 'PSEdition_Core'
        $psData.Tags | Should -Contain 'PSEdition_Desktop'
        foreach ($key in 'ProjectUri', 'LicenseUri') {
            $uri = [uri] $psData[$key]
            $uri.IsAbsoluteUri | Should -BeTrue
            $uri.Scheme | Should -Be 'https'
        }
        $psData.ReleaseNotes | Should -Match ([regex]::Escape($Data.ModuleVersion))
    }
}

Describe 'Files shipped with the module' {
    It 'includes an MIT LICENSE' {
        $license = Join-Path $ModuleDir 'LICENSE'
        Test-Path -LiteralPath $license | Should -BeTrue
        $text = Get-Content -LiteralPath $license -Raw
        $text | Should -Match '^MIT License'
        $text | Should -Match 'Permission is hereby granted, free of charge'
        $Data.Copyright | Should -Match 'MIT'
    }

    It 'includes a CHANGELOG with a section for this version' {
        $changelog = Join-Path $ModuleDir 'CHANGELOG.md'
        Test-Path -LiteralPath $changelog | Should -BeTrue
        Get-Content -LiteralPath $changelog -Raw | Should -Match "(?m)^## \[$([regex]::Escape($Data.ModuleVersion))\]"
    }

    It 'includes the compiled help and the about topic' {
        Test-Path -LiteralPath (Join-Path $ModuleDir 'en-US/ContactsModule.dll-Help.xml') | Should -BeTrue
        Test-Path -LiteralPath (Join-Path $ModuleDir 'en-US/about_ContactsModule.help.txt') | Should -BeTrue
    }

    It 'ships every dependency of the DLL in dependencies/, and no PowerShell assembly' {
        $dependencies = @(Get-ChildItem -LiteralPath (Join-Path $ModuleDir 'dependencies') -Filter *.dll | ForEach-Object BaseName)
        foreach ($name in 'System.Text.Json', 'System.Text.Encodings.Web', 'Microsoft.Bcl.AsyncInterfaces', 'System.Memory',
            'System.Buffers', 'System.Runtime.CompilerServices.Unsafe', 'System.Threading.Tasks.Extensions', 'PhoneNumbers', 'TimeZoneConverter') {
            $dependencies | Should -Contain $name
        }
        @($dependencies | Where-Object { $_ -like 'System.Management.Automation*' }) | Should -BeNullOrEmpty
        Get-ChildItem -LiteralPath $ModuleDir -Filter *.dll | ForEach-Object Name | Should -Be @('ContactsModule.dll') -Because 'only the module DLL sits beside the manifest'
    }

    It 'references only assemblies that .NET Framework 4.7.2 or dependencies/ provide (Windows PowerShell 5.1)' {
        $references = @($References)
        $references | Should -Not -BeNullOrEmpty
        $shipped = @(Get-ChildItem -LiteralPath (Join-Path $ModuleDir 'dependencies') -Filter *.dll | ForEach-Object BaseName)
        $framework = 'netstandard', 'mscorlib', 'System', 'System.Core', 'System.Management.Automation', 'System.Net.Http', 'System.Numerics', 'System.Xml', 'System.Runtime'
        foreach ($reference in $references) {
            ($reference -in $shipped -or $reference -in $framework) | Should -BeTrue -Because "$reference must be shipped in dependencies/ or be part of .NET Framework"
        }
    }
}
