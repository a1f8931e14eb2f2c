// Keyed lines for a Kafka producer, and the sample of events the column types are read from.
import { describe, expect, it } from 'vitest';
import { keyedLines, sampleEvents } from '../../src/codegen/kafka';

describe('keyedLines', () => {
  const text = '{"user_id":"u1","n":1}\n{"user_id":2}\n\n{"other":true}\n';

  it('puts the key and a tab in front of each JSON line', () => {
    expect(keyedLines(text, 'user_id')).toBe(
      'u1\t{"user_id":"u1","n":1}\n2\t{"user_id":2}\n\t{"other":true}\n',
    );
  });

  it('keeps the lines as they are without a key', () => {
    expect(keyedLines(text, null)).toBe(text);
  });

  it('never lets a tab inside a key split the line', () => {
    expect(keyedLines('{"k":"a\\tb"}\n', 'k')).toBe('"a\\tb"\t{"k":"a\\tb"}\n');
  });
});

describe('sampleEvents', () => {
  it('reads the first objects and skips broken lines', () => {
    expect(sampleEvents('{"a":1}\nnot json\n[1]\n{"a":2}\n{"a":3}\n', 2)).toEqual([
      { a: 1 },
      { a: 2 },
    ]);
  });
});
