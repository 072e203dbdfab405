# Help that drifts from code fails the build. In the spirit of PSScriptAnalyzer's Tests/Engine/ModuleHelp.Tests.ps1:
# every exported cmdlet of the BUILT module (out/ContactsModule) has docs/<Name>.md with a synopsis, a description
# and examples; every parameter in code is documented and every documented parameter exists, with the same type,
# parameter sets, mandatory, position, pipeline input, aliases and accepted values. The markdown is read with
# build/HelpBuilder.psm1 (ConvertFrom-PlatyPSMarkdown); Get-Help of the built module is checked in a child pwsh.
# Also: argument completers (TabExpansion2) of the built module. Pester 5 syntax.
BeforeDiscovery {
    $RepoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).ProviderPath
    $ModuleDir = Join-Path $RepoRoot 'out/ContactsModule'
    if (-not (Test-Path -LiteralPath (Join-Path $ModuleDir 'ContactsModule.psd1'))) {
        throw "The module is not built: run 'dotnet pwsh ./build.ps1' first ($ModuleDir is missing)."
    }
    # Discovery needs the cmdlet names; a child process keeps this one free of the module's types.
    $CmdletNames = @(Import-PowerShellDataFile -LiteralPath (Join-Path $ModuleDir 'ContactsModule.psd1')).CmdletsToExport
    $Cmdlets = @($CmdletNames | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    Set-StrictMode -Version Latest
    $script:RepoRoot = (Resolve-Path -LiteralPath (Join-Path $PSScriptRoot '../..')).ProviderPath
    $script:ModuleDir = Join-Path $RepoRoot 'out/ContactsModule'
    $script:DocsDir = Join-Path $RepoRoot 'docs'
    Import-Module (Join-Path $RepoRoot 'build/HelpBuilder.psm1') -Force
    $script:Module = Import-Module $ModuleDir -Force -PassThru
    $script:Common = @([System.Management.Automation.Cmdlet]::CommonParameters)

    function Get-DocPath([string] $Name) { Join-Path $script:DocsDir "$Name.md" }

    # The parameters help must describe: not common ones, not DontShow ones (WhatIf and Confirm are documented, as PlatyPS does).
    function Get-VisibleParameter([System.Management.Automation.CommandInfo] $Command) {
        @($Command.Parameters.Values | Where-Object {
                $_.Name -notin $script:Common -and
                -not ($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow })
            })
    }

    # PlatyPS writes short type names (String, Int32, SwitchParameter); full names are accepted too.
    function Test-TypeName([string] $Documented, [type] $Type) {
        $Documented -in @($Type.Name, $Type.FullName) -or
        ($Type -eq [System.Management.Automation.SwitchParameter] -and $Documented -eq 'SwitchParameter')
    }

    # Syntax text with every type name replaced, whitespace collapsed: compares names, brackets and positions.
    function Get-SyntaxShape([string] $Text) {
        (($Text -replace '<(?!CommonParameters>)[^>]+>', '<T>' -replace '\{[^}]*\}', '<T>') -replace '\s+', ' ').Trim()
    }

    function Get-ParameterSetName([System.Management.Automation.CommandInfo] $Command) {
        @($Command.ParameterSets | ForEach-Object Name)
    }

    # "Connect-ContactsApi [[-Token] <T>] ..." for one set, from code, without DontShow parameters.
    function Get-CodeSyntax([System.Management.Automation.CommandInfo] $Command, [System.Management.Automation.CommandParameterSetInfo] $Set) {
        $visible = @(Get-VisibleParameter $Command | ForEach-Object Name)
        $parameters = @($Set.Parameters | Where-Object { $_.Name -in $visible })
        $ordered = @($parameters | Where-Object Position -GE 0 | Sort-Object Position) + @($parameters | Where-Object Position -LT 0)
        $parts = foreach ($p in $ordered) {
            $name = if ($p.Position -ge 0) { "[-$($p.Name)]" } else { "-$($p.Name)" }
            $part = if ($p.ParameterType -eq [System.Management.Automation.SwitchParameter]) { $name } else { "$name <T>" }
            if ($p.IsMandatory) { $part } else { "[$part]" }
        }
        Get-SyntaxShape ("$($Command.Name) " + ((@($parts) + '[<CommonParameters>]') -join ' '))
    }
}

