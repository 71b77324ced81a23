import { describe, expect, it } from 'vitest';
import { Rerun } from './rerun';

describe('Rerun', () => {
  it('runs once at a time, once more when asked meanwhile, and not after stopping', async () => {
    let rounds = 0;
    let release!: () => void;
    let gate = new Promise<void>((r) => (release = r));
    let stopped = false;
    const rerun = new Rerun(async () => {
      rounds++;
      await gate;
    }, () => stopped);
    const first = rerun.run();
    const second = rerun.run(); // during the first round: one more round, not a second run
    const third = rerun.run();
    expect(second).toBe(first);
    expect(third).toBe(first);
    release();
    gate = Promise.resolve();
    await first;
    expect(rounds).toBe(2);
    stopped = true;
    await rerun.run();
    expect(rounds).toBe(2);
    await rerun.settled();
  });

  it('passes a failure to whoever waits for that run, and runs again when asked next', async () => {
    let fail = true;
    const rerun = new Rerun(async () => {
      if (fail) throw new Error('down');
    });
    await expect(rerun.run()).rejects.toThrow('down');
    fail = false;
    await expect(rerun.run()).resolves.toBeUndefined();
  });
});
