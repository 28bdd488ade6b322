import type * as vscode from 'vscode';

// Placeholder composition root; replaced by the real extension.
export function activate(_context: vscode.ExtensionContext): void {}

export function deactivate(): void {}