Describe 'docs/ covers exactly the exported cmdlets' {
    It 'has a markdown file for every exported cmdlet' {
        $missing = @($Module.ExportedCmdlets.Keys | Where-Object { -not (Test-Path -LiteralPath (Get-DocPath $_)) })
        $missing | Should -BeNullOrEmpty -Because 'every cmdlet needs docs/<Name>.md (PlatyPS schema 2.0.0)'
    }

    It 'has no markdown file for a cmdlet the module does not export' {
        $extra = @(Get-ChildItem -LiteralPath $DocsDir -Filter '*.md' | Where-Object { $_.Name -notlike 'about_*' -and $_.BaseName -match '^\w+-\w+$' } |
                Where-Object { -not $Module.ExportedCmdlets.ContainsKey($_.BaseName) } | ForEach-Object Name)
        $extra | Should -BeNullOrEmpty
    }

    It 'exports every cmdlet the manifest lists' {
        $manifest = Import-PowerShellDataFile -LiteralPath (Join-Path $ModuleDir 'ContactsModule.psd1')
        @($manifest.CmdletsToExport | Where-Object { -not $Module.ExportedCmdlets.ContainsKey($_) }) |
            Should -BeNullOrEmpty -Because 'a listed cmdlet without a class in the DLL has no code to document'
    }
}

