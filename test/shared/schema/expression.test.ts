import { describe, expect, it } from 'vitest';
import { evaluate, parseExpression, referencedCodes, type Expr } from '../../../shared/schema/expression';

function parsed(text: string): Expr {
  const result = parseExpression(text);
  if (!result.ok) throw new Error(result.message);
  return result.expr;
}

const VALUES: Record<string, number | null> = { B04: 5, X01: 1087, X02: 25000, X03: 12500, X04: 1, Z00: 0, N: null };
const lookup = (code: string): number | null => VALUES[code] ?? null;

describe('parseExpression and evaluate', () => {
  it('computes a recompute formula over indicator codes', () => {
    expect(evaluate(parsed('B04 / X01 * 1000'), lookup)).toBeCloseTo(4.5998, 4);
    expect(evaluate(parsed('X03 / X02 * 100'), lookup)).toBe(50);
  });

  it('respects precedence, parentheses and unary minus', () => {
    expect(evaluate(parsed('1 + 2 * 3'), lookup)).toBe(7);
    expect(evaluate(parsed('(1 + 2) * 3'), lookup)).toBe(9);
    expect(evaluate(parsed('10 - 4 - 3'), lookup)).toBe(3);
    expect(evaluate(parsed('24 / 4 / 2'), lookup)).toBe(3);
    expect(evaluate(parsed('-X04 + 3'), lookup)).toBe(2);
    expect(evaluate(parsed('2 * -(1 + 1)'), lookup)).toBe(-4);
  });

  it('reads the operators and brackets documents print', () => {
    expect(evaluate(parsed('X03÷X02×100'), lookup)).toBe(50);
    expect(evaluate(parsed('（B04 − X04）／ X01 ＊ 1000'), lookup)).toBeCloseTo(3.6799, 4);
  });

  it('gives null for a missing component or a division by zero, never 0', () => {
    expect(evaluate(parsed('N / X01'), lookup)).toBeNull();
    expect(evaluate(parsed('X01 / Z00'), lookup)).toBeNull();
    expect(evaluate(parsed('UNKNOWN + 1'), lookup)).toBeNull();
  });

  it('refuses what is not arithmetic, saying where', () => {
    for (const text of ['', 'B04 /', '(B04 + 1', 'B04 + 1)', 'B04 X01', 'B04 ^ 2', 'process.exit(1)', '1..2', '* 3']) {
      const result = parseExpression(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(result.message).not.toBe('');
    }
    const result = parseExpression('B04 ^ 2');
    expect(result).toMatchObject({ ok: false, position: 4 });
    if (!result.ok) expect(result.message).toContain('“^”');
  });
});

describe('referencedCodes', () => {
  it('lists each code once, in order', () => {
    expect(referencedCodes(parsed('X04 / B04 * 100 + X04 - 每千人口托位数'))).toEqual(['X04', 'B04', '每千人口托位数']);
    expect(referencedCodes(parsed('1 + 2'))).toEqual([]);
  });
});
