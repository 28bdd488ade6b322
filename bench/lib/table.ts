/** The one Markdown table the bench prints, and the number formats used in it. */

export interface Row {
  scenario: string;
  metric: string;
  ours: string;
  /** The peer's value; names the peer when it is not the SDK (e.g. "bare undici"). */
  peer: string;
  /** ours / peer, or '—'. */
  ratio: string;
  target: string;
  verdict: string;
}

/** What a scenario hands back: its rows and the notes that explain them (losses first of all). */
export interface ScenarioResult {
  rows: Row[];
  notes: string[];
}

export const NONE = '—';

export const VERDICT = {
  met: '✅ met',
  missed: '❌ missed',
  wins: '✅ ours wins',
  loses: '❌ ours loses',
  tie: '➖ tie',
  info: NONE,
  error: '❌ error',
} as const;

export function row(r: Partial<Row> & Pick<Row, 'scenario' | 'metric' | 'ours'>): Row {
  return { peer: NONE, ratio: NONE, target: NONE, verdict: VERDICT.info, ...r };
}

/** ours/peer with two decimals and a ×; '—' when either side is missing or the peer is zero. */
export function ratio(ours: number | undefined, peer: number | undefined): string {
  if (ours === undefined || peer === undefined || !Number.isFinite(ours) || !Number.isFinite(peer) || peer === 0) return NONE;
  return `${(ours / peer).toFixed(2)}×`;
}

/**
 * Lower is better: ours wins when clearly below the peer, loses when clearly above, ties within `tolerance`
 * (relative) — medians of a few runs do not resolve smaller differences.
 */
export function compareLowerIsBetter(ours: number | undefined, peer: number | undefined, tolerance = 0.03): string {
  if (ours === undefined || peer === undefined || !Number.isFinite(ours) || !Number.isFinite(peer)) return VERDICT.error;
  if (ours < peer * (1 - tolerance)) return VERDICT.wins;
  if (ours > peer * (1 + tolerance)) return VERDICT.loses;
  return VERDICT.tie;
}

export function ms(value: number | undefined, digits?: number): string {
  if (value === undefined || !Number.isFinite(value)) return NONE;
  const d = digits ?? (value >= 100 ? 0 : value >= 10 ? 1 : value >= 1 ? 2 : 3);
  return `${value.toFixed(d)} ms`;
}

/** A duration given in ms: shown in ms below one second, in seconds above. */
export function seconds(valueMs: number | undefined): string {
  if (valueMs === undefined || !Number.isFinite(valueMs)) return NONE;
  return valueMs < 1000 ? ms(valueMs) : `${(valueMs / 1000).toFixed(2)} s`;
}

export function int(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return NONE;
  return Math.round(value).toLocaleString('en-US');
}

export function bytes(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return NONE;
  if (value >= 1024 * 1024) return `${(value / (1024 * 1024)).toFixed(1)} MB`;
  if (value >= 1024) return `${(value / 1024).toFixed(1)} kB`;
  return `${Math.round(value)} B`;
}

export function mbPerSecond(byteCount: number, elapsedMs: number): string {
  if (!Number.isFinite(elapsedMs) || elapsedMs <= 0) return NONE;
  return `${(byteCount / (1024 * 1024) / (elapsedMs / 1000)).toFixed(0)} MB/s`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function markdownTable(rows: readonly Row[]): string {
  const header = ['Scenario', 'Metric', 'Ours', 'SDK (or named peer)', 'Ours/peer', 'Target', 'Verdict'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i >= 2 && i <= 4 ? '---:' : '---')).join('|')}|`];
  for (const r of rows) {
    lines.push(`| ${[r.scenario, r.metric, r.ours, r.peer, r.ratio, r.target, r.verdict].map(escapeCell).join(' | ')} |`);
  }
  return lines.join('\n');
}
