import { DEMO_CATALOGUE } from '../../kit/demo-catalogue';
import { demoId, departmentId, userId } from '../../kit/demo';
import { addWorkingDays, extendByPause } from '../../kit/workdays';
import { sampleFormData } from '../sample-form-data';
import type { Status } from '../state-machine';
import { trackingNumber } from '../submit';
import type { Insertable } from 'kysely';
import type { ApplicationTable, Db, HistoryTable } from './tables';
import { seededRandom } from '../../kit/random';

const COUNT = 320;
const DAY = 86_400_000;
const CITIZENS = [
  { id: userId('citizen@demo.gov'), fullName: 'Alex Citizen', email: 'citizen@demo.gov' },
  { id: userId('citizen2@demo.gov'), fullName: 'Sam Resident', email: 'citizen2@demo.gov' },
];

/** Where demo applications end up, with how often; old open ones come out overdue. */
const PATHS: [weight: number, steps: Status[]][] = [
  [14, []],
  [8, ['SUPPLEMENT_REQUESTED']],
  [6, ['SUPPLEMENT_REQUESTED', 'SUBMITTED']],
  [12, ['ACCEPTED']],
  [6, ['REJECTED']],
  [10, ['ACCEPTED', 'APPROVED']],
  [9, ['ACCEPTED', 'DENIED']],
  [22, ['ACCEPTED', 'APPROVED', 'COMPLETED']],
  [7, ['SUPPLEMENT_REQUESTED', 'SUBMITTED', 'ACCEPTED', 'APPROVED', 'COMPLETED']],
  [3, ['WITHDRAWN']],
  [3, ['ACCEPTED', 'WITHDRAWN']],
];
const COMMENTS: Partial<Record<Status, string>> = {
  SUPPLEMENT_REQUESTED: 'Please attach a legible copy of your identity document.',
  REJECTED: 'This matter is not handled by this department; please apply to the responsible office.',
  DENIED: 'The conditions of the regulation are not met; see the enclosed reasons.',
  WITHDRAWN: 'No longer needed.',
};


/**
 * A few hundred demo applications over the past five months in every state, with consistent
 * history and due dates, from the two demo citizens for the catalogue's online procedures. Into an
 * empty schema only; multi-row inserts in one transaction.
 */
export async function seedApplications(db: Db, now = new Date()): Promise<void> {
  if (await db.selectFrom('applications').select('id').limit(1).executeTakeFirst()) return;
  const online = DEMO_CATALOGUE.filter((p) => p.channels.includes('ONLINE') && p.applicationForm);
  if (online.length === 0) return;
  const rnd = seededRandom(20261127);
  const totalWeight = PATHS.reduce((n, [w]) => n + w, 0);
  const pickPath = () => {
    let r = rnd() * totalWeight;
    for (const [w, steps] of PATHS) if ((r -= w) < 0) return steps;
    return PATHS[0][1];
  };

  const drafts = Array.from({ length: COUNT }, (_, i) => {
    const procedure = online[Math.floor(rnd() * online.length)];
    const person = CITIZENS[i % CITIZENS.length];
    // Submitted on a weekday between 08:00 and 17:00 within the past 150 days, to the millisecond.
    let submittedAt = new Date(now.getTime() - Math.ceil(rnd() * 150) * DAY);
    submittedAt.setUTCHours(8 + Math.floor(rnd() * 9), Math.floor(rnd() * 60), Math.floor(rnd() * 60), Math.floor(rnd() * 1000));
    while ([0, 6].includes(submittedAt.getUTCDay())) submittedAt = new Date(submittedAt.getTime() - DAY);
    return { i, procedure, person, submittedAt, steps: pickPath(), pace: 0.3 + rnd() * 1.2 };
  });
  drafts.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());

  const counters = new Map<string, number>();
  const applications: Insertable<ApplicationTable>[] = [];
  const history: Insertable<HistoryTable>[] = [];
  for (const d of drafts) {
    const id = demoId('application', `seed-${d.i}`);
    const dept = d.procedure.departmentCode;
    const year = d.submittedAt.getUTCFullYear();
    const seq = (counters.get(`${dept}|${year}`) ?? 0) + 1;
    counters.set(`${dept}|${year}`, seq);
    const officer = userId(`officer.${dept.toLowerCase()}@demo.gov`);

    // Events spread over a plausible handling time that never reaches past now.
    const span = Math.min(now.getTime() - d.submittedAt.getTime() - 60_000, d.pace * d.procedure.processingTimeDays * 1.4 * DAY);
    const at = (k: number) => new Date(d.submittedAt.getTime() + Math.round((span * k) / d.steps.length));
    let dueAt = addWorkingDays(d.submittedAt, d.procedure.processingTimeDays);
    let status: Status = 'SUBMITTED';
    let decidedAt: Date | null = null;
    let pausedSince: Date | null = null;
    history.push({ application_id: id, at: d.submittedAt, from_status: null, to_status: 'SUBMITTED', comment: null, actor_id: d.person.id });
    d.steps.forEach((to, k) => {
      const when = at(k + 1);
      const byCitizen = to === 'WITHDRAWN' || (status === 'SUPPLEMENT_REQUESTED' && to === 'SUBMITTED');
      if (status === 'SUPPLEMENT_REQUESTED') {
        dueAt = extendByPause(dueAt, pausedSince!, when);
        pausedSince = null;
      }
      if (to === 'SUPPLEMENT_REQUESTED') pausedSince = when;
      if (to === 'APPROVED' || to === 'DENIED' || to === 'REJECTED') decidedAt = when;
      history.push({
        application_id: id,
        at: when,
        from_status: status,
        to_status: to,
        comment: COMMENTS[to] ?? null,
        actor_id: byCitizen ? d.person.id : officer,
      });
      status = to;
    });

    applications.push({
      id,
      tracking_number: trackingNumber(dept, year, seq),
      procedure_id: d.procedure.id,
      department_id: departmentId(dept),
      applicant_id: d.person.id,
      idempotency_key: `seed-${d.i}`,
      form_data: JSON.stringify(sampleFormData(d.procedure.applicationForm!, d.i, d.person)),
      form_version: 1,
      status,
      version: d.steps.length + 1,
      submitted_at: d.submittedAt,
      due_at: dueAt,
      decided_at: decidedAt,
      supplement_requested_at: pausedSince,
    });
  }

  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < applications.length; i += 200) {
      await tx.insertInto('applications').values(applications.slice(i, i + 200)).execute();
    }
    for (let i = 0; i < history.length; i += 500) {
      await tx.insertInto('application_history').values(history.slice(i, i + 500)).execute();
    }
    await tx
      .insertInto('tracking_counters')
      .values([...counters].map(([k, last]) => ({ department_code: k.split('|')[0], year: Number(k.split('|')[1]), last })))
      .execute();
  });
}
