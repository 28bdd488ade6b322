import * as vscode from 'vscode';
import { checkApiPath } from '../../core/apiPath';

/** Asks for a GET path under /restapi/; every bad input is a validation message, never an error. */
export async function askPath(
  title: string,
  value = '/restapi/v1.0/account/~',
  prompt = 'Path of a GET request, e.g. /restapi/v1.0/account/~/extension?perPage=100 (a leading /restapi/v1.0 may be left out)',
): Promise<string | undefined> {
  const input = await vscode.window.showInputBox({
    title,
    prompt,
    value,
    valueSelection: [value.length, value.length],
    validateInput: (v) => {
      const check = checkApiPath(v);
      return 'problem' in check ? check.problem : undefined;
    },
  });
  if (input === undefined) return undefined;
  const check = checkApiPath(input);
  return 'path' in check ? check.path : undefined;
}
