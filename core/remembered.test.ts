import { describe, expect, it } from 'vitest';
import { remembered } from './remembered';

describe('remembered', () => {
  it('shares one call between everyone who asks, and forgets failures and refused values', async () => {
    const store = new Map<string, Promise<number | null>>();
    let calls = 0;
    const make = (value: number | null | Error) => () => {
      calls++;
      return value instanceof Error ? Promise.reject(value) : Promise.resolve(value);
    };
    const [a, b] = await Promise.all([remembered(store, 'k', make(1)), remembered(store, 'k', make(2))]);
    expect([a, b, calls]).toEqual([1, 1, 1]);

    await expect(remembered(store, 'bad', make(new Error('down')))).rejects.toThrow('down');
    expect(await remembered(store, 'bad', make(3))).toBe(3);

    const keep = (v: number | null) => v !== null;
    expect(await remembered(store, 'missing', make(null), keep)).toBeNull();
    await Promise.resolve();
    expect(await remembered(store, 'missing', make(4), keep)).toBe(4);
    expect(calls).toBe(5);
  });
});
