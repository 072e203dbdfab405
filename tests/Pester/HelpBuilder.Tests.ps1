# Tests for build/HelpBuilder.psm1 (PlatyPS markdown -> MAML / about_*.help.txt). Pester 5 syntax.
BeforeAll {
    Set-StrictMode -Version Latest
    $script:RepoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).ProviderPath
    Import-Module (Join-Path $script:RepoRoot 'build/HelpBuilder.psm1') -Force
    $script:FixtureDir = Join-Path $PSScriptRoot 'Fixtures/Help'
    $script:FixtureMd = Join-Path $script:FixtureDir 'Get-HelpFixture.md'
    $script:FixtureText = [System.IO.File]::ReadAllText($script:FixtureMd)

    # Writes a variant of the fixture markdown (after applying -Replace pairs) and returns its path.
    function New-MarkdownVariant {
        param([string] $Name = 'Variant', [object[][]] $Replace = @(), [string] $Folder = $TestDrive)
        $text = $script:FixtureText
        foreach ($pair in $Replace) { $text = $text.Replace($pair[0], $pair[1]) }
        $null = New-Item -ItemType Directory -Path $Folder -Force
        $path = Join-Path $Folder "$Name.md"
        [System.IO.File]::WriteAllText($path, $text)
        return $path
    }

    $script:MamlNs = @{
        msh     = 'http://msh'
        maml    = 'http://schemas.microsoft.com/maml/2004/10'
        command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
        dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    }
    # Returns the matching nodes as an array (XmlElement is enumerable, so it must not go through the pipeline).
    function Select-Maml {
        param([string] $Path, [string] $XPath)
        $doc = [System.Xml.XmlDocument]::new()
        $doc.Load($Path)
        $manager = [System.Xml.XmlNamespaceManager]::new($doc.NameTable)
        foreach ($prefix in $script:MamlNs.Keys) { $manager.AddNamespace($prefix, $script:MamlNs[$prefix]) }
        $nodes = [System.Collections.Generic.List[System.Xml.XmlNode]]::new()
        foreach ($node in $doc.SelectNodes($XPath, $manager)) { $nodes.Add($node) }
        return , $nodes.ToArray()
    }
}

