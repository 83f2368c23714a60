/**
 * Remembers a pure function of a text (a string, a flag, a small record never changed by its
 * callers). The same few thousand texts (headers, indicator names, units, number formats) come
 * back in every return of a batch, and Unicode normalisation of each one again was a tenth of an
 * import. Bounded: past `limit` entries the memory starts afresh, so a file of unique texts
 * cannot grow it without end.
 */
export function memoText<T = string>(compute: (text: string) => T, limit = 20_000): (text: string) => T {
  let known = new Map<string, T>();
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
