import { DEMO_CATALOGUE, demoProcedureId } from '../../kit/demo-catalogue';
import { DEMO_DEPARTMENTS, demoId, departmentId, userId } from '../../kit/demo';
import { addWorkingDays } from '../../kit/workdays';
import { trackingNumber } from '../submit';
import { DEFAULT_TIME_LIMITS } from '../time-limits';
import { QUIET_PERIOD_DAYS } from './feedback.repository';
import { TOPICS, texts } from './seed-texts';
import { KINDS, type Db, type FeedbackTable, type ReplyTable, type TimeLimitTable } from './tables';
import { seededRandom } from '../../kit/random';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PER_DEPARTMENT = 60;


/**
 * Publications under public consultation in the publications demo data, by slug (their ids derive
 * from it), so demo opinions show on those pages without reading another subgraph's tables.
 */
const CONSULTATIONS: Record<string, { slug: string; topic: string }> = {
  BIZ: { slug: 'consultation-rules-for-short-term-rental-businesses', topic: 'short-term rental rules' },
  TAX: { slug: 'consultation-tax-deduction-for-home-office-costs', topic: 'home office tax deduction' },
  TRANSPORT: { slug: 'consultation-parking-fees-in-residential-areas', topic: 'residential parking fees' },
};

/** Two departments set their own limits, to show the override (see time-limits.ts). */
const OVERRIDES: TimeLimitTable[] = [
  { department_id: departmentId('HOUSING'), kind: 'COMPLAINT', working_days: 15 },
  { department_id: departmentId('TRANSPORT'), kind: 'INQUIRY', working_days: 3 },
];

/**
 * A few hundred demo items over the past five months, of every kind and state: old ones mostly
 * answered (some rated, some closed by the quiet period), recent ones waiting, some overdue, some
 * public with their answers. Into an empty schema only.
 */
export async function seedFeedback(db: Db): Promise<void> {
  if (await db.selectFrom('feedback').select('id').limit(1).executeTakeFirst()) return;
  const rnd = seededRandom(20261127);
  const now = Date.now();
  const citizens = [userId('citizen@demo.gov'), userId('citizen2@demo.gov')];
  const items: FeedbackTable[] = [];
  const replies: ReplyTable[] = [];
  const counters = new Map<string, number>();

  for (const dept of DEMO_DEPARTMENTS) {
    const deptId = departmentId(dept.code);
    const officer = userId(`officer.${dept.code.toLowerCase()}@demo.gov`);
    // Oldest first, so tracking numbers rise with time.
    // Skewed towards recent weeks, where open and freshly answered items are.
    const times = Array.from({ length: PER_DEPARTMENT }, () => now - Math.floor(rnd() ** 1.7 * 150 * DAY) - HOUR).sort((a, b) => a - b);
    times.forEach((t, i) => {
      const kind = KINDS[Math.floor(rnd() * KINDS.length)];
      // Inquiries ask about one of the department's demo procedures and refer to it.
      const procedures = DEMO_CATALOGUE.filter((p) => p.departmentCode === dept.code);
      const procedure = kind === 'INQUIRY' && procedures.length ? procedures[Math.floor(rnd() * procedures.length)] : null;
      // Opinions in departments with an open consultation are mostly about it.
      const consultation = kind === 'OPINION' && rnd() < 0.7 ? CONSULTATIONS[dept.code] : undefined;
      const topic = procedure
        ? procedure.title.toLowerCase()
        : consultation?.topic ?? TOPICS[dept.code][Math.floor(rnd() * TOPICS[dept.code].length)];
      const { subject, body, reply } = texts(kind, topic, i);
      const submitted = new Date(t);
      const days = OVERRIDES.find((o) => o.department_id === deptId && o.kind === kind)?.working_days ?? DEFAULT_TIME_LIMITS[kind];
      const due = addWorkingDays(submitted, days);
      const year = submitted.getUTCFullYear();
      const seq = (counters.get(`${dept.code}:${year}`) ?? 0) + 1;
      counters.set(`${dept.code}:${year}`, seq);

      // Most items get answered, usually in time; some wait, and some of those are past due.
      const answerAt = t + (0.1 + rnd() * 1.2) * (due.getTime() - t);
      const answered = answerAt < now && rnd() > (now - t > 60 * DAY ? 0.04 : 0.25);
      const rated = answered && rnd() < 0.55;
      const quietOver = answered && answerAt < now - QUIET_PERIOD_DAYS * DAY;
      const status = !answered ? (rnd() < 0.5 ? 'RECEIVED' : 'IN_PROGRESS') : rated || quietOver ? 'CLOSED' : 'ANSWERED';
      const isPublic = answered && rnd() < (kind === 'INQUIRY' || kind === 'OPINION' ? 0.5 : 0.1);
      const id = demoId('feedback', `${dept.code}-${i}`);
      const answer = answered ? new Date(Math.floor(answerAt)) : null;
      items.push({
        id,
        tracking_number: trackingNumber(dept.code, year, seq),
        kind,
        subject,
        body,
        department_id: deptId,
        procedure_id: procedure ? demoProcedureId(procedure.code) : null,
        publication_id: consultation ? demoId('publication', consultation.slug) : null,
        application_id: null,
        submitter_id: citizens[i % citizens.length],
        idempotency_key: null,
        status,
        submitted_at: submitted,
        due_at: due,
        first_answered_at: answer,
        last_reply_at: answer,
        closed_at: !answer ? null : rated ? new Date(Math.min(now, answer.getTime() + 2 * DAY)) : quietOver ? new Date(answer.getTime() + QUIET_PERIOD_DAYS * DAY) : null,
        is_public: isPublic,
        // Demo senders who let their item be published agreed to it.
        publication_consent: isPublic,
        satisfaction: rated ? 1 + Math.floor(rnd() * 5) : null,
      });
      if (answer) replies.push({ id: demoId('feedback-reply', `${id}-1`), feedback_id: id, author_id: officer, body: reply, created_at: answer });
    });
  }

  await db.insertInto('feedback').values(items).execute();
  await db.insertInto('feedback_replies').values(replies).execute();
  await db.insertInto('time_limits').values(OVERRIDES).execute();
  await db
    .insertInto('tracking_counters')
    .values([...counters].map(([k, last]) => ({ department_code: k.split(':')[0], year: Number(k.split(':')[1]), last })))
    .execute();
}
