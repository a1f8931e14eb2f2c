// Derived columns ("clicks / impressions") in each target's syntax, NULL where the engine gives
// null: Spark's try_divide (Spark 4 runs with ANSI on, where `/` by zero raises
// DIVIDE_BY_ZERO), SQL's NULLIF on the divisor with a cast so integers do not divide as integers.
import { parseExpression, type Expr } from '../engine/expression';
import { pyCol } from './names';

function pyNumber(value: number): string {
  return `F.lit(${String(value)})`;
}

/** A PySpark Column expression. */
export function pysparkExpr(text: string): string {
  const walk = (e: Expr, top: boolean): string => {
    switch (e.kind) {
      case 'num':
        return pyNumber(e.value);
      case 'col':
        return pyCol(e.name);
      case 'neg':
        return `-${walk(e.arg, false)}`;
      case 'bin': {
        if (e.op === '/') return `F.try_divide(${walk(e.left, true)}, ${walk(e.right, true)})`;
        const body = `${walk(e.left, false)} ${e.op} ${walk(e.right, false)}`;
        return top ? body : `(${body})`;
      }
    }
  };
  return walk(parseExpression(text), true);
}

/** A SQL expression; `id` quotes a column name in the dialect. */
export function sqlExpr(text: string, id: (name: string) => string): string {
  const walk = (e: Expr, top: boolean): string => {
    switch (e.kind) {
      case 'num':
        return String(e.value);
      case 'col':
        return id(e.name);
      case 'neg':
        return `-${walk(e.arg, false)}`;
      case 'bin': {
        const body =
          e.op === '/'
            ? `CAST(${walk(e.left, true)} AS DOUBLE) / NULLIF(${walk(e.right, true)}, 0)`
            : `${walk(e.left, false)} ${e.op} ${walk(e.right, false)}`;
        return top ? body : `(${body})`;
      }
    }
  };
  return walk(parseExpression(text), true);
}
