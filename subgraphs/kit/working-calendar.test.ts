import { describe, expect, it } from 'vitest';
import { addWorkingDays, extendByPause } from './workdays';
import { DEFAULT_CALENDAR, isJurisdiction, isTimeZone, WorkingCalendar } from './working-calendar';

const at = (s: string) => new Date(s);

describe('working calendars', () => {
  it('skips a jurisdiction’s public holidays (China’s National Day, 1–3 October 2026)', () => {
    const cn = new WorkingCalendar('CN', 'Asia/Shanghai');
    expect(cn.check('2026-10-01')).toEqual({ working: false, reason: '国庆节' });
    // Wednesday 30 September 2026, 10:00 in Shanghai: 1–3 October are holidays, the 4th a Sunday.
    expect(cn.addWorkingDays(at('2026-09-30T02:00:00Z'), 1).toISOString()).toBe('2026-10-05T02:00:00.000Z');
    // Half days off (Women's Day) are working days.
    expect(cn.isWorkingDay('2026-03-09')).toBe(true);
  });

  it('counts an entered make-up working day and an entered holiday', () => {
    const entered = [
      { day: '2026-10-10', kind: 'WORKDAY' as const, name: 'Make-up working day for National Day' },
      { day: '2026-10-12', kind: 'HOLIDAY' as const, name: 'City founding day' },
    ];
    const cn = new WorkingCalendar('CN', 'Asia/Shanghai', entered);
    // Friday 9 October 10:00 local + 1 working day: Saturday 10th is worked.
    expect(cn.addWorkingDays(at('2026-10-09T02:00:00Z'), 1).toISOString()).toBe('2026-10-10T02:00:00.000Z');
    // + 2: Sunday off, Monday 12th an entered holiday: Tuesday 13th.
    expect(cn.addWorkingDays(at('2026-10-09T02:00:00Z'), 2).toISOString()).toBe('2026-10-13T02:00:00.000Z');
    expect(cn.describe()).toBe('CN public holidays, Asia/Shanghai, 2 entered days');
  });

  it('counts the local day: Friday 17:00 UTC is already Saturday in Shanghai', () => {
    const cn = new WorkingCalendar('CN', 'Asia/Shanghai');
    const friday = at('2026-11-27T17:00:00Z'); // Saturday 01:00 in Shanghai
    // In Shanghai the clock starts on Monday 01:00 local; one working day later is Tuesday 01:00 local.
    expect(cn.addWorkingDays(friday, 1).toISOString()).toBe('2026-11-30T17:00:00.000Z');
    // In UTC it is still Friday: one working day later is Monday 17:00 UTC.
    expect(DEFAULT_CALENDAR.addWorkingDays(friday, 1).toISOString()).toBe('2026-11-30T17:00:00.000Z');
    expect(DEFAULT_CALENDAR.addWorkingDays(at('2026-11-27T15:00:00Z'), 1).toISOString()).toBe('2026-11-30T15:00:00.000Z');
    expect(cn.addWorkingDays(at('2026-11-27T15:00:00Z'), 1).toISOString()).toBe('2026-11-30T15:00:00.000Z');
    // Thursday 20:00 UTC is Friday 04:00 in Shanghai: + 1 is Monday 04:00 local (Sunday 20:00 UTC),
    // where UTC counting gives Friday 20:00 UTC.
    expect(cn.addWorkingDays(at('2026-11-26T20:00:00Z'), 1).toISOString()).toBe('2026-11-29T20:00:00.000Z');
    expect(DEFAULT_CALENDAR.addWorkingDays(at('2026-11-26T20:00:00Z'), 1).toISOString()).toBe('2026-11-27T20:00:00.000Z');
    // A pause over a local weekend counts only the local working time.
    const pause = cn.workingMillisBetween(at('2026-11-27T12:00:00Z'), at('2026-11-29T16:00:00Z')); // Fri 20:00 → Mon 00:00 local
    expect(pause).toBe(4 * 3600_000);
  });

  it('keeps the platform’s former rule without a jurisdiction: Monday to Friday, UTC', () => {
    for (const s of ['2026-11-26T10:00:00Z', '2026-11-27T23:30:00Z', '2026-11-28T10:00:00Z']) {
      for (const n of [0, 1, 5, 12]) expect(DEFAULT_CALENDAR.addWorkingDays(at(s), n)).toEqual(addWorkingDays(at(s), n));
    }
    const args = [at('2026-11-26T10:00:00Z'), at('2026-11-27T12:00:00Z'), at('2026-11-30T12:00:00Z')] as const;
    expect(DEFAULT_CALENDAR.extendByPause(...args)).toEqual(extendByPause(...args));
  });

  it('knows which jurisdictions and time zones exist', () => {
    expect(isJurisdiction('CN')).toBe(true);
    expect(isJurisdiction('DE-BY')).toBe(true);
    expect(isJurisdiction('XX')).toBe(false);
    expect(isJurisdiction('DE-XX')).toBe(false);
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
