#Requires -Version 7.0
<#
    HelpBuilder: a small offline converter from PlatyPS markdown (schema 2.0.0) to MAML and
    about_*.help.txt files. It reads the same markdown PlatyPS reads, so PlatyPS's
    New-ExternalHelp can replace it later without touching docs/.

    Markdown rules enforced by ConvertFrom-PlatyPSMarkdown (errors name the file and section):
      * YAML front matter delimited by '---' lines containing 'schema: 2.0.0'.
      * '# <Verb-Noun>' heading, then exactly these '##' sections in this order:
        SYNOPSIS, SYNTAX, DESCRIPTION, EXAMPLES, PARAMETERS, INPUTS, OUTPUTS, NOTES, RELATED LINKS.
      * SYNOPSIS is not empty. SYNTAX has one or more '### <SetName>' or '### <SetName> (Default)'
        headings, each followed by a fenced code block holding the syntax line.
      * EXAMPLES: '### <title>' headings, each with at least one fenced code block; other text is remarks.
      * PARAMETERS: '### -<Name>' headings with description text and one or more ```yaml blocks
        (one per group of parameter sets), plus an optional '### CommonParameters'.
        Every yaml block has the keys Type, Parameter Sets, Aliases, Required, Position,
        Default value, Accept pipeline input, Accept wildcard characters (Accepted values optional).
        Set names must be '(All)' or appear under SYNTAX.
      * INPUTS / OUTPUTS: '### <TypeName>' headings with optional text.
      * RELATED LINKS: only lines of the form [text](uri).
#>
Set-StrictMode -Version Latest

$script:SectionOrder = @('SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS')
$script:RequiredYamlKeys = @('Type', 'Parameter Sets', 'Aliases', 'Required', 'Position', 'Default value', 'Accept pipeline input', 'Accept wildcard characters')
$script:OptionalYamlKeys = @('Accepted values')
$script:FencePattern = '^\s*(```|~~~)\s*([\w-]*)\s*$'
$script:Namespaces = [ordered]@{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}

function Stop-HelpParse {
    param([string] $File, [string] $Section, [string] $Message)
    throw [System.FormatException]::new("Help markdown '$File', section '$Section': $Message")
}

function Read-MarkdownLine {
    param([string] $Path)
    $text = [System.IO.File]::ReadAllText($Path, [System.Text.Encoding]::UTF8)
    return , ($text -split '\r?\n')
}

function Split-FrontMatter {
    # Returns @{ FrontMatter = ordered dictionary or $null; Body = remaining lines }.
    param([string[]] $Lines, [string] $File)
    $start = 0
    while ($start -lt $Lines.Count -and $Lines[$start].Trim() -eq '') { $start++ }
    if ($start -ge $Lines.Count) { return @{ FrontMatter = $null; Body = [string[]] @() } }
    if ($Lines[$start].Trim() -ne '---') { return @{ FrontMatter = $null; Body = [string[]] $Lines[$start..($Lines.Count - 1)] } }
    $end = $start + 1
    while ($end -lt $Lines.Count -and $Lines[$end].Trim() -ne '---') { $end++ }
    if ($end -ge $Lines.Count) { Stop-HelpParse $File 'front matter' "no closing '---' line." }
    $front = [ordered]@{}
    foreach ($line in $Lines[($start + 1)..($end - 1)]) {
        if ($line -match '^\s*([^:]+?)\s*:\s*(.*?)\s*$') { $front[$Matches[1]] = $Matches[2] }
        elseif ($line.Trim() -ne '') { Stop-HelpParse $File 'front matter' "line '$line' is not 'key: value'." }
    }
    $body = if ($end + 1 -lt $Lines.Count) { $Lines[($end + 1)..($Lines.Count - 1)] } else { @() }
    return @{ FrontMatter = $front; Body = [string[]] $body }
}

function Split-MarkdownHeading {
    # Splits lines at headings of exactly $Level '#' characters, ignoring lines inside fenced code.
    # Returns @{ Preamble = lines before the first heading; Blocks = list of @{ Title; Lines } }.
    param([string[]] $Lines, [int] $Level)
    $pattern = '^#{' + $Level + '}\s+(.+?)\s*#*\s*$'
    $preamble = [System.Collections.Generic.List[string]]::new()
    $blocks = [System.Collections.Generic.List[object]]::new()
    $current = $preamble
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match $script:FencePattern) { $inFence = -not $inFence }
        if (-not $inFence -and $line -match $pattern) {
            $current = [System.Collections.Generic.List[string]]::new()
            $blocks.Add(@{ Title = $Matches[1]; Lines = $current })
            continue
        }
        $current.Add($line)
    }
    return @{ Preamble = $preamble; Blocks = $blocks }
}

