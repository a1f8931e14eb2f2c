// Event labels: a clock then the fields the query reads; without a time, every field, named.
import { describe, expect, it } from 'vitest';
import { eventLabel, labelText, timeFieldFor } from '../../src/ui/event-label';

const click = { user_id: 'user1', action: 'click', ts: Date.UTC(2024, 0, 1, 10, 0, 20) };

describe('eventLabel', () => {
  it.each([
    ['all other fields', null, { time: '10:00:20', rest: 'user1 · click' }],
    ['the fields the query reads', ['user_id'], { time: '10:00:20', rest: 'user1' }],
  ])('shows the clock and %s', (_name, fields, want) => {
    expect(eventLabel(click, 'ts', fields)).toEqual(want);
  });

  it('keeps a time it cannot read as it is', () => {
    expect(eventLabel({ ts: 'soon', n: 1 }, 'ts').time).toBe('soon');
  });

  it.each([
    ['no time field', ''],
    ['no time field (undefined)', undefined],
    ['an event without the field', 'missing'],
  ])('with %s, shows every field by name, never "undefined"', (_name, timeField) => {
    const label = eventLabel({ userId: 'user1', amount: 50 }, timeField, ['userId']);
    expect(label).toEqual({ time: '', rest: 'userId user1 · amount 50' });
    expect(labelText(label)).toBe('userId user1 · amount 50');
  });

  it('labelText joins the clock and the fields', () => {
    expect(labelText(eventLabel(click, 'ts'))).toBe('10:00:20 · user1 · click');
  });
});

describe('timeFieldFor', () => {
  const join = {
    inputs: { impressions: { time: 'impression_time' }, clicks: { time: 'click_time' } },
  };
  it.each([
    ['the input of a joined event', join, { $input: 'clicks' }, 'click_time'],
    ['the other input', join, { $input: 'impressions' }, 'impression_time'],
    ['the query time for one input', { time: 'ts' }, { ts: 1 }, 'ts'],
    ['the query time when the input is unknown', { ...join, time: 'ts' }, { $input: 'x' }, 'ts'],
    ['nothing when the query has no time', { inputs: {} }, { $input: 'clicks' }, null],
  ])('reads %s', (_name, query, event, want) => {
    expect(timeFieldFor(query, event)).toBe(want);
  });
});