Describe 'Markdown help of <Name> matches the code' -ForEach $Cmdlets {
    BeforeAll {
        $script:Command = Get-Command -Name $Name -Module ContactsModule -ErrorAction SilentlyContinue
        $path = Get-DocPath $Name
        $script:Help = if (Test-Path -LiteralPath $path) { ConvertFrom-PlatyPSMarkdown -Path $path } else { $null }
        $script:Visible = if ($Command) { Get-VisibleParameter $Command } else { @() }
    }

    It 'exists in the built module and has a markdown file' {
        $Command | Should -Not -BeNullOrEmpty -Because "$Name is in CmdletsToExport"
        $Help | Should -Not -BeNullOrEmpty -Because "docs/$Name.md must exist"
    }

    It 'has the right front matter and title' {
        $Help.Name | Should -Be $Name
        $Help.FrontMatter['Module Name'] | Should -Be 'ContactsModule'
        $Help.FrontMatter['external help file'] | Should -Be 'ContactsModule.dll-Help.xml'
    }

    It 'has a synopsis and a description, without PlatyPS placeholders' {
        $Help.Synopsis | Should -Not -BeNullOrEmpty
        $Help.Synopsis.Length | Should -BeLessOrEqual 200 -Because 'the synopsis is one line in Get-Command and Get-Help lists'
        @($Help.Description).Count | Should -BeGreaterThan 0
        ($Help.Description -join ' ').Length | Should -BeGreaterThan 80
        (Get-Content -LiteralPath $Help.Path -Raw) | Should -Not -Match '\{\{.*\}\}' -Because 'New-MarkdownHelp placeholders must be filled in'
    }

    It 'has at least two examples, one of them a CSV pipeline, each using the cmdlet' {
        @($Help.Examples).Count | Should -BeGreaterOrEqual 2
        foreach ($example in $Help.Examples) {
            $example.Code | Should -Match ([regex]::Escape($Name)) -Because "example '$($example.Title)' should show $Name"
        }
        @($Help.Examples | Where-Object { $_.Code -match '(Import|ConvertFrom|Export)-Csv' }).Count |
            Should -BeGreaterOrEqual 1 -Because 'administrators import CSV files: show how the cmdlet fits that pipeline'
    }

    It 'has examples whose PowerShell parses and calls the module''s cmdlets only with parameters they have' {
        # The ```powershell blocks of ## EXAMPLES (```Output blocks show results and are not code).
        $text = (Get-Content -LiteralPath $Help.Path -Raw) -replace '\r\n', "`n"
        $examples = ([regex]::Match($text, '(?ms)^## EXAMPLES\s*$(.*?)^## PARAMETERS\s*$')).Groups[1].Value
        $blocks = @([regex]::Matches($examples, '(?ms)^```powershell[ \t]*\n(.*?)^```[ \t]*$') | ForEach-Object { $_.Groups[1].Value })
        $blocks.Count | Should -BeGreaterOrEqual @($Help.Examples).Count -Because 'every example needs a ```powershell block'
        foreach ($code in $blocks) {
            $tokens = $errors = $null
            $ast = [System.Management.Automation.Language.Parser]::ParseInput($code, [ref] $tokens, [ref] $errors)
            @($errors | ForEach-Object Message) | Should -BeNullOrEmpty -Because "this example must be valid PowerShell:`n$code"
            foreach ($call in $ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true)) {
                $commandName = $call.GetCommandName()
                if (-not $commandName -or -not $Module.ExportedCmdlets.ContainsKey($commandName)) { continue }
                $target = Get-Command -Name $commandName -Module ContactsModule
                $known = @($target.Parameters.Values | ForEach-Object { $_.Name; $_.Aliases })
                foreach ($parameter in $call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] }) {
                    $matched = @($known | Where-Object { $_ -eq $parameter.ParameterName -or $_ -like "$($parameter.ParameterName)*" })
                    $matched.Count | Should -BeGreaterThan 0 -Because "an example passes -$($parameter.ParameterName) to $commandName"
                }
            }
        }
    }

    It 'documents every parameter in code' {
        $documented = @($Help.Parameters | ForEach-Object Name)
        @($Visible | Where-Object { $_.Name -notin $documented } | ForEach-Object Name) | Should -BeNullOrEmpty
        $Help.HasCommonParameters | Should -BeTrue -Because 'the file should end its parameters with ### CommonParameters'
    }

    It 'documents no parameter that is not in code (or is hidden)' {
        $names = @($Visible | ForEach-Object Name)
        @($Help.Parameters | Where-Object { $_.Name -notin $names } | ForEach-Object Name) | Should -BeNullOrEmpty
    }

    It 'lists the parameter sets of the code in SYNTAX, with the same default set' {
        $codeSets = @(Get-ParameterSetName $Command)
        @($Help.Syntax | ForEach-Object Name) | Sort-Object | Should -Be ($codeSets | Sort-Object)
        if ($codeSets.Count -gt 1) {
            @($Help.Syntax | Where-Object IsDefault | ForEach-Object Name) | Should -Be @($Command.DefaultParameterSet)
        }
    }

    It 'has a syntax line per set with the parameters, brackets and positions of the code' {
        foreach ($set in $Command.ParameterSets) {
            $documented = $Help.Syntax | Where-Object Name -EQ $set.Name
            Get-SyntaxShape $documented.Text | Should -Be (Get-CodeSyntax $Command $set) -Because "syntax of set $($set.Name)"
        }
    }

    It 'documents type, sets, mandatory, position, pipeline input, aliases and values of each parameter as in code' {
        $allSets = @(Get-ParameterSetName $Command)
        foreach ($parameter in $Visible) {
            $doc = $Help.Parameters | Where-Object Name -EQ $parameter.Name
            if (-not $doc) { continue }
            $because = "of -$($parameter.Name) in docs/$Name.md"
            @($doc.Description | Where-Object { $_ -and $_ -notmatch '^\s*\{\{' }).Count | Should -BeGreaterThan 0 -Because "a description $because"
            (Test-TypeName $doc.Type $parameter.ParameterType) | Should -BeTrue -Because "the Type '$($doc.Type)' $because should be $($parameter.ParameterType.Name)"
            @($doc.Aliases | Sort-Object) | Should -Be @($parameter.Aliases | Sort-Object) -Because "the aliases $because"

            $validateSet = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
            $values = if ($validateSet) { @($validateSet.ValidValues) } elseif ($parameter.ParameterType.IsEnum) { [enum]::GetNames($parameter.ParameterType) } else { @() }
            @($doc.AcceptedValues | Sort-Object) | Should -Be @($values | Sort-Object) -Because "the accepted values $because"

            foreach ($entry in $parameter.ParameterSets.GetEnumerator()) {
                $setName = $entry.Key
                $metadata = $entry.Value
                # The yaml block for this set: one naming it, else one for (All).
                $block = @($doc.Sets | Where-Object { $_.ParameterSets -contains $setName -or ($setName -eq '__AllParameterSets' -and $_.ParameterSets -contains '(All)') }) +
                @($doc.Sets | Where-Object { $_.ParameterSets -contains '(All)' }) | Select-Object -First 1
                $block | Should -Not -BeNullOrEmpty -Because "a yaml block for set '$setName' $because"
                $block.Required | Should -Be $metadata.IsMandatory -Because "Required in set '$setName' $because"
                $position = if ($metadata.Position -lt 0) { 'Named' } else { [string] $metadata.Position }
                $block.Position | Should -Be $position -Because "Position in set '$setName' $because"
                $block.ByValue | Should -Be $metadata.ValueFromPipeline -Because "pipeline input ByValue in set '$setName' $because"
                $block.ByPropertyName | Should -Be $metadata.ValueFromPipelineByPropertyName -Because "pipeline input ByPropertyName in set '$setName' $because"
            }
            # A yaml block must not name a set the parameter is not in.
            foreach ($setName in @($doc.ParameterSets | Where-Object { $_ -ne '(All)' })) {
                $setName | Should -BeIn @($parameter.ParameterSets.Keys) -Because "docs name set '$setName' $because"
            }
            if ($doc.ParameterSets -contains '(All)' -and $allSets.Count -gt 1) {
                @($parameter.ParameterSets.Keys | Where-Object { $_ -ne '__AllParameterSets' }).Count + [int] $parameter.ParameterSets.ContainsKey('__AllParameterSets') |
                    Should -BeGreaterThan 0
                if (-not $parameter.ParameterSets.ContainsKey('__AllParameterSets')) {
                    @($parameter.ParameterSets.Keys | Sort-Object) | Should -Be @($allSets | Sort-Object) -Because "(All) $because means every set"
                }
            }
        }
    }

    It 'names the output types of [OutputType] under OUTPUTS' {
        $documented = @($Help.Outputs | ForEach-Object TypeName)
        foreach ($type in $Command.OutputType) {
            if ($type.Name -eq 'System.Void') { continue }
            ($documented -contains $type.Name -or $documented -contains $type.Type.FullName) |
                Should -BeTrue -Because "[OutputType($($type.Name))] of $Name should be under ## OUTPUTS"
        }
        @($Help.Inputs).Count | Should -BeGreaterThan 0
    }

    It 'has notes and links to about_ContactsModule' {
        @($Help.Notes).Count | Should -BeGreaterThan 0
        @($Help.RelatedLinks | ForEach-Object Text) | Should -Contain 'about_ContactsModule'
    }
}