function Split-MarkdownContent {
    # Splits lines into text paragraphs and fenced code blocks: list of @{ Kind = 'Text'|'Code'; Language; Text }.
    # Text paragraphs join soft-wrapped lines with a space; list items keep their own line.
    param([string[]] $Lines, [string] $File, [string] $Section)
    $items = [System.Collections.Generic.List[object]]::new()
    $buffer = [System.Collections.Generic.List[string]]::new()
    $code = $null
    $language = ''
    $flush = {
        if ($buffer.Count -gt 0) {
            $items.Add(@{ Kind = 'Text'; Language = ''; Text = ($buffer -join "`n") })
            $buffer.Clear()
        }
    }
    foreach ($line in $Lines) {
        if ($null -ne $code) {
            if ($line -match $script:FencePattern) {
                $items.Add(@{ Kind = 'Code'; Language = $language; Text = ($code -join "`n") })
                $code = $null
            }
            else { $code.Add($line) }
        }
        elseif ($line -match $script:FencePattern) {
            . $flush
            $language = $Matches[2]
            $code = [System.Collections.Generic.List[string]]::new()
        }
        elseif ($line.Trim() -eq '') { . $flush }
        elseif ($buffer.Count -gt 0 -and $line -notmatch '^\s*([-*+]|\d+\.)\s') { $buffer[$buffer.Count - 1] += ' ' + $line.Trim() }
        else { $buffer.Add($line.TrimEnd()) }
    }
    if ($null -ne $code) { Stop-HelpParse $File $Section 'unterminated fenced code block.' }
    . $flush
    return , $items
}

function Get-ParagraphText {
    param([string[]] $Lines, [string] $File, [string] $Section)
    return , [string[]] @((Split-MarkdownContent -Lines $Lines -File $File -Section $Section) | ForEach-Object { $_.Text })
}

function ConvertFrom-ParameterYaml {
    param([string] $Yaml, [string] $File, [string] $Section)
    $values = @{}
    foreach ($line in ($Yaml -split "`n")) {
        if ($line.Trim() -eq '') { continue }
        if ($line -notmatch '^([A-Za-z ]+):\s*(.*?)\s*$') { Stop-HelpParse $File $Section "yaml line '$line' is not 'Key: value'." }
        $key = $Matches[1].Trim()
        if ($key -notin ($script:RequiredYamlKeys + $script:OptionalYamlKeys)) { Stop-HelpParse $File $Section "unknown yaml key '$key'." }
        $values[$key] = $Matches[2]
    }
    foreach ($key in $script:RequiredYamlKeys) {
        if (-not $values.ContainsKey($key)) { Stop-HelpParse $File $Section "yaml block is missing '${key}:'." }
    }
    foreach ($key in 'Required', 'Accept wildcard characters') {
        if ($values[$key] -notmatch '^(True|False)$') { Stop-HelpParse $File $Section "'${key}:' must be True or False, not '$($values[$key])'." }
    }
    $pipeline = $values['Accept pipeline input']
    if ($pipeline -notmatch '^(False|True \((ByValue|ByPropertyName)(, (ByValue|ByPropertyName))?\))$') {
        Stop-HelpParse $File $Section "'Accept pipeline input:' must be False or True (ByPropertyName, ByValue), not '$pipeline'."
    }
    $position = $values['Position']
    if ($position -notmatch '^(Named|\d+)$') { Stop-HelpParse $File $Section "'Position:' must be Named or a number, not '$position'." }
    $split = { param($text) , [string[]] @($text -split ',' | ForEach-Object { $_.Trim() } | Where-Object { $_ -ne '' -and $_ -ne 'None' }) }
    return [pscustomobject]@{
        Type           = $values['Type']
        ParameterSets  = & $split $values['Parameter Sets']
        Aliases        = & $split $values['Aliases']
        AcceptedValues = if ($values.ContainsKey('Accepted values')) { & $split $values['Accepted values'] } else { , [string[]] @() }
        Required       = $values['Required'] -eq 'True'
        Position       = $position
        DefaultValue   = $values['Default value']
        PipelineInput  = $pipeline
        ByValue        = $pipeline -match 'ByValue'
        ByPropertyName = $pipeline -match 'ByPropertyName'
        Globbing       = $values['Accept wildcard characters'] -eq 'True'
    }
}

