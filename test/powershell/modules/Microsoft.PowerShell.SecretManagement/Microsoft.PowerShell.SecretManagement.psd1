# Test stand-in for Microsoft.PowerShell.SecretManagement, which this project's package source does not serve.
# Same module name, so Get-Command reports Source 'Microsoft.PowerShell.SecretManagement' as for the real module,
# and PowerShell auto-loads it from PSModulePath the same way. See the .psm1 for what it models.
@{
    RootModule        = 'Microsoft.PowerShell.SecretManagement.psm1'
    ModuleVersion     = '1.1.2'
    GUID              = 'a2c8e0f6-4a0b-4f3e-9a61-4f5a1b7c2d90'
    Author            = 'RingCentral Explorer tests'
    Description       = 'Test stand-in for Get-Secret (reads secrets from a JSON file named by RC_TEST_SECRETS_FILE).'
    PowerShellVersion = '5.1'
    FunctionsToExport = @('Get-Secret')
    CmdletsToExport   = @()
    AliasesToExport   = @()
    VariablesToExport = @()
}
