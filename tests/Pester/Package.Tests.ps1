# build.ps1 -Task Package writes a PSResourceGet package to out/repo, leaving no registered repository behind, and
# that package installs into a fresh pwsh (a child process whose CurrentUser scope and PSResourceGet settings live in a
# temporary folder), imports by name and creates a contact against the local API emulator. Pester 5 syntax.
BeforeAll {
    Set-StrictMode -Version Latest
    $script:RepoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).ProviderPath
    Import-Module (Join-Path $RepoRoot 'tests/Pester/EmulatorHarness.psm1') -Force
    Add-Type -AssemblyName System.IO.Compression.FileSystem

    # pwsh as this process runs it (under 'dotnet pwsh' the process is dotnet + pwsh.dll).
    $script:PwshExe = [System.Environment]::ProcessPath
    $script:PwshPrefix = @()
    if ([System.IO.Path]::GetFileNameWithoutExtension($PwshExe) -eq 'dotnet') { $script:PwshPrefix = @(Join-Path $PSHOME 'pwsh.dll') }

    # Runs a script file in a child pwsh with extra environment variables; returns @{ ExitCode; Output }.
    function Invoke-ChildPwsh {
        param([string] $ScriptPath, [string[]] $Arguments = @(), [hashtable] $Environment = @{}, [string] $WorkingDirectory = $TestDrive)
        $startInfo = [System.Diagnostics.ProcessStartInfo]::new($script:PwshExe)
        foreach ($argument in @($script:PwshPrefix) + @('-NoProfile', '-NonInteractive', '-File', $ScriptPath) + $Arguments) { $startInfo.ArgumentList.Add($argument) }
        $startInfo.UseShellExecute = $false
        $startInfo.RedirectStandardOutput = $true
        $startInfo.RedirectStandardError = $true
        $startInfo.WorkingDirectory = $WorkingDirectory
        $startInfo.Environment['NO_COLOR'] = '1'
        foreach ($key in $Environment.Keys) { $startInfo.Environment[$key] = $Environment[$key] }
        $process = [System.Diagnostics.Process]::Start($startInfo)
        $stderr = $process.StandardError.ReadToEndAsync()
        $stdout = $process.StandardOutput.ReadToEnd()
        $process.WaitForExit()
        [pscustomobject]@{ ExitCode = $process.ExitCode; Output = $stdout; Error = $stderr.Result }
    }

    # A throwaway home for the child: CurrentUser module path, PSResourceGet settings and caches all go here.
    function New-IsolatedEnvironment([string] $Name) {
        $home_ = Join-Path $TestDrive $Name
        $data = Join-Path $home_ '.local/share'
        # .NET returns '' for LocalApplicationData when the folder does not exist: create it first.
        $null = New-Item -ItemType Directory -Path $data, (Join-Path $home_ '.config'), (Join-Path $home_ '.cache'), (Join-Path $home_ 'AppData/Local') -Force
        @{
            HOME            = $home_
            USERPROFILE     = $home_
            XDG_DATA_HOME   = $data
            XDG_CONFIG_HOME = Join-Path $home_ '.config'
            XDG_CACHE_HOME  = Join-Path $home_ '.cache'
            LOCALAPPDATA    = Join-Path $home_ 'AppData/Local'
            PSModulePath    = ''
        }
    }
    # For a child that builds: only the folder PSResourceGet keeps its settings in (LocalApplicationData:
    # XDG_DATA_HOME on Linux and macOS, LOCALAPPDATA on Windows) and the CurrentUser module path are new; HOME stays,
    # so the build's NuGet restore sees the same configuration and packages. (.ci/run runs the whole suite in a new HOME.)
    function New-IsolatedSettingsEnvironment([string] $Name) {
        $isolated = New-IsolatedEnvironment $Name
        @{ XDG_DATA_HOME = $isolated.XDG_DATA_HOME; LOCALAPPDATA = $isolated.LOCALAPPDATA; PSModulePath = '' }
    }

    # PSResourceGet keeps its repositories in <LocalApplicationData>/PSResourceGet/PSResourceRepository.xml and writes
    # that file, with its default PSGallery entry, the first time it runs in a home that has none.
    function Get-RepositoryStorePath([hashtable] $Environment) {
        $localAppData = if ($IsWindows) { $Environment.LOCALAPPDATA } else { $Environment.XDG_DATA_HOME }
        Join-Path $localAppData 'PSResourceGet/PSResourceRepository.xml'
    }
    $script:RepositoryStore = Join-Path ([Environment]::GetFolderPath('LocalApplicationData')) 'PSResourceGet/PSResourceRepository.xml'
    function Get-StoreText([string] $Path = $script:RepositoryStore) { if (Test-Path -LiteralPath $Path) { Get-Content -LiteralPath $Path -Raw } else { '' } }
    # The repositories a settings file registers, as Name/Url pairs (none when there is no file).
    function Get-RegisteredRepository([string] $Path) {
        if (-not (Test-Path -LiteralPath $Path)) { return }
        foreach ($node in @(([xml] (Get-Content -LiteralPath $Path -Raw)).configuration.Repository)) {
            [pscustomobject]@{ Name = [string] $node.Name; Url = [string] $node.Url }
        }
    }

    $script:Version = (Import-PowerShellDataFile -LiteralPath (Join-Path $RepoRoot 'ContactsModule.psd1')).ModuleVersion
    $script:RepoDir = Join-Path $RepoRoot 'out/repo'
    $script:Nupkg = Join-Path $RepoDir "ContactsModule.$Version.nupkg"
    $packageArguments = @('-Task', 'Package')

    # A used home: PSResourceGet has run there and the user registered a repository of their own.
    $script:UsedHome = New-IsolatedSettingsEnvironment 'used-home'
    $seedScript = Join-Path $TestDrive 'Register-OwnRepository.ps1'
    $ownRepository = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'users-own-repository') -Force
    Set-Content -LiteralPath $seedScript -Encoding utf8 -Value 'param([string] $Uri) $ErrorActionPreference = ''Stop''; Register-PSResourceRepository -Name UsersOwnRepository -Uri $Uri -Trusted'
    $script:SeedRun = Invoke-ChildPwsh -ScriptPath $seedScript -Arguments @('-Uri', $ownRepository.FullName) -Environment $UsedHome
    $script:UsedStore = Get-RepositoryStorePath $UsedHome
    $script:UsedBefore = Get-StoreText $UsedStore
    $script:UsedRun = Invoke-ChildPwsh -ScriptPath (Join-Path $RepoRoot 'build.ps1') -Arguments $packageArguments -Environment $UsedHome -WorkingDirectory $RepoRoot
    $script:UsedAfter = Get-StoreText $UsedStore

    # A fresh home, as on a new machine: no PSResourceGet settings at all before the Package task runs.
    $script:FreshHome = New-IsolatedSettingsEnvironment 'fresh-home'
    $script:FreshStore = Get-RepositoryStorePath $FreshHome
    $script:FreshExistedBefore = Test-Path -LiteralPath $FreshStore
    $script:PackageRun = Invoke-ChildPwsh -ScriptPath (Join-Path $RepoRoot 'build.ps1') -Arguments $packageArguments -Environment $FreshHome -WorkingDirectory $RepoRoot

    # Ours: a repository named after the module or pointing at the package folder.
    function Test-OurRepository($Repository) {
        $uri = $Repository.Url -as [uri]
        $Repository.Name -like 'ContactsModule*' -or ($uri -and $uri.IsAbsoluteUri -and $uri.IsFile -and $uri.LocalPath.TrimEnd('/', '\') -eq $RepoDir)
    }
}

Describe 'build.ps1 -Task Package' {
    It 'succeeds and writes ContactsModule.<version>.nupkg to out/repo' {
        $PackageRun.ExitCode | Should -Be 0 -Because "$($PackageRun.Output)`n$($PackageRun.Error)"
        Test-Path -LiteralPath $Nupkg | Should -BeTrue
        @(Get-ChildItem -LiteralPath $RepoDir -Filter 'ContactsModule.*.nupkg').Count | Should -Be 1
    }

    It 'leaves a used home''s PSResourceGet settings as they were' {
        $SeedRun.ExitCode | Should -Be 0 -Because "$($SeedRun.Output)`n$($SeedRun.Error)"
        $UsedRun.ExitCode | Should -Be 0 -Because "$($UsedRun.Output)`n$($UsedRun.Error)"
        $UsedBefore | Should -Match 'UsersOwnRepository' -Because 'the used home has settings with a repository of its own'
        $UsedAfter | Should -Be $UsedBefore
        @(Get-RegisteredRepository $UsedStore | Where-Object { Test-OurRepository $_ }) | Should -HaveCount 0
    }

    It 'registers no repository of ours in a fresh home (at most PSResourceGet''s own default appears)' {
        $FreshExistedBefore | Should -BeFalse
        $registered = @(Get-RegisteredRepository $FreshStore)
        @($registered | Where-Object { Test-OurRepository $_ }) | Should -HaveCount 0
        @($registered | Where-Object Name -NE 'PSGallery') | Should -HaveCount 0 -Because 'only PSResourceGet''s default may be written on first use'
        Get-StoreText $FreshStore | Should -Not -Match 'ContactsModule'
    }

    It 'packs the module, its help, its dependencies, the licence and the changelog' {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Nupkg)
        try { $entries = @($zip.Entries | ForEach-Object FullName) } finally { $zip.Dispose() }
        foreach ($file in 'ContactsModule.psd1', 'ContactsModule.dll', 'ContactsModule.format.ps1xml', 'LICENSE', 'CHANGELOG.md',
            'en-US/ContactsModule.dll-Help.xml', 'en-US/about_ContactsModule.help.txt', 'dependencies/System.Text.Json.dll',
            'dependencies/PhoneNumbers.dll', 'dependencies/TimeZoneConverter.dll') {
            $entries | Should -Contain $file
        }
    }

    It 'describes the package with the manifest''s gallery metadata' {
        $zip = [System.IO.Compression.ZipFile]::OpenRead($Nupkg)
        try {
            $reader = [System.IO.StreamReader]::new(($zip.Entries | Where-Object FullName -EQ 'ContactsModule.nuspec').Open())
            [xml] $nuspec = $reader.ReadToEnd()
            $reader.Dispose()
        }
        finally { $zip.Dispose() }
        $metadata = $nuspec.package.metadata
        $metadata.id | Should -Be 'ContactsModule'
        $metadata.version | Should -Be $Version
        $metadata.licenseUrl | Should -Match '^https://'
        $metadata.projectUrl | Should -Match '^https://'
        $metadata.tags -split ' ' | Should -Contain 'PSModule'
        $metadata.releaseNotes | Should -Match ([regex]::Escape($Version))
    }
}

