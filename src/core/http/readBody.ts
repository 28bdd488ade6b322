import { inertText } from '../serverText';

/** A response body as far as it could be understood. */
export type ParsedBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'empty' }
  | { kind: 'html'; title: string | undefined }
  | { kind: 'text'; snippet: string }
  | { kind: 'invalidJson'; snippet: string };

/**
 * Gateways and proxies answer with HTML pages, empty bodies or cut-off JSON; none of that may throw a raw
 * SyntaxError at the user.
 */
export function parseBody(text: string, contentType: string | null): ParsedBody {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  const looksJson = trimmed.startsWith('{') || trimmed.startsWith('[');
  if (looksJson || (contentType ?? '').includes('json')) {
    try {
      return { kind: 'json', value: JSON.parse(trimmed) as unknown };
    } catch {
      return { kind: 'invalidJson', snippet: snippetOf(trimmed) };
    }
  }
  if ((contentType ?? '').includes('html') || /^<(!doctype|html)/i.test(trimmed)) {
    // The title is server text that ends up in a message: made inert and short.
    const raw = /<title[^>]*>([^<]*)<\/title>/i.exec(trimmed)?.[1];
    const title = raw === undefined ? '' : inertText(raw, 80);
    return { kind: 'html', title: title === '' ? undefined : title };
  }
  return { kind: 'text', snippet: snippetOf(trimmed) };
}

function snippetOf(text: string): string {
  return inertText(text.slice(0, 400), 120);
}

export function describeUnusableBody(body: ParsedBody): string {
  switch (body.kind) {
    case 'empty':
      return 'an empty body';
    case 'html':
      return body.title ? `an HTML page ("${body.title}")` : 'an HTML page';
    case 'invalidJson':
      return 'JSON that is cut off or invalid';
    case 'text':
      return 'a body that is not JSON';
    case 'json':
      return 'JSON of an unexpected shape';
  }
}