Describe 'about_ContactsModule' {
    BeforeAll {
        $script:AboutPath = Join-Path $DocsDir 'about_ContactsModule.md'
        $script:AboutText = Get-Content -LiteralPath $AboutPath -Raw
        $script:ErrorIdType = $Module.ImplementingAssembly.GetType('ContactsModule.Cmdlets.ErrorIds')
    }

    It 'documents every ErrorId of Cmdlets/ErrorIds.cs' {
        $ErrorIdType | Should -Not -BeNullOrEmpty
        # Public or not: ErrorIds is the one list, and the test reads it instead of keeping its own.
        $ids = @($ErrorIdType.GetFields([System.Reflection.BindingFlags] 'Public, NonPublic, Static') | Where-Object IsLiteral | ForEach-Object { $_.GetRawConstantValue() })
        $ids.Count | Should -BeGreaterThan 5
        foreach ($id in $ids) {
            $AboutText | Should -Match "(?m)^### .*\b$([regex]::Escape($id))\b" -Because "ErrorId $id needs a '### $id' entry saying what to do"
        }
    }

    It 'has every ErrorId in ErrorIds.cs: none is a literal elsewhere in the source' {
        $ids = @($ErrorIdType.GetFields([System.Reflection.BindingFlags] 'Public, NonPublic, Static') | Where-Object IsLiteral | ForEach-Object { $_.GetRawConstantValue() })
        foreach ($id in 'ContactsApiTokenMissing', 'ContactsApiLocationMissing', 'InvalidDefaultCountry', 'InvalidCustomFieldColumn', 'InvalidDateFormat', 'InvalidContactFilter', 'InvalidContactTag') {
            $ids | Should -Contain $id -Because 'the ErrorIds the cmdlets raise are all in ErrorIds.cs'
        }
        $sources = Get-ChildItem -LiteralPath (Join-Path $RepoRoot 'src/ContactsModule') -Filter '*.cs' -Recurse |
            Where-Object { $_.Name -ne 'ErrorIds.cs' -and $_.FullName -notmatch '[\\/](obj|bin)[\\/]' }
        $literals = foreach ($file in $sources) {
            $text = Get-Content -LiteralPath $file.FullName -Raw
            foreach ($id in $ids) { if ($text -match ('"' + [regex]::Escape($id) + '"')) { "$($file.Name): $id" } }
        }
        @($literals) | Should -BeNullOrEmpty -Because 'an ErrorId is used through its ErrorIds constant'
    }

    It 'covers connecting, CSV import, duplicates, rate limits, runbooks, troubleshooting and compatibility' {
        foreach ($section in 'CONNECTING', 'IMPORTING CONTACTS FROM CSV', 'DUPLICATES', 'RATE LIMITS AND RETRIES', 'ERRORS', 'RUNBOOKS', 'TROUBLESHOOTING', 'COMPATIBILITY') {
            $AboutText | Should -Match "(?m)^## $section\s*$"
        }
        foreach ($status in '401', '403', '422', '429') { $AboutText | Should -Match "(?m)^### $status\b" }
        $AboutText | Should -Match 'HIGHLEVEL_API_TOKEN'
        $AboutText | Should -Match 'HIGHLEVEL_LOCATION_ID'
        $AboutText | Should -Match 'Private Integration Token'
    }

    It 'names the environment variables Connect-ContactsApi really reads' {
        $connect = $Module.ImplementingAssembly.GetType('ContactsModule.Cmdlets.ConnectContactsApiCommand')
        foreach ($field in 'TokenVariable', 'LocationVariable') {
            $AboutText | Should -Match ([regex]::Escape($connect.GetField($field).GetRawConstantValue()))
        }
    }

    It 'mentions every alias of New-Contact that is a common CSV header' {
        foreach ($header in 'First Name', 'Last Name', 'E-mail', 'Phone Number', 'Zip', 'Company', 'Time Zone', 'Date of Birth') {
            (Get-Command New-Contact).Parameters.Values.Aliases | Should -Contain $header -Because 'the about topic promises this header'
            $AboutText | Should -Match ([regex]::Escape($header))
        }
    }
}

