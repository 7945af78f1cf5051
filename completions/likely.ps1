# PowerShell completion for likely. Load it from your profile ($PROFILE):
#   . /path/to/likely/completions/likely.ps1
# It asks likely itself through System.CommandLine's [suggest] directive.
Register-ArgumentCompleter -Native -CommandName likely -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $line = $commandAst.ToString()
    $position = [Math]::Min($cursorPosition - $commandAst.Extent.StartOffset, $line.Length)
    likely "[suggest:$position]" "$($line.Substring(0, $position))" 2>$null |
        Where-Object { $_ -like "$wordToComplete*" } |
        ForEach-Object { [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_) }
}