function ConvertFrom-ParameterSection {
    param([object[]] $Blocks, [string[]] $SetNames, [string] $File)
    $parameters = [System.Collections.Generic.List[object]]::new()
    $hasCommon = $false
    foreach ($block in $Blocks) {
        if ($block.Title -in 'CommonParameters', 'WorkflowCommonParameters') { $hasCommon = $true; continue }
        $section = "PARAMETERS / ### $($block.Title)"
        if ($block.Title -notmatch '^-(\w+)$') { Stop-HelpParse $File $section "parameter heading must be '### -Name' or '### CommonParameters'." }
        $name = $Matches[1]
        if ($parameters | Where-Object { $_.Name -eq $name }) { Stop-HelpParse $File $section 'parameter is documented twice.' }
        $content = Split-MarkdownContent -Lines $block.Lines -File $File -Section $section
        $sets = @($content | Where-Object { $_.Kind -eq 'Code' -and $_.Language -eq 'yaml' } |
            ForEach-Object { ConvertFrom-ParameterYaml -Yaml $_.Text -File $File -Section $section })
        if ($sets.Count -eq 0) { Stop-HelpParse $File $section 'no ```yaml block with the parameter metadata.' }
        foreach ($property in 'Type', 'Aliases', 'AcceptedValues') {
            if (@($sets | ForEach-Object { $_.$property -join ',' } | Select-Object -Unique).Count -gt 1) {
                Stop-HelpParse $File $section "yaml blocks disagree on '$property'."
            }
        }
        foreach ($setName in ($sets.ParameterSets | Where-Object { $_ -ne '(All)' })) {
            if ($setName -notin $SetNames) { Stop-HelpParse $File $section "parameter set '$setName' is not listed under ## SYNTAX." }
        }
        $requiredBySet = [ordered]@{}
        foreach ($set in $sets) { foreach ($setName in $set.ParameterSets) { $requiredBySet[$setName] = $set.Required } }
        $first = $sets[0]
        $parameters.Add([pscustomobject]@{
                PSTypeName     = 'HelpBuilder.ParameterHelp'
                Name           = $name
                Description    = [string[]] @($content | Where-Object { -not ($_.Kind -eq 'Code' -and $_.Language -eq 'yaml') } | ForEach-Object { $_.Text })
                Type           = $first.Type
                ParameterSets  = [string[]] @($sets.ParameterSets | Select-Object -Unique)
                Aliases        = $first.Aliases
                AcceptedValues = $first.AcceptedValues
                Required       = [bool] ($sets | Where-Object { $_.Required })
                RequiredBySet  = $requiredBySet
                Position       = $first.Position
                DefaultValue   = $first.DefaultValue
                PipelineInput  = $first.PipelineInput
                ByValue        = [bool] ($sets | Where-Object { $_.ByValue })
                ByPropertyName = [bool] ($sets | Where-Object { $_.ByPropertyName })
                Globbing       = $first.Globbing
                Sets           = $sets
            })
    }
    return @{ Parameters = $parameters.ToArray(); HasCommonParameters = $hasCommon }
}

function ConvertFrom-TypeSection {
    param([hashtable] $Split, [string] $File, [string] $Section)
    if (@($Split.Preamble | Where-Object { $_.Trim() -ne '' }).Count -gt 0) {
        Stop-HelpParse $File $Section "text must follow a '### <TypeName>' heading."
    }
    return , [object[]] @($Split.Blocks | ForEach-Object {
            [pscustomobject]@{ TypeName = $_.Title; Description = Get-ParagraphText -Lines $_.Lines -File $File -Section "$Section / ### $($_.Title)" }
        })
}

