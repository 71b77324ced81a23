import { useEffect, useId, useState, type CSSProperties, type FormEvent } from 'react';
import { ops } from '../api';
import { useSession } from '../context';
import { useCompareT } from '../i18n/compare';
import { navigate } from '../router';
import { Async, L, PageTitle, RequireRole, useDate, useQuery } from '../ui';

/**
 * Analysts compare every department side by side for the last weeks, and see each one's weeks as
 * columns. One query (`DepartmentComparison`). Everything is HTML, not a scaled SVG, so its text
 * stays at least 12 px on a 390 px phone; tables scroll in their own box.
 */
const WEEK = 7 * 86_400_000;
const CHOICES = [4, 8, 12];

/** Monday 00:00 of the week after the one holding now, in `timeZone`, as an instant. */
function endOfThisWeek(timeZone: string): Date {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short' })
    .formatToParts(new Date()).map((p) => [p.type, p.value]));
  const dow = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday);
  const localMonday = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day) - dow + 7);
  // The zone's offset at that moment: the difference between its wall clock and UTC's.
  const wall = new Date(new Date(localMonday).toLocaleString('en-US', { timeZone }));
  const utc = new Date(new Date(localMonday).toLocaleString('en-US', { timeZone: 'UTC' }));
  return new Date(localMonday - (wall.getTime() - utc.getTime()));
}

/** The zone most departments' working calendars state: the jurisdiction's. */
const commonZone = (departments: any[]) => {
  const n = new Map<string, number>();
  for (const d of departments) n.set(d.workingCalendar.timeZone, (n.get(d.workingCalendar.timeZone) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'UTC';
};

export function Compare({ params }: { params: URLSearchParams }) {
  const c = useCompareT();
  const { lang } = useSession();
  const { date } = useDate();
  const weeks = CHOICES.includes(Number(params.get('weeks'))) ? Number(params.get('weeks')) : 8;
  const timeZone = params.get('tz') ?? 'UTC';
  const to = endOfThisWeek(timeZone);
  const from = new Date(to.getTime() - weeks * WEEK);
  const q = useQuery<any>(ops.DepartmentComparison, { from: from.toISOString(), to: to.toISOString(), timeZone });
  const [choice, setChoice] = useState(String(weeks));
  // Weeks are counted in the jurisdiction's zone unless the address names one.
  useEffect(() => {
    if (!params.get('tz') && q.data) {
      const zone = commonZone(q.data.departments);
      if (zone !== timeZone) navigate(`/dashboard/compare?${new URLSearchParams({ weeks: String(weeks), tz: zone })}`, true);
    }
  }, [q.data]);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/dashboard/compare?${new URLSearchParams({ weeks: choice, tz: timeZone })}`, true);
  };
  const fmt = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toFixed(1));
  const day = (weekStart: string) => new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { day: 'numeric', month: 'numeric', timeZone: 'UTC' }).format(new Date(`${weekStart}T00:00:00Z`));
  return (
    <RequireRole roles={['ANALYST', 'ADMIN']}>
      <PageTitle>{c.title}</PageTitle>
      <form className="filters" onSubmit={apply}>
        <div className="field">
          <label htmlFor="cmp-weeks">{c.weeks}</label>
          <select id="cmp-weeks" value={choice} onChange={(e) => setChoice(e.target.value)}>
            {CHOICES.map((n) => <option key={n} value={n}>{c.lastWeeks(n)}</option>)}
          </select>
        </div>
        <button type="submit">{c.show}</button>
      </form>
      <p className="meta">{c.periodNote(date(from.toISOString()), date(new Date(to.getTime() - 1).toISOString()), timeZone)}</p>
      <Async q={q}>
        {({ departments }) => (
          <>
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="cmp-caption">
              <table className="compare" data-testid="comparison">
                <caption id="cmp-caption">{c.title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{c.department}</th><th scope="col">{c.submitted}</th><th scope="col">{c.avgDays}</th><th scope="col">{c.overdue}</th>
                    <th scope="col">{c.received}</th><th scope="col">{c.answered}</th><th scope="col">{c.avgHours}</th><th scope="col">{c.satisfaction}</th>
                  </tr>
                </thead>
                <tbody>
                  {departments.map((d: any) => (
                    <tr key={d.id}>
                      <th scope="row"><L>{d.name}</L></th>
                      <td>{d.applicationStats.submitted}</td><td>{fmt(d.applicationStats.averageProcessingDays)}</td><td>{d.applicationStats.overdue}</td>
                      <td>{d.feedbackStats.received}</td><td>{d.feedbackStats.answered}</td><td>{fmt(d.feedbackStats.averageResponseHours)}</td>
                      <td>{fmt(d.feedbackStats.averageSatisfaction)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h2>{c.trends}</h2>
            <div className="grid">
              {departments.map((d: any) => (
                <section key={d.id} className="card" aria-labelledby={`trend-${d.id}`}>
                  <h3 id={`trend-${d.id}`} className="h4"><L>{d.name}</L></h3>
                  <WeekColumns caption={c.applicationsPerWeek} weeks={d.applicationWeeks.map((w: any) => ({ label: day(w.weekStart), weekStart: w.weekStart, value: w.submitted }))} />
                  <WeekColumns caption={c.feedbackPerWeek} weeks={d.feedbackWeeks.map((w: any) => ({ label: day(w.weekStart), weekStart: w.weekStart, value: w.received }))} />
                </section>
              ))}
            </div>
          </>
        )}
      </Async>
    </RequireRole>
  );
}

/** Weeks as columns of a real table: a bar and its number above each week's date (all text 12 px or more). */
function WeekColumns({ caption, weeks }: { caption: string; weeks: { label: string; weekStart: string; value: number }[] }) {
  const c = useCompareT();
  const id = useId();
  const max = Math.max(1, ...weeks.map((w) => w.value));
  // It may scroll sideways on a phone: a region the keyboard can reach and scroll (2.1.1).
  return (
    <div className="table-wrap week-chart" tabIndex={0} role="region" aria-labelledby={id}>
      <table style={{ '--weeks': weeks.length } as CSSProperties}>
        <caption id={id}>{caption}</caption>
        <tbody>
          <tr>
            <th scope="row" className="sr-only">{c.count}</th>
            {weeks.map((w) => (
              <td key={w.weekStart}>
                <span className="week-value">{w.value}</span>
                <span className="week-bar" style={{ height: `${Math.round((w.value / max) * 60)}px` }} aria-hidden="true" />
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row" className="sr-only">{c.weekOf}</th>
            {weeks.map((w) => <th key={w.weekStart} scope="col" className="week-label"><time dateTime={w.weekStart}>{w.label}</time></th>)}
          </tr>
        </tbody>
      </table>
    </div>
  );
}
