import { describe, expect, it } from 'vitest';
import {
  fromBase64Url,
  lessonLink,
  readAddress,
  runLink,
  scenarioLink,
  toBase64Url,
  shareLink,
} from '../../src/ui/address';
import scenario from '../../src/ui/demo-scenario.json';
import { RUN_PRESETS } from '../../src/ui/run-presets';

describe('address', () => {
  it('round-trips text through base64url, unicode included', () => {
    const text = '{"name": "Straße → 窓", "x": "??>>"}';
    expect(toBase64Url(text)).not.toMatch(/[+/=]/);
    expect(fromBase64Url(toBase64Url(text))).toBe(text);
  });

  it('opens a scenario from #scenario=', () => {
    const address = readAddress(scenarioLink(JSON.stringify(scenario)));
    expect(address.kind).toBe('run');
    if (address.kind === 'run') {
      expect(address.spec.name).toBe(scenario.name);
      expect(address.spec.input).toEqual({ kind: 'scenario', scenario });
    }
  });

  it('opens a generated run from #run=', () => {
    const preset = RUN_PRESETS[0];
    if (preset === undefined) throw new Error('no preset');
    expect(readAddress(runLink(preset.spec))).toEqual({ kind: 'run', spec: preset.spec });
  });

  it.each([
    ['#scenario=%%%', "The link's scenario is damaged"],
    [`#scenario=${toBase64Url('{"query": ')}`, "The link's scenario cannot run: not valid JSON"],
    [
      `#scenario=${toBase64Url(JSON.stringify({ ...scenario, query: { ...scenario.query, outputMode: 'upsert' } }))}`,
      'query.outputMode',
    ],
    [`#run=${toBase64Url('[]')}`, 'needs "semantics", "query" and "input"'],
    [
      `#run=${toBase64Url(JSON.stringify({ semantics: 'spark', query: {}, input: { kind: 'imported', events: [] } }))}`,
      'A run link holds a generated input',
    ],
  ])('explains a broken link %s', (hash, message) => {
    const address = readAddress(hash);
    expect(address.kind).toBe('error');
    if (address.kind === 'error') expect(address.message).toContain(message);
  });

  it('ignores an address that carries nothing', () => {
    expect(readAddress('')).toEqual({ kind: 'none' });
    expect(readAddress('#about')).toEqual({ kind: 'none' });
  });
});

describe('shareLink', () => {
  it('carries the current query and semantics of a scenario run', () => {
    const query = { ...scenario.query, outputMode: 'update', watermark: { delay: '5 seconds' } };
    const link = shareLink({
      name: 'Mine',
      semantics: 'spark',
      query,
      input: { kind: 'scenario', scenario },
    });
    const address = readAddress(link ?? '');
    expect(address.kind === 'run' && address.spec.query).toEqual(query);
    expect(address.kind === 'run' && address.spec.name).toBe('Mine');
  });

  it('makes a run link for generated input and none for an imported file', () => {
    const preset = RUN_PRESETS[0];
    if (preset === undefined) throw new Error('no preset');
    expect(readAddress(shareLink(preset.spec) ?? '')).toEqual({ kind: 'run', spec: preset.spec });
    expect(
      shareLink({
        name: 'x',
        semantics: 'spark',
        query: {},
        input: { kind: 'imported', events: [] },
      }),
    ).toBeNull();
    expect(shareLink({ name: 'x', semantics: 'spark', query: {}, input: null })).toBeNull();
  });
});

describe('lesson addresses', () => {
  it('reads the index and a lesson with or without a step (1-based in the link)', () => {
    expect(readAddress('#lessons')).toEqual({ kind: 'lessons' });
    expect(readAddress('#lesson=05-watermarks')).toEqual({
      kind: 'lesson',
      id: '05-watermarks',
      step: null,
    });
    expect(readAddress('#lesson=05-watermarks&step=3')).toEqual({
      kind: 'lesson',
      id: '05-watermarks',
      step: 2,
    });
    expect(lessonLink('01-a', 0)).toBe('#lesson=01-a&step=1');
    expect(readAddress(lessonLink('01-a', 4))).toEqual({ kind: 'lesson', id: '01-a', step: 4 });
  });
});
