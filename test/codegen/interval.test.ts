// Durations written as people write them, in Spark's strings and SQL's interval literals.
import { describe, expect, it } from 'vitest';
import { sparkInterval, sqlInterval } from '../../src/codegen/interval';

describe('intervals', () => {
  it.each([
    [600_000, '10 minutes', "INTERVAL '10' MINUTE"],
    [60_000, '1 minute', "INTERVAL '1' MINUTE"],
    [90_000, '90 seconds', "INTERVAL '90' SECOND"],
    [120_000, '2 minutes', "INTERVAL '2' MINUTE"],
    [150_000, '150 seconds', "INTERVAL '150' SECOND(3)"],
    [86_400_000, '1 day', "INTERVAL '1' DAY"],
    [-2000, '-2 seconds', "INTERVAL '-2' SECOND"],
    [1500, '1500 milliseconds', "INTERVAL '1.5' SECOND"],
    [1, '1 millisecond', "INTERVAL '0.001' SECOND"],
    [100_250, '100250 milliseconds', "INTERVAL '100.25' SECOND(3, 3)"],
    [0, '0 seconds', "INTERVAL '0' SECOND"],
  ])('%d ms', (ms, spark, sql) => {
    expect(sparkInterval(ms)).toBe(spark);
    expect(sqlInterval(ms)).toBe(sql);
  });
});
