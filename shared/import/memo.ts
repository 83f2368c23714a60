/**
 * Remembers a pure text function's answers. The same few thousand texts (headers, indicator
 * names, units) come back in every return of a batch, and Unicode normalisation of each one
 * again was a tenth of an import. Bounded: past `limit` entries the memory starts afresh, so a
 * file of unique texts cannot grow it without end.
 */
export function memoText(compute: (text: string) => string, limit = 20_000): (text: string) => string {
  let known = new Map<string, string>();
  return (text) => {
    let answer = known.get(text);
    if (answer === undefined) {
      answer = compute(text);
      if (known.size >= limit) known = new Map();
      known.set(text, answer);
    }
    return answer;
  };
}
