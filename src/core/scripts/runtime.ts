/**
 * The part of every generated script that talks to RingCentral: credentials, sign-in, the session's renewal, rate
 * limits, paging, error messages and the revoke at the end. Written for Windows PowerShell 5.1 and PowerShell 7 alike:
 * no 7-only syntax or parameters (test/unit/powershellScript.test.ts lists what is refused), and HTTP failures are read
 * in both shapes (5.1: WebException holding an HttpWebResponse; 7: HttpResponseException holding an
 * HttpResponseMessage). The platform rules it follows are ../shared/ringcentral/API.md's.
 *
 * Kept as PowerShell text (no backticks and no dollar-brace sequences, so String.raw keeps it verbatim). The
 * functions read the script's parameters ($Server, $TimeoutSec, $Proxy, ...) and the generated hint table.
 */
export const RUNTIME = String.raw`
# ------------------------------------------------------------------------------------------------------------------
# Runtime: sign-in, session renewal, rate limits, paging and error messages. Nothing below needs editing.
# ------------------------------------------------------------------------------------------------------------------
$ErrorActionPreference = 'Stop'
# Invoke-WebRequest's progress bar slows Windows PowerShell 5.1 down many times over.
$ProgressPreference = 'SilentlyContinue'
if ($PSVersionTable.PSEdition -ne 'Core') {
    # Windows PowerShell 5.1 on older .NET offers TLS 1.0 by default; RingCentral accepts TLS 1.2 or later.
    [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12
}

# Renew the access token this long before it expires, so no request goes out with a token about to lapse.
$RcRenewBeforeSeconds = 60
# Tries per request after a dropped connection or a 502/503/504 (GETs only: they change nothing).
$RcMaxTries = 4
# Waits per request for a rate-limit penalty to end (429) before giving up.
$RcMaxRateWaits = 6
# RingCentral's penalty when a 429 comes without Retry-After (API.md: the full 60 s).
$RcDefaultPenaltySeconds = 60

$script:Rc = @{
    Server           = ''
    ClientId         = ''
    ClientSecret     = ''
    Jwt              = ''
    Sources          = @{}
    AccessToken      = ''
    AccessExpiresAt  = [DateTime]::MinValue
    RefreshToken     = ''
    RefreshExpiresAt = [DateTime]::MinValue
    # Rate group (light, medium, heavy, auth) -> UTC time before which no request of that group is sent.
    NotBefore        = @{}
    # Values never to print: secret, JWT, tokens.
    Masks            = New-Object System.Collections.ArrayList
}

function Get-RcNow {
    # One clock for every expiry and wait, in UTC so a daylight-saving change does not matter.
    (Get-Date).ToUniversalTime()
}

function New-RcError {
    param([string] $Message, [string] $Hint, [int] $ExitCode = 1)
    $exception = New-Object System.Exception -ArgumentList @(, $Message)
    $exception.Data['RcHint'] = $Hint
    $exception.Data['RcExitCode'] = $ExitCode
    $exception
}

function Add-RcMask {
    param([string] $Value)
    if ($Value -and $Value.Length -ge 6 -and -not $script:Rc.Masks.Contains($Value)) { [void] $script:Rc.Masks.Add($Value) }
}

function Protect-RcText {
    param([string] $Text)
    if (-not $Text) { return $Text }
    foreach ($secret in $script:Rc.Masks) { $Text = $Text.Replace($secret, '[redacted]') }
    $Text
}

function Get-RcField {
    param($Object, [string] $Name)
    if ($null -eq $Object -or $Object -isnot [System.Management.Automation.PSCustomObject]) { return $null }
    $property = $Object.PSObject.Properties[$Name]
    if ($null -eq $property) { return $null }
    $property.Value
}

function Get-RcText {
    # A usable string, as the extension reads error bodies: numbers become text, blanks mean nothing.
    param($Value)
    if ($null -eq $Value) { return '' }
    if ($Value -is [string]) { return $Value.Trim() }
    if ($Value -is [int] -or $Value -is [long] -or $Value -is [double] -or $Value -is [decimal]) { return [string] $Value }
    ''
}

function Get-RcOneLine {
    # Server text in a message: one line, not too long, no secrets.
    param([string] $Text, [int] $MaxLength = 300)
    $flat = (Protect-RcText $Text) -replace '[\x00-\x1f\x7f]+', ' '
    $flat = $flat.Trim()
    if ($flat.Length -gt $MaxLength) { $flat = $flat.Substring(0, $MaxLength - 3) + '...' }
    $flat
}

# ---- credentials ---------------------------------------------------------------------------------------------------

function Test-RcLoopback {
    param([string] $HostName)
    $HostName -eq 'localhost' -or $HostName -eq '[::1]' -or $HostName -eq '::1' -or $HostName -match '^127\.\d+\.\d+\.\d+$'
}

function Read-RcCredential {
    # SecretManagement first (when the module and the named secret exist), then the environment variable.
    param([string] $Key, [string] $Label)
    $secretName = $RcSecretNames[$Key]
    $envName = $RcEnvNames[$Key]
    $getSecret = Get-Command -Name Get-Secret -ErrorAction SilentlyContinue
    if ($getSecret -and $getSecret.Source -eq 'Microsoft.PowerShell.SecretManagement') {
        $query = @{ Name = $secretName; AsPlainText = $true; ErrorAction = 'SilentlyContinue' }
        if ($SecretVault) { $query['Vault'] = $SecretVault }
        $value = $null
        try {
            $value = Get-Secret @query
        } catch {
            # An unknown vault is a terminating error; say so instead of silently using the environment.
            throw (New-RcError ('SecretManagement could not read the secret ' + $secretName + ': ' + (Get-RcOneLine $_.Exception.Message) + '.') ('Check the vault name (-SecretVault ' + $SecretVault + '; Get-SecretVault lists them), or leave -SecretVault out to search every registered vault.') 2)
        }
        if ($value -is [System.Security.SecureString]) { $value = (New-Object System.Net.NetworkCredential -ArgumentList @('', $value)).Password }
        if ($value -is [string] -and $value.Trim()) {
            $script:Rc.Sources[$Key] = 'SecretManagement secret ' + $secretName
            return $value.Trim()
        }
        if ($null -ne $value -and $value -isnot [string]) {
            throw (New-RcError ('The secret ' + $secretName + ' holds a ' + $value.GetType().Name + ', not the ' + $Label + ' as text.') ('Store it as text: Set-Secret -Name ' + $secretName + ' (paste the value when asked).') 2)
        }
    }
    $fromEnv = [Environment]::GetEnvironmentVariable($envName)
    if ($fromEnv -and $fromEnv.Trim()) {
        $script:Rc.Sources[$Key] = 'environment variable ' + $envName
        return $fromEnv.Trim()
    }
    ''
}

function Initialize-RcSession {
    $serverUri = $null
    if (-not [Uri]::TryCreate($Server, [UriKind]::Absolute, [ref] $serverUri) -or ($serverUri.Scheme -ne 'https' -and $serverUri.Scheme -ne 'http')) {
        throw (New-RcError ('-Server ' + $Server + ' is not a web address.') 'Use https://platform.ringcentral.com, https://platform.ringcentral.biz (AT&T Office@Hand, Verizon) or your own https:// URL.' 2)
    }
    if ($serverUri.Scheme -eq 'http' -and -not (Test-RcLoopback $serverUri.Host)) {
        throw (New-RcError ('-Server ' + $Server + ' is not secure: plain http:// is allowed only for this machine (127.0.0.1, localhost).') 'Use the https:// address of the RingCentral server, so the client secret and JWT are never sent in the clear.' 2)
    }
    $script:Rc.Server = $serverUri.GetLeftPart([UriPartial]::Authority)
    $labels = [ordered]@{ ClientId = 'client ID'; ClientSecret = 'client secret'; Jwt = 'JWT credential' }
    $missing = @()
    foreach ($key in $labels.Keys) {
        $value = Read-RcCredential -Key $key -Label $labels[$key]
        if ($value) { $script:Rc[$key] = $value } else { $missing += ($labels[$key] + ' (SecretManagement secret ' + $RcSecretNames[$key] + ' or environment variable ' + $RcEnvNames[$key] + ')') }
    }
    Add-RcMask $script:Rc.ClientSecret
    Add-RcMask $script:Rc.Jwt
    if ($missing.Count -gt 0) {
        throw (New-RcError ('Missing ' + ($missing -join '; ') + '.') ('Store each once with SecretManagement (Set-Secret -Name ' + $RcSecretNames['ClientId'] + ', and so on; see the notes at the top of this script), or set the environment variables before running it. The client ID and secret are on the app''s Credentials page in the RingCentral Developer Console; the JWT under your profile, Credentials.') 2)
    }
    Write-Verbose ('Credentials: client ID from ' + $script:Rc.Sources['ClientId'] + ', client secret from ' + $script:Rc.Sources['ClientSecret'] + ', JWT from ' + $script:Rc.Sources['Jwt'] + '.')
}

# ---- HTTP ----------------------------------------------------------------------------------------------------------

function ConvertTo-RcHeaderTable {
    # Response headers as one case-insensitive table of strings, whatever shape this PowerShell hands them in.
    param($Headers)
    $table = @{}
    if ($null -eq $Headers) { return $table }
    if ($Headers -is [System.Net.WebHeaderCollection]) {
        foreach ($name in $Headers.AllKeys) { $table[$name] = $Headers[$name] }
    } elseif ($Headers -is [System.Collections.IDictionary]) {
        foreach ($name in @($Headers.Keys)) { $table[[string] $name] = (@($Headers[$name]) -join ', ') }
    } else {
        foreach ($pair in $Headers) { $table[[string] $pair.Key] = (@($pair.Value) -join ', ') }
    }
    $table
}

function Read-RcStream {
    param($Stream)
    if ($null -eq $Stream) { return '' }
    try {
        $reader = New-Object System.IO.StreamReader -ArgumentList @($Stream, [System.Text.Encoding]::UTF8)
        try { $reader.ReadToEnd() } finally { $reader.Dispose() }
    } catch { '' }
}

function Read-RcContent {
    # RingCentral sends UTF-8; Windows PowerShell 5.1 decodes a body without a charset as ISO-8859-1, so decode here.
    param($Response)
    $stream = $Response.RawContentStream
    if ($null -eq $stream) { return [string] $Response.Content }
    [System.Text.Encoding]::UTF8.GetString($stream.ToArray())
}

function Read-RcHttpFailure {
    # An error status as { Status, Text, Headers }, or $null when no HTTP answer arrived (network, TLS, timeout).
    param($ErrorRecord)
    $exception = $ErrorRecord.Exception
    $property = $exception.PSObject.Properties['Response']
    if ($null -eq $property -or $null -eq $property.Value) { return $null }
    $response = $property.Value
    $text = ''
    if ($ErrorRecord.ErrorDetails -and $ErrorRecord.ErrorDetails.Message) { $text = $ErrorRecord.ErrorDetails.Message }
    if ($response -is [System.Net.HttpWebResponse]) {
        # Windows PowerShell 5.1: a WebException holding an HttpWebResponse.
        $headers = ConvertTo-RcHeaderTable $response.Headers
        if (-not $text) { $text = Read-RcStream $response.GetResponseStream() }
    } else {
        # PowerShell 7: an HttpResponseException holding an HttpResponseMessage.
        $headers = ConvertTo-RcHeaderTable $response.Headers
        if ($response.Content) {
            foreach ($pair in $response.Content.Headers) { $headers[[string] $pair.Key] = (@($pair.Value) -join ', ') }
            if (-not $text) { try { $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult() } catch { $text = '' } }
        }
    }
    @{ Status = [int] $response.StatusCode; Text = [string] $text; Headers = $headers }
}

function Get-RcNetworkReason {
    param($Exception, [int] $Seconds)
    $fallback = ''
    for ($e = $Exception; $null -ne $e; $e = $e.InnerException) {
        if ($e -is [System.TimeoutException] -or $e -is [System.Threading.Tasks.TaskCanceledException]) { return ('no answer within ' + $Seconds + ' s') }
        if ($e -is [System.Net.WebException]) {
            switch ([string] $e.Status) {
                'Timeout' { return ('no answer within ' + $Seconds + ' s') }
                'NameResolutionFailure' { return 'host not found' }
                'ProxyNameResolutionFailure' { return 'proxy not found' }
                'ConnectFailure' { $fallback = 'connection refused or blocked' }
                'TrustFailure' { return 'certificate not trusted (a proxy that inspects TLS?)' }
                'SecureChannelFailure' { return 'TLS failed (TLS 1.2 not available?)' }
                'ConnectionClosed' { $fallback = 'connection dropped' }
                'ReceiveFailure' { $fallback = 'connection dropped' }
                'KeepAliveFailure' { $fallback = 'connection dropped' }
                'SendFailure' { $fallback = 'connection dropped' }
            }
        }
        if ($e -is [System.Net.Sockets.SocketException]) {
            switch ([string] $e.SocketErrorCode) {
                'ConnectionRefused' { return 'connection refused' }
                'HostNotFound' { return 'host not found' }
                'NoData' { return 'host not found' }
                'TryAgain' { return 'DNS lookup failed' }
                'TimedOut' { return 'connection timed out' }
                'ConnectionReset' { return 'connection dropped' }
                'ConnectionAborted' { return 'connection dropped' }
                'NetworkUnreachable' { return 'network unreachable' }
                'HostUnreachable' { return 'host unreachable' }
            }
        }
        if ($e -is [System.Security.Authentication.AuthenticationException]) { return 'certificate not trusted or TLS failed (a proxy that inspects TLS?)' }
        if ($e -is [System.IO.IOException] -and -not $fallback) { $fallback = 'connection dropped' }
    }
    if ($fallback) { return $fallback }
    Get-RcOneLine $Exception.Message 200
}

function Invoke-RcHttp {
    # One HTTP exchange. Returns { Status, Text, Headers } for any HTTP answer (errors included); throws when none came.
    param([string] $Method, [string] $Uri, [hashtable] $Headers, [string] $Body, [int] $Seconds = $TimeoutSec)
    $request = @{ Method = $Method; Uri = $Uri; Headers = $Headers; UseBasicParsing = $true; TimeoutSec = $Seconds; ErrorAction = 'Stop' }
    if ($PSBoundParameters.ContainsKey('Body')) {
        $request['Body'] = $Body
        $request['ContentType'] = 'application/x-www-form-urlencoded'
    }
    if ($Proxy) {
        $request['Proxy'] = $Proxy
        if ($ProxyUseDefaultCredentials) { $request['ProxyUseDefaultCredentials'] = $true }
    }
    try {
        $response = Invoke-WebRequest @request
        return @{ Status = [int] $response.StatusCode; Text = (Read-RcContent $response); Headers = (ConvertTo-RcHeaderTable $response.Headers) }
    } catch [System.Management.Automation.PipelineStoppedException] {
        throw
    } catch {
        $failure = Read-RcHttpFailure $_
        if ($null -ne $failure) { return $failure }
        $target = ([Uri] $Uri).Authority
        $path = ([Uri] $Uri).AbsolutePath
        $exception = New-RcError ('Could not reach ' + $target + ' (' + (Get-RcNetworkReason $_.Exception $Seconds) + ') for ' + $Method + ' ' + $path + '.') 'Check the network connection and the -Server value and, behind a proxy, pass -Proxy. Run the script again when the connection is back: reading changes nothing on RingCentral.'
        $exception.Data['RcNetwork'] = $true
        throw $exception
    }
}

function ConvertFrom-RcJson {
    param([string] $Text, [string] $What)
    $options = @{}
    # PowerShell 7.5+ would turn date strings into DateTime objects; keep them exactly as RingCentral sent them.
    if ((Get-Command -Name ConvertFrom-Json).Parameters.ContainsKey('DateKind')) { $options['DateKind'] = 'String' }
    try {
        if (-not $Text.Trim()) { throw 'empty' }
        return (ConvertFrom-Json -InputObject $Text @options)
    } catch {
        $start = Get-RcOneLine $Text 60
        if (-not $start) { $start = 'an empty body' } else { $start = '"' + $start + '"' }
        throw (New-RcError ('RingCentral answered ' + $What + ' with something that is not JSON (' + $start + ').') 'The answer was damaged or came from something other than RingCentral (a proxy or gateway?). Check -Server and -Proxy, then run the script again.')
    }
}

# ---- errors --------------------------------------------------------------------------------------------------------

function Read-RcErrorBody {
    # The most specific code and message in any RingCentral error body, OAuth or REST, as the extension reads them:
    # errors[0] first (the top-level code is sometimes generic, like TokenInvalid), then the top level.
    param([string] $Text)
    $result = @{ Code = ''; Message = ''; OAuthError = ''; Permission = '' }
    if (-not $Text) { return $result }
    try { $body = ConvertFrom-Json -InputObject $Text } catch { return $result }
    if ($body -isnot [System.Management.Automation.PSCustomObject]) { return $result }
    $first = $null
    foreach ($item in @(Get-RcField $body 'errors')) {
        if ($item -is [System.Management.Automation.PSCustomObject]) { $first = $item; break }
    }
    foreach ($candidate in @((Get-RcField $first 'errorCode'), (Get-RcField $body 'errorCode'), (Get-RcField $body 'error'))) {
        $text = Get-RcText $candidate
        if ($text) { $result.Code = $text; break }
    }
    foreach ($candidate in @((Get-RcField $first 'message'), (Get-RcField $body 'message'), (Get-RcField $body 'error_description'))) {
        $text = Get-RcText $candidate
        if ($text) { $result.Message = $text; break }
    }
    $result.OAuthError = Get-RcText (Get-RcField $body 'error')
    $permissionCandidates = @((Get-RcField $first 'permissionName'), (Get-RcField $first 'permissionsName'), (Get-RcField $body 'permissionName'), (Get-RcField $body 'permissionsName'))
    foreach ($parameter in @(Get-RcField $first 'parameters')) {
        $name = Get-RcText (Get-RcField $parameter 'parameterName')
        if ($name -ceq 'permissionName' -or $name -ceq 'permissionsName') { $permissionCandidates += , (Get-RcField $parameter 'parameterValue') }
    }
    $parameterName = Get-RcText (Get-RcField $first 'parameterName')
    if ($parameterName -ceq 'permissionName' -or $parameterName -ceq 'permissionsName') { $permissionCandidates += , (Get-RcField $first 'parameterValue') }
    foreach ($candidate in $permissionCandidates) {
        $text = Get-RcText $candidate
        if ($text) { $result.Permission = $text; break }
    }
    $result
}

function Get-RcHint {
    # What to do about an error, from the table above: the permission it names, the code, the OAuth error, the status.
    param([string] $Code, [int] $Status, [string] $OAuthError, [string] $Permission)
    if ($Code -and $Permission -and $RcHintPermission.ContainsKey($Code) -and $Permission -cmatch '^[A-Za-z][A-Za-z0-9_]{0,63}$') {
        return ($RcHintPermission[$Code] -join $Permission)
    }
    foreach ($candidate in @($Code, $OAuthError)) {
        if (-not $candidate) { continue }
        if ($RcHintCodes.ContainsKey($candidate)) { return $RcHintCodes[$candidate] }
        if ($RcHintOAuthErrors.ContainsKey($candidate)) { return $RcHintOAuthErrors[$candidate] }
    }
    if ($Status) {
        if ($RcHintStatuses.ContainsKey($Status)) { return $RcHintStatuses[$Status] }
        if ($Status -ge 500) { return $RcHintStatuses[500] }
    }
    $RcHintFallback
}

function New-RcHttpError {
    param($Response, [string] $What)
    $details = Read-RcErrorBody $Response.Text
    $code = Get-RcOneLine $details.Code 60
    if ($details.Message) {
        $said = Get-RcOneLine $details.Message
        if ($code) { $said += ' (' + $code + ')' }
    } else {
        $said = 'HTTP ' + $Response.Status
        if ($code) { $said += ' (' + $code + ')' }
    }
    $hint = Get-RcHint -Code $details.Code -Status $Response.Status -OAuthError $details.OAuthError -Permission $details.Permission
    $exception = New-RcError ('RingCentral refused ' + $What + ': ' + $said + '.') $hint
    $exception.Data['RcStatus'] = $Response.Status
    $exception.Data['RcCode'] = $details.Code
    $exception
}

# ---- rate limits ---------------------------------------------------------------------------------------------------

function Get-RcRateGroup {
    # The usage-plan group a request counts against (API.md), so the script can wait before sending it.
    param([string] $Method, [string] $Path)
    if ($Path.StartsWith('/restapi/oauth/')) { return 'auth' }
    $relative = ($Path -creplace '^/restapi/v1\.0', '') -creplace '/+$', ''
    if ($Method -ceq 'GET') {
        if ($relative -cmatch '^/account/[^/]+/phone-number$') { return 'heavy' }
        if ($relative -cmatch '^/account/[^/]+/extension$') { return 'medium' }
        return 'light'
    }
    'medium'
}

function Wait-RcRateGroup {
    # Never send during a penalty or after the window's quota is spent: a request then restarts the penalty.
    param([string] $Group)
    if (-not $script:Rc.NotBefore.ContainsKey($Group)) { return }
    $wait = ($script:Rc.NotBefore[$Group] - (Get-RcNow)).TotalMilliseconds
    if ($wait -le 0) { return }
    Write-Verbose ('Rate limit (' + $Group + ' group): waiting ' + [Math]::Ceiling($wait / 1000) + ' s before the next request.')
    Start-Sleep -Milliseconds ([int] [Math]::Ceiling($wait))
}

function Get-RcSeconds {
    param([string] $Value, [int] $Default)
    $seconds = 0
    if ($Value -and [int]::TryParse($Value.Trim(), [ref] $seconds) -and $seconds -ge 0) { return $seconds }
    $Default
}

function Update-RcRateState {
    # Reads X-Rate-Limit-* and Retry-After; returns the group the server named (or the one predicted).
    param([string] $Group, $Response)
    $named = ([string] $Response.Headers['X-Rate-Limit-Group']).Trim().ToLowerInvariant()
    if ($named) { $Group = $named }
    $now = Get-RcNow
    if ($Response.Status -eq 429) {
        # A refused request was not carried out. Wait as long as RingCentral asks, a little longer for clock grain.
        $seconds = Get-RcSeconds $Response.Headers['Retry-After'] $RcDefaultPenaltySeconds
        $script:Rc.NotBefore[$Group] = $now.AddSeconds($seconds + 0.25)
        Write-Warning ('RingCentral rate limit reached (' + $Group + ' group): waiting ' + $seconds + ' s before sending more.')
    } elseif (([string] $Response.Headers['X-Rate-Limit-Remaining']).Trim() -eq '0') {
        # Quota spent: the sliding window frees a slot at the latest one window from now.
        $seconds = Get-RcSeconds $Response.Headers['X-Rate-Limit-Window'] $RcDefaultPenaltySeconds
        $script:Rc.NotBefore[$Group] = $now.AddSeconds($seconds)
        Write-Verbose ('Rate limit quota spent (' + $Group + ' group): the next request waits ' + $seconds + ' s.')
    }
    $Group
}

# ---- session -------------------------------------------------------------------------------------------------------

function Invoke-RcTokenRequest {
    # POST /restapi/oauth/token. Never sent twice blindly: only a 429 (refused, not carried out) is sent again.
    param([string] $Form, [string] $What)
    $basic = [Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes($script:Rc.ClientId + ':' + $script:Rc.ClientSecret))
    Add-RcMask $basic
    $headers = @{ Authorization = 'Basic ' + $basic; Accept = 'application/json' }
    $uri = $script:Rc.Server + '/restapi/oauth/token'
    for ($try = 1; ; $try++) {
        Wait-RcRateGroup 'auth'
        $response = Invoke-RcHttp -Method 'POST' -Uri $uri -Headers $headers -Body $Form
        [void] (Update-RcRateState 'auth' $response)
        if ($response.Status -eq 429 -and $try -lt $RcMaxRateWaits) { continue }
        break
    }
    if ($response.Status -ne 200) { throw (New-RcHttpError $response $What) }
    $token = ConvertFrom-RcJson $response.Text $What
    if (-not (Get-RcText (Get-RcField $token 'access_token'))) {
        throw (New-RcError ('RingCentral answered ' + $What + ' without a usable token.') 'The answer was damaged or came from something other than RingCentral: check -Server and -Proxy, then run the script again.')
    }
    $token
}

function Set-RcTokens {
    param($Token)
    $now = Get-RcNow
    $script:Rc.AccessToken = Get-RcText (Get-RcField $Token 'access_token')
    $script:Rc.AccessExpiresAt = $now.AddSeconds((Get-RcSeconds (Get-RcText (Get-RcField $Token 'expires_in')) 3600))
    # Absent when the app does not issue refresh tokens: the JWT signs in again instead.
    $script:Rc.RefreshToken = Get-RcText (Get-RcField $Token 'refresh_token')
    $script:Rc.RefreshExpiresAt = $now.AddSeconds((Get-RcSeconds (Get-RcText (Get-RcField $Token 'refresh_token_expires_in')) 604800))
    Add-RcMask $script:Rc.AccessToken
    Add-RcMask $script:Rc.RefreshToken
}

function Connect-RcSession {
    $form = 'grant_type=' + [Uri]::EscapeDataString('urn:ietf:params:oauth:grant-type:jwt-bearer') + '&assertion=' + [Uri]::EscapeDataString($script:Rc.Jwt)
    try {
        $token = Invoke-RcTokenRequest -Form $form -What 'the sign-in with the JWT credential'
    } catch {
        $status = $_.Exception.Data['RcStatus']
        if ($status -eq 400) {
            # invalid_grant, whatever the OAU code: the JWT itself is refused (wrong, expired, revoked, another app's).
            $_.Exception.Data['RcHint'] = $RcHintJwtRefused
        }
        if ($status -eq 400 -or $status -eq 401) {
            # Say which credentials were used (names only), so the right one gets fixed.
            $_.Exception.Data['RcHint'] = [string] $_.Exception.Data['RcHint'] + ' This script signed in with the client ID from ' + $script:Rc.Sources['ClientId'] + ', the client secret from ' + $script:Rc.Sources['ClientSecret'] + ' and the JWT from ' + $script:Rc.Sources['Jwt'] + ': check that all three belong to the same app, made for ' + $script:Rc.Server + '.'
        }
        throw
    }
    Set-RcTokens $token
    Write-Verbose ('Signed in to ' + $script:Rc.Server + '; the access token lasts until ' + $script:Rc.AccessExpiresAt.ToString('u') + '.')
}

function Update-RcSession {
    # Renews the access token with the refresh token. Each refresh token works once: the answer carries the next.
    if (-not $script:Rc.RefreshToken -or (Get-RcNow) -ge $script:Rc.RefreshExpiresAt.AddSeconds(-$RcRenewBeforeSeconds)) {
        Write-Verbose 'No usable refresh token: signing in again with the JWT credential.'
        if (-not $script:Rc.RefreshToken) { Disconnect-RcSession }
        Connect-RcSession
        return
    }
    $spent = $script:Rc.RefreshToken
    $script:Rc.RefreshToken = ''
    $form = 'grant_type=refresh_token&refresh_token=' + [Uri]::EscapeDataString($spent)
    for ($try = 1; ; $try++) {
        try {
            $token = Invoke-RcTokenRequest -Form $form -What 'the session renewal'
            break
        } catch [System.Management.Automation.PipelineStoppedException] {
            throw
        } catch {
            $status = $_.Exception.Data['RcStatus']
            if ($status -eq 400 -or $status -eq 401) {
                # invalid_grant: the refresh token expired (OAU-210) or the session was revoked or replaced
                # (OAU-211, OAU-213). The JWT credential still works: sign in again.
                Write-Verbose ('The session ended (' + $_.Exception.Data['RcCode'] + '): signing in again with the JWT credential.')
                Connect-RcSession
                return
            }
            if ($_.Exception.Data['RcNetwork'] -and $try -eq 1) {
                # The answer was lost on the way. RingCentral repeats the same new pair for a spent refresh token
                # for about 10 s (API.md), so one prompt retry with the same token is safe.
                Start-Sleep -Seconds 2
                continue
            }
            throw
        }
    }
    Set-RcTokens $token
    Write-Verbose ('Session renewed; the access token lasts until ' + $script:Rc.AccessExpiresAt.ToString('u') + '.')
}

function Confirm-RcSession {
    if (-not $script:Rc.AccessToken) { Connect-RcSession; return }
    if ((Get-RcNow) -ge $script:Rc.AccessExpiresAt.AddSeconds(-$RcRenewBeforeSeconds)) {
        Write-Verbose 'The access token is about to expire: renewing it first.'
        Update-RcSession
    }
}

function Disconnect-RcSession {
    # Ends the session on the server, so scheduled runs do not pile up sessions: RingCentral keeps about five per
    # user and app and evicts the oldest. Failures are ignored and never retried; the session lapses by itself.
    $token = $script:Rc.RefreshToken
    if (-not $token) { $token = $script:Rc.AccessToken }
    $script:Rc.AccessToken = ''
    $script:Rc.RefreshToken = ''
    if (-not $token) { return }
    try {
        Wait-RcRateGroup 'auth'
        $basic = [Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes($script:Rc.ClientId + ':' + $script:Rc.ClientSecret))
        $response = Invoke-RcHttp -Method 'POST' -Uri ($script:Rc.Server + '/restapi/oauth/revoke') -Headers @{ Authorization = 'Basic ' + $basic } -Body ('token=' + [Uri]::EscapeDataString($token)) -Seconds 10
        Write-Verbose ('Session revoked (HTTP ' + $response.Status + ').')
    } catch {
        Write-Verbose ('Could not revoke the session: ' + (Get-RcOneLine $_.Exception.Message))
    }
}

# ---- requests and paging -------------------------------------------------------------------------------------------

function Invoke-RcGet {
    # One GET with everything around it: a fresh token, rate-limit waits, one renewal on a 401, retries of
    # dropped connections and 502-504. Returns the parsed JSON body.
    param([string] $Uri)
    $path = ([Uri] $Uri).AbsolutePath
    $what = 'GET ' + $path
    $group = Get-RcRateGroup 'GET' $path
    $renewed = $false
    $rateWaits = 0
    for ($try = 1; ; $try++) {
        Confirm-RcSession
        Wait-RcRateGroup $group
        $headers = @{ Authorization = 'Bearer ' + $script:Rc.AccessToken; Accept = 'application/json' }
        try {
            $response = Invoke-RcHttp -Method 'GET' -Uri $Uri -Headers $headers
        } catch [System.Management.Automation.PipelineStoppedException] {
            throw
        } catch {
            if ($_.Exception.Data['RcNetwork'] -and $try -lt $RcMaxTries) {
                $delay = [int] [Math]::Pow(2, $try - 1)
                Write-Warning ((Get-RcOneLine $_.Exception.Message) + ' Trying again in ' + $delay + ' s.')
                Start-Sleep -Seconds $delay
                continue
            }
            throw
        }
        $group = Update-RcRateState $group $response
        Write-Verbose ($what + ' -> ' + $response.Status + ' (' + $group + ' group, ' + $response.Headers['X-Rate-Limit-Remaining'] + ' left)')
        $status = $response.Status
        if ($status -ge 200 -and $status -lt 300) { return (ConvertFrom-RcJson $response.Text $what) }
        if ($status -eq 401 -and -not $renewed) {
            # The access token died early (revoked, rotated elsewhere, or the clocks disagree): renew once.
            $renewed = $true
            Write-Verbose 'RingCentral did not accept the access token: renewing the session once.'
            Update-RcSession
            continue
        }
        if ($status -eq 429 -and $rateWaits -lt $RcMaxRateWaits) { $rateWaits++; continue }
        if (($status -eq 502 -or $status -eq 503 -or $status -eq 504) -and $try -lt $RcMaxTries) {
            $delay = [int] [Math]::Pow(2, $try - 1)
            Write-Warning ('RingCentral answered HTTP ' + $status + ' to ' + $what + '. Trying again in ' + $delay + ' s.')
            Start-Sleep -Seconds $delay
            continue
        }
        throw (New-RcHttpError $response $what)
    }
}

function Get-RcNextPage {
    # navigation.nextPage, followed only on the server the script signed in to: the token goes nowhere else.
    param($Body)
    $next = Get-RcText (Get-RcField (Get-RcField (Get-RcField $Body 'navigation') 'nextPage') 'uri')
    if (-not $next) { return '' }
    $nextUri = $null
    if (-not [Uri]::TryCreate($next, [UriKind]::Absolute, [ref] $nextUri) -or $nextUri.GetLeftPart([UriPartial]::Authority) -ne $script:Rc.Server) {
        throw (New-RcError ('RingCentral''s link to the next page (' + (Get-RcOneLine $next 120) + ') is not on ' + $script:Rc.Server + '; the script follows links only there.') 'Nothing was sent to that address, and the records before it were written. Check -Server; if it is right, report the response to RingCentral.')
    }
    $nextUri.AbsoluteUri
}

function Get-RcList {
    # Every record of a list, page after page (navigation.nextPage), written as they arrive; the answer itself
    # when it is not a list.
    param([string] $PathAndQuery)
    $uri = $script:Rc.Server + $PathAndQuery
    $page = 0
    while ($uri) {
        $page++
        $body = Invoke-RcGet -Uri $uri
        $records = $null
        if ($body -is [System.Management.Automation.PSCustomObject]) { $records = $body.PSObject.Properties['records'] }
        if ($null -eq $records) {
            $body
            return
        }
        if ($null -ne $records.Value) { foreach ($record in @($records.Value)) { $record } }
        Write-Verbose ('Page ' + $page + ': ' + @($records.Value).Count + ' records.')
        $uri = Get-RcNextPage $body
    }
}

function Add-RcPerPage {
    # RingCentral's largest page (1000) unless the path asks for another size.
    param([string] $PathAndQuery)
    if ($PathAndQuery -match '[?&]perPage=') { return $PathAndQuery }
    if ($PathAndQuery.Contains('?')) { return $PathAndQuery + '&perPage=1000' }
    $PathAndQuery + '?perPage=1000'
}

# ---- output --------------------------------------------------------------------------------------------------------

function Add-RcFlatFields {
    param($Row, [string] $Prefix, $Object)
    foreach ($property in $Object.PSObject.Properties) {
        if ($Prefix) { $name = $Prefix + '.' + $property.Name } else { $name = $property.Name }
        $value = $property.Value
        if ($value -is [System.Management.Automation.PSCustomObject]) {
            Add-RcFlatFields $Row $name $value
        } elseif ($value -is [System.Array]) {
            $Row[$name] = ConvertTo-Json -InputObject $value -Compress -Depth 20
        } else {
            $Row[$name] = $value
        }
    }
}

function Get-RcColumns {
    # The extension's CSV column order: the preferred columns that occur, then the others as first seen, links last.
    param($Rows, [string[]] $Preferred)
    $seen = New-Object 'System.Collections.Generic.List[string]'
    $known = New-Object 'System.Collections.Generic.HashSet[string]'
    foreach ($row in $Rows) { foreach ($name in $row.Keys) { if ($known.Add($name)) { $seen.Add($name) } } }
    $first = @($Preferred | Where-Object { $known.Contains($_) })
    $ordered = $first + @($seen | Where-Object { $first -notcontains $_ })
    @($ordered | Where-Object { $_ -cne 'uri' -and -not $_.EndsWith('.uri') }) + @($ordered | Where-Object { $_ -ceq 'uri' -or $_.EndsWith('.uri') })
}

function New-RcRow {
    param($Flat, [string[]] $Columns)
    $row = [ordered]@{}
    foreach ($name in $Columns) { $row[$name] = $Flat[$name] }
    foreach ($name in $Flat.Keys) { if (-not $row.Contains($name)) { $row[$name] = $Flat[$name] } }
    [pscustomobject] $row
}

function Write-RcRows {
    # Records as flat rows (nested fields as extension.name, lists as JSON text), or as sent with -Raw. Export-Csv
    # takes its header from the first row, so every row gets the same columns, fixed from the first page.
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline = $true)] $Record, [string[]] $Preferred = @(), [int] $Sample = 1000)
    begin {
        $buffer = New-Object System.Collections.ArrayList
        $columns = $null
    }
    process {
        if ($Raw -or $Record -isnot [System.Management.Automation.PSCustomObject]) { return $Record }
        $flat = [ordered]@{}
        Add-RcFlatFields $flat '' $Record
        if ($null -ne $columns) { return (New-RcRow $flat $columns) }
        [void] $buffer.Add($flat)
        if ($buffer.Count -ge $Sample) {
            $columns = Get-RcColumns $buffer $Preferred
            foreach ($held in $buffer) { New-RcRow $held $columns }
            $buffer.Clear()
        }
    }
    end {
        if ($null -eq $columns -and $buffer.Count -gt 0) {
            $columns = Get-RcColumns $buffer $Preferred
            foreach ($held in $buffer) { New-RcRow $held $columns }
        }
    }
}

function Write-RcFailure {
    # The failure in two lines on the host's error output (on stderr when redirected, and in a transcript),
    # without an error record's stack dump. Returns the exit code.
    param($ErrorRecord)
    $exception = $ErrorRecord.Exception
    $hint = $exception.Data['RcHint']
    $exitCode = $exception.Data['RcExitCode']
    if ($null -ne $exitCode) {
        $message = Get-RcOneLine $exception.Message 2000
    } else {
        $message = 'Unexpected error: ' + (Get-RcOneLine $exception.Message 500) + ' (script line ' + $ErrorRecord.InvocationInfo.ScriptLineNumber + ')'
        $hint = 'Run the script again with -Verbose to see each request; if it keeps failing, generate the script again with RingCentral Explorer.'
        $exitCode = 1
    }
    $Host.UI.WriteErrorLine('RingCentral: ' + $message)
    if ($hint) { $Host.UI.WriteErrorLine('What to do: ' + (Protect-RcText $hint)) }
    [int] $exitCode
}
`;

/**
 * The end of every script: sign in, run the target, revoke in `finally` whatever happened (also when a
 * downstream `Select-Object -First` stops the pipeline early). Dot-sourcing the script loads the functions only.
 */
export const MAIN = String.raw`
# ------------------------------------------------------------------------------------------------------------------
# Main. Dot-source the script (. .\script.ps1) to load its functions without running it.
# ------------------------------------------------------------------------------------------------------------------
if ($MyInvocation.InvocationName -ne '.') {
    $RcExitCode = 0
    try {
        Initialize-RcSession
        Connect-RcSession
        Invoke-RcScript
    } catch [System.Management.Automation.PipelineStoppedException] {
        throw
    } catch {
        $RcExitCode = Write-RcFailure $_
    } finally {
        Disconnect-RcSession
    }
    if ($RcExitCode -ne 0) { exit $RcExitCode }
}
`;
