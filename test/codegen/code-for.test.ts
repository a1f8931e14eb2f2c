// codeForRaw at its edges: refused queries explain themselves, a bad query reports the engine's
// error, names that need quoting are quoted, and the Kafka hint follows the grouping.
import { describe, expect, it } from 'vitest';
import { codeForRaw } from '../../src/codegen';

const base = {
  time: 'ts',
  window: { type: 'tumbling', size: '1 minute' },
  groupBy: ['user id'],
  aggregates: [{ fn: 'count', as: 'count' }],
  watermark: { delay: '10 seconds' },
  outputMode: 'update',
};

describe('codeForRaw', () => {
  it('quotes names that are not plain identifiers or are reserved', () => {
    const out = codeForRaw(base, 'spark', 'quoted');
    if (!out.ok) throw new Error(out.error);
    const [py, flink, feldera] = out.code.programs;
    expect(py?.code).toContain('F.col("`user id`")');
    expect(flink?.code).toContain('`user id`');
    expect(flink?.code).toContain('COUNT(*) AS `count`');
    expect(feldera?.code).toContain('"user id" VARCHAR');
  });

  it('explains what Spark refuses instead of writing code', () => {
    const out = codeForRaw({ ...base, outputMode: 'append', watermark: null }, 'spark', 'x');
    if (!out.ok) throw new Error(out.error);
    expect(out.code.programs[0]?.code).toBeNull();
    expect(out.code.programs[0]?.reason).toMatch(/Append output mode not supported/);
  });

  it('reports a query the engine rejects', () => {
    const out = codeForRaw(
      { ...base, window: { type: 'sliding', size: '1 minute' } },
      'spark',
      'x',
    );
    expect(out).toEqual({ ok: false, error: expect.stringContaining('window.slide') as unknown });
  });

  it('suggests the first grouping field as the Kafka key', () => {
    const out = codeForRaw({ ...base, groupBy: ['user_id'] }, 'spark', 'x');
    if (!out.ok) throw new Error(out.error);
    expect(out.code.kafka.keyField).toBe('user_id');
    expect(out.code.kafka.commands.join('\n')).toContain('parse.key=true');
  });
});

const stateful = (extra: Record<string, unknown>): Record<string, unknown> => ({
  time: 'ts',
  groupBy: ['user_id'],
  outputMode: 'update',
  ...extra,
});

describe('codeForRaw with per-key state', () => {
  it('writes applyInPandasWithState for PySpark and says why Flink SQL and Feldera cannot', () => {
    const out = codeForRaw(
      stateful({ stateful: { function: 'running_total', field: 'amount' } }),
      'spark',
      'x',
    );
    if (!out.ok) throw new Error(out.error);
    const [py, flink, feldera] = out.code.programs;
    expect(py?.code).toContain('.applyInPandasWithState(');
    expect(py?.code).toContain('GroupStateTimeout.NoTimeout');
    expect(py?.code).not.toContain('hasTimedOut');
    expect(flink?.code).toBeNull();
    expect(flink?.reason).toContain('KeyedProcessFunction after keyBy(user_id)');
    expect(flink?.reason).toContain('processElement adds amount and emits the total.');
    expect(feldera?.reason).toContain('no per-key state');
  });

  it('writes the final total on a timeout under mapGroupsWithState', () => {
    const out = codeForRaw(
      stateful({
        stateful: {
          function: 'running_total',
          field: 'amount',
          api: 'mapGroupsWithState',
          timeout: { kind: 'event', duration: '1 hour' },
        },
        watermark: { delay: '10 seconds' },
      }),
      'spark',
      'x',
    );
    if (!out.ok) throw new Error(out.error);
    const code = out.code.programs[0]?.code ?? '';
    expect(code).toMatch(/total = state.get\[0\]\n {8}state.remove\(\)\n {8}yield pd.DataFrame/);
    expect(code).toContain(
      'state.setTimeoutTimestamp(max((watermark if latest is None else latest) + 3600000, watermark))',
    );
    expect(code).toContain('.withWatermark("ts", "10 seconds")');
    expect(out.code.programs[1]?.reason).toContain('onTimer emits the final total');
  });

  it('gives custom code as a comment beside a skeleton to port', () => {
    const out = codeForRaw(
      stateful({
        stateful: {
          function: 'custom',
          code: 'state.update(1);\nreturn [];',
          timeout: { kind: 'processing' },
        },
      }),
      'spark',
      'x',
    );
    if (!out.ok) throw new Error(out.error);
    const code = out.code.programs[0]?.code ?? '';
    expect(code).toContain('import json');
    expect(code).toContain('#   state.update(1);\n#   return [];');
    expect(code).toContain('def update(key, pdfs, state):');
    expect(code).toContain('# Add a StructField for each field your function returns.');
  });

  it('says what Spark refuses', () => {
    const out = codeForRaw(
      stateful({
        stateful: { function: 'session', timeout: { kind: 'event', duration: '30 seconds' } },
      }),
      'spark',
      'x',
    );
    if (!out.ok) throw new Error(out.error);
    expect(out.code.programs[0]?.code).toBeNull();
    expect(out.code.programs[0]?.reason).toMatch(/^Spark refuses this query: /);
  });
});

