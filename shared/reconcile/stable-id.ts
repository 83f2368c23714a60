/**
 * Finding ids and resolution bases must be stable across recomputation, re-opening and
 * machines, so they are hashes of the data that defines them (FNV-1a, 64 bit, pure JS).
 */
export function stableHash(parts: readonly (string | number | null | undefined)[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const text = parts.map((p) => (p === null || p === undefined ? '\u0000' : String(p))).join('\u001f');
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
    h2 = (h2 ^ (h2 >>> 13)) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

/** A finding's id: its kind, then a hash of the data that defines it ("conflict-1a2b3c4d5e6f"). */
export function findingId(kind: string, parts: readonly (string | number | null | undefined)[]): string {
  return `${kind}-${stableHash([kind, ...parts]).slice(0, 12)}`;
}

/** The kind a finding id was made for, the one part of an id that is not a hash. */
export function kindOfFindingId(id: string): string {
  return id.slice(0, id.lastIndexOf('-'));
}