Describe 'Installing the package into a fresh pwsh' {
    BeforeAll {
        $script:Emulator = Start-ContactsEmulator
        $script:InstallScript = Join-Path $TestDrive 'Install-FromRepo.ps1'
        Set-Content -LiteralPath $InstallScript -Encoding utf8 -Value @'
param([string] $RepoDir, [string] $Mode, [string] $SavePath, [string] $BaseUri)
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name ContactsModuleTest -Uri $RepoDir -Trusted
$found = Find-PSResource -Name ContactsModule -Repository ContactsModuleTest
if ($Mode -eq 'Install') {
    Install-PSResource -Name ContactsModule -Repository ContactsModuleTest -Scope CurrentUser -TrustRepository -Quiet
    $installed = Get-InstalledPSResource -Name ContactsModule -Scope CurrentUser
    $location = $installed.InstalledLocation
    Import-Module ContactsModule
}
else {
    Save-PSResource -Name ContactsModule -Repository ContactsModuleTest -Path $SavePath -TrustRepository -Quiet
    $location = $SavePath
    Import-Module (Join-Path $SavePath 'ContactsModule')
}
$module = Get-Module ContactsModule
# HIGHLEVEL_API_TOKEN and HIGHLEVEL_LOCATION_ID come from the environment, as in a runbook.
Connect-ContactsApi -BaseUri $BaseUri
$contact = New-Contact -FirstName 'Packaged' -LastName 'Install' -Email ("pkg-{0}@example.com" -f [guid]::NewGuid().ToString('N')) -Country 'Germany'
[pscustomobject]@{
    FoundVersion = [string] $found.Version
    Location     = [string] $location
    ModuleBase   = $module.ModuleBase
    Commands     = @($module.ExportedCmdlets.Keys).Count
    Synopsis     = (Get-Help New-Contact).Synopsis
    ContactId    = $contact.Id
    Country      = $contact.Country
    Repositories = @(Get-PSResourceRepository | ForEach-Object Name)
} | ConvertTo-Json
'@
    }

    AfterAll {
        if ($script:Emulator) { Stop-ContactsEmulator -Emulator $script:Emulator }
    }

    It 'installs with Install-PSResource -Scope CurrentUser, imports by name and creates a contact' -Skip:($IsWindows) {
        # On Windows the CurrentUser scope is the Documents folder, which cannot be redirected per process; the
        # Save-PSResource test below covers Windows.
        $environment = New-IsolatedEnvironment 'install-home'
        $environment['HIGHLEVEL_API_TOKEN'] = $Emulator.Token
        $environment['HIGHLEVEL_LOCATION_ID'] = $Emulator.LocationId
        $run = Invoke-ChildPwsh -ScriptPath $InstallScript -Arguments @('-RepoDir', $RepoDir, '-Mode', 'Install', '-BaseUri', [string] $Emulator.BaseUri) -Environment $environment
        $run.ExitCode | Should -Be 0 -Because "$($run.Output)`n$($run.Error)"
        $result = $run.Output | ConvertFrom-Json
        $result.FoundVersion | Should -Be $Version
        $result.ModuleBase | Should -BeLike "$($environment.HOME)*" -Because 'the module must come from the temporary CurrentUser scope'
        $result.Location | Should -BeLike "$($environment.HOME)*"
        $result.Commands | Should -Be @((Import-PowerShellDataFile (Join-Path $RepoRoot 'ContactsModule.psd1')).CmdletsToExport).Count
        $result.Synopsis | Should -Be 'Creates HighLevel contacts, one per input row.'
        $result.ContactId | Should -Not -BeNullOrEmpty
        $result.Country | Should -Be 'DE'
        $result.Repositories | Should -Contain 'ContactsModuleTest'
        (Get-StoreText) | Should -Not -Match 'ContactsModuleTest' -Because 'the registration went to the temporary settings, not the user''s'
    }

    It 'saves with Save-PSResource -Path, imports from there and creates a contact' {
        $environment = New-IsolatedEnvironment 'save-home'
        $environment['HIGHLEVEL_API_TOKEN'] = $Emulator.Token
        $environment['HIGHLEVEL_LOCATION_ID'] = $Emulator.LocationId
        $savePath = Join-Path $TestDrive 'saved-modules'
        $null = New-Item -ItemType Directory -Path $savePath -Force
        $run = Invoke-ChildPwsh -ScriptPath $InstallScript -Arguments @('-RepoDir', $RepoDir, '-Mode', 'Save', '-SavePath', $savePath, '-BaseUri', [string] $Emulator.BaseUri) -Environment $environment
        $run.ExitCode | Should -Be 0 -Because "$($run.Output)`n$($run.Error)"
        $result = $run.Output | ConvertFrom-Json
        $result.ModuleBase | Should -BeLike "$savePath*"
        $result.ContactId | Should -Not -BeNullOrEmpty
        Test-Path -LiteralPath (Join-Path $savePath "ContactsModule/$Version/dependencies/System.Text.Json.dll") | Should -BeTrue
    }
}

