# Reads generated scripts with PowerShell's own parser and reports, per file, what Windows PowerShell 5.1
# compatibility depends on: parse errors, PowerShell 7-only syntax, and the commands (with the parameters they
# are given), .NET types and hashtable keys the script uses. test/powershell/parity.test.ts judges the report
# against its 5.1 allowlists. Test-only; runs under PowerShell 7, whose parser knows the 7-only syntax to find.
param([Parameter(ValueFromRemainingArguments = $true)] [string[]] $Files)
$ErrorActionPreference = 'Stop'
$report = foreach ($file in $Files) {
    $tokens = $null
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($file, [ref] $tokens, [ref] $errors)
    $constructs = New-Object System.Collections.Generic.List[string]
    $find = { param($type) $ast.FindAll({ param($n) $n -is $type }, $true) }
    foreach ($n in (& $find ([System.Management.Automation.Language.TernaryExpressionAst]))) { $constructs.Add("ternary ?: at line $($n.Extent.StartLineNumber)") }
    foreach ($n in (& $find ([System.Management.Automation.Language.PipelineChainAst]))) { $constructs.Add("&& or || at line $($n.Extent.StartLineNumber)") }
    foreach ($n in (& $find ([System.Management.Automation.Language.BinaryExpressionAst]))) {
        if ($n.Operator -eq 'QuestionQuestion') { $constructs.Add("?? at line $($n.Extent.StartLineNumber)") }
    }
    foreach ($n in (& $find ([System.Management.Automation.Language.AssignmentStatementAst]))) {
        if ($n.Operator -eq 'QuestionQuestionEquals') { $constructs.Add("??= at line $($n.Extent.StartLineNumber)") }
    }
    foreach ($n in (& $find ([System.Management.Automation.Language.MemberExpressionAst]))) {
        if ($n.NullConditional) { $constructs.Add("?. at line $($n.Extent.StartLineNumber)") }
    }
    foreach ($n in (& $find ([System.Management.Automation.Language.IndexExpressionAst]))) {
        if ($n.NullConditional) { $constructs.Add("?[] at line $($n.Extent.StartLineNumber)") }
    }
    foreach ($n in (& $find ([System.Management.Automation.Language.ScriptBlockAst]))) {
        if ($null -ne $n.CleanBlock) { $constructs.Add("clean block at line $($n.Extent.StartLineNumber)") }
    }
    $defined = @((& $find ([System.Management.Automation.Language.FunctionDefinitionAst])) | ForEach-Object { $_.Name })
    $commands = @{}
    foreach ($n in (& $find ([System.Management.Automation.Language.CommandAst]))) {
        $name = $n.GetCommandName()
        if (-not $name) { $constructs.Add("a command without a plain name at line $($n.Extent.StartLineNumber)"); continue }
        if ($defined -contains $name) { continue }
        if (-not $commands.ContainsKey($name)) { $commands[$name] = New-Object System.Collections.Generic.HashSet[string] }
        foreach ($e in $n.CommandElements) {
            if ($e -is [System.Management.Automation.Language.CommandParameterAst]) { [void] $commands[$name].Add($e.ParameterName) }
        }
    }
    $types = New-Object System.Collections.Generic.HashSet[string]
    foreach ($n in (& $find ([System.Management.Automation.Language.TypeExpressionAst]))) { [void] $types.Add($n.TypeName.FullName) }
    foreach ($n in (& $find ([System.Management.Automation.Language.TypeConstraintAst]))) { [void] $types.Add($n.TypeName.FullName) }
    foreach ($n in (& $find ([System.Management.Automation.Language.AttributeAst]))) { [void] $types.Add($n.TypeName.FullName) }
    foreach ($n in (& $find ([System.Management.Automation.Language.CommandAst]))) {
        # New-Object -TypeName 'X': the type is a string there.
        if ($n.GetCommandName() -eq 'New-Object') {
            $elements = $n.CommandElements
            for ($i = 1; $i -lt $elements.Count; $i++) {
                $e = $elements[$i]
                if ($e -is [System.Management.Automation.Language.CommandParameterAst]) {
                    if ($e.ParameterName -eq 'TypeName' -and $i + 1 -lt $elements.Count) { [void] $types.Add($elements[$i + 1].Value) }
                    $i++
                    continue
                }
                if ($e -is [System.Management.Automation.Language.StringConstantExpressionAst]) { [void] $types.Add($e.Value); break }
            }
        }
    }
    $keys = New-Object System.Collections.Generic.HashSet[string]
    foreach ($n in (& $find ([System.Management.Automation.Language.HashtableAst]))) {
        foreach ($pair in $n.KeyValuePairs) { if ($pair.Item1 -is [System.Management.Automation.Language.StringConstantExpressionAst]) { [void] $keys.Add($pair.Item1.Value) } }
    }
    # Splatting (Invoke-WebRequest @request): the parameters are the keys the variable's hashtable gets.
    $splatKeys = @{}
    foreach ($n in (& $find ([System.Management.Automation.Language.AssignmentStatementAst]))) {
        $left = $n.Left
        if ($left -is [System.Management.Automation.Language.VariableExpressionAst]) {
            foreach ($h in $n.Right.FindAll({ param($x) $x -is [System.Management.Automation.Language.HashtableAst] }, $true) | Select-Object -First 1) {
                foreach ($pair in $h.KeyValuePairs) { $splatKeys[$left.VariablePath.UserPath] = @($splatKeys[$left.VariablePath.UserPath]) + @($pair.Item1.Value) }
            }
        } elseif ($left -is [System.Management.Automation.Language.IndexExpressionAst] -and $left.Target -is [System.Management.Automation.Language.VariableExpressionAst] -and $left.Index -is [System.Management.Automation.Language.StringConstantExpressionAst]) {
            $splatKeys[$left.Target.VariablePath.UserPath] = @($splatKeys[$left.Target.VariablePath.UserPath]) + @($left.Index.Value)
        }
    }
    $splats = @()
    foreach ($n in (& $find ([System.Management.Automation.Language.CommandAst]))) {
        foreach ($e in $n.CommandElements) {
            if ($e -is [System.Management.Automation.Language.VariableExpressionAst] -and $e.Splatted) {
                $splats += [pscustomobject] @{ command = $n.GetCommandName(); variable = $e.VariablePath.UserPath; keys = @($splatKeys[$e.VariablePath.UserPath] | Where-Object { $_ } | Sort-Object -Unique) }
            }
        }
    }
    [pscustomobject] @{
        file        = $file
        splats      = @($splats)
        problems    = @(@($errors | ForEach-Object { "parse error: $($_.Message) at line $($_.Extent.StartLineNumber)" }) + @($constructs))
        commands    = @($commands.Keys | Sort-Object)
        parameters  = @($commands.Keys | Sort-Object | ForEach-Object { [pscustomobject] @{ command = $_; parameters = @($commands[$_] | Sort-Object) } })
        types       = @($types | Sort-Object)
        keys        = @($keys | Sort-Object)
    }
}
ConvertTo-Json -InputObject @($report) -Depth 6 -Compress