const join = (extra: Record<string, unknown>): Record<string, unknown> => ({
  inputs: {
    impressions: { time: 'impression_time', watermark: { delay: '10 seconds' } },
    clicks: { time: 'click_time', watermark: { delay: '10 seconds' } },
  },
  join: {
    left: 'impressions',
    right: 'clicks',
    type: 'inner',
    on: [['ad_id', 'click_ad_id']],
    between: { lower: '-5 seconds', upper: '1 minute' },
  },
  outputMode: 'append',
  ...extra,
});

describe('codeForRaw with a join', () => {
  it('writes a negative lower bound as a subtraction in both targets', () => {
    const out = codeForRaw(join({}), 'spark', 'x');
    if (!out.ok) throw new Error(out.error);
    const [py, flink, feldera] = out.code.programs;
    expect(py?.code).toContain(
      'clicks.click_time >= impressions.impression_time - interval 5 seconds AND',
    );
    expect(flink?.code).toContain(
      "BETWEEN impressions.impression_time - INTERVAL '5' SECOND AND impressions.impression_time + INTERVAL '1' MINUTE",
    );
    expect(feldera?.reason).toContain('paste the join from the Flink SQL tab');
  });

  it('says Flink SQL has no semi interval join', () => {
    const raw = join({});
    const out = codeForRaw(
      { ...raw, join: { ...(raw.join as object), type: 'leftSemi' } },
      'spark',
      'x',
    );
    if (!out.ok) throw new Error(out.error);
    expect(out.code.programs[0]?.code).toContain('"left_semi"');
    expect(out.code.programs[1]?.reason).toContain('no semi interval join');
    expect(out.code.programs[2]?.reason).toContain('write the join in SQL');
  });

  it("gives Spark's refusal as the reason", () => {
    const out = codeForRaw(join({ outputMode: 'update' }), 'spark', 'x');
    if (!out.ok) throw new Error(out.error);
    expect(out.code.programs[0]?.code).toBeNull();
    expect(out.code.programs[0]?.reason).toMatch(/^Spark refuses this query: /);
  });

  it('puts each input on its own topic, split from the export by $input', () => {
    const out = codeForRaw(join({}), 'spark', 'x');
    if (!out.ok) throw new Error(out.error);
    expect(out.code.kafka.topic).toBe('impressions and clicks');
    expect(out.code.kafka.commands).toContain(
      `jq -c 'select(."$input" == "clicks")' windowscope-events.jsonl | kafka-console-producer.sh --bootstrap-server localhost:9092 --topic clicks`,
    );
  });
});
