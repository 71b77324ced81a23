import Holidays from 'date-holidays';

/**
 * Working days of a jurisdiction, in its time zone: statutory time limits ("within 10 working
 * days") count these. A day is a working day when it is
 *
 * 1. entered as a make-up working day (China's adjusted weekends: a Saturday or Sunday worked to
 *    bridge a holiday), or else
 * 2. a Monday to Friday that is neither a public holiday of the jurisdiction (date-holidays,
 *    maintained per country and region; only holidays that take the whole day) nor an entered holiday.
 *
 * Days are the jurisdiction's local calendar days: 23:30 UTC on a Friday is already Saturday in
 * Shanghai. Without a jurisdiction only weekends are off (and only entered days change that).
 *
 * date-holidays rather than our own tables: public holidays move (lunar and Easter dates,
 * substitutes, new laws), and a library that is kept up to date per country is what a platform
 * for several jurisdictions needs; what it cannot know in advance (adjusted working weekends
 * announced each year) is entered by admins.
 */
export interface EnteredDay {
  /** `YYYY-MM-DD`, a local calendar day. */
  day: string;
  kind: 'HOLIDAY' | 'WORKDAY';
  name: string;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** True when date-holidays knows `jurisdiction` (`CN`, `DE-BY`, `US-CA`). */
export function isJurisdiction(jurisdiction: string): boolean {
  const [country, state] = jurisdiction.split('-');
  const countries = new Holidays().getCountries();
  if (!country || !(country in countries)) return false;
  return !state || state in (new Holidays().getStates(country) ?? {});
}

/** The local wall-clock reading of an instant: its day (`YYYY-MM-DD`) and the milliseconds since local midnight. */
function local(t: number, timeZone: string): { day: string; timeOfDay: number } {
  const p = Object.fromEntries(formatter(timeZone).formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  const timeOfDay = ((Number(p.hour) * 60 + Number(p.minute)) * 60 + Number(p.second)) * 1000 + (t % 1000 + 1000) % 1000;
  return { day: `${p.year}-${p.month}-${p.day}`, timeOfDay };
}

/** The instant a local wall-clock reading names (the first, in a repeated hour; the next valid one, in a skipped hour). */
function instant(day: string, timeOfDay: number, timeZone: string): number {
  const naive = Date.parse(`${day}T00:00:00Z`) + timeOfDay;
  let t = naive;
  for (let i = 0; i < 3; i++) {
    const seen = local(t, timeZone);
    const diff = Date.parse(`${seen.day}T00:00:00Z`) + seen.timeOfDay - naive;
    if (diff === 0) return t;
    t -= diff;
  }
  return t;
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
const weekday = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();

export class WorkingCalendar {
  private readonly holidays: Holidays | null;
  private readonly publicByYear = new Map<number, Map<string, string>>();
  private readonly entered: Map<string, EnteredDay>;

  constructor(
    readonly jurisdiction: string | null,
    readonly timeZone: string,
    entered: readonly EnteredDay[] = [],
  ) {
    if (!isTimeZone(timeZone)) throw new Error(`unknown time zone ${timeZone}`);
    if (jurisdiction) {
      const [country, state] = jurisdiction.split('-');
      this.holidays = new Holidays(country, state ?? '', { types: ['public'] });
    } else this.holidays = null;
    this.entered = new Map(entered.map((d) => [d.day, d]));
  }

  /** The public holidays of a year that take the whole local day, by day. */
  publicHolidays(year: number): Map<string, string> {
    let days = this.publicByYear.get(year);
    if (!days) {
      days = new Map();
      for (const h of this.holidays?.getHolidays(year) ?? []) {
        // Half days (`2026-03-08 12:00:00`, Women's Day in China) are not days off for everyone.
        if (h.type === 'public' && h.date.endsWith(' 00:00:00')) days.set(h.date.slice(0, 10), h.name);
      }
      this.publicByYear.set(year, days);
    }
    return days;
  }

  /** Whether a local calendar day (`YYYY-MM-DD`) is a working day, and why not. */
  check(day: string): { working: boolean; reason: string } {
    const entered = this.entered.get(day);
    if (entered?.kind === 'WORKDAY') return { working: true, reason: entered.name };
    if (entered?.kind === 'HOLIDAY') return { working: false, reason: entered.name };
    const w = weekday(day);
    if (w === 0 || w === 6) return { working: false, reason: 'weekend' };
    const holiday = this.publicHolidays(Number(day.slice(0, 4))).get(day);
    return holiday ? { working: false, reason: holiday } : { working: true, reason: 'working day' };
  }

  isWorkingDay = (day: string) => this.check(day).working;

  /** The days admins entered, in calendar order. */
  enteredDays(): EnteredDay[] {
    return [...this.entered.values()].sort((a, b) => a.day.localeCompare(b.day));
  }

  /**
   * The instant `days` working days after `from`, at the same local time of day. Starting on a day
   * off, the clock starts on the next working day at that time.
   */
  addWorkingDays(from: Date, days: number): Date {
    const start = local(from.getTime(), this.timeZone);
    let day = start.day;
    while (!this.isWorkingDay(day)) day = nextDay(day);
    for (let left = days; left > 0; ) {
      day = nextDay(day);
      if (this.isWorkingDay(day)) left -= 1;
    }
    return new Date(instant(day, start.timeOfDay, this.timeZone));
  }

  /** Working time (milliseconds) between two instants: time on local days off does not count. */
  workingMillisBetween(from: Date, to: Date): number {
    let total = 0;
    let t = from.getTime();
    const end = to.getTime();
    while (t < end) {
      const { day } = local(t, this.timeZone);
      const dayEnd = Math.min(end, instant(nextDay(day), 0, this.timeZone));
      if (this.isWorkingDay(day)) total += dayEnd - t;
      t = dayEnd;
    }
    return total;
  }

  /** Moves a due date later by the working time of a pause (a supplement wait), skipping days off. */
  extendByPause(due: Date, pauseStart: Date, pauseEnd: Date): Date {
    let left = this.workingMillisBetween(pauseStart, pauseEnd);
    let t = due.getTime();
    while (left > 0) {
      const { day } = local(t, this.timeZone);
      const dayEnd = instant(nextDay(day), 0, this.timeZone);
      if (this.isWorkingDay(day)) {
        const step = Math.min(left, dayEnd - t);
        t += step;
        left -= step;
      } else t = dayEnd;
    }
    return new Date(t);
  }

  /** What a deadline says it counted: `CN public holidays, Asia/Shanghai, 2 entered days`. */
  describe(): string {
    const base = this.jurisdiction ? `${this.jurisdiction} public holidays` : 'Monday to Friday';
    const n = this.entered.size;
    return `${base}, ${this.timeZone}${n ? `, ${n} entered day${n === 1 ? '' : 's'}` : ''}`;
  }
}

/** The platform's calendar until a department configures its own: Monday to Friday, UTC. */
export const DEFAULT_CALENDAR = new WorkingCalendar(null, 'UTC');
