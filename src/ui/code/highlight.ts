// A tiny highlighter for the generated programs: comments, strings, numbers and keywords of
// Python and SQL become tokens the view renders as text in spans (never as HTML).

export type TokenKind = 'plain' | 'comment' | 'string' | 'number' | 'keyword';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
}

const PYTHON = new Set(
  'from import as def return if else elif for in not and or is None True False lambda with'.split(
    ' ',
  ),
);
const SQL = new Set(
  (
    'SELECT FROM WHERE GROUP BY AS AND OR NOT NULL IS CASE WHEN THEN ELSE END CREATE TABLE VIEW ' +
    'MATERIALIZED WITH WATERMARK FOR INTERVAL SET DISTINCT PARTITION DESCRIPTOR TUMBLE HOP ' +
    'SESSION CAST NULLIF COUNT SUM AVG MIN MAX LATENESS TRUE FALSE SECOND MINUTE HOUR DAY ' +
    'TIMESTAMP TIMESTAMP_LTZ STRING VARCHAR BIGINT DOUBLE BOOLEAN TO_TIMESTAMP_LTZ'
  ).split(' '),
);

// One alternative per kind: comment, string, number, word, anything else (one character).
const PY_TOKEN =
  /(#[^\n]*)|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')|(\b\d+(?:\.\d+)?\b)|([A-Za-z_]\w*)|([\s\S])/g;
const SQL_TOKEN = /(--[^\n]*)|('(?:[^'\n]|'')*')|(\b\d+(?:\.\d+)?\b)|([A-Za-z_]\w*)|([\s\S])/g;

/** Splits code into tokens; adjacent plain text is merged into one token. */
export function highlight(code: string, language: 'python' | 'sql'): Token[] {
  const pattern = language === 'python' ? PY_TOKEN : SQL_TOKEN;
  const keywords = language === 'python' ? PYTHON : SQL;
  const tokens: Token[] = [];
  const push = (kind: TokenKind, text: string): void => {
    const last = tokens.at(-1);
    if (kind === 'plain' && last?.kind === 'plain')
      tokens[tokens.length - 1] = { kind, text: last.text + text };
    else tokens.push({ kind, text });
  };
  for (const m of code.matchAll(pattern)) {
    if (m[1] !== undefined) push('comment', m[1]);
    else if (m[2] !== undefined) push('string', m[2]);
    else if (m[3] !== undefined) push('number', m[3]);
    else if (m[4] !== undefined) push(keywords.has(m[4]) ? 'keyword' : 'plain', m[4]);
    else push('plain', m[0]);
  }
  return tokens;
}
