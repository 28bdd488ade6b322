# Runs a generated script the way a user would call it from PowerShell, for the tests in this folder:
#   & $Script @arguments          (arguments from -ArgumentsJson)
# and, as asked: writes the objects it put on the pipeline as JSON to -OutFile (so stdout holds only what the
# script printed), records a Start-Transcript of the run in -TranscriptFile, and shifts the clock the script reads
# (Get-Date) by the seconds in -ClockFile, re-read on every call, to match an emulator clock a test moved forward.
# Exits with the script's exit code. Test-only: it runs under PowerShell 7.
param(
    [Parameter(Mandatory = $true)] [string] $Script,
    [string] $ArgumentsJson = '{}',
    [string] $OutFile = '',
    [string] $TranscriptFile = '',
    [string] $ClockFile = ''
)
$ErrorActionPreference = 'Stop'
$arguments = ConvertFrom-Json -InputObject $ArgumentsJson -AsHashtable
if ($ClockFile) {
    $global:RcTestClockFile = $ClockFile
    # A function named like the cmdlet wins over it (command precedence), as Pester's Mock relies on.
    function global:Get-Date {
        $shift = 0.0
        if (Test-Path -LiteralPath $global:RcTestClockFile) { $shift = [double] (Get-Content -Raw -LiteralPath $global:RcTestClockFile) }
        (Microsoft.PowerShell.Utility\Get-Date).AddSeconds($shift)
    }
}
if ($TranscriptFile) { Start-Transcript -LiteralPath $TranscriptFile -IncludeInvocationHeader | Out-Null }
$global:LASTEXITCODE = 0
try {
    $objects = @(& $Script @arguments)
    $code = $global:LASTEXITCODE
} finally {
    if ($TranscriptFile) { Stop-Transcript | Out-Null }
}
if ($OutFile) { ConvertTo-Json -InputObject $objects -Depth 40 -Compress | Set-Content -LiteralPath $OutFile -Encoding utf8NoBOM }
exit ([int] $code)
