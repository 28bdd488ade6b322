import * as vscode from 'vscode';
import { toJson } from '../../core/export/json';
import { TOKEN_VARIABLE, toCurl, toPowerShell } from '../../core/snippets';
import { openUntitled } from '../documents';
import { Commands } from '../ids';
import type { CommandContext } from './context';

interface RequestChoice extends vscode.QuickPickItem {
  path?: string;
}

const REQUESTS: RequestChoice[] = [
  { label: 'Company phone numbers', description: 'GET /restapi/v1.0/account/~/phone-number', path: '/restapi/v1.0/account/~/phone-number?perPage=1000&page=1' },
  { label: 'Account information', description: 'GET /restapi/v1.0/account/~', path: '/restapi/v1.0/account/~' },
  { label: 'Signed-in user', description: 'GET /restapi/v1.0/account/~/extension/~', path: '/restapi/v1.0/account/~/extension/~' },
  { label: 'Extensions', description: 'GET /restapi/v1.0/account/~/extension', path: '/restapi/v1.0/account/~/extension?perPage=1000&page=1' },
  { label: 'Other path…', description: 'Any GET under /restapi/' },
];

/** Accepts `/restapi/v1.0/...`, `restapi/...` or a shorthand such as `account/~/extension`. */
export function normalizeApiPath(input: string): string | undefined {
  const text = input.trim();
  if (!text) return undefined;
  if (/^[a-z]+:\/\//i.test(text)) {
    const url = new URL(text);
    return url.pathname.startsWith('/restapi/') ? url.pathname + url.search : undefined;
  }
  const path = text.startsWith('/') ? text : `/${text}`;
  if (path.startsWith('/restapi/')) return path;
  return `/restapi/v1.0${path}`;
}

async function askPath(title: string, value = '/restapi/v1.0/account/~'): Promise<string | undefined> {
  const input = await vscode.window.showInputBox({
    title,
    prompt: 'Path of a GET request, e.g. /restapi/v1.0/account/~/extension?perPage=100 (a leading /restapi/v1.0 may be left out)',
    value,
    valueSelection: [value.length, value.length],
    validateInput: (v) => (normalizeApiPath(v) ? undefined : 'Enter a path under /restapi/.'),
  });
  return input === undefined ? undefined : normalizeApiPath(input);
}

export function requestCommands(ctx: CommandContext): Record<string, (...args: unknown[]) => unknown> {
  const copy = (format: 'PowerShell' | 'cURL') => async (preset?: unknown) => {
    try {
      let path = typeof preset === 'string' ? normalizeApiPath(preset) : undefined;
      if (!path) {
        const pick = await vscode.window.showQuickPick(REQUESTS, { title: `RingCentral: Copy Request as ${format}`, placeHolder: 'Which request?' });
        if (!pick) return undefined;
        path = pick.path ?? (await askPath(`RingCentral: Copy Request as ${format}`));
        if (!path) return undefined;
      }
      const url = ctx.service.client.server + path;
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
      const path = typeof preset === 'string' ? normalizeApiPath(preset) : await askPath('RingCentral: Call API');
      if (!path) return undefined;
      try {
        const body = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `RingCentral: GET ${path.split('?')[0]}`, cancellable: true },
          (_p, token) => {
            const ctl = new AbortController();
            token.onCancellationRequested(() => ctl.abort());
            return ctx.service.api.get(path, undefined, { signal: ctl.signal });
          },
        );
        return (await openUntitled('api-response.json', toJson(body === undefined || body === null ? {} : (body)), ctx.redactor.known())).document.uri.toString();
      } catch (e) {
        ctx.notifier.error(e, `GET ${path.split('?')[0]} failed`);
        return undefined;
      }
    },
  };
}