Describe 'ConvertFrom-PlatyPSMarkdown' {
    BeforeAll {
        $script:Help = ConvertFrom-PlatyPSMarkdown -Path $script:FixtureMd
    }

    It 'reads the front matter and the command name' {
        $Help.FrontMatter['schema'] | Should -Be '2.0.0'
        $Help.FrontMatter['Module Name'] | Should -Be 'HelpFixture'
        $Help.Name | Should -Be 'Get-HelpFixture'
    }

    It 'reads SYNOPSIS and DESCRIPTION, joining soft-wrapped lines and splitting paragraphs on blank lines' {
        $Help.Synopsis | Should -Be 'Gets a fixture item by name or by id.'
        $Help.Description.Count | Should -Be 2
        $Help.Description[0] | Should -Be 'The Get-HelpFixture cmdlet returns a fixture item. It exists only to test the help builder.'
        $Help.Description[1] | Should -Be 'Values such as <Name> & "quoted" ''text'' must survive XML escaping.'
    }

    It 'reads SYNTAX parameter sets with the default marker' {
        $Help.Syntax.Count | Should -Be 2
        $Help.Syntax[0].Name | Should -Be 'ByName'
        $Help.Syntax[0].IsDefault | Should -BeTrue
        $Help.Syntax[0].Text | Should -Be 'Get-HelpFixture [-Name] <String> [-Size <String>] [-Detailed] [<CommonParameters>]'
        $Help.Syntax[1].Name | Should -Be 'ById'
        $Help.Syntax[1].IsDefault | Should -BeFalse
    }

    It 'reads EXAMPLES with title, code and remarks' {
        $Help.Examples.Count | Should -Be 2
        $Help.Examples[0].Title | Should -Be 'Example 1: Get an item by name'
        $Help.Examples[0].Code | Should -Be "Get-HelpFixture -Name 'alpha' -Size Small"
        $Help.Examples[0].Remarks | Should -Be @('Gets the item named alpha.')
    }

    It 'reads a parameter with aliases, position, pipeline input and wildcards' {
        $name = $Help.Parameters | Where-Object Name -EQ 'Name'
        $name.Description | Should -Be @('The name of the item. Wildcards are allowed.')
        $name.Type | Should -Be 'String'
        $name.ParameterSets | Should -Be @('ByName')
        $name.Aliases | Should -Be @('FixtureName', 'N')
        $name.Required | Should -BeTrue
        $name.Position | Should -Be '0'
        $name.DefaultValue | Should -Be 'None'
        $name.PipelineInput | Should -Be 'True (ByPropertyName, ByValue)'
        $name.ByValue | Should -BeTrue
        $name.ByPropertyName | Should -BeTrue
        $name.Globbing | Should -BeTrue
    }

    It 'returns empty arrays for a parameter without aliases or accepted values' {
        $id = $Help.Parameters | Where-Object Name -EQ 'Id'
        $id.Aliases.Count | Should -Be 0
        $id.AcceptedValues.Count | Should -Be 0
        $id.ByValue | Should -BeFalse
        $id.ByPropertyName | Should -BeTrue
        $id.Position | Should -Be 'Named'
    }

    It 'merges several yaml blocks of one parameter and keeps Required per set' {
        $size = $Help.Parameters | Where-Object Name -EQ 'Size'
        $size.Sets.Count | Should -Be 2
        $size.ParameterSets | Should -Be @('ByName', 'ById')
        $size.RequiredBySet['ByName'] | Should -BeFalse
        $size.RequiredBySet['ById'] | Should -BeTrue
        $size.Required | Should -BeTrue -Because 'it is mandatory in at least one set'
        $size.AcceptedValues | Should -Be @('Small', 'Large')
    }

    It 'reads a switch in all sets and notes CommonParameters' {
        $detailed = $Help.Parameters | Where-Object Name -EQ 'Detailed'
        $detailed.Type | Should -Be 'SwitchParameter'
        $detailed.ParameterSets | Should -Be @('(All)')
        $detailed.DefaultValue | Should -Be 'False'
        $Help.HasCommonParameters | Should -BeTrue
        $Help.Parameters.Name | Should -Not -Contain 'CommonParameters'
    }

    It 'reads INPUTS, OUTPUTS and NOTES' {
        $Help.Inputs.Count | Should -Be 1
        $Help.Inputs[0].TypeName | Should -Be 'System.String'
        $Help.Inputs[0].Description | Should -Be @('A name can be piped to the cmdlet.')
        $Help.Outputs[0].TypeName | Should -Be 'System.String'
        $Help.Outputs[0].Description.Count | Should -Be 0
        $Help.Notes.Count | Should -Be 2
        $Help.Notes[1] | Should -BeLike '*naïve café*'
    }

    It 'reads RELATED LINKS, with the online version first' {
        $Help.RelatedLinks.Count | Should -Be 3
        $Help.RelatedLinks[0].Text | Should -Be 'Online Version:'
        $Help.RelatedLinks[0].Uri | Should -Be 'https://example.invalid/help/Get-HelpFixture'
        $Help.RelatedLinks[1].Text | Should -Be 'about_HelpFixture'
        $Help.RelatedLinks[1].Uri | Should -Be 'about_HelpFixture.md'
        $Help.RelatedLinks[2].Uri | Should -Be 'https://example.invalid/fixture'
    }

    It 'does not treat "#" lines inside code blocks as headings' {
        $path = New-MarkdownVariant -Name 'CodeHeading' -Replace @(, @("Get-HelpFixture -Name 'alpha' -Size Small", "## Not a section`n# nor this`nGet-HelpFixture -Name 'alpha'"))
        $parsed = ConvertFrom-PlatyPSMarkdown -Path $path
        $parsed.Examples[0].Code | Should -Be "## Not a section`n# nor this`nGet-HelpFixture -Name 'alpha'"
    }

    It 'accepts CRLF line endings and pipeline input of paths' {
        $path = Join-Path $TestDrive 'Crlf.md'
        [System.IO.File]::WriteAllText($path, ($script:FixtureText -replace '\r?\n', "`r`n"))
        $parsed = Get-Item -LiteralPath $path | ConvertFrom-PlatyPSMarkdown
        $parsed.Syntax[0].Text | Should -Be 'Get-HelpFixture [-Name] <String> [-Size <String>] [-Detailed] [<CommonParameters>]'
        $parsed.Parameters.Count | Should -Be 4
    }

    Context 'malformed markdown' {
        BeforeDiscovery {
            $Fence = '```'
            $IdSyntax = 'Get-HelpFixture -Id <Int32> -Size <String> [-Detailed] [<CommonParameters>]'
        }
        It 'names the file and the section when <Case>' -ForEach @(
            @{ Case = 'a required section is missing'; Replace = @(, @("## NOTES`n", '')); Expected = '*Bad.md*## NOTES*missing*' }
            @{ Case = 'sections are out of order'; Replace = @(@("## INPUTS`n", "## TEMP`n"), @("## OUTPUTS`n", "## INPUTS`n"), @("## TEMP`n", "## OUTPUTS`n")); Expected = '*Bad.md*must be exactly, in order*' }
            @{ Case = 'the schema is not 2.0.0'; Replace = @(, @('schema: 2.0.0', 'schema: 1.0.0')); Expected = '*Bad.md*front matter*schema: 2.0.0*' }
            @{ Case = 'SYNOPSIS is empty'; Replace = @(, @('Gets a fixture item by name or by id.', '')); Expected = '*Bad.md*## SYNOPSIS*empty*' }
            @{ Case = 'a syntax set has no code block'; Replace = @(, @("$Fence`n$IdSyntax`n$Fence", $IdSyntax)); Expected = '*Bad.md*## SYNTAX / ### ById*one fenced code block*' }
            @{ Case = 'an example has no code block'; Replace = @(, @("``````powershell`nGet-HelpFixture -Name 'alpha' -Size Small`n``````", 'No code.')); Expected = '*Bad.md*## EXAMPLES / ### Example 1*code block*' }
            @{ Case = 'a yaml key is missing'; Replace = @(, @("Accept wildcard characters: True`n", '')); Expected = "*Bad.md*### -Name*missing 'Accept wildcard characters:'*" }
            @{ Case = 'Required is not a boolean'; Replace = @(, @("Position: 0`n", "Position: 0`nRequired: Maybe`n")); Expected = "*Bad.md*### -Name*'Required:' must be True or False*" }
            @{ Case = 'the pipeline input text is invalid'; Replace = @(, @('True (ByPropertyName, ByValue)', 'Yes')); Expected = "*Bad.md*### -Name*'Accept pipeline input:'*" }
            @{ Case = 'a parameter set is not in SYNTAX'; Replace = @(, @("Parameter Sets: ById`nAliases:`n`nRequired: True", "Parameter Sets: ByIdd`nAliases:`n`nRequired: True")); Expected = "*Bad.md*### -Id*'ByIdd' is not listed under ## SYNTAX*" }
            @{ Case = 'a parameter has no yaml block'; Replace = @(, @("Returns more detail.`n`n``````yaml", "Returns more detail.`n`n``````text")); Expected = '*Bad.md*### -Detailed*no *yaml block*' }
            @{ Case = 'yaml blocks disagree on the type'; Replace = @(, @("Type: String`nParameter Sets: ById", "Type: Int32`nParameter Sets: ById")); Expected = "*Bad.md*### -Size*disagree on 'Type'*" }
            @{ Case = 'a related link is not a link'; Replace = @(, @('[Fixture home](https://example.invalid/fixture)', 'Fixture home')); Expected = '*Bad.md*## RELATED LINKS*not a `[text`](uri) link*' }
            @{ Case = 'a code block is not closed'; Replace = @(, @("## RELATED LINKS`n", "## RELATED LINKS`n``````text`nopen`n")); Expected = '*Bad.md*## RELATED LINKS*' }
        ) {
            $path = New-MarkdownVariant -Name 'Bad' -Replace $Replace
            { ConvertFrom-PlatyPSMarkdown -Path $path } | Should -Throw -ExpectedMessage $Expected -ExceptionType ([System.FormatException])
        }

        It 'rejects an empty file' {
            $path = Join-Path $TestDrive 'Empty.md'
            [System.IO.File]::WriteAllText($path, '')
            { ConvertFrom-PlatyPSMarkdown -Path $path } | Should -Throw -ExpectedMessage '*Empty.md*front matter*missing*'
        }

        It 'rejects a file without front matter' {
            $path = Join-Path $TestDrive 'NoFront.md'
            [System.IO.File]::WriteAllText($path, "# Get-Thing`n`n## SYNOPSIS`nx`n")
            { ConvertFrom-PlatyPSMarkdown -Path $path } | Should -Throw -ExpectedMessage '*NoFront.md*front matter*missing*'
        }
    }
}

