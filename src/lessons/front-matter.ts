// A lesson's front matter: `key: value` lines between two `---` lines. A value starting with
// `[`, `{`, `"` or a digit is JSON; any other value is a plain string.

export interface FrontMatter {
  readonly fields: Readonly<Record<string, unknown>>;
  /** The text after the closing `---`. */
  readonly body: string;
  /** Line numbers are 1-based within the file. */
  readonly errors: readonly string[];
}

export function splitFrontMatter(text: string): FrontMatter {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines[0]?.trim() !== '---')
    return { fields: {}, body: text, errors: ['must start with a front matter block ("---")'] };
  const close = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  if (close === -1)
    return { fields: {}, body: '', errors: ['the front matter has no closing "---" line'] };
  const fields: Record<string, unknown> = {};
  const errors: string[] = [];
  lines.slice(1, close).forEach((line, i) => {
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const m = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
    const where = `front matter line ${String(i + 2)}`;
    if (!m) {
      errors.push(`${where}: expected "key: value", got ${JSON.stringify(line)}`);
      return;
    }
    const key = m[1] ?? '';
    const raw = (m[2] ?? '').trim();
    if (/^[[{"\d-]/.test(raw) && !/^-\D/.test(raw)) {
      try {
        fields[key] = JSON.parse(raw);
      } catch (err) {
        errors.push(`${where}: ${key} is not valid JSON (${(err as Error).message})`);
      }
    } else fields[key] = raw;
  });
  return { fields, body: lines.slice(close + 1).join('\n'), errors };
}
