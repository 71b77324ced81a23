import { DEMO_CATALOGUE, type DemoProcedure } from '../../subgraphs/kit/demo-catalogue';
import { DEMO_DEPARTMENTS, demoId, departmentId, userId } from '../../subgraphs/kit/demo';
import { sampleFormData } from '../../subgraphs/applications/sample-form-data';
import { trackingNumber } from '../../subgraphs/applications/submit';
import { trackingNumber as feedbackTrackingNumber } from '../../subgraphs/feedback/submit';
import type { Cell } from './copy';
import { Random, TOPICS } from './random';

/**
 * What a scale-N data set holds, as row generators. Each generator is a pure function of the seed,
 * so a table whose rows depend on another's (history on applications, replies on feedback) is
 * produced by running the same plan twice instead of holding millions of rows in memory.
 */
export const DAY = 86_400_000;
export const BENCH_PASSWORD = 'bench-password-2026';

export interface Sizes {
  users: number;
  publications: number;
  procedures: number;
  applications: number;
  feedback: number;
}

export const sizesAt = (scale: number): Sizes => ({
  users: Math.max(100, Math.round(200_000 * scale)),
  publications: Math.max(100, Math.round(100_000 * scale)),
  procedures: Math.max(20, Math.round(5_000 * scale)),
  applications: Math.max(100, Math.round(1_000_000 * scale)),
  feedback: Math.max(100, Math.round(300_000 * scale)),
});

/** 45 departments besides the 5 demo ones: a national portal has many. */
export const GENERATED_DEPARTMENTS = Array.from({ length: 45 }, (_, i) => `D${String(i + 1).padStart(2, '0')}`);
export const ALL_DEPARTMENT_CODES = [...DEMO_DEPARTMENTS.map((d) => d.code), ...GENERATED_DEPARTMENTS];
export const officerId = (code: string) =>
  GENERATED_DEPARTMENTS.includes(code) ? userId(`officer.${code.toLowerCase()}@bench.gov`) : userId(`officer.${code.toLowerCase()}@demo.gov`);
export const citizenEmail = (n: number) => `citizen${n}@bench.gov`;
export const citizenId = (n: number) => userId(citizenEmail(n));

export interface Context {
  seed: number;
  sizes: Sizes;
  now: Date;
  passwordHash: string;
  /** Last tracking number already handed out per `CODE|year`, for applications and for feedback. */
  applicationCounters: Map<string, number>;
  feedbackCounters: Map<string, number>;
}

const REGIONS = ['North', 'South', 'East', 'West', 'Central', 'Coastal', 'Upland', 'Metro', 'Rural', 'Island'];

export function* departments(): Generator<Cell[]> {
  for (const code of GENERATED_DEPARTMENTS) {
    yield [departmentId(code), code, `Department ${code} of Regional Services`, 'Regional public services.', '+1 555 0200', `${code.toLowerCase()}@bench.gov`, `${code} Government Street`, 'Mon–Fri 09:00–16:00'];
  }
}

export function* users(ctx: Context): Generator<Cell[]> {
  for (const code of GENERATED_DEPARTMENTS) {
    yield [officerId(code), `officer.${code.toLowerCase()}@bench.gov`, ctx.passwordHash, `Officer ${code}`, ['OFFICER'], departmentId(code), ctx.now];
  }
  const rnd = new Random(ctx.seed ^ 0x1001);
  for (let n = 0; n < ctx.sizes.users; n++) {
    const name = `${rnd.pick(FIRST)} ${rnd.pick(LAST)}`;
    yield [citizenId(n), citizenEmail(n), ctx.passwordHash, name, ['CITIZEN'], null, new Date(ctx.now.getTime() - rnd.int(1500) * DAY)];
  }
}

const FIRST = ['Alex', 'Sam', 'Maria', 'Jonas', 'Aiko', 'Omar', 'Lena', 'Pavel', 'Ana', 'Kofi', 'Mei', 'Lucas', 'Sofia', 'Ravi'];
const LAST = ['Meyer', 'Okafor', 'Tanaka', 'Silva', 'Novak', 'Haddad', 'Larsen', 'Kowalski', 'Nguyen', 'Garcia', 'Brown'];

export const publicationId = (seed: number, n: number) => demoId('bench-publication', `${seed}:${n}`);
export const publicationSlug = (n: number) => `bench-publication-${n}`;

