<#
    Runs in a child pwsh process started by tests/Pester/HelpBuilder.Tests.ps1. Imports the
    HelpFixture module by path and prints, as JSON, what Get-Help returns for its cmdlet and its
    about topic. The module's folder is deliberately NOT added to $env:PSModulePath: Get-Help
    finds about_*.help.txt in the culture folder of any *loaded* module (it searches the ModuleBase
    of imported modules as well as PSModulePath), so importing by path is enough.
#>
param([Parameter(Mandatory)] [string] $ManifestPath)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$aboutBeforeImport = [bool] (Get-Help about_HelpFixture -ErrorAction SilentlyContinue)
Import-Module -Name $ManifestPath

$full = Get-Help Get-HelpFixture -Full
$parameterInfo = foreach ($name in 'Name', 'Id', 'Size', 'Detailed') {
    $p = Get-Help Get-HelpFixture -Parameter $name
    [pscustomobject]@{
        Name          = $p.name
        Required      = $p.required
        PipelineInput = $p.pipelineInput
        Aliases       = $p.aliases
        Position      = $p.position
        Globbing      = $p.globbing
        DefaultValue  = $p.defaultValue
        Description   = ($p.description | ForEach-Object { $_.Text }) -join "`n"
    }
}

[pscustomobject]@{
    ModuleOnPSModulePath = @($env:PSModulePath -split [System.IO.Path]::PathSeparator) -contains (Split-Path -Parent (Split-Path -Parent $ManifestPath))
    AboutBeforeImport    = $aboutBeforeImport
    Synopsis             = $full.Synopsis
    Description          = @($full.description | ForEach-Object { $_.Text })
    SyntaxSets           = @($full.syntax.syntaxItem | ForEach-Object { (@($_.parameter | ForEach-Object { $_.name }) -join ',') })
    ExampleTitles        = @($full.examples.example | ForEach-Object { $_.title })
    ExampleCode          = @($full.examples.example | ForEach-Object { $_.code })
    Parameters           = @($parameterInfo)
    FullText             = $full | Out-String -Width 200
    ExamplesText         = Get-Help Get-HelpFixture -Examples | Out-String -Width 200
    ParameterText        = Get-Help Get-HelpFixture -Parameter Name | Out-String -Width 200
    AboutText            = Get-Help about_HelpFixture | Out-String -Width 200
} | ConvertTo-Json -Depth 5
