/**
 * Working-day arithmetic for statutory time limits: Monday to Friday count, weekends do not.
 * (Public holidays are not modelled yet; a holiday calendar would plug in here.)
 */
const DAY = 86_400_000;

const isWeekend = (d: Date) => d.getUTCDay() === 0 || d.getUTCDay() === 6;

/** The instant `days` working days after `from`, at the same time of day. */
export function addWorkingDays(from: Date, days: number): Date {
  let t = new Date(from.getTime());
  // Starting on a weekend: the clock starts on Monday at the same time of day.
  while (isWeekend(t)) t = new Date(t.getTime() + DAY);
  let left = days;
  while (left > 0) {
    t = new Date(t.getTime() + DAY);
    if (!isWeekend(t)) left -= 1;
  }
  return t;
}

/** Working time (in milliseconds) between two instants: weekend time does not count. */
export function workingMillisBetween(from: Date, to: Date): number {
  if (to <= from) return 0;
  let total = 0;
  let t = from.getTime();
  const end = to.getTime();
  while (t < end) {
    const dayEnd = Math.min(end, Math.floor(t / DAY) * DAY + DAY);
    if (!isWeekend(new Date(t))) total += dayEnd - t;
    t = dayEnd;
  }
  return total;
}

/**
 * Moves a due date later by the working time that passed in a pause (e.g. while an application
 * waited for the citizen's supplement), so the pause does not count against the department.
 */
export function extendByPause(due: Date, pauseStart: Date, pauseEnd: Date): Date {
  const paused = workingMillisBetween(pauseStart, pauseEnd);
  let t = due.getTime();
  let left = paused;
  while (left > 0) {
    const d = new Date(t);
    if (isWeekend(d)) {
      t = Math.floor(t / DAY) * DAY + DAY;
      continue;
    }
    const dayEnd = Math.floor(t / DAY) * DAY + DAY;
    const step = Math.min(left, dayEnd - t);
    t += step;
    left -= step;
  }
  return new Date(t);
}
