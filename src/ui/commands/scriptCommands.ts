import * as vscode from 'vscode';
import { checkApiPath } from '../../core/apiPath';
import { assertNoSecrets } from '../../core/export/json';
import { CREDENTIAL_NAMES, powerShellScript } from '../../core/scripts/powerShellScript';
import { SCRIPT_TARGETS, targetInfo, type ScriptTargetId } from '../../core/scripts/targets';
import { openUntitled } from '../documents';
import { Commands, EXTENSION_ID } from '../ids';
import type { CommandContext } from './context';
import { askPath } from './askPath';

const TITLE = 'RingCentral: Generate PowerShell Script';

interface TargetChoice extends vscode.QuickPickItem {
  id: ScriptTargetId;
}

/** Who wrote a script, for its notes: "RingCentral Explorer 0.1.0". */
export function generatorName(): string {
  const version = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { version?: string } | undefined)?.version;
  return `RingCentral Explorer${version ? ` ${version}` : ''}`;
}

async function askTarget(): Promise<ScriptTargetId | undefined> {
  const items: TargetChoice[] = SCRIPT_TARGETS.map((t) => ({ id: t.id, label: t.label, detail: t.detail }));
  const pick = await vscode.window.showQuickPick(items, { title: TITLE, placeHolder: 'What should the script fetch?', matchOnDetail: true });
  return pick?.id;
}

function askScriptPath(): Promise<string | undefined> {
  return askPath(TITLE, '/restapi/v1.0/account/~/extension/~/call-log', 'Path of a GET request under /restapi/ (a leading /restapi/v1.0 may be left out). The script follows every page.');
}

/** How the generated script finds the credentials, in one sentence for the notification. */
export function credentialsSentence(): string {
  const n = CREDENTIAL_NAMES;
  return `It reads the client ID, client secret and JWT from PowerShell SecretManagement (${n.ClientId.secret}, ${n.ClientSecret.secret}, ${n.Jwt.secret}) or from ${n.ClientId.env}, ${n.ClientSecret.env} and ${n.Jwt.env}; the notes at its top say how to store them.`;
}

export function scriptCommands(ctx: CommandContext): Record<string, (...args: unknown[]) => unknown> {
  return {
    /**
     * Opens one complete script in an untitled .ps1 editor; resolves to the document's URI (undefined when
     * cancelled). `preset` ({ target, path }) skips the questions.
     */
    [Commands.generatePowerShellScript]: async (preset?: unknown) => {
      try {
        const given = (preset ?? {}) as { target?: unknown; path?: unknown };
        const target = SCRIPT_TARGETS.some((t) => t.id === given.target) ? (given.target as ScriptTargetId) : await askTarget();
        if (!target) return undefined;
        let path: string | undefined;
        if (target === 'path') {
          const check = typeof given.path === 'string' ? checkApiPath(given.path) : undefined;
          path = check && 'path' in check ? check.path : await askScriptPath();
          if (!path) return undefined;
        }
        const text = powerShellScript({ server: ctx.service.settings.server, target, ...(path ? { path } : {}), generator: generatorName() });
        const editor = await openUntitled(targetInfo(target).fileName, text, ctx.redactor.known());
        if (editor.document.languageId !== 'powershell' && (await vscode.languages.getLanguages()).includes('powershell')) {
          await vscode.languages.setTextDocumentLanguage(editor.document, 'powershell');
        }
        ctx.notifier.info(`Wrote ${targetInfo(target).fileName}: save it and run it from PowerShell. ${credentialsSentence()}`);
        return editor.document.uri.toString();
      } catch (e) {
        ctx.notifier.error(e, 'Generate PowerShell script failed');
        return undefined;
      }
    },
  };
}

interface ShapeChoice extends vscode.QuickPickItem {
  shape: 'snippet' | 'script';
}

/** Copy Request as PowerShell: the one-call snippet it always copied, or the same request as a complete script. */
export async function askPowerShellShape(): Promise<'snippet' | 'script' | undefined> {
  const items: ShapeChoice[] = [
    { shape: 'snippet', label: 'Snippet', description: 'one Invoke-RestMethod call', detail: 'Reads the access token from $env:RC_ACCESS_TOKEN' },
    {
      shape: 'script',
      label: 'Complete script',
      description: 'signs in, renews the session, follows every page, honours rate limits',
      detail: 'Reads the client ID, secret and JWT from SecretManagement or environment variables; Windows PowerShell 5.1 and PowerShell 7',
    },
  ];
  return (await vscode.window.showQuickPick(items, { title: 'RingCentral: Copy Request as PowerShell', placeHolder: 'Copy it as…' }))?.shape;
}

/** The complete script for one GET path (the same generator as Generate PowerShell Script…). */
export function scriptForRequest(ctx: CommandContext, path: string): { text: string; message: string } {
  const text = powerShellScript({ server: ctx.service.settings.server, target: 'path', path, generator: generatorName() });
  assertNoSecrets(text, ctx.redactor.known());
  const message = `Copied a complete PowerShell script for GET ${path.split('?')[0] ?? path}: it signs in with your JWT, keeps the session alive, follows every page and honours rate limits. ${credentialsSentence()}`;
  return { text, message };
}
