import { describe, expect, it } from 'vitest';
import { eventId, MemoryEventBus, parseEventId, type PlatformEvent } from './events';

const event = (seq: number, stream = 'applications'): PlatformEvent => ({
  stream,
  seq,
  topic: 'application.updated',
  at: new Date(0).toISOString(),
  payload: { applicationId: `a${seq}` },
});

describe('MemoryEventBus', () => {
  it('stores each (stream, seq) once, in order, and tells subscribers only of what is new', async () => {
    const bus = new MemoryEventBus(3);
    const heard: string[] = [];
    bus.subscribe((e) => heard.push(eventId(e)));
    await bus.append('applications', [event(1), event(2)]);
    await bus.append('applications', [event(2), event(3), event(4)]); // a second relay, halfway behind
    await bus.append('feedback', [event(1, 'feedback')]);
    expect(heard).toEqual(['applications:1', 'applications:2', 'applications:3', 'applications:4', 'feedback:1']);
    expect(await bus.lastSeq('applications')).toBe(4);
    expect(await bus.lastSeq('publications')).toBe(0);
    // The window keeps the last 3: a consumer further behind reads what is left.
    expect((await bus.read('applications', 0, 10)).map((e) => e.seq)).toEqual([2, 3, 4]);
    expect((await bus.read('applications', 2, 1)).map((e) => e.seq)).toEqual([3]);
    expect(await bus.read('applications', 4, 10)).toEqual([]);
    await expect(bus.append('feedback', [event(5)])).rejects.toThrow('appended to feedback');
  });

  it('reads back only the ids it makes', () => {
    expect(parseEventId(eventId(event(12)))).toEqual({ stream: 'applications', seq: 12 });
    for (const bad of ['', 'applications', 'applications:0', 'applications:-1', 'Apps:1', 'a:1:2', 'a:1e3']) expect(parseEventId(bad)).toBeNull();
  });
});