Describe 'ConvertTo-MamlHelp' {
    BeforeAll {
        $script:DocsDir = Join-Path $TestDrive 'docs'
        $null = New-Item -ItemType Directory -Path $DocsDir -Force
        Copy-Item -LiteralPath $script:FixtureMd, (Join-Path $script:FixtureDir 'about_HelpFixture.md') -Destination $DocsDir
        $null = New-MarkdownVariant -Name 'Set-HelpFixture' -Folder $DocsDir -Replace @(
            @("Get-HelpFixture -Name 'alpha' -Size Small", 'if ($a -lt 1 && $b) { "<x>" }'),
            @('Get-HelpFixture', 'Set-HelpFixture'))
        $script:Maml = Join-Path $TestDrive 'out/en-US/HelpFixture.dll-Help.xml'
        $script:Result = ConvertTo-MamlHelp -MarkdownPath $DocsDir -OutputPath $Maml -ModuleName HelpFixture
        $script:Get = "/msh:helpItems/command:command[command:details/command:name='Get-HelpFixture']"
    }

    It 'writes well-formed UTF-8 MAML without a BOM and returns the file' {
        $Result.FullName | Should -Be $Maml
        $bytes = [System.IO.File]::ReadAllBytes($Maml)
        $bytes[0] | Should -Be ([byte][char]'<')
        [xml] $doc = [System.IO.File]::ReadAllText($Maml)
        $doc.DocumentElement.LocalName | Should -Be 'helpItems'
        $doc.DocumentElement.NamespaceURI | Should -Be 'http://msh'
        $doc.DocumentElement.GetAttribute('schema') | Should -Be 'maml'
        [System.IO.File]::ReadAllText($Maml) | Should -BeLike '<?xml version="1.0" encoding="utf-8"?>*'
    }

    It 'emits one command per cmdlet markdown file and skips about_ files' {
        $names = (Select-Maml $Maml '/msh:helpItems/command:command/command:details/command:name').InnerText
        $names | Should -Be @('Get-HelpFixture', 'Set-HelpFixture')
    }

    It 'declares the maml, command and dev namespaces on each command' {
        $command = (Select-Maml $Maml $Get)[0]
        $command.GetNamespaceOfPrefix('maml') | Should -Be $MamlNs.maml
        $command.GetNamespaceOfPrefix('command') | Should -Be $MamlNs.command
        $command.GetNamespaceOfPrefix('dev') | Should -Be $MamlNs.dev
    }

    It 'writes details, synopsis and description paragraphs' {
        (Select-Maml $Maml "$Get/command:details/command:verb").InnerText | Should -Be 'Get'
        (Select-Maml $Maml "$Get/command:details/command:noun").InnerText | Should -Be 'HelpFixture'
        (Select-Maml $Maml "$Get/command:details/maml:description/maml:para").InnerText | Should -Be 'Gets a fixture item by name or by id.'
        $paras = Select-Maml $Maml "$Get/maml:description/maml:para"
        $paras.Count | Should -Be 2
    }

    It 'escapes <, & and quotes and keeps non-ASCII text' {
        (Select-Maml $Maml "$Get/maml:description/maml:para")[1].InnerText | Should -Be 'Values such as <Name> & "quoted" ''text'' must survive XML escaping.'
        $raw = [System.IO.File]::ReadAllText($Maml, [System.Text.Encoding]::UTF8)
        $raw | Should -BeLike '*Values such as &lt;Name&gt; &amp; "quoted"*'
        (Select-Maml $Maml "/msh:helpItems/command:command[command:details/command:name='Set-HelpFixture']/command:examples/command:example[1]/dev:code").InnerText |
            Should -Be 'if ($a -lt 1 && $b) { "<x>" }'
        (Select-Maml $Maml "$Get/maml:alertSet/maml:alert/maml:para")[1].InnerText | Should -BeLike '*naïve café —*'
    }

    It 'builds one syntaxItem per parameter set with that set''s parameters, positional first' {
        $items = Select-Maml $Maml "$Get/command:syntax/command:syntaxItem"
        $items.Count | Should -Be 2
        (Select-Maml $Maml "$Get/command:syntax/command:syntaxItem[1]/command:parameter/maml:name").InnerText | Should -Be @('Name', 'Size', 'Detailed')
        (Select-Maml $Maml "$Get/command:syntax/command:syntaxItem[2]/command:parameter/maml:name").InnerText | Should -Be @('Id', 'Size', 'Detailed')
    }

    It 'uses the per-set yaml block for syntax attributes' {
        (Select-Maml $Maml "$Get/command:syntax/command:syntaxItem[1]/command:parameter[maml:name='Size']")[0].required | Should -Be 'false'
        (Select-Maml $Maml "$Get/command:syntax/command:syntaxItem[2]/command:parameter[maml:name='Size']")[0].required | Should -Be 'true'
    }

    It 'lists accepted values in the syntax and omits the value of switches there' {
        (Select-Maml $Maml "$Get/command:syntax/command:syntaxItem[1]/command:parameter[maml:name='Size']/command:parameterValueGroup/command:parameterValue").InnerText |
            Should -Be @('Small', 'Large')
        (Select-Maml $Maml "$Get/command:syntax/command:syntaxItem[1]/command:parameter[maml:name='Detailed']/command:parameterValue").Count | Should -Be 0
    }

    It 'writes each parameter once with its attributes, type and default value' {
        $parameters = Select-Maml $Maml "$Get/command:parameters/command:parameter"
        $parameters.name | Should -Be @('Name', 'Id', 'Size', 'Detailed')
        $name = $parameters[0]
        $name.required | Should -Be 'true'
        $name.position | Should -Be '0'
        $name.globbing | Should -Be 'true'
        $name.pipelineInput | Should -Be 'True (ByPropertyName, ByValue)'
        $name.aliases | Should -Be 'FixtureName, N'
        $parameters[1].aliases | Should -Be 'none'
        $parameters[1].position | Should -Be 'named'
        (Select-Maml $Maml "$Get/command:parameters/command:parameter[maml:name='Name']/command:parameterValue").InnerText | Should -Be 'String'
        (Select-Maml $Maml "$Get/command:parameters/command:parameter[maml:name='Id']/dev:type/maml:name").InnerText | Should -Be 'Int32'
        (Select-Maml $Maml "$Get/command:parameters/command:parameter[maml:name='Detailed']/dev:defaultValue").InnerText | Should -Be 'False'
        (Select-Maml $Maml "$Get/command:parameters/command:parameter[maml:name='Name']/maml:Description/maml:para").InnerText | Should -Be 'The name of the item. Wildcards are allowed.'
    }

    It 'writes examples with title, code and remarks' {
        $examples = Select-Maml $Maml "$Get/command:examples/command:example"
        $examples.Count | Should -Be 2
        (Select-Maml $Maml "$Get/command:examples/command:example[1]/maml:title").InnerText | Should -BeLike '*Example 1: Get an item by name*'
        (Select-Maml $Maml "$Get/command:examples/command:example[1]/dev:code").InnerText | Should -Be "Get-HelpFixture -Name 'alpha' -Size Small"
        (Select-Maml $Maml "$Get/command:examples/command:example[1]/dev:remarks/maml:para").InnerText | Should -Be 'Gets the item named alpha.'
    }

    It 'writes inputs, outputs, notes and related links' {
        (Select-Maml $Maml "$Get/command:inputTypes/command:inputType/dev:type/maml:name").InnerText | Should -Be 'System.String'
        (Select-Maml $Maml "$Get/command:inputTypes/command:inputType/maml:description/maml:para").InnerText | Should -Be 'A name can be piped to the cmdlet.'
        (Select-Maml $Maml "$Get/command:returnValues/command:returnValue/dev:type/maml:name").InnerText | Should -Be 'System.String'
        (Select-Maml $Maml "$Get/maml:alertSet/maml:alert/maml:para").Count | Should -Be 2
        $links = Select-Maml $Maml "$Get/command:relatedLinks/maml:navigationLink"
        $links.Count | Should -Be 3
        $links[0].linkText | Should -Be 'Online Version:'
        $links[0].uri | Should -Be 'https://example.invalid/help/Get-HelpFixture'
        $links[1].linkText | Should -Be 'about_HelpFixture'
        $links[1].uri | Should -BeNullOrEmpty -Because 'relative markdown links have no meaning in MAML'
        $links[2].uri | Should -Be 'https://example.invalid/fixture'
    }

    It 'rejects a file whose Module Name differs from -ModuleName' {
        { ConvertTo-MamlHelp -MarkdownPath $DocsDir -OutputPath (Join-Path $TestDrive 'x.xml') -ModuleName Other } |
            Should -Throw -ExpectedMessage "*Get-HelpFixture.md*Module Name: HelpFixture*does not match 'Other'*"
    }

    It 'rejects a folder without cmdlet markdown' {
        $empty = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'empty') -Force
        Copy-Item -LiteralPath (Join-Path $script:FixtureDir 'about_HelpFixture.md') -Destination $empty
        { ConvertTo-MamlHelp -MarkdownPath $empty -OutputPath (Join-Path $TestDrive 'y.xml') } | Should -Throw -ExpectedMessage '*No cmdlet markdown*'
    }
}

