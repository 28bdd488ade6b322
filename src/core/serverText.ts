/**
 * Text that came from a server (an error message, an HTML title, a query parameter of a redirect), made fit to be
 * shown in a VS Code message. VS Code turns `[label](https://…)`, `(command:…)` and `(file:…)` in a notification into
 * live links (src/vs/base/common/linkedText.ts: /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^\)\s]+)…\)/gi), so a
 * server could plant a button that runs any command. A space between `]` and `(` keeps the text readable and
 * matches no link. Line breaks and control characters are flattened, and the text is cut to `maxLength`.
 */
export function inertText(text: string, maxLength = 300): string {
  const flat = text
    // eslint-disable-next-line no-control-regex -- control characters are what is being removed
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\]\s*\(/g, '] (')
    .trim();
  return flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}…` : flat;
}