Describe 'Get-Help of the built module in a fresh pwsh' {
    BeforeAll {
        # A child process: Get-Help must find the MAML and the about topic in out/ContactsModule/en-US on its own.
        $probeScript = Join-Path $TestDrive 'Invoke-HelpProbe.ps1'
        Set-Content -LiteralPath $probeScript -Encoding utf8 -Value @'
param([string] $ModuleDir)
$ErrorActionPreference = 'Stop'
$module = Import-Module $ModuleDir -PassThru
$result = foreach ($name in $module.ExportedCmdlets.Keys) {
    $full = Get-Help $name -Full
    $parameters = foreach ($p in @($full.parameters.parameter)) {
        if (-not $p) { continue }
        [pscustomobject]@{
            Name          = $p.name
            Required      = $p.required
            PipelineInput = $p.pipelineInput
            Type          = $p.type.name
            Description   = (@($p.description) | ForEach-Object { $_.Text }) -join ' '
        }
    }
    [pscustomobject]@{
        Name         = $name
        Synopsis     = $full.Synopsis
        Description  = (@($full.description) | ForEach-Object { $_.Text }) -join ' '
        ExampleCount = @($full.examples.example).Count
        Parameters   = @($parameters)
        FullText     = $full | Out-String -Width 120
        ExamplesText = Get-Help $name -Examples | Out-String -Width 120
    }
}
[pscustomobject]@{
    Commands   = @($result)
    EmailText  = Get-Help New-Contact -Parameter Email | Out-String -Width 120
    AboutText  = Get-Help about_ContactsModule | Out-String -Width 120
    AboutFound = @(Get-Help about_ContactsModule -ErrorAction SilentlyContinue).Count
} | ConvertTo-Json -Depth 6
'@
        $exe = [System.Environment]::ProcessPath
        $prefix = @()
        if ([System.IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
        $json = & $exe @prefix -NoProfile -NonInteractive -File $probeScript -ModuleDir $ModuleDir 2>&1
        if ($LASTEXITCODE -ne 0) { throw "Child pwsh failed ($LASTEXITCODE): $($json -join "`n")" }
        $script:Probe = ($json -join "`n") | ConvertFrom-Json
    }

    It 'shows the markdown synopsis, description and examples for <Name>' -ForEach $Cmdlets {
        $shown = $Probe.Commands | Where-Object Name -EQ $Name
        $shown | Should -Not -BeNullOrEmpty
        $markdown = ConvertFrom-PlatyPSMarkdown -Path (Get-DocPath $Name)
        $shown.Synopsis | Should -Be $markdown.Synopsis -Because 'an auto-generated synopsis would mean the MAML was not found'
        $shown.Description | Should -Not -BeNullOrEmpty
        $shown.ExampleCount | Should -Be @($markdown.Examples).Count
        $shown.ExamplesText | Should -Match 'Example 1'
        $shown.FullText | Should -Match 'RELATED LINKS'
    }

    It 'describes every parameter of <Name> with the type, mandatory and pipeline setting of the code' -ForEach $Cmdlets {
        $shown = $Probe.Commands | Where-Object Name -EQ $Name
        $command = Get-Command -Name $Name -Module ContactsModule
        foreach ($parameter in Get-VisibleParameter $command) {
            $help = $shown.Parameters | Where-Object Name -EQ $parameter.Name
            $help | Should -Not -BeNullOrEmpty -Because "Get-Help $Name should list -$($parameter.Name)"
            $help.Description | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs help text"
            (Test-TypeName $help.Type $parameter.ParameterType) | Should -BeTrue -Because "the type of -$($parameter.Name) is $($parameter.ParameterType.Name), help says $($help.Type)"
            $mandatory = [bool] ($parameter.ParameterSets.Values | Where-Object IsMandatory)
            $help.Required | Should -Be $mandatory.ToString().ToLowerInvariant() -Because "-$($parameter.Name) mandatory"
            $byValue = [bool] ($parameter.ParameterSets.Values | Where-Object ValueFromPipeline)
            $byName = [bool] ($parameter.ParameterSets.Values | Where-Object ValueFromPipelineByPropertyName)
            ($help.PipelineInput -match 'ByValue') | Should -Be $byValue -Because "-$($parameter.Name) ByValue"
            ($help.PipelineInput -match 'ByPropertyName') | Should -Be $byName -Because "-$($parameter.Name) ByPropertyName"
        }
        $documented = @($shown.Parameters | ForEach-Object Name)
        $visible = @(Get-VisibleParameter $command | ForEach-Object Name)
        @($documented | Where-Object { $_ -notin $visible }) | Should -BeNullOrEmpty -Because 'help must not describe parameters the cmdlet does not have'
    }

    It 'answers Get-Help New-Contact -Parameter Email with its aliases' {
        $Probe.EmailText | Should -Match '-Email <String>'
        $Probe.EmailText | Should -Match 'E-mail'
        $Probe.EmailText | Should -Match 'ByPropertyName'
    }

    It 'finds about_ContactsModule' {
        $Probe.AboutFound | Should -Be 1
        $Probe.AboutText | Should -Match 'about_ContactsModule'
        $Probe.AboutText | Should -Match 'HIGHLEVEL_API_TOKEN'
        $Probe.AboutText | Should -Match 'ContactDuplicate'
    }
}

Describe 'Argument completion (TabExpansion2) in the built module' {
    BeforeAll {
        function Get-Completion([string] $Line) {
            (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches
        }
    }

    It 'completes New-Contact -Country with codes, showing the names' {
        $found = Get-Completion 'New-Contact -Country d'
        $found.CompletionText | Should -Contain 'DE'
        $de = $found | Where-Object CompletionText -EQ 'DE'
        $de.ToolTip | Should -Be 'Germany'
        $de.ListItemText | Should -Match 'Germany'
        $de.ResultType | Should -Be 'ParameterValue'
        $found[0].CompletionText | Should -BeLike 'D*' -Because 'codes that start with the text come first'
    }

    It 'matches the typed text against country names too' {
        (Get-Completion 'New-Contact -Country germ').CompletionText | Should -Be @('DE')
        (Get-Completion 'New-Contact -Country kingdom').CompletionText | Should -Contain 'GB'
        (Get-Completion 'New-Contact -Country United').CompletionText | Should -Contain 'US'
    }

    It 'offers every country when nothing is typed, and keeps an opening quote' {
        @(Get-Completion 'New-Contact -Country ').Count | Should -BeGreaterThan 200
        (Get-Completion "New-Contact -Country 'fr").CompletionText | Should -Contain "'FR'"
    }

    It 'completes -DefaultCountry the same way' {
        (Get-Completion 'New-Contact -DefaultCountry mex').CompletionText | Should -Contain 'MX'
    }

    It 'completes -Timezone with IANA ids, by prefix and by city' {
        (Get-Completion 'New-Contact -Timezone America/Chi').CompletionText | Should -Contain 'America/Chicago'
        (Get-Completion 'New-Contact -Timezone chicago').CompletionText | Should -Contain 'America/Chicago'
        (Get-Completion 'New-Contact -Timezone europe/ber').CompletionText | Should -Be @('Europe/Berlin')
        $all = $Module.ImplementingAssembly.GetType('ContactsModule.Conversion.TimeZoneNames')::IanaIds
        @(Get-Completion 'New-Contact -Timezone ').Count | Should -Be $all.Count
    }

    It 'completes -OnDuplicate and -ApiVersion from their closed sets' {
        (Get-Completion 'New-Contact -OnDuplicate S').CompletionText | Should -Be @('Skip')
        (Get-Completion 'Connect-ContactsApi -ApiVersion 2021-04').CompletionText -replace "'", '' | Should -Be @('2021-04-15')
    }

    It 'has a completer on every country and time zone parameter of every cmdlet' {
        foreach ($command in Get-Command -Module ContactsModule) {
            foreach ($parameter in $command.Parameters.Values | Where-Object Name -In 'Country', 'DefaultCountry', 'Timezone') {
                $completer = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] }
                $completer | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) of $($command.Name) should complete"
            }
        }
    }
}
