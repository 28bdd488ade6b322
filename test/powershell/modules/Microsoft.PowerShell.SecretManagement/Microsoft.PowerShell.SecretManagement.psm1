# Test stand-in for Get-Secret from Microsoft.PowerShell.SecretManagement (not served by this project's package
# source, so the real module cannot be installed here). It follows the real cmdlet:
#   - syntax, from the documentation (learn.microsoft.com/powershell/module/microsoft.powershell.secretmanagement/get-secret):
#       Get-Secret [-Name] <String> [[-Vault] <String>] [-AsPlainText] [<CommonParameters>]
#   - behaviour, from its source (github.com/PowerShell/SecretManagement, src/code/SecretManagement.cs, GetSecretCommand):
#       * a String secret comes back as a SecureString unless -AsPlainText; with -AsPlainText a SecureString secret
#         comes back as a String (ConvertSecureString);
#       * a name that no vault holds writes a non-terminating error: ItemNotFoundException
#         "The secret <name> was not found.", error id GetSecretNotFound, category ObjectNotFound;
#       * an unknown -Vault is a terminating error: PSInvalidOperationException "Vault not found in registry: <name>",
#         error id GetSecretVaultNotFound (SecretCmdlet.GetExtensionVault).
# The vaults live in a JSON file named by $env:RC_TEST_SECRETS_FILE: { "VaultName": { "SecretName": "value" } }.
# A value given as { "secureString": "..." } is held as a SecureString, as Set-Secret stores a prompted value.

function Get-Secret {
    [CmdletBinding()]
    param(
        [Parameter(Position = 0, Mandatory = $true, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)]
        [string] $Name,
        [Parameter(Position = 1)]
        [string] $Vault,
        [switch] $AsPlainText
    )
    process {
        $vaults = [ordered]@{}
        if ($env:RC_TEST_SECRETS_FILE -and (Test-Path -LiteralPath $env:RC_TEST_SECRETS_FILE)) {
            $vaults = Get-Content -Raw -LiteralPath $env:RC_TEST_SECRETS_FILE | ConvertFrom-Json -AsHashtable
        }
        $search = @($vaults.Keys)
        if ($Vault) {
            if (-not $vaults.Contains($Vault)) {
                $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
                        [System.Management.Automation.PSInvalidOperationException]::new("Vault not found in registry: $Vault"),
                        'GetSecretVaultNotFound', [System.Management.Automation.ErrorCategory]::ObjectNotFound, $Vault))
            }
            $search = @($Vault)
        }
        foreach ($vaultName in $search) {
            $secrets = $vaults[$vaultName]
            if ($null -eq $secrets -or -not $secrets.Contains($Name)) { continue }
            $stored = $secrets[$Name]
            if ($stored -is [System.Collections.IDictionary] -and $stored.Contains('secureString')) {
                $secure = ConvertTo-SecureString -String ([string] $stored['secureString']) -AsPlainText -Force
                if ($AsPlainText) { return [System.Net.NetworkCredential]::new('', $secure).Password }
                return $secure
            }
            if ($AsPlainText) { return [string] $stored }
            return (ConvertTo-SecureString -String ([string] $stored) -AsPlainText -Force)
        }
        $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new(
                [System.Management.Automation.ItemNotFoundException]::new("The secret $Name was not found."),
                'GetSecretNotFound', [System.Management.Automation.ErrorCategory]::ObjectNotFound, $Name))
    }
}

Export-ModuleMember -Function Get-Secret
