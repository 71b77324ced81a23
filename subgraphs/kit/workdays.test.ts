import { describe, expect, it } from 'vitest';
import { addWorkingDays, extendByPause, workingMillisBetween } from './workdays';

const at = (s: string) => new Date(s);

describe('working days', () => {
  it('skips weekends', () => {
    // Thursday + 2 working days = Monday
    expect(addWorkingDays(at('2026-11-26T10:00:00Z'), 2).toISOString()).toBe('2026-11-30T10:00:00.000Z');
    // Friday + 1 = Monday; Saturday + 1 = Tuesday (clock starts Monday)
    expect(addWorkingDays(at('2026-11-27T10:00:00Z'), 1).toISOString()).toBe('2026-11-30T10:00:00.000Z');
    expect(addWorkingDays(at('2026-11-28T10:00:00Z'), 1).toISOString()).toBe('2026-12-01T10:00:00.000Z');
    expect(addWorkingDays(at('2026-11-23T10:00:00Z'), 10).toISOString()).toBe('2026-12-07T10:00:00.000Z');
  });

  it('counts only working time in a pause and pushes the due date by it', () => {
    // Friday 12:00 to Monday 12:00 is one working day.
    expect(workingMillisBetween(at('2026-11-27T12:00:00Z'), at('2026-11-30T12:00:00Z'))).toBe(86_400_000);
    // Due Thursday 10:00, paused one working day: due Friday 10:00; paused two: Monday 10:00.
    expect(extendByPause(at('2026-11-26T10:00:00Z'), at('2026-11-27T12:00:00Z'), at('2026-11-30T12:00:00Z')).toISOString()).toBe(
      '2026-11-27T10:00:00.000Z',
    );
    expect(extendByPause(at('2026-11-26T10:00:00Z'), at('2026-11-25T00:00:00Z'), at('2026-11-27T00:00:00Z')).toISOString()).toBe(
      '2026-11-30T10:00:00.000Z',
    );
  });
});
