// Derived columns: arithmetic over a row's columns ("clicks / impressions", "(a + b) * 100").
// Null in, null out; division by zero is null (Spark's try_divide; non-ANSI `/`).

export type Expr =
  | { readonly kind: 'num'; readonly value: number }
  | { readonly kind: 'col'; readonly name: string }
  | { readonly kind: 'neg'; readonly arg: Expr }
  | {
      readonly kind: 'bin';
      readonly op: '+' | '-' | '*' | '/';
      readonly left: Expr;
      readonly right: Expr;
    };

export class ExpressionError extends Error {}

const TOKEN = /\s*(?:(\d+(?:\.\d*)?|\.\d+)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/()]))/y;

type Token =
  { kind: 'num'; value: number } | { kind: 'name'; value: string } | { kind: 'op'; value: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (text.slice(at).trim() === '') break;
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (!m) {
      throw new ExpressionError(
        `unexpected "${text.slice(at).trim().charAt(0)}" at position ${String(at + 1)}: use column names, numbers, + - * / and parentheses`,
      );
    }
    if (m[1] !== undefined) tokens.push({ kind: 'num', value: Number(m[1]) });
    else if (m[2] !== undefined) tokens.push({ kind: 'name', value: m[2] });
    else tokens.push({ kind: 'op', value: m[3] ?? '' });
    at = TOKEN.lastIndex;
  }
  return tokens;
}

/** Parses with the usual precedence: unary minus, then * and /, then + and −, left to right. */
export function parseExpression(text: string): Expr {
  const tokens = tokenize(text);
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const isOp = (t: Token | undefined, ops: string): t is Token & { kind: 'op' } =>
    t?.kind === 'op' && ops.includes(t.value);

  function sum(): Expr {
    let left = product();
    for (let t = peek(); isOp(t, '+-'); t = peek()) {
      i++;
      left = { kind: 'bin', op: t.value as '+' | '-', left, right: product() };
    }
    return left;
  }
  function product(): Expr {
    let left = unary();
    for (let t = peek(); isOp(t, '*/'); t = peek()) {
      i++;
      left = { kind: 'bin', op: t.value as '*' | '/', left, right: unary() };
    }
    return left;
  }
  function unary(): Expr {
    const t = peek();
    if (isOp(t, '-')) {
      i++;
      return { kind: 'neg', arg: unary() };
    }
    if (isOp(t, '+')) {
      i++;
      return unary();
    }
    return atom();
  }
  function atom(): Expr {
    const t = tokens[i++];
    if (t === undefined)
      throw new ExpressionError(`"${text}" ends too early: an operand is missing`);
    if (t.kind === 'num') return { kind: 'num', value: t.value };
    if (t.kind === 'name') return { kind: 'col', name: t.value };
    if (t.value === '(') {
      const inner = sum();
      if (!isOp(tokens[i++], ')')) throw new ExpressionError(`"${text}" has an unclosed "("`);
      return inner;
    }
    throw new ExpressionError(`"${text}" has "${t.value}" where an operand belongs`);
  }

  if (tokens.length === 0) throw new ExpressionError('the expression is empty');
  const expr = sum();
  const rest = tokens[i];
  if (rest !== undefined) {
    throw new ExpressionError(`"${text}" has an unexpected "${String(rest.value)}"`);
  }
  return expr;
}

/** Column names an expression reads. */
export function columnsOf(expr: Expr, out = new Set<string>()): Set<string> {
  if (expr.kind === 'col') out.add(expr.name);
  else if (expr.kind === 'neg') columnsOf(expr.arg, out);
  else if (expr.kind === 'bin') {
    columnsOf(expr.left, out);
    columnsOf(expr.right, out);
  }
  return out;
}

/** Evaluates over a row; a non-numeric or missing operand, or x / 0, gives null. */
export function evaluate(expr: Expr, row: Readonly<Record<string, unknown>>): number | null {
  switch (expr.kind) {
    case 'num':
      return expr.value;
    case 'col': {
      const v = row[expr.name];
      return typeof v === 'number' ? v : null;
    }
    case 'neg': {
      const v = evaluate(expr.arg, row);
      return v === null ? null : -v;
    }
    case 'bin': {
      const a = evaluate(expr.left, row);
      const b = evaluate(expr.right, row);
      if (a === null || b === null) return null;
      switch (expr.op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return b === 0 ? null : a / b;
      }
    }
  }
}