Describe 'The emulator as a .NET tool (contacts-emulator)' {
    BeforeAll {
        # A fresh machine: empty HOME, NuGet packages folder and CLI home; the package folder is the only source added.
        $script:ToolHome = Join-Path $TestDrive 'tool-home'
        $script:ToolPath = Join-Path $TestDrive 'tools'
        $null = New-Item -ItemType Directory -Path $ToolHome -Force
        $saved = @{}
        $toolEnvironment = @{ HOME = $ToolHome; USERPROFILE = $ToolHome; DOTNET_CLI_HOME = $ToolHome; NUGET_PACKAGES = (Join-Path $ToolHome 'packages'); DOTNET_NOLOGO = '1'; DOTNET_CLI_TELEMETRY_OPTOUT = '1' }
        foreach ($key in $toolEnvironment.Keys) { $saved[$key] = [Environment]::GetEnvironmentVariable($key); [Environment]::SetEnvironmentVariable($key, $toolEnvironment[$key]) }
        try {
            $script:InstallOutput = & dotnet tool install --tool-path $ToolPath --add-source $RepoDir contacts-emulator 2>&1
            $script:InstallExit = $LASTEXITCODE
        }
        finally {
            foreach ($key in $saved.Keys) { [Environment]::SetEnvironmentVariable($key, $saved[$key]) }
        }
    }

    It 'is installed with the README''s command (the same arguments as here)' {
        $readme = Get-Content -LiteralPath (Join-Path $RepoRoot 'README.md') -Raw
        $readme | Should -Match ([regex]::Escape('dotnet tool install --tool-path ./tools --add-source ./out/repo contacts-emulator'))
    }

    It 'is written to out/repo beside the module package' {
        @(Get-ChildItem -LiteralPath $RepoDir -Filter 'contacts-emulator.*.nupkg').Count | Should -Be 1
    }

    It 'installs from the package folder into a temporary tool path, starts and answers a request' {
        $InstallExit | Should -Be 0 -Because ($InstallOutput -join "`n")
        $command = Get-ChildItem -LiteralPath $ToolPath -Filter 'contacts-emulator*' | Where-Object { -not $_.PSIsContainer } | Select-Object -First 1
        $command | Should -Not -BeNullOrEmpty
        $startInfo = [System.Diagnostics.ProcessStartInfo]::new($command.FullName)
        foreach ($argument in '--port', '0', '--exit-on-stdin-close') { $startInfo.ArgumentList.Add($argument) }
        $startInfo.UseShellExecute = $false
        $startInfo.RedirectStandardOutput = $true
        $startInfo.RedirectStandardInput = $true
        $startInfo.RedirectStandardError = $true
        $process = [System.Diagnostics.Process]::Start($startInfo)
        try {
            $read = $process.StandardOutput.ReadLineAsync()
            $read.Wait(60000) | Should -BeTrue -Because 'the tool prints EMULATOR_LISTENING when it is ready'
            $read.Result | Should -Match '^EMULATOR_LISTENING (http://127\.0\.0\.1:\d+)$'
            $base = ($read.Result -split ' ')[1]
            (Invoke-RestMethod -Uri "$base/__emulator/health" -NoProxy).ok | Should -BeTrue
            $created = Invoke-RestMethod -Uri "$base/contacts/" -Method Post -NoProxy -ContentType 'application/json' `
                -Headers @{ Authorization = 'Bearer pit-emulator-token-0001'; Version = '2023-02-21' } -Body '{"locationId":"emulator-location","firstName":"Tool"}'
            $created.contact.firstName | Should -Be 'Tool'
        }
        finally {
            $process.StandardInput.Close()
            if (-not $process.WaitForExit(10000)) { $process.Kill($true) }
            $process.Dispose()
        }
    }
}
