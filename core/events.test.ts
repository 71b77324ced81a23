import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { eventId, MemoryEventBus, parseEventId, type EventBus, type PlatformEvent } from './events';
import { RedisEventBus } from './redis-event-bus';

const event = (seq: number, stream = 'applications'): PlatformEvent => ({
  stream,
  seq,
  topic: 'application.updated',
  at: new Date(0).toISOString(),
  payload: { applicationId: `a${seq}` },
});

/** What the listener heard, once it has heard `count` events (or the deadline passed). */
async function heard(list: string[], count: number): Promise<string[]> {
  const deadline = Date.now() + 5000;
  while (list.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  return list;
}

const opened: EventBus[] = [];
afterAll(async () => {
  for (const bus of opened) await bus.close();
});

// Each bus keeps the same contract: the one-process bus of `npm start` and the Redis one of several gateways.
const buses: [string, (window: number) => EventBus][] = [
  ['memory', (window) => new MemoryEventBus(window)],
  // The machine (and CI) runs Redis; each run has keys of its own.
  ['redis', (window) => new RedisEventBus(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { prefix: `egov:test:${randomUUID()}:`, window, blockMs: 50 })],
];

describe.each(buses)('event bus (%s)', (_name, make) => {
  it('stores each (stream, seq) once, in order, and tells subscribers only of what is new', async () => {
    const bus = make(3);
    opened.push(bus);
    await bus.append('applications', [event(1)]);
    const live: string[] = [];
    const probes: string[] = [];
    bus.subscribe((e) => (e.stream === 'probe' ? probes : live).push(eventId(e)));
    const throwing = bus.subscribe(() => {
      throw new Error('a broken listener');
    });
    // The Redis reader starts at each stream's end once its connection is up, which a fixed 100 ms
    // did not always cover on a loaded machine: append probes until it hears one.
    let probe = 0;
    await vi.waitFor(
      async () => {
        await bus.append('probe', [event(++probe, 'probe')]);
        expect(probes.length).toBeGreaterThan(0);
      },
      { timeout: 10_000, interval: 100 },
    );
    await bus.append('applications', [event(1), event(2)]);
    await bus.append('applications', [event(2), event(3), event(4)]); // a second relay, halfway behind
    await bus.append('feedback', [event(1, 'feedback')]);
    throwing();
    expect(await heard(live, 4)).toEqual(['applications:2', 'applications:3', 'applications:4', 'feedback:1']);
    expect(await bus.lastSeq('applications')).toBe(4);
    expect(await bus.lastSeq('publications')).toBe(0);
    // A consumer that was away reads from its last seq what the window still holds.
    const kept = (await bus.read('applications', 0, 100)).map((e) => e.seq);
    expect(kept.at(-1)).toBe(4);
    expect(kept.length).toBeGreaterThanOrEqual(3); // Redis trims approximately: at least the window
    expect((await bus.read('applications', 2, 1)).map((e) => e.seq)).toEqual([3]);
    expect(await bus.read('applications', 4, 10)).toEqual([]);
    expect((await bus.read('feedback', 0, 10))[0]).toEqual(event(1, 'feedback'));
    await expect(bus.append('feedback', [event(5)])).rejects.toThrow('appended to feedback');
  });
});

describe('event ids', () => {
  it('reads back only the ids it makes', () => {
    expect(parseEventId(eventId(event(12)))).toEqual({ stream: 'applications', seq: 12 });
    for (const bad of ['', 'applications', 'applications:0', 'applications:-1', 'Apps:1', 'a:1:2', 'a:1e3']) expect(parseEventId(bad)).toBeNull();
  });
});
