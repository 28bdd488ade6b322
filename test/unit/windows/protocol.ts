/** Messages between the test and its window processes (windowProcess.ts). */
export interface WindowConfig {
  server: string;
  app: { clientId: string; clientSecret: string };
  /** The stored JWT credential for silent sign-in; absent: no silent sign-in. */
  jwt?: string;
  /** The folder local windows share (VS Code's global storage). */
  folder: string;
  flushDelayMs: number;
  timeoutMs: number;
  /** Control runs: each window coordinates only with itself (no shared lock, no shared rate book), as before. */
  isolated?: boolean;
}

export type WindowCommand =
  | { op: 'init'; config: WindowConfig }
  | { op: 'signIn'; jwt: string }
  | { op: 'calls'; count: number }
  | { op: 'load' }
  | { op: 'signOut' }
  | { op: 'session' }
  | { op: 'changes' };

export interface WindowReply {
  rpc: number;
  value?: unknown;
  error?: string;
}
