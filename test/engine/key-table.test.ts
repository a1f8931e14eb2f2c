// KeyTable: string keys as properties, the rest in a Map; no two keys may share a value.
import { describe, expect, it } from 'vitest';
import { KeyTable, OrderedKeyTable } from '../../src/engine/key-table';

describe('KeyTable', () => {
  const keys: unknown[] = [
    '__proto__',
    'constructor',
    'toString',
    '1',
    1,
    '',
    0,
    true,
    'true',
    null,
    'null',
  ];

  it('keeps every key apart, inherited names and integer-like text included', () => {
    const table = new KeyTable<number>();
    keys.forEach((k, i) => table.add(k, i));
    expect(table.size).toBe(keys.length);
    keys.forEach((k, i) => expect(table.get(k)).toBe(i));
    expect(table.get('hasOwnProperty')).toBeUndefined();
    expect(table.get(2)).toBeUndefined();
  });

  it('forgets a removed key and only it', () => {
    const table = new KeyTable<number>();
    keys.forEach((k, i) => table.add(k, i));
    table.remove('1');
    table.remove(null);
    expect(table.get('1')).toBeUndefined();
    expect(table.get(1)).toBe(4);
    expect(table.get(null)).toBeUndefined();
    expect(table.get('null')).toBe(10);
    expect(table.size).toBe(keys.length - 2);
  });

  it("lists an ordered table's values in the order their keys were added, text or not", () => {
    const table = new OrderedKeyTable<string>();
    for (const k of ['b', 2, '1', 1, 'a', null]) table.add(k, String(k));
    table.remove('1');
    table.add('1', 'again');
    expect([...table.values()]).toEqual(['b', '2', '1', 'a', 'null', 'again']);
    expect(table.get(1)).toBe('1');
    table.remove('b');
    expect([...table.values()]).toEqual(['2', '1', 'a', 'null', 'again']);
    expect(table.get('b')).toBeUndefined();
  });
});
