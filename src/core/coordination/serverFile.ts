import { createHash } from 'node:crypto';
import * as path from 'node:path';

/** A file of `kind` for one server in the shared folder: named by a hash, since a URL is no file name. */
export function serverFile(folder: string, server: string, kind: string, extension = ''): string {
  return path.join(folder, `${kind}-${createHash('sha256').update(server).digest('hex').slice(0, 16)}${extension}`);
}