Describe 'ConvertTo-AboutHelp' {
    BeforeAll {
        $script:About = ConvertTo-AboutHelp -Path (Join-Path $script:FixtureDir 'about_HelpFixture.md') -OutputPath (Join-Path $TestDrive 'about')
        $script:AboutLines = [System.IO.File]::ReadAllLines($About.FullName)
    }

    It 'writes about_HelpFixture.help.txt starting with the TOPIC block' {
        $About.Name | Should -Be 'about_HelpFixture.help.txt'
        $AboutLines[0..1] | Should -Be @('TOPIC', '    about_HelpFixture')
    }

    It 'upper-cases the section headings in order' {
        $AboutLines | Where-Object { $_ -match '^\S' } | Should -Be @('TOPIC', 'SHORT DESCRIPTION', 'LONG DESCRIPTION', 'SEE ALSO')
    }

    It 'indents text by 4, wraps at 80 columns and keeps code verbatim at 8' {
        $AboutLines | Where-Object { $_ -ne '' -and $_ -notmatch '^\S' } | ForEach-Object { $_ | Should -Match '^    \S|^        \S' }
        $AboutLines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        @($AboutLines | Where-Object { $_ -like '    The HelpFixture module*' }).Count | Should -Be 1
        $AboutLines | Should -Contain "        Get-HelpFixture -Name 'alpha'"
        $AboutLines | Should -Contain '    - It has one cmdlet.'
    }

    It 'throws when <Case>' -ForEach @(
        @{ Case = 'LONG DESCRIPTION is missing'; Text = "# about_Bad`n`n## SHORT DESCRIPTION`nx`n"; Expected = '*about_Bad.md*## LONG DESCRIPTION*missing*' }
        @{ Case = 'the heading does not match the file name'; Text = "# about_Other`n`n## SHORT DESCRIPTION`nx`n`n## LONG DESCRIPTION`ny`n"; Expected = '*about_Bad.md*# about_Bad*' }
    ) {
        $path = Join-Path $TestDrive 'about_Bad.md'
        [System.IO.File]::WriteAllText($path, $Text)
        { ConvertTo-AboutHelp -Path $path -OutputPath $TestDrive } | Should -Throw -ExpectedMessage $Expected
    }
}

