// The code view's highlighter: every character is kept, in order, and kinds are found.
import { describe, expect, it } from 'vitest';
import { highlight } from '../../src/ui/code/highlight';

describe('highlight', () => {
  it('keeps the text and finds comments, strings, numbers and keywords in Python', () => {
    const code = '# a comment\nfrom x import F  # more\nq = F.window("ts", "10 minutes", 3)\n';
    const tokens = highlight(code, 'python');
    expect(tokens.map((t) => t.text).join('')).toBe(code);
    expect(tokens.filter((t) => t.kind === 'comment').map((t) => t.text)).toEqual([
      '# a comment',
      '# more',
    ]);
    expect(tokens.filter((t) => t.kind === 'string').map((t) => t.text)).toEqual([
      '"ts"',
      '"10 minutes"',
    ]);
    expect(tokens.find((t) => t.kind === 'number')?.text).toBe('3');
    expect(tokens.filter((t) => t.kind === 'keyword').map((t) => t.text)).toEqual([
      'from',
      'import',
    ]);
  });

  it("reads SQL's doubled quotes and -- comments", () => {
    const code = "SELECT 'it''s' AS x -- note\nFROM t;";
    const tokens = highlight(code, 'sql');
    expect(tokens.map((t) => t.text).join('')).toBe(code);
    expect(tokens.find((t) => t.kind === 'string')?.text).toBe("'it''s'");
    expect(tokens.find((t) => t.kind === 'comment')?.text).toBe('-- note');
  });
});