function ConvertFrom-PlatyPSMarkdown {
    <#
    .SYNOPSIS
        Parses one PlatyPS (schema 2.0.0) cmdlet markdown file into a structured object.
    .DESCRIPTION
        Returns an object with Name, Synopsis, Description, Syntax, Examples, Parameters, Inputs,
        Outputs, Notes, RelatedLinks and FrontMatter. Paragraph text is returned as string arrays
        (one element per paragraph). Throws a System.FormatException naming the file and the
        section when a required section is missing or malformed.
    .PARAMETER Path
        Path of the cmdlet markdown file.
    .EXAMPLE
        ConvertFrom-PlatyPSMarkdown -Path docs/New-Contact.md | Select-Object -ExpandProperty Parameters
    #>
    [CmdletBinding()]
    [OutputType('HelpBuilder.CommandHelp')]
    param(
        [Parameter(Mandatory, ValueFromPipeline, ValueFromPipelineByPropertyName)]
        [Alias('FullName')]
        [string] $Path
    )
    process {
        $file = (Resolve-Path -LiteralPath $Path -ErrorAction Stop).ProviderPath
        $split = Split-FrontMatter -Lines (Read-MarkdownLine -Path $file) -File $file
        if ($null -eq $split.FrontMatter) { Stop-HelpParse $file 'front matter' "missing; the file must start with a '---' block." }
        if (-not $split.FrontMatter.Contains('schema') -or $split.FrontMatter['schema'] -ne '2.0.0') {
            Stop-HelpParse $file 'front matter' "'schema: 2.0.0' is required."
        }
        $top = Split-MarkdownHeading -Lines $split.Body -Level 1
        if ($top.Blocks.Count -ne 1 -or @($top.Preamble | Where-Object { $_.Trim() -ne '' }).Count -gt 0) {
            Stop-HelpParse $file '# <Name>' "expected exactly one '# Verb-Noun' heading before any other text."
        }
        $name = $top.Blocks[0].Title
        if ($name -notmatch '^\w+-\w+$') { Stop-HelpParse $file '# <Name>' "'$name' is not a Verb-Noun command name." }

        $sections = Split-MarkdownHeading -Lines $top.Blocks[0].Lines -Level 2
        $titles = @($sections.Blocks | ForEach-Object { $_.Title.ToUpperInvariant() })
        foreach ($expected in $script:SectionOrder) {
            if ($expected -notin $titles) { Stop-HelpParse $file "## $expected" 'required section is missing.' }
        }
        if (($titles -join '|') -ne ($script:SectionOrder -join '|')) {
            Stop-HelpParse $file '##' "sections must be exactly, in order: $($script:SectionOrder -join ', '). Found: $($titles -join ', ')."
        }
        $body = @{}
        foreach ($block in $sections.Blocks) { $body[$block.Title.ToUpperInvariant()] = [string[]] $block.Lines }

        $synopsis = (Get-ParagraphText -Lines $body['SYNOPSIS'] -File $file -Section '## SYNOPSIS') -join ' '
        if ([string]::IsNullOrWhiteSpace($synopsis)) { Stop-HelpParse $file '## SYNOPSIS' 'must not be empty.' }

        $syntax = foreach ($block in (Split-MarkdownHeading -Lines $body['SYNTAX'] -Level 3).Blocks) {
            $code = @((Split-MarkdownContent -Lines $block.Lines -File $file -Section "## SYNTAX / ### $($block.Title)") | Where-Object { $_.Kind -eq 'Code' })
            if ($code.Count -ne 1) { Stop-HelpParse $file "## SYNTAX / ### $($block.Title)" 'expected one fenced code block with the syntax line.' }
            $isDefault = $block.Title -match '\s\(Default\)$'
            [pscustomobject]@{ Name = ($block.Title -replace '\s\(Default\)$', ''); IsDefault = $isDefault; Text = $code[0].Text.Trim() }
        }
        $syntax = @($syntax)
        if ($syntax.Count -eq 0) { Stop-HelpParse $file '## SYNTAX' "needs at least one '### <ParameterSetName>' with a code block." }

        $exampleSplit = Split-MarkdownHeading -Lines $body['EXAMPLES'] -Level 3
        if (@($exampleSplit.Preamble | Where-Object { $_.Trim() -ne '' }).Count -gt 0) { Stop-HelpParse $file '## EXAMPLES' "text must follow a '### Example N: title' heading." }
        $examples = @(foreach ($block in $exampleSplit.Blocks) {
                $content = Split-MarkdownContent -Lines $block.Lines -File $file -Section "## EXAMPLES / ### $($block.Title)"
                $code = @($content | Where-Object { $_.Kind -eq 'Code' })
                if ($code.Count -eq 0) { Stop-HelpParse $file "## EXAMPLES / ### $($block.Title)" 'needs a fenced code block.' }
                [pscustomobject]@{
                    Title   = $block.Title
                    Code    = ($code.Text -join "`n`n")
                    Remarks = [string[]] @($content | Where-Object { $_.Kind -eq 'Text' } | ForEach-Object { $_.Text })
                }
            })

        $parameterSplit = Split-MarkdownHeading -Lines $body['PARAMETERS'] -Level 3
        $parameterResult = ConvertFrom-ParameterSection -Blocks $parameterSplit.Blocks -SetNames $syntax.Name -File $file

        $links = [System.Collections.Generic.List[object]]::new()
        if ($split.FrontMatter.Contains('online version') -and $split.FrontMatter['online version'] -ne '') {
            $links.Add([pscustomobject]@{ Text = 'Online Version:'; Uri = $split.FrontMatter['online version'] })
        }
        foreach ($line in $body['RELATED LINKS']) {
            if ($line.Trim() -eq '') { continue }
            if ($line -notmatch '^\s*(?:[-*]\s+)?\[([^\]]+)\]\(([^)]*)\)\s*$') { Stop-HelpParse $file '## RELATED LINKS' "line '$line' is not a [text](uri) link." }
            $links.Add([pscustomobject]@{ Text = $Matches[1]; Uri = $Matches[2] })
        }

        [pscustomobject]@{
            PSTypeName          = 'HelpBuilder.CommandHelp'
            Path                = $file
            FrontMatter         = $split.FrontMatter
            Name                = $name
            Synopsis            = $synopsis
            Description         = Get-ParagraphText -Lines $body['DESCRIPTION'] -File $file -Section '## DESCRIPTION'
            Syntax              = $syntax
            Examples            = $examples
            Parameters          = $parameterResult.Parameters
            HasCommonParameters = $parameterResult.HasCommonParameters
            Inputs              = ConvertFrom-TypeSection -Split (Split-MarkdownHeading -Lines $body['INPUTS'] -Level 3) -File $file -Section '## INPUTS'
            Outputs             = ConvertFrom-TypeSection -Split (Split-MarkdownHeading -Lines $body['OUTPUTS'] -Level 3) -File $file -Section '## OUTPUTS'
            Notes               = Get-ParagraphText -Lines $body['NOTES'] -File $file -Section '## NOTES'
            RelatedLinks        = $links.ToArray()
        }
    }
}

