import * as vscode from 'vscode';
import { checkApiPath } from '../../core/apiPath';
import { RingCentralError } from '../../core/errors';
import { toJson } from '../../core/export/json';
import { TOKEN_VARIABLE, toCurl, toPowerShell } from '../../core/snippets';
import { openUntitled } from '../documents';
import { Commands } from '../ids';
import { askPath } from './askPath';
import type { CommandContext } from './context';
import { askPowerShellShape, scriptForRequest } from './scriptCommands';

interface RequestChoice extends vscode.QuickPickItem {
  path?: string;
}

const REQUESTS: RequestChoice[] = [
  { label: 'Company phone numbers', description: 'GET /restapi/v1.0/account/~/phone-number', path: '/restapi/v1.0/account/~/phone-number?perPage=1000&page=1' },
  { label: 'Users (every extension)', description: 'GET /restapi/v1.0/account/~/extension', detail: 'Users, call queues, IVR menus and the other extension types; Medium rate group, up to 1000 a page', path: '/restapi/v1.0/account/~/extension?perPage=1000&page=1' },
  { label: 'Account information', description: 'GET /restapi/v1.0/account/~', path: '/restapi/v1.0/account/~' },
  { label: 'Signed-in user', description: 'GET /restapi/v1.0/account/~/extension/~', path: '/restapi/v1.0/account/~/extension/~' },
  { label: 'Other path…', description: 'Any GET under /restapi/' },
];

/** The path `input` names under /restapi/, or undefined; `checkApiPath` says why not. */
export function normalizeApiPath(input: string): string | undefined {
  const check = checkApiPath(input);
  return 'path' in check ? check.path : undefined;
}


export function requestCommands(ctx: CommandContext): Record<string, (...args: unknown[]) => unknown> {
  // `shape` 'script' (or the answer to the question that follows a picked request) copies a complete script.
  const copy = (format: 'PowerShell' | 'cURL') => async (preset?: unknown, shape?: unknown) => {
    try {
      let path = typeof preset === 'string' ? normalizeApiPath(preset) : undefined;
      let asScript = format === 'PowerShell' && shape === 'script';
      if (!path) {
        const pick = await vscode.window.showQuickPick(REQUESTS, { title: `RingCentral: Copy Request as ${format}`, placeHolder: 'Which request?' });
        if (!pick) return undefined;
        path = pick.path ?? (await askPath(`RingCentral: Copy Request as ${format}`));
        if (!path) return undefined;
        if (format === 'PowerShell') {
          const answer = await askPowerShellShape();
          if (!answer) return undefined;
          asScript = answer === 'script';
        }
      }
      if (asScript) {
        const script = scriptForRequest(ctx, path);
        await vscode.env.clipboard.writeText(script.text);
        ctx.notifier.info(script.message);
        return script.text;
      }
      const url = ctx.service.settings.server + path;
      const make = format === 'cURL' ? toCurl : toPowerShell;
      const text = make({ method: 'GET', url, headers: { Accept: 'application/json' }, token: { placeholder: true } });
      await vscode.env.clipboard.writeText(text);
      const variable = format === 'cURL' ? `$${TOKEN_VARIABLE}` : `$env:${TOKEN_VARIABLE}`;
      ctx.notifier.info(`Copied ${format} for GET ${path.split('?')[0]}. It reads the access token from ${variable}; set it before running.`);
      return text;
    } catch (e) {
      ctx.notifier.error(e, 'Copy request failed');
      return undefined;
    }
  };
  return {
    [Commands.copyRequestPowerShell]: copy('PowerShell'),
    [Commands.copyRequestCurl]: copy('cURL'),
    [Commands.callApi]: async (preset?: unknown) => {
      let path: string | undefined;
      if (typeof preset === 'string') {
        const check = checkApiPath(preset);
        if ('problem' in check) {
          ctx.notifier.error(new RingCentralError({ kind: 'config', message: `Cannot call "${preset}".`, hint: check.problem }), 'Call API');
          return undefined;
        }
        path = check.path;
      } else {
        path = await askPath('RingCentral: Call API');
      }
      if (!path) return undefined;
      const shownPath = path.split('?')[0] ?? path;
      try {
        const body = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `RingCentral: GET ${shownPath}`, cancellable: true },
          async (_p, token) => {
            const ctl = new AbortController();
            const sub = token.onCancellationRequested(() => ctl.abort());
            try {
              return await ctx.service.api.get(path, undefined, { signal: ctl.signal });
            } finally {
              sub.dispose();
            }
          },
        );
        return (await openUntitled('api-response.json', toJson(body === undefined || body === null ? {} : body), ctx.redactor.known())).document.uri.toString();
      } catch (e) {
        ctx.notifier.error(e, `GET ${shownPath} failed`);
        return undefined;
      }
    },
  };
}
