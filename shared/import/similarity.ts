/**
 * Character-level similarity of two normalised names. Chinese indicator names have no word
 * breaks, so the measures work on characters: bigrams to find candidates quickly, and the
 * longest common subsequence to score them and to see where they differ.
 */

/** The character bigrams of a name (its single character when it has only one). */
export function bigramsOf(text: string): Set<string> {
  const chars = Array.from(text);
  const grams = new Set<string>();
  if (chars.length === 1) grams.add(chars[0] as string);
  for (let i = 0; i + 1 < chars.length; i++) grams.add(`${chars[i]}${chars[i + 1]}`);
  return grams;
}

/** Dice coefficient of two bigram sets given their overlap. */
export function diceOf(shared: number, sizeA: number, sizeB: number): number {
  return sizeA + sizeB === 0 ? 0 : (2 * shared) / (sizeA + sizeB);
}

/** A run where the two names differ: what one has where the other has something else (or nothing). */
export interface Hunk {
  /** Characters of `a` / `b` in the run ('' for a pure insertion on the other side). */
  a: string;
  b: string;
  /** Where the run starts in `a` and in `b` (UTF-16 offsets). */
  aStart: number;
  bStart: number;
  /** True when no common character comes before the run. */
  leading: boolean;
  /** True when no common character comes after the run. */
  trailing: boolean;
}

export interface Alignment {
  /** Length of the longest common subsequence, in characters. */
  common: number;
  hunks: Hunk[];
}

/** One table reused across calls: matching aligns a dozen pairs per row, thousands of rows. */
let scratch = new Uint16Array(1024);

function tableFor(size: number): Uint16Array {
  if (scratch.length < size) scratch = new Uint16Array(size * 2);
  return scratch;
}

/**
 * Aligns two names on their longest common subsequence and lists the runs where they differ.
 * Quadratic in the names' lengths (a few dozen UTF-16 units), run only on a handful of candidates.
 */
export function alignNames(a: string, b: string): Alignment {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const table = tableFor((n + 1) * width);
  // The scratch table is reused: clear the last row and column the recurrence starts from.
  table.fill(0, n * width, (n + 1) * width);
  for (let i = 0; i < n; i++) table[i * width + m] = 0;
  for (let i = n - 1; i >= 0; i--) {
    const ai = a.charCodeAt(i);
    for (let j = m - 1; j >= 0; j--) {
      const down = table[(i + 1) * width + j] as number;
      const right = table[i * width + j + 1] as number;
      table[i * width + j] =
        ai === b.charCodeAt(j) ? (table[(i + 1) * width + j + 1] as number) + 1 : down > right ? down : right;
    }
  }
  const hunks: Hunk[] = [];
  let fromA = 0;
  let fromB = 0;
  let seenCommon = false;
  const flush = (toA: number, toB: number, trailing: boolean): void => {
    if (toA > fromA || toB > fromB) {
      hunks.push({ a: a.slice(fromA, toA), b: b.slice(fromB, toB), aStart: fromA, bStart: fromB, leading: !seenCommon, trailing });
    }
  };
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a.charCodeAt(i) === b.charCodeAt(j)) {
      flush(i, j, false);
      seenCommon = true;
      i++;
      j++;
      fromA = i;
      fromB = j;
    } else if ((table[(i + 1) * width + j] as number) >= (table[i * width + j + 1] as number)) {
      i++;
    } else {
      j++;
    }
  }
  flush(n, m, true);
  return { common: table[0] ?? 0, hunks };
}

/** 2·LCS / (|a| + |b|): 1 for equal names, tolerant of a dropped or mistyped character. */
export function lcsRatio(common: number, a: string, b: string): number {
  const total = a.length + b.length;
  return total === 0 ? 0 : (2 * common) / total;
}