Describe 'Get-Help on a binary module built from the fixture (child pwsh process)' {
    BeforeAll {
        # Layout Get-Help expects for a binary module: <ModuleBase>/<culture>/<AssemblyFileName>-Help.xml.
        $moduleBase = Join-Path $TestDrive 'modules/HelpFixture'
        $culture = Join-Path $moduleBase 'en-US'
        $null = New-Item -ItemType Directory -Path $culture -Force
        Add-Type -Path (Join-Path $script:FixtureDir 'HelpFixture.cs') -OutputAssembly (Join-Path $moduleBase 'HelpFixture.dll') -OutputType Library
        $null = ConvertTo-MamlHelp -MarkdownPath $script:FixtureDir -OutputPath (Join-Path $culture 'HelpFixture.dll-Help.xml') -ModuleName HelpFixture
        $null = ConvertTo-AboutHelp -Path (Join-Path $script:FixtureDir 'about_HelpFixture.md') -OutputPath $culture
        $manifest = Join-Path $moduleBase 'HelpFixture.psd1'
        New-ModuleManifest -Path $manifest -RootModule 'HelpFixture.dll' -ModuleVersion '1.0.0' -CmdletsToExport 'Get-HelpFixture' `
            -FunctionsToExport @() -AliasesToExport @() -VariablesToExport @()

        # Start the same pwsh as this one (under 'dotnet pwsh' the process is dotnet + pwsh.dll).
        $exe = [System.Environment]::ProcessPath
        $prefix = @()
        if ([System.IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
        $probeScript = Join-Path $script:FixtureDir 'Invoke-HelpFixtureProbe.ps1'
        $json = & $exe @prefix -NoProfile -NonInteractive -File $probeScript -ManifestPath $manifest 2>&1
        if ($LASTEXITCODE -ne 0) { throw "Child pwsh failed ($LASTEXITCODE): $($json -join "`n")" }
        $script:Probe = ($json -join "`n") | ConvertFrom-Json
        $script:ProbeParameter = @{}
        foreach ($p in $Probe.Parameters) { $script:ProbeParameter[$p.Name] = $p }
    }

    It 'imports the module from a folder that is not on PSModulePath' {
        $Probe.ModuleOnPSModulePath | Should -BeFalse
    }

    It 'shows synopsis and description' {
        $Probe.Synopsis | Should -Be 'Gets a fixture item by name or by id.'
        $Probe.Description[1] | Should -Be 'Values such as <Name> & "quoted" ''text'' must survive XML escaping.'
        $Probe.FullText | Should -BeLike '*SYNOPSIS*Gets a fixture item by name or by id.*DESCRIPTION*returns a fixture item.*'
    }

    It 'shows the syntax of both parameter sets' {
        $Probe.SyntaxSets | Should -Be @('Name,Size,Detailed', 'Id,Size,Detailed')
        $Probe.FullText | Should -BeLike '*Get-HelpFixture `[-Name`] <String> `[-Size {Small | Large}`] `[-Detailed`] `[<CommonParameters>`]*'
        $Probe.FullText | Should -BeLike '*Get-HelpFixture -Id <Int32> -Size {Small | Large} `[-Detailed`] `[<CommonParameters>`]*'
    }

    It 'shows examples, notes, inputs and related links in -Full' {
        $Probe.ExampleCode | Should -Be @("Get-HelpFixture -Name 'alpha' -Size Small", '[pscustomobject]@{ Id = 7 } | Get-HelpFixture -Size Large')
        $Probe.ExampleTitles[0] | Should -BeLike '*Example 1: Get an item by name*'
        $Probe.FullText | Should -BeLike '*INPUTS*System.String*A name can be piped to the cmdlet.*'
        $Probe.FullText | Should -BeLike '*NOTES*Fixture note paragraph one.*naïve café*'
        $Probe.FullText | Should -BeLike '*RELATED LINKS*Online Version: https://example.invalid/help/Get-HelpFixture*Fixture home https://example.invalid/fixture*'
    }

    It 'shows parameter help text, aliases, required, position and pipeline flags' {
        $name = $ProbeParameter['Name']
        $name.Description | Should -Be 'The name of the item. Wildcards are allowed.'
        $name.Required | Should -Be 'true'
        $name.Position | Should -Be '0'
        $name.PipelineInput | Should -Be 'True (ByPropertyName, ByValue)'
        $name.Aliases | Should -Be 'FixtureName, N'
        $name.Globbing | Should -Be 'true'
        $ProbeParameter['Id'].PipelineInput | Should -Be 'True (ByPropertyName)'
        $ProbeParameter['Id'].Position | Should -Be 'named'
        $ProbeParameter['Detailed'].Required | Should -Be 'false'
        $ProbeParameter['Detailed'].DefaultValue | Should -Be 'False'
    }

    It 'renders Get-Help -Examples' {
        $Probe.ExamplesText | Should -BeLike "*Example 1: Get an item by name*Get-HelpFixture -Name 'alpha' -Size Small*Gets the item named alpha.*Example 2: Pipe ids*"
        $Probe.ExamplesText | Should -Not -BeLike '*PARAMETERS*'
    }

    It 'renders Get-Help -Parameter Name' {
        $Probe.ParameterText | Should -BeLike '*-Name <String>*The name of the item.*Required?*true*Accept pipeline input?*True (ByPropertyName, ByValue)*Aliases*FixtureName, N*'
    }

    It 'finds the about topic once the module is imported (it is not found before)' {
        $Probe.AboutBeforeImport | Should -BeFalse
        $Probe.AboutText | Should -BeLike '*TOPIC*about_HelpFixture*SHORT DESCRIPTION*Describes the HelpFixture test module.*LONG DESCRIPTION*'
    }
}
