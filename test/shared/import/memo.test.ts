import { describe, expect, it } from 'vitest';
import { memoText } from '../../../shared/import/memo';

describe('memoText', () => {
  it('computes each text once and answers again from memory', () => {
    const seen: string[] = [];
    const normalize = memoText((text) => {
      seen.push(text);
      return text.normalize('NFKC');
    });
    expect(['（％）', '托位总数', '（％）', '托位总数'].map(normalize)).toEqual(['(%)', '托位总数', '(%)', '托位总数']);
    expect(seen).toEqual(['（％）', '托位总数']);
  });

  it('starts afresh past its limit instead of growing without end', () => {
    let calls = 0;
    const upper = memoText((text) => {
      calls++;
      return text.toUpperCase();
    }, 2);
    for (const text of ['a', 'b', 'c', 'a']) upper(text);
    // 'c' found the memory full and cleared it, so 'a' is computed again.
    expect(calls).toBe(4);
    expect(upper('c')).toBe('C');
    expect(calls).toBe(4);
  });
});
