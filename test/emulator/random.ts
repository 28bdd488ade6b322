import { createHash, randomBytes } from 'node:crypto';

/** Deterministic PRNG (mulberry32): same seed, same sequence, on every platform. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Picks by weight from `[value, weight]` pairs (see `weightedTable` for hot loops). */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    return weightedTable(items)(this);
  }
}

/** Precomputes cumulative weights once; the returned picker is cheap to call. */
export function weightedTable<T>(items: readonly (readonly [T, number])[]): (rnd: SeededRandom) => T {
  if (items.length === 0) throw new Error('weighted pick from an empty list');
  const values = items.map(([v]) => v);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, w] of items) cumulative.push((total += w));
  return (rnd) => {
    const r = rnd.next() * total;
    for (let i = 0; i < cumulative.length; i++) if (r < (cumulative[i] as number)) return values[i] as T;
    return values[values.length - 1] as T;
  };
}

export function base64url(buf: Buffer): string {
  return buf.toString('base64url');
}

/** An opaque random token, shaped like RingCentral's (base64url, no meaning to the client). */
export function opaqueToken(bytes = 32): string {
  return base64url(randomBytes(bytes));
}

/** RFC 7636 S256: BASE64URL(SHA256(ASCII(code_verifier))). */
export function s256(verifier: string): string {
  return base64url(createHash('sha256').update(verifier, 'ascii').digest());
}
