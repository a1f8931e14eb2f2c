import { describe, expect, it } from 'vitest';
import {
  parseJsonLines,
  parseScenarioText,
  toJsonLines,
  toScenarioJson,
} from '../../src/worker/import-export';
import { jsonErrorOffset } from '../../src/worker/json-position';

describe('JSON Lines events', () => {
  it('reads one event per line, skipping blank lines, and round-trips', () => {
    const text = '{"ts": "2024-01-01T00:00:00Z", "u": "a"}\n\n{"ts": 1704067200000, "u": "b"}\r\n';
    const parsed = parseJsonLines(text, 'ts');
    expect(parsed).toEqual({
      ok: true,
      value: [
        { ts: '2024-01-01T00:00:00Z', u: 'a' },
        { ts: 1704067200000, u: 'b' },
      ],
    });
    if (parsed.ok) expect(parseJsonLines(toJsonLines(parsed.value), 'ts')).toEqual(parsed);
  });

  it('names every bad line and why', () => {
    const text = [
      '{"ts": 1, "u": "a"}',
      '{"ts": 2, "u": ',
      '[1, 2]',
      '{"u": "c"}',
      '{"ts": "tomorrow"}',
      '42',
    ].join('\n');
    expect(parseJsonLines(text, 'ts')).toEqual({
      ok: false,
      errors: [
        'line 2: not valid JSON (each line must be one event, such as {"ts": "2024-01-01T00:00:00Z", "user_id": "u1"})',
        'line 3: an event must be a JSON object, got a list',
        'line 4: "ts" is null, not a time: use ISO-8601 (2024-01-01T00:00:00Z) or epoch milliseconds',
        'line 5: "ts" is "tomorrow", not a time: use ISO-8601 (2024-01-01T00:00:00Z) or epoch milliseconds',
        'line 6: an event must be a JSON object, got 42',
      ],
    });
  });

  it('lists the first ten problems and counts the rest', () => {
    const parsed = parseJsonLines(Array.from({ length: 25 }, () => 'x').join('\n'), null);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.errors).toHaveLength(11);
      expect(parsed.errors[10]).toBe('… and 15 more problems');
    }
  });

  it('refuses an empty file', () => {
    expect(parseJsonLines('\n\n', null)).toEqual({
      ok: false,
      errors: ['the file has no events: put one JSON object per line'],
    });
  });
});

describe('scenario files', () => {
  const scenario = {
    name: 's',
    semantics: 'spark',
    query: {
      window: { type: 'none' },
      groupBy: ['w'],
      aggregates: [{ fn: 'count', as: 'n' }],
      outputMode: 'complete',
    },
    batches: [[{ w: 'x' }]],
  };

  it('reads a scenario and writes it back', () => {
    const parsed = parseScenarioText(JSON.stringify(scenario));
    expect(parsed.ok).toBe(true);
    if (parsed.ok)
      expect(JSON.parse(toScenarioJson(parsed.value))).toEqual({
        ...scenario,
        source: 'exported from Windowscope',
      });
  });

  it('says where the JSON breaks', () => {
    const parsed = parseScenarioText('{\n  "name": "s",\n  "query": }');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0]).toMatch(/^not valid JSON at line 3, column 12/);
  });

  it('checks the query as the engine would', () => {
    const parsed = parseScenarioText(
      JSON.stringify({
        ...scenario,
        query: { ...scenario.query, window: { type: 'tumbling', size: '5 lightyears' } },
      }),
    );
    expect(parsed).toEqual({
      ok: false,
      errors: [expect.stringContaining('query.window.size: unknown unit "lightyears"')],
    });
  });
});

describe('jsonErrorOffset', () => {
  it.each([
    ['{"a": [1, 2, {"b": null}], "c": "x\\"y"}', -1],
    ['  [true, false, -1.5e3]  ', -1],
    ['{"a": }', 6],
    ['[1, 2', 5],
    ['{"a": 1,}', 8],
    ['{"a": tru}', 6],
    ['[1] x', 4],
    ['"abc', 4],
  ])('%j breaks at %d', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset);
  });
});
