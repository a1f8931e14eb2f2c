import { describe, expect, it } from 'vitest';
import { checkForm, formFromQuery, queryFromForm } from '../../../src/ui/settings/query-form';
import scenario from '../../../src/ui/demo-scenario.json';

const base = { ...scenario.query, watermark: { delay: '10 seconds' }, outputMode: 'update' };

describe('query form', () => {
  it('reads a query and writes it back unchanged where the form has no say', () => {
    const form = formFromQuery(base);
    expect(form).toMatchObject({
      windowType: 'tumbling',
      size: '1 minute',
      watermark: '10 seconds',
      outputMode: 'update',
      groupBy: 'user_id',
    });
    const query = queryFromForm(form, base);
    expect(query.aggregates).toEqual(base.aggregates);
    expect(query.time).toBe('eventtimestamp');
    expect(query.window).toEqual({ type: 'tumbling', size: '1 minute', offset: '0 seconds' });
  });

  it('writes a sliding window, no watermark and several grouping fields', () => {
    const form = {
      ...formFromQuery(base),
      windowType: 'sliding' as const,
      size: '10 minutes',
      slide: '5 minutes',
      watermark: '',
      groupBy: 'user_id, event',
    };
    const query = queryFromForm(form, base);
    expect(query.window).toEqual({
      type: 'sliding',
      size: '10 minutes',
      slide: '5 minutes',
      offset: '0 seconds',
    });
    expect(query.watermark).toBeNull();
    expect(query.groupBy).toEqual(['user_id', 'event']);
  });

  it.each([
    [{ size: '5 parsecs' }, 'size', 'unknown unit "parsecs"'],
    [{ size: '0 seconds' }, 'size', 'The window duration (0 ms) must be greater than 0.'],
    [
      { windowType: 'sliding', slide: '2 minutes' },
      'slide',
      'must be less than or equal to the windowDuration',
    ],
    [
      { offset: '-1 minute' },
      'offset',
      'The absolute value of start time (-60000 ms) must be less than the slideDuration (60000 ms).',
    ],
    [{ watermark: '-5 seconds' }, 'watermark', 'should not be negative'],
    [{ outputMode: 'append', watermark: '' }, 'outputMode', 'Append output mode not supported'],
    [
      { windowType: 'session', outputMode: 'update' },
      'outputMode',
      'Update output mode not supported for session window',
    ],
    [
      { windowType: 'session', outputMode: 'complete', groupBy: '' },
      'groupBy',
      'Global aggregation with session window',
    ],
    [{ triggerInterval: 'often' }, 'triggerInterval', 'cannot read "often"'],
    [{ triggerInterval: '0 seconds' }, 'triggerInterval', 'must be longer than 0'],
  ])('refuses %j in Spark mode, on the field it is about', (patch, field, message) => {
    const checked = checkForm(
      { ...formFromQuery(base), ...patch } as ReturnType<typeof formFromQuery>,
      base,
      'spark',
    );
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.field).toBe(field);
      expect(checked.message).toContain(message);
    }
  });

  it('checks Flink parameters in Flink mode, and accepts what Flink accepts', () => {
    const form = formFromQuery(base);
    const late = checkForm({ ...form, allowedLateness: '-1 second' }, base, 'flink');
    expect(late).toMatchObject({
      ok: false,
      field: 'allowedLateness',
      message: 'The allowed lateness cannot be negative.',
    });
    // Slide longer than size: Spark refuses it, Flink does not.
    expect(
      checkForm(
        { ...form, windowType: 'sliding', size: '1 minute', slide: '2 minutes' },
        base,
        'flink',
      ).ok,
    ).toBe(true);
  });
});
