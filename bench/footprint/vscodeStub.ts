/**
 * A minimal stand-in for the `vscode` module, enough to load the extension bundle outside VS Code: every
 * property is a function that can also be called, constructed or extended, and returns the same stand-in.
 */
type Anything = ((...args: unknown[]) => unknown) & Record<PropertyKey, unknown>;

const target = function vscodeStandIn(): void {} as unknown as Anything;
const stub: Anything = new Proxy(target, {
  get(t, key) {
    if (key === 'prototype') return t.prototype as unknown;
    if (key === '__esModule') return false;
    if (key === Symbol.toPrimitive) return () => '';
    if (key === 'then') return undefined;
    return stub;
  },
  apply: () => stub,
  construct: () => stub,
});

module.exports = stub;