function Write-MamlPara {
    param([System.Xml.XmlWriter] $Writer, [string] $Element, [string[]] $Paragraphs)
    $prefix, $local = $Element -split ':'
    $Writer.WriteStartElement($prefix, $local, $script:Namespaces[$prefix])
    if (@($Paragraphs).Count -eq 0) { $Paragraphs = @('') }
    foreach ($paragraph in $Paragraphs) { $Writer.WriteElementString('maml', 'para', $script:Namespaces.maml, $paragraph) }
    $Writer.WriteEndElement()
}

function Write-MamlParameter {
    param([System.Xml.XmlWriter] $Writer, [object] $Parameter, [object] $SetInfo, [bool] $InSyntax)
    $ns = $script:Namespaces
    $Writer.WriteStartElement('command', 'parameter', $ns.command)
    $Writer.WriteAttributeString('required', $SetInfo.Required.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', 'true')
    $Writer.WriteAttributeString('globbing', $SetInfo.Globbing.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', $SetInfo.PipelineInput)
    $Writer.WriteAttributeString('position', $(if ($SetInfo.Position -eq 'Named') { 'named' } else { $SetInfo.Position }))
    $Writer.WriteAttributeString('aliases', $(if ($Parameter.Aliases.Count -gt 0) { $Parameter.Aliases -join ', ' } else { 'none' }))
    $Writer.WriteElementString('maml', 'name', $ns.maml, $Parameter.Name)
    Write-MamlPara -Writer $Writer -Element 'maml:Description' -Paragraphs $Parameter.Description
    $isSwitch = $Parameter.Type -match '^(System\.Management\.Automation\.)?SwitchParameter$'
    if ($InSyntax -and $Parameter.AcceptedValues.Count -gt 0) {
        $Writer.WriteStartElement('command', 'parameterValueGroup', $ns.command)
        foreach ($value in $Parameter.AcceptedValues) {
            $Writer.WriteStartElement('command', 'parameterValue', $ns.command)
            $Writer.WriteAttributeString('required', 'false')
            $Writer.WriteAttributeString('command', 'variableLength', $ns.command, 'false')
            $Writer.WriteString($value)
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }
    elseif (-not ($InSyntax -and $isSwitch)) {
        $Writer.WriteStartElement('command', 'parameterValue', $ns.command)
        $Writer.WriteAttributeString('required', $(if ($isSwitch) { 'false' } else { 'true' }))
        $Writer.WriteAttributeString('variableLength', 'false')
        $Writer.WriteString($Parameter.Type)
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $ns.dev)
    $Writer.WriteElementString('maml', 'name', $ns.maml, $Parameter.Type)
    $Writer.WriteElementString('maml', 'uri', $ns.maml, '')
    $Writer.WriteEndElement()
    $Writer.WriteElementString('dev', 'defaultValue', $ns.dev, $SetInfo.DefaultValue)
    $Writer.WriteEndElement()
}

function Write-MamlCommand {
    param([System.Xml.XmlWriter] $Writer, [object] $Help)
    $ns = $script:Namespaces
    $Writer.WriteStartElement('command', 'command', $ns.command)
    foreach ($prefix in $ns.Keys) { $Writer.WriteAttributeString('xmlns', $prefix, $null, $ns[$prefix]) }

    $Writer.WriteStartElement('command', 'details', $ns.command)
    $verb, $noun = $Help.Name -split '-', 2
    $Writer.WriteElementString('command', 'name', $ns.command, $Help.Name)
    $Writer.WriteElementString('command', 'verb', $ns.command, $verb)
    $Writer.WriteElementString('command', 'noun', $ns.command, $noun)
    Write-MamlPara -Writer $Writer -Element 'maml:description' -Paragraphs $Help.Synopsis
    $Writer.WriteEndElement()
    Write-MamlPara -Writer $Writer -Element 'maml:description' -Paragraphs $Help.Description

    # Syntax: one syntaxItem per parameter set; positional parameters first (by position), then the rest in document order.
    $Writer.WriteStartElement('command', 'syntax', $ns.command)
    foreach ($set in $Help.Syntax) {
        $Writer.WriteStartElement('command', 'syntaxItem', $ns.command)
        $Writer.WriteElementString('maml', 'name', $ns.maml, $Help.Name)
        $members = foreach ($parameter in $Help.Parameters) {
            $setInfo = $parameter.Sets | Where-Object { $_.ParameterSets -contains $set.Name -or $_.ParameterSets -contains '(All)' } | Select-Object -First 1
            if ($setInfo) { [pscustomobject]@{ Parameter = $parameter; SetInfo = $setInfo } }
        }
        $ordered = @($members | Where-Object { $_.SetInfo.Position -ne 'Named' } | Sort-Object { [int] $_.SetInfo.Position }) +
        @($members | Where-Object { $_.SetInfo.Position -eq 'Named' })
        foreach ($member in $ordered) { Write-MamlParameter -Writer $Writer -Parameter $member.Parameter -SetInfo $member.SetInfo -InSyntax $true }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    # Parameters: one entry per parameter, attributes from its first yaml block (as PlatyPS does).
    $Writer.WriteStartElement('command', 'parameters', $ns.command)
    foreach ($parameter in $Help.Parameters) { Write-MamlParameter -Writer $Writer -Parameter $parameter -SetInfo $parameter.Sets[0] -InSyntax $false }
    $Writer.WriteEndElement()

    foreach ($kind in @(@{ List = 'inputTypes'; Item = 'inputType'; Data = $Help.Inputs }, @{ List = 'returnValues'; Item = 'returnValue'; Data = $Help.Outputs })) {
        $Writer.WriteStartElement('command', $kind.List, $ns.command)
        foreach ($type in $kind.Data) {
            $Writer.WriteStartElement('command', $kind.Item, $ns.command)
            $Writer.WriteStartElement('dev', 'type', $ns.dev)
            $Writer.WriteElementString('maml', 'name', $ns.maml, $type.TypeName)
            $Writer.WriteEndElement()
            Write-MamlPara -Writer $Writer -Element 'maml:description' -Paragraphs $type.Description
            $Writer.WriteEndElement()
        }
        $Writer.WriteEndElement()
    }

    $Writer.WriteStartElement('maml', 'alertSet', $ns.maml)
    Write-MamlPara -Writer $Writer -Element 'maml:alert' -Paragraphs $Help.Notes
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'examples', $ns.command)
    foreach ($example in $Help.Examples) {
        $Writer.WriteStartElement('command', 'example', $ns.command)
        $Writer.WriteElementString('maml', 'title', $ns.maml, "-------------------------- $($example.Title) --------------------------")
        $Writer.WriteElementString('dev', 'code', $ns.dev, $example.Code)
        Write-MamlPara -Writer $Writer -Element 'dev:remarks' -Paragraphs $example.Remarks
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    # Relative links (e.g. Get-Contact.md) only make sense in the markdown; MAML keeps their text with an empty uri.
    $Writer.WriteStartElement('command', 'relatedLinks', $ns.command)
    foreach ($link in $Help.RelatedLinks) {
        $Writer.WriteStartElement('maml', 'navigationLink', $ns.maml)
        $Writer.WriteElementString('maml', 'linkText', $ns.maml, $link.Text)
        $Writer.WriteElementString('maml', 'uri', $ns.maml, $(if ($link.Uri -match '^[a-z][a-z0-9+.-]*://') { $link.Uri } else { '' }))
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()
}

function ConvertTo-MamlHelp {
    <#
    .SYNOPSIS
        Converts the PlatyPS cmdlet markdown files of a folder into one MAML help file.
    .DESCRIPTION
        Reads every *.md file in MarkdownPath except about_*.md, parses it with
        ConvertFrom-PlatyPSMarkdown and writes one <helpItems schema="maml"> document with a
        command:command element per file (UTF-8, written with System.Xml.XmlWriter).
        Name the output '<AssemblyFileName>-Help.xml' in a culture folder (en-US) next to the
        module's DLL so Get-Help finds it.
    .PARAMETER MarkdownPath
        Folder containing the cmdlet markdown files.
    .PARAMETER OutputPath
        Path of the MAML file to write; the folder is created if needed.
    .PARAMETER ModuleName
        When given, every file's 'Module Name' front matter must equal this value.
    .EXAMPLE
        ConvertTo-MamlHelp -MarkdownPath docs -OutputPath out/ContactsModule/en-US/ContactsModule.dll-Help.xml -ModuleName ContactsModule
    #>
    [CmdletBinding()]
    [OutputType([System.IO.FileInfo])]
    param(
        [Parameter(Mandatory)] [string] $MarkdownPath,
        [Parameter(Mandatory)] [string] $OutputPath,
        [string] $ModuleName
    )
    $folder = (Resolve-Path -LiteralPath $MarkdownPath -ErrorAction Stop).ProviderPath
    $files = @(Get-ChildItem -LiteralPath $folder -Filter '*.md' -File | Where-Object { $_.Name -notlike 'about_*' } | Sort-Object Name)
    if ($files.Count -eq 0) { throw [System.IO.FileNotFoundException]::new("No cmdlet markdown (*.md other than about_*.md) in '$folder'.") }
    $helps = foreach ($file in $files) {
        $help = ConvertFrom-PlatyPSMarkdown -Path $file.FullName
        if ($ModuleName -and $help.FrontMatter['Module Name'] -ne $ModuleName) {
            Stop-HelpParse $file.FullName 'front matter' "'Module Name: $($help.FrontMatter['Module Name'])' does not match '$ModuleName'."
        }
        $help
    }

    $target = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath)
    $null = New-Item -ItemType Directory -Path ([System.IO.Path]::GetDirectoryName($target)) -Force
    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    $settings.NewLineChars = "`n"
    $writer = [System.Xml.XmlWriter]::Create($target, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', 'http://msh')
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($help in $helps) { Write-MamlCommand -Writer $writer -Help $help }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    }
    finally { $writer.Dispose() }
    Get-Item -LiteralPath $target
}

function Format-WrappedText {
    param([string] $Text, [string] $Indent, [string] $HangingIndent = $Indent, [int] $Width = 80)
    $lines = [System.Collections.Generic.List[string]]::new()
    $line = $Indent
    $empty = $true
    foreach ($word in ($Text -split '\s+' | Where-Object { $_ -ne '' })) {
        if (-not $empty -and ($line.Length + 1 + $word.Length) -gt $Width) {
            $lines.Add($line)
            $line = $HangingIndent
            $empty = $true
        }
        $line += $(if ($empty) { $word } else { " $word" })
        $empty = $false
    }
    $lines.Add($line)
    return , $lines.ToArray()
}

function ConvertTo-AboutHelp {
    <#
    .SYNOPSIS
        Converts a PlatyPS about_*.md topic into a classic about_*.help.txt file.
    .DESCRIPTION
        The markdown needs a '# about_Name' heading (matching the file name) and '## SHORT DESCRIPTION'
        and '## LONG DESCRIPTION' sections; further '##' sections are rendered as extra upper-case
        headings and '###' headings as indented sub-headings. Text is indented 4 spaces and wrapped
        at 80 columns; fenced code blocks are kept verbatim and indented 8 spaces.
    .PARAMETER Path
        Path of the about_*.md file.
    .PARAMETER OutputPath
        Folder receiving about_<Name>.help.txt (created if needed), normally the module's en-US folder.
    .EXAMPLE
        ConvertTo-AboutHelp -Path docs/about_ContactsModule.md -OutputPath out/ContactsModule/en-US
    #>
    [CmdletBinding()]
    [OutputType([System.IO.FileInfo])]
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [string] $OutputPath
    )
    $file = (Resolve-Path -LiteralPath $Path -ErrorAction Stop).ProviderPath
    $topic = [System.IO.Path]::GetFileNameWithoutExtension($file)
    $body = (Split-FrontMatter -Lines (Read-MarkdownLine -Path $file) -File $file).Body
    $top = Split-MarkdownHeading -Lines $body -Level 1
    if ($top.Blocks.Count -ne 1 -or $top.Blocks[0].Title -ne $topic) { Stop-HelpParse $file "# $topic" "expected exactly one '# $topic' heading." }
    $sections = (Split-MarkdownHeading -Lines $top.Blocks[0].Lines -Level 2).Blocks
    $titles = @($sections | ForEach-Object { $_.Title.ToUpperInvariant() })
    foreach ($required in 'SHORT DESCRIPTION', 'LONG DESCRIPTION') {
        if ($required -notin $titles) { Stop-HelpParse $file "## $required" 'required section is missing.' }
    }

    $out = [System.Collections.Generic.List[string]]::new()
    $out.Add('TOPIC')
    $out.Add("    $topic")
    foreach ($section in $sections) {
        $out.Add('')
        $out.Add($section.Title.ToUpperInvariant())
        $subsections = Split-MarkdownHeading -Lines $section.Lines -Level 3
        $parts = @(@{ Title = $null; Lines = $subsections.Preamble }) + @($subsections.Blocks)
        $firstItem = $true
        foreach ($part in $parts) {
            if ($part.Title) {
                if (-not $firstItem) { $out.Add('') }
                $out.Add("    $($part.Title)")
                $firstItem = $true
            }
            foreach ($item in (Split-MarkdownContent -Lines $part.Lines -File $file -Section $section.Title)) {
                if (-not $firstItem) { $out.Add('') }
                $firstItem = $false
                if ($item.Kind -eq 'Code') {
                    foreach ($codeLine in ($item.Text -split "`n")) { $out.Add(("        $codeLine").TrimEnd()) }
                    continue
                }
                foreach ($textLine in ($item.Text -split "`n")) {
                    $plain = $textLine -replace '\[([^\]]+)\]\(([^)]+)\)', '$1 ($2)'
                    if ($plain -match '^\s*([-*+]|\d+\.)\s+(.*)$') {
                        $marker = $Matches[1] -replace '^[*+]$', '-'
                        $out.AddRange((Format-WrappedText -Text $Matches[2] -Indent "    $marker " -HangingIndent (' ' * (5 + $marker.Length))))
                    }
                    else { $out.AddRange((Format-WrappedText -Text $plain -Indent '    ')) }
                }
            }
        }
    }
    $folder = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath)
    $null = New-Item -ItemType Directory -Path $folder -Force
    $target = Join-Path $folder "$topic.help.txt"
    [System.IO.File]::WriteAllText($target, (($out -join "`n") + "`n"), [System.Text.UTF8Encoding]::new($false))
    Get-Item -LiteralPath $target
}

Export-ModuleMember -Function ConvertFrom-PlatyPSMarkdown, ConvertTo-MamlHelp, ConvertTo-AboutHelp
