/**
 * Arithmetic over indicator codes, as rules and recompute formulas write it
 * (`B04 / X01 * 1000`, `X03÷X02×100`). Parsed by hand: a schema is data an officer may have
 * typed or pasted, so nothing in it is ever handed to eval or Function.
 */

export type BinaryOp = '+' | '-' | '*' | '/';

export type Expr =
  | { kind: 'number'; value: number }
  | { kind: 'code'; code: string }
  | { kind: 'negate'; operand: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr };

export type ParsedExpression =
  | { ok: true; expr: Expr }
  | { ok: false; message: string; position: number };

type Token =
  | { kind: 'number'; value: number; position: number }
  | { kind: 'code'; code: string; position: number }
  | { kind: 'op'; op: BinaryOp; position: number }
  | { kind: 'open' | 'close'; position: number };

class ExpressionError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

// × ÷ and the typographic minus are what documents print; full-width ＋－（）reach us via NFKC.
const OPERATOR_CHARS: Record<string, BinaryOp> = {
  '+': '+',
  '-': '-',
  '−': '-',
  '*': '*',
  '×': '*',
  '/': '/',
  '÷': '/',
};

const CODE_START = /[A-Za-z_\u4e00-\u9fff]/;
const CODE_PART = /[A-Za-z0-9_\u4e00-\u9fff]/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    const op = OPERATOR_CHARS[ch];
    if (op) {
      tokens.push({ kind: 'op', op, position: i });
      i += 1;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch === '(' ? 'open' : 'close', position: i });
      i += 1;
    } else if (/[0-9.]/.test(ch)) {
      const match = /^(?:\d+(?:\.\d+)?|\.\d+)/.exec(text.slice(i));
      if (!match) throw new ExpressionError(`第${i + 1}个字符处的数字“${ch}”写法不对`, i);
      tokens.push({ kind: 'number', value: Number(match[0]), position: i });
      i += match[0].length;
    } else if (CODE_START.test(ch)) {
      let end = i + 1;
      while (end < text.length && CODE_PART.test(text[end] as string)) end += 1;
      tokens.push({ kind: 'code', code: text.slice(i, end), position: i });
      i = end;
    } else {
      throw new ExpressionError(`第${i + 1}个字符“${ch}”不是运算符、数字或指标代码`, i);
    }
  }
  return tokens;
}

class Parser {
  private index = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly length: number,
  ) {}

  parseAll(): Expr {
    const expr = this.parseSum();
    const rest = this.tokens[this.index];
    if (rest) throw new ExpressionError(`第${rest.position + 1}个字符处多出内容，缺少运算符或括号不配对`, rest.position);
    return expr;
  }

  private parseSum(): Expr {
    let left = this.parseProduct();
    for (let token = this.peek(); token?.kind === 'op' && (token.op === '+' || token.op === '-'); token = this.peek()) {
      this.index += 1;
      left = { kind: 'binary', op: token.op, left, right: this.parseProduct() };
    }
    return left;
  }

  private parseProduct(): Expr {
    let left = this.parseFactor();
    for (let token = this.peek(); token?.kind === 'op' && (token.op === '*' || token.op === '/'); token = this.peek()) {
      this.index += 1;
      left = { kind: 'binary', op: token.op, left, right: this.parseFactor() };
    }
    return left;
  }

  private parseFactor(): Expr {
    const token = this.peek();
    if (!token) throw new ExpressionError('算式不完整：结尾缺少数字或指标代码', this.length);
    this.index += 1;
    switch (token.kind) {
      case 'number':
        return { kind: 'number', value: token.value };
      case 'code':
        return { kind: 'code', code: token.code };
      case 'open': {
        const inner = this.parseSum();
        const close = this.peek();
        if (close?.kind !== 'close') throw new ExpressionError(`第${token.position + 1}个字符处的左括号没有对应的右括号`, token.position);
        this.index += 1;
        return inner;
      }
      case 'op':
        if (token.op === '-') return { kind: 'negate', operand: this.parseFactor() };
        if (token.op === '+') return this.parseFactor();
        throw new ExpressionError(`第${token.position + 1}个字符处的运算符前面缺少数字或指标代码`, token.position);
      case 'close':
        throw new ExpressionError(`第${token.position + 1}个字符处的右括号没有对应的左括号或括号内为空`, token.position);
    }
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }
}

/** Parses `B04 / X01 * 1000`; the message says where the text goes wrong. */
export function parseExpression(text: string): ParsedExpression {
  const normalized = text.normalize('NFKC');
  try {
    const tokens = tokenize(normalized);
    if (tokens.length === 0) return { ok: false, message: '算式为空', position: 0 };
    return { ok: true, expr: new Parser(tokens, normalized.length).parseAll() };
  } catch (error) {
    if (error instanceof ExpressionError) return { ok: false, message: error.message, position: error.position };
    throw error;
  }
}

/**
 * The value of an expression, or null when a code has no value or a division by zero leaves
 * it undefined: a ratio with a missing component is unknown, never 0.
 */
export function evaluate(expr: Expr, lookup: (code: string) => number | null): number | null {
  switch (expr.kind) {
    case 'number':
      return expr.value;
    case 'code':
      return lookup(expr.code);
    case 'negate': {
      const value = evaluate(expr.operand, lookup);
      return value === null ? null : -value;
    }
    case 'binary': {
      const left = evaluate(expr.left, lookup);
      const right = evaluate(expr.right, lookup);
      if (left === null || right === null) return null;
      const result = applyOp(expr.op, left, right);
      return Number.isFinite(result) ? result : null;
    }
  }
}

function applyOp(op: BinaryOp, left: number, right: number): number {
  switch (op) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      return right === 0 ? Number.NaN : left / right;
  }
}

/** Every indicator code the expression reads, once each, in order of appearance. */
export function referencedCodes(expr: Expr): string[] {
  const codes: string[] = [];
  const visit = (node: Expr): void => {
    if (node.kind === 'code') {
      if (!codes.includes(node.code)) codes.push(node.code);
    } else if (node.kind === 'negate') {
      visit(node.operand);
    } else if (node.kind === 'binary') {
      visit(node.left);
      visit(node.right);
    }
  };
  visit(expr);
  return codes;
}
