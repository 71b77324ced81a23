import { readFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import { ROOT } from '../core/root';
import { sampleFormData } from '../subgraphs/applications/sample-form-data';
import { DEMO_CATALOGUE } from '../subgraphs/kit/demo-catalogue';
import { departmentId, userId } from '../subgraphs/kit/demo';
import type { TokenIssuer } from '../core/session-tokens';
import { citizenId } from './data/generate';
import { Random, WORDS, WORDS_ZH, zipf } from './data/random';

/** One request of a mix: a GraphQL body and, for signed-in callers, a bearer token. */
export interface BenchRequest {
  label: string;
  body: Record<string, unknown>;
  token?: string;
  /** Per-request variables that must be unique (idempotency keys); called for every request sent. */
  fresh?: (n: number) => Record<string, unknown>;
}

const op = (name: string) => readFileSync(path.join(ROOT, 'clients', 'operations', `${name}.graphql`), 'utf8');
export const OPS = {
  HomePage: op('web/HomePage'),
  PublicationFeed: op('web/PublicationFeed'),
  PublicationPage: op('web/PublicationPage'),
  ProcedureGuide: op('web/ProcedureGuide'),
  Search: op('web/Search'),
  MyApplications: op('web/MyApplications'),
  ApplicationDetail: op('web/ApplicationDetail'),
  ApplicationQueue: op('officer/ApplicationQueue'),
  FeedbackQueue: op('officer/FeedbackQueue'),
  SubmitApplication: op('web/SubmitApplication'),
  SubmitFeedback: op('web/SubmitFeedback'),
  DepartmentDashboard: op('analyst/DepartmentDashboard'),
};

/** ProcedureGuide without the fields other subgraphs add: what the procedures subgraph answers alone. */
export const PROCEDURE_GUIDE_OWN = `query ProcedureGuideOwn($code: String!) {
  procedure(code: $code) {
    id code title summary category eligibility legalBasis processingTimeDays channels onlineApplication
    steps { position title description }
    requiredDocuments { name description mandatory }
    fees { description amount currency }
    forms { id title fileName mimeType sizeBytes sha256 downloadUrl }
    faqs { question answer }
    applicationForm { version schema }
    department { id }
  }
}`;

const q = (query: string, variables: Record<string, unknown> = {}) => ({ query, variables });
const cursor = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');

export interface Inputs {
  slugs: string[];
  codes: string[];
  page500: string;
  page1: null;
  terms: string[];
  /** The same searches in Chinese (bench:data writes three in ten items in Chinese). */
  termsZh: string[];
  /** Chinese and English words in one query, as bilingual visitors type them. */
  termsMixed: string[];
  citizens: { id: string; token: string; applications: string[] }[];
  officer: string;
  analyst: string;
}

/**
 * What visitors type: every domain word once (the commonest is in a quarter of all publications,
 * the rarest in under one in a hundred) and as many two-word queries, which narrow the matches.
 */
export function searchTerms(): string[] {
  const words = WORDS.map(String);
  return [...words, ...words.map((w, i) => `${w} ${words[(i * 7 + 3) % words.length]}`)];
}

/** Chinese searches: every domain word, and as many two-word queries (written without a space, as people do). */
export function searchTermsZh(): string[] {
  const words = WORDS_ZH.map(String);
  return [...words, ...words.map((w, i) => `${w}${words[(i * 7 + 3) % words.length]}`)];
}

/** A Chinese word with an English one: `护照 passport`, `parking 停车`. */
export function searchTermsMixed(): string[] {
  return WORDS_ZH.map((w, i) => (i % 2 ? `${w} ${WORDS[(i * 5 + 1) % WORDS.length]}` : `${WORDS[(i * 5 + 1) % WORDS.length]} ${w}`));
}

/** Picks realistic inputs from the bench database: popular pages, real ids, a cursor 500 pages deep. */
export async function loadInputs(db: pg.Pool, tokens: TokenIssuer): Promise<Inputs> {
  const slugs = (
    await db.query(`select slug from publications.publications where status = 'PUBLISHED' and published_at <= now() order by published_at desc limit 200`)
  ).rows.map((r) => r.slug as string);
  const codes = (await db.query(`select code from procedures.procedures where online_application order by code limit 50`)).rows.map((r) => r.code as string);
  const deep = (
    await db.query(
      `select published_at, id from publications.publications where status in ('PUBLISHED', 'SCHEDULED') and published_at <= now()
       order by published_at desc, id desc offset 9999 limit 1`,
    )
  ).rows[0];
  const citizens = [];
  for (let n = 0; n < 20; n++) {
    const id = citizenId(n);
    const applications = (await db.query(`select id from applications.applications where applicant_id = $1 order by submitted_at desc limit 20`, [id])).rows.map((r) => r.id as string);
    citizens.push({ id, token: await tokens.sign({ userId: id, roles: ['CITIZEN'], departmentId: null }), applications });
  }
  return {
    slugs,
    codes,
    page500: deep ? cursor([new Date(deep.published_at).toISOString(), deep.id]) : '',
    page1: null,
    terms: searchTerms(),
    termsZh: searchTermsZh(),
    termsMixed: searchTermsMixed(),
    citizens,
    officer: await tokens.sign({ userId: userId('officer.tax@demo.gov'), roles: ['OFFICER'], departmentId: departmentId('TAX') }),
    analyst: await tokens.sign({ userId: userId('analyst@demo.gov'), roles: ['ANALYST'], departmentId: null }),
  };
}

/**
 * Public pages, weighted as a portal's traffic: front page and feeds most, guides and search next.
 * `uniform` asks for every item, guide and search equally often (the response cache's worst case);
 * `popular` draws them by popularity as web traffic is distributed (Zipf: the newest items, the
 * most-used procedures and the commonest searches most often), from the same lists.
 */
export function publicMix(i: Inputs, popularity: 'uniform' | 'popular' = 'uniform'): BenchRequest[] {
  const rnd = new Random(7);
  const draws = new Map<number, (u: number) => number>();
  const popular = (n: number) => draws.get(n) ?? draws.set(n, zipf(n)).get(n)!;
  const choose = <T>(list: T[], k: number) => list[popularity === 'uniform' ? k % list.length : popular(list.length)(rnd.next())];
  const out: BenchRequest[] = [];
  for (let k = 0; k < 100; k++) {
    out.push({ label: 'HomePage', body: q(OPS.HomePage) });
    out.push({ label: 'PublicationFeed', body: q(OPS.PublicationFeed, { first: 20, after: k % 4 === 3 ? i.page500 : null }) });
    out.push({ label: 'PublicationPage', body: q(OPS.PublicationPage, { slug: choose(i.slugs, k) }) });
    out.push({ label: 'ProcedureGuide', body: q(OPS.ProcedureGuide, { code: choose(i.codes, k) }) });
    out.push({ label: 'Search', body: q(OPS.Search, { text: choose(i.terms, k), first: 10 }) });
  }
  return out;
}

export const single = (label: string, query: string, variables: Record<string, unknown>): BenchRequest[] => [{ label, body: q(query, variables) }];

export function searchOnly(i: Inputs, language: 'en' | 'zh' | 'mixed' = 'en'): BenchRequest[] {
  const terms = language === 'zh' ? i.termsZh : language === 'mixed' ? i.termsMixed : i.terms;
  return terms.map((text) => ({ label: `Search (${language})`, body: q(OPS.Search, { text, first: 10 }) }));
}

export function guideOwn(i: Inputs): BenchRequest[] {
  return i.codes.map((code) => ({ label: 'ProcedureGuideOwn', body: q(PROCEDURE_GUIDE_OWN, { code }) }));
}

export function citizenMix(i: Inputs): BenchRequest[] {
  return i.citizens.flatMap((c) => [
    { label: 'MyApplications', body: q(OPS.MyApplications, { first: 20 }), token: c.token },
    ...c.applications.slice(0, 3).map((id) => ({ label: 'ApplicationDetail', body: q(OPS.ApplicationDetail, { id }), token: c.token })),
  ]);
}

export function officerMix(i: Inputs): BenchRequest[] {
  return [
    { label: 'ApplicationQueue', body: q(OPS.ApplicationQueue, { first: 20 }), token: i.officer },
    { label: 'ApplicationQueue', body: q(OPS.ApplicationQueue, { first: 20, filter: { overdue: true } }), token: i.officer },
    { label: 'FeedbackQueue', body: q(OPS.FeedbackQueue, { first: 20 }), token: i.officer },
  ];
}

export function analystMix(i: Inputs): BenchRequest[] {
  const to = new Date();
  const from = new Date(to.getTime() - 90 * 86_400_000);
  return ['CIVIL', 'BIZ', 'HOUSING', 'TAX', 'TRANSPORT', 'D01', 'D02'].map((code) => ({
    label: 'DepartmentDashboard',
    body: q(OPS.DepartmentDashboard, { code, from: from.toISOString(), to: to.toISOString() }),
    token: i.analyst,
  }));
}

/**
 * An analyst's ad-hoc queries: 48 distinct documents, none of them a client operation (so never
 * safelisted, never warmed, no two identical in flight), each nesting across all five subgraphs
 * (identity's departments; their publications with opinions from feedback; their procedures with
 * statistics from applications; feedback statistics) with page sizes and fields varying per
 * document, as analysts write them.
 */
export function adhocMix(i: Inputs): BenchRequest[] {
  const to = new Date();
  const from = new Date(to.getTime() - 30 * 86_400_000);
  const kinds = ['', 'filter: { kinds: [NEWS] }, ', 'filter: { kinds: [ANNOUNCEMENT, NOTICE] }, '];
  const out: BenchRequest[] = [];
  for (let k = 0; k < 48; k++) {
    const opinions = k % 2 === 0 ? `opinions(first: ${2 + (k % 3)}) { totalCount edges { node { id subject submittedAt } } }` : 'topics';
    const procedureStats = k % 3 === 0 ? 'applicationStats(from: $from, to: $to) { submitted overdue }' : 'processingTimeDays';
    const feedback = k % 4 < 2 ? 'feedbackStats(from: $from, to: $to) { received answered byKind { kind count } }' : 'applicationStats(from: $from, to: $to) { submitted averageProcessingDays }';
    const document = `query Adhoc${k}($from: DateTime!, $to: DateTime!) {
  departments {
    code name
    publications(${kinds[k % 3]}first: ${3 + (k % 8)}) { totalCount edges { node { id title publishedAt ${opinions} } } }
    procedures(first: ${4 + (k % 5)}) { totalCount edges { node { code title ${procedureStats} } } }
    ${feedback}
  }
}`;
    out.push({ label: 'Adhoc', body: q(document, { from: from.toISOString(), to: to.toISOString() }), token: i.analyst });
  }
  return out;
}

/**
 * Submissions by many citizens (feedback is limited to 10 an hour per citizen), each with a unique
 * idempotency key carrying `run`, so the rows of one run can be counted afterwards.
 */
export async function writeMix(tokens: TokenIssuer, run: string, firstCitizen: number, citizens: number): Promise<BenchRequest[]> {
  const online = DEMO_CATALOGUE.filter((p) => p.applicationForm && p.channels.includes('ONLINE'));
  const out: BenchRequest[] = [];
  for (let n = 0; n < citizens; n++) {
    const id = citizenId(firstCitizen + n);
    const token = await tokens.sign({ userId: id, roles: ['CITIZEN'], departmentId: null });
    const p = online[n % online.length];
    const formData = sampleFormData(p.applicationForm!, n, { fullName: 'Bench Citizen', email: `bench${n}@example.org` });
    out.push({
      label: 'SubmitApplication',
      token,
      body: q(OPS.SubmitApplication, {}),
      fresh: (k) => ({ input: { procedureId: p.id, formData, idempotencyKey: `${run}-a-${k}` } }),
    });
    out.push({
      label: 'SubmitFeedback',
      token,
      body: q(OPS.SubmitFeedback, {}),
      fresh: (k) => ({
        input: {
          kind: 'SUGGESTION',
          departmentId: departmentId(p.departmentCode),
          subject: 'Longer opening hours',
          body: 'Please open the service counter on Saturday mornings as well.',
          idempotencyKey: `${run}-f-${k}`,
        },
      }),
    });
  }
  return out;
}