export function* publications(ctx: Context): Generator<Cell[]> {
  const rnd = new Random(ctx.seed ^ 0x2002);
  const kinds = ['NEWS', 'NEWS', 'NEWS', 'ANNOUNCEMENT', 'ANNOUNCEMENT', 'POLICY', 'NOTICE'];
  for (let n = 0; n < ctx.sizes.publications; n++) {
    const r = rnd.next();
    const status = r < 0.93 ? 'PUBLISHED' : r < 0.96 ? 'ARCHIVED' : r < 0.98 ? 'DRAFT' : 'SCHEDULED';
    // Spread over five years, newest most dense; scheduled ones lie in the next weeks.
    const age = Math.floor(5 * 365 * DAY * rnd.next() * rnd.next()) + rnd.int(86_400) * 1000;
    const published = status === 'DRAFT' ? null : new Date(ctx.now.getTime() + (status === 'SCHEDULED' ? rnd.int(30) * DAY + DAY : -age));
    const topics = [rnd.pick(TOPICS), rnd.pick(TOPICS)].filter((t, i, a) => a.indexOf(t) === i);
    const created = new Date((published ?? ctx.now).getTime() - DAY);
    // A bilingual government: three in ten items are written in Chinese.
    const zh = rnd.next() < 0.3;
    const [title, summary, body] = zh
      ? [rnd.textZh(5), `${rnd.textZh(12)}。`, Array.from({ length: 4 }, () => `${rnd.textZh(16)}。`).join('\n\n')]
      : [`${cap(rnd.text(3))} ${rnd.text(3)}`, `${cap(rnd.text(14))}.`, Array.from({ length: 4 }, () => `${cap(rnd.text(18))}.`).join('\n\n')];
    yield [
      publicationId(ctx.seed, n), publicationSlug(n), rnd.pick(kinds), status, title, summary, body,
      topics, departmentId(rnd.pick(ALL_DEPARTMENT_CODES)), null, published, created, created, zh ? 'zh' : 'en',
    ];
  }
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export interface PlannedProcedure {
  id: string;
  code: string;
  departmentCode: string;
  template: DemoProcedure;
}

/** The generated catalogue: variants of the demo procedures, in every department. */
export function planProcedures(ctx: Context): PlannedProcedure[] {
  const rnd = new Random(ctx.seed ^ 0x3003);
  return Array.from({ length: ctx.sizes.procedures }, (_, n) => ({
    id: demoId('bench-procedure', `${ctx.seed}:${n}`),
    code: `GEN-${String(n + 1).padStart(5, '0')}`,
    departmentCode: rnd.pick(ALL_DEPARTMENT_CODES),
    template: DEMO_CATALOGUE[n % DEMO_CATALOGUE.length],
  }));
}

export function* procedures(plan: PlannedProcedure[], now: Date): Generator<Cell[]> {
  for (const [n, p] of plan.entries()) {
    const t = p.template;
    yield [
      p.id, p.code, `${t.title} — ${REGIONS[n % REGIONS.length]} region ${Math.floor(n / REGIONS.length) + 1}`,
      departmentId(p.departmentCode), t.summary, t.category, t.eligibility, t.legalBasis, t.processingTimeDays, t.channels,
      t.applicationForm ? 1 : null, now, now,
    ];
  }
}

export function* procedureParts(plan: PlannedProcedure[], part: 'steps' | 'documents' | 'fees' | 'faqs'): Generator<Cell[]> {
  for (const p of plan) {
    for (const [i, x] of p.template[part].entries()) yield [p.id, i + 1, ...(Object.values(x) as Cell[])];
  }
}

export function* applicationForms(plan: PlannedProcedure[], now: Date): Generator<Cell[]> {
  for (const p of plan) if (p.template.applicationForm) yield [p.id, 1, p.template.applicationForm, now, null];
}

const PATHS: [number, string[]][] = [
  [14, []], [8, ['SUPPLEMENT_REQUESTED']], [6, ['SUPPLEMENT_REQUESTED', 'SUBMITTED']], [12, ['ACCEPTED']], [6, ['REJECTED']],
  [10, ['ACCEPTED', 'APPROVED']], [9, ['ACCEPTED', 'DENIED']], [22, ['ACCEPTED', 'APPROVED', 'COMPLETED']],
  [7, ['SUPPLEMENT_REQUESTED', 'SUBMITTED', 'ACCEPTED', 'APPROVED', 'COMPLETED']], [3, ['WITHDRAWN']], [3, ['ACCEPTED', 'WITHDRAWN']],
];
const PATH_WEIGHT = PATHS.reduce((n, [w]) => n + w, 0);

interface PlannedApplication {
  app: Cell[];
  history: Cell[][];
}

/** Applications over the past two years with consistent history; run twice, it yields the same. */
export function* planApplications(ctx: Context, plan: PlannedProcedure[]): Generator<PlannedApplication> {
  const rnd = new Random(ctx.seed ^ 0x4004);
  const online = plan.filter((p) => p.template.applicationForm && p.template.channels.includes('ONLINE'));
  const counters = new Map(ctx.applicationCounters);
  const forms = new Map<DemoProcedure, unknown[]>();
  // Submission times ascend, as tracking numbers do.
  const span = 730 * DAY;
  const start = ctx.now.getTime() - span;
  for (let n = 0; n < ctx.sizes.applications; n++) {
    const p = rnd.pick(online);
    const applicant = rnd.skewed(ctx.sizes.users);
    const submitted = new Date(start + Math.floor((span * n) / ctx.sizes.applications) + rnd.int(60_000));
    let r = rnd.next() * PATH_WEIGHT;
    let steps = PATHS[0][1];
    for (const [w, s] of PATHS) if ((r -= w) < 0) { steps = s; break; }
    // Recent applications are still open: nobody has decided them yet.
    const ageDays = (ctx.now.getTime() - submitted.getTime()) / DAY;
    if (ageDays < p.template.processingTimeDays) steps = steps.slice(0, Math.floor(ageDays / 7));
    const year = submitted.getUTCFullYear();
    const key = `${p.departmentCode}|${year}`;
    const seq = (counters.get(key) ?? 0) + 1;
    counters.set(key, seq);
    const id = rnd.uuid();
    let variants = forms.get(p.template);
    if (!variants) {
      variants = Array.from({ length: 8 }, (_, i) => sampleFormData(p.template.applicationForm!, i, { fullName: 'A Citizen', email: 'a@bench.gov' }));
      forms.set(p.template, variants);
    }
    const history: Cell[][] = [[id, submitted, null, 'SUBMITTED', null, citizenId(applicant)]];
    let status = 'SUBMITTED';
    let decided: Date | null = null;
    let supplement: Date | null = null;
    const pace = (0.3 + rnd.next()) * p.template.processingTimeDays * DAY;
    steps.forEach((to, k) => {
      const at = new Date(Math.min(submitted.getTime() + Math.round((pace * (k + 1)) / steps.length), ctx.now.getTime() - 60_000));
      const byCitizen = to === 'WITHDRAWN' || (status === 'SUPPLEMENT_REQUESTED' && to === 'SUBMITTED');
      if (to === 'APPROVED' || to === 'DENIED' || to === 'REJECTED') decided = at;
      supplement = to === 'SUPPLEMENT_REQUESTED' ? at : null;
      history.push([id, at, status, to, null, byCitizen ? citizenId(applicant) : officerId(p.departmentCode)]);
      status = to;
    });
    const due = new Date(submitted.getTime() + Math.ceil((p.template.processingTimeDays * 7) / 5) * DAY);
    yield {
      app: [
        id, trackingNumber(p.departmentCode, year, seq), p.id, departmentId(p.departmentCode), citizenId(applicant),
        `bench-${n}`, variants[n % variants.length] as Cell, 1, status, steps.length + 1, submitted, due, decided, supplement,
      ],
      history,
    };
  }
  ctx.applicationCounters = counters;
}

const FEEDBACK_KINDS = ['COMPLAINT', 'SUGGESTION', 'OPINION', 'INQUIRY'];

/** Feedback over the past two years; answered items carry one reply. Run twice, it yields the same. */
export function* planFeedback(ctx: Context, plan: PlannedProcedure[]): Generator<{ item: Cell[]; reply: Cell[] | null }> {
  const rnd = new Random(ctx.seed ^ 0x5005);
  const counters = new Map(ctx.feedbackCounters);
  const span = 730 * DAY;
  const start = ctx.now.getTime() - span;
  for (let n = 0; n < ctx.sizes.feedback; n++) {
    const kind = rnd.pick(FEEDBACK_KINDS);
    const submitted = new Date(start + Math.floor((span * n) / ctx.sizes.feedback) + rnd.int(60_000));
    const procedure = kind === 'INQUIRY' ? rnd.pick(plan) : null;
    const publication = kind === 'OPINION' ? rnd.skewed(ctx.sizes.publications) : null;
    const dept = procedure?.departmentCode ?? rnd.pick(ALL_DEPARTMENT_CODES);
    const year = submitted.getUTCFullYear();
    const seq = (counters.get(`${dept}|${year}`) ?? 0) + 1;
    counters.set(`${dept}|${year}`, seq);
    const r = rnd.next();
    const old = ctx.now.getTime() - submitted.getTime() > 30 * DAY;
    const status = !old ? (r < 0.5 ? 'RECEIVED' : r < 0.7 ? 'IN_PROGRESS' : 'ANSWERED') : r < 0.05 ? 'IN_PROGRESS' : r < 0.35 ? 'ANSWERED' : 'CLOSED';
    const answered = status === 'ANSWERED' || status === 'CLOSED';
    const answeredAt = answered ? new Date(submitted.getTime() + (1 + rnd.int(10 * 24)) * 3_600_000) : null;
    const closedAt = status === 'CLOSED' ? new Date(answeredAt!.getTime() + 14 * DAY) : null;
    const isPublic = answered && (kind === 'OPINION' || kind === 'INQUIRY') && rnd.next() < 0.4;
    const id = rnd.uuid();
    yield {
      item: [
        id, feedbackTrackingNumber(dept, year, seq), kind, cap(rnd.text(5)), `${cap(rnd.text(30))}.`,
        departmentId(dept), procedure?.id ?? null, publication === null ? null : publicationId(ctx.seed, publication), null,
        citizenId(rnd.skewed(ctx.sizes.users)), null, status, submitted, new Date(submitted.getTime() + 21 * DAY),
        answeredAt, answeredAt, closedAt, isPublic, status === 'CLOSED' && rnd.next() < 0.5 ? 1 + rnd.int(5) : null,
      ],
      reply: answered ? [rnd.uuid(), id, officerId(dept), `${cap(rnd.text(20))}.`, answeredAt] : null,
    };
  }
  ctx.feedbackCounters = counters;
}
