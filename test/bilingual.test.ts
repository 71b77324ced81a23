import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTITY_HEADER } from '../core/headers';
import { post, startTestGateway } from './gateway';
import { gatewayUrl, gql, operation } from './graph';
import type { RunningGateway } from '../gateway/server';

/**
 * Content in the reader's language, through the gateway with the contract's own operations: the
 * reader chooses with `?lang=`, `X-Egov-Language` or `Accept-Language`; text falls back per field
 * to the language it was written in, and says so; cached answers are kept per language.
 */
const zh = { 'x-egov-language': 'zh' };
const LANGS = `language availableLanguages textLanguages { field language requested fallback }`;

/**
 * A demo item written in English and translated, and one written only in Chinese. Published over
 * an hour ago: the demo's newest is three hours old, while other files publish item after item
 * during the run (the authorization matrix alone over forty), which would push the demo's out of
 * a first page of the newest.
 */
async function demoPublications() {
  const r = await gql(`query($before: DateTime) { publications(filter: { publishedBefore: $before }, first: 100) { edges { node { slug ${LANGS} } } } }`, {
    before: new Date(Date.now() - 3_600_000).toISOString(),
  });
  const nodes = r.data.publications.edges.map((e: any) => e.node);
  return {
    translated: nodes.find((n: any) => n.language === 'EN' && n.availableLanguages.includes('ZH')).slug as string,
    chineseOnly: nodes.find((n: any) => n.language === 'ZH' && !n.availableLanguages.includes('EN')).slug as string,
  };
}

const hasHan = (s: string) => /\p{Script=Han}/u.test(s);

describe('content in the reader’s language', () => {
  let slugs: Awaited<ReturnType<typeof demoPublications>>;
  beforeAll(async () => {
    slugs = await demoPublications();
  });

  it('answers a publication in English by default and in Chinese when asked, by header, URL or Accept-Language', async () => {
    const page = (headers: Record<string, string>, url = gatewayUrl()) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: operation('web/PublicationPage'), variables: { slug: slugs.translated } }) });
    const en = await page({});
    const enBody = await en.json();
    expect(en.headers.get('content-language')).toBe('en');
    expect(hasHan(enBody.data.publication.title)).toBe(false);
    expect(hasHan(enBody.data.publication.department.name)).toBe(false);

    for (const how of [page(zh), page({}, `${gatewayUrl()}?lang=zh`), page({ 'accept-language': 'zh-HK,zh;q=0.9,en;q=0.5' })]) {
      const res = await how;
      const body = await res.json();
      expect(res.headers.get('content-language')).toBe('zh');
      expect(res.headers.get('vary')).toMatch(/accept-language/i);
      const p = body.data.publication;
      expect(hasHan(p.title) && hasHan(p.summary) && hasHan(p.body)).toBe(true);
      expect(hasHan(p.department.name) && hasHan(p.department.contact.address) && hasHan(p.department.contact.officeHours)).toBe(true);
      expect(p.title).not.toBe(enBody.data.publication.title);
    }
    // An attachment's name, as the editor gave it in Chinese.
    const withFile = await gql(operation('web/PublicationPage'), { slug: 'cycling-strategy-2030-adopted' }, { headers: zh });
    expect(withFile.data.publication.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['2030年单车出行策略.pdf']);
    // The explicit choice beats the browser's preference.
    const chosen = await (await page({ 'accept-language': 'zh-CN', 'x-egov-language': 'en' })).json();
    expect(chosen.data.publication.title).toBe(enBody.data.publication.title);
  });

  it('states per field which language a text is in and whether it fell back', async () => {
    const q = `query($slug: String!) { publication(slug: $slug) { title ${LANGS} department { name ${LANGS} } } }`;
    const translated = await gql(q, { slug: slugs.translated }, { headers: zh });
    expect(translated.data.publication.textLanguages).toEqual(
      ['title', 'summary', 'body'].map((field) => ({ field, language: 'ZH', requested: 'ZH', fallback: false })),
    );
    expect(translated.data.publication.department.textLanguages.every((t: any) => t.language === 'ZH' && !t.fallback)).toBe(true);
    // Written in Chinese only: an English reader gets the Chinese text, and is told so.
    const untranslated = await gql(q, { slug: slugs.chineseOnly });
    expect(hasHan(untranslated.data.publication.title)).toBe(true);
    expect(untranslated.data.publication.language).toBe('ZH');
    expect(untranslated.data.publication.availableLanguages).toEqual(['ZH']);
    expect(untranslated.data.publication.textLanguages).toEqual(
      ['title', 'summary', 'body'].map((field) => ({ field, language: 'ZH', requested: 'EN', fallback: true })),
    );
  });

  it('answers the procedure guide in Chinese: steps, documents, fees, FAQs and the form’s labels and options', async () => {
    const en = await gql(operation('web/ProcedureGuide'), { code: 'CIVIL-BIRTH-REG' });
    const r = await gql(operation('web/ProcedureGuide'), { code: 'CIVIL-BIRTH-REG' }, { headers: zh });
    const p = r.data.procedure;
    expect(r.errors).toBeUndefined();
    expect([p.title, p.summary, p.eligibility, p.department.name].every(hasHan)).toBe(true);
    for (const part of [...p.steps, ...p.requiredDocuments, ...p.fees, ...p.faqs]) {
      expect(Object.values(part).some((v) => typeof v === 'string' && hasHan(v))).toBe(true);
    }
    // Same values to submit; labels and option names in Chinese.
    const fields = Object.values(p.applicationForm.schema.properties as Record<string, any>);
    const enFields = Object.values(en.data.procedure.applicationForm.schema.properties as Record<string, any>);
    expect(fields.every((f) => hasHan(f.title))).toBe(true);
    expect(enFields.some((f) => hasHan(f.title))).toBe(false);
    const choice = JSON.stringify(p.applicationForm.schema).match(/"enum":\[[^\]]*\]/)?.[0];
    expect(choice && JSON.stringify(en.data.procedure.applicationForm.schema)).toContain(choice);
    const guide = await gql(
      `query { procedure(code: "CIVIL-BIRTH-REG") { ${LANGS} steps { ${LANGS} } applicationForm { ${LANGS} } } }`,
      {},
      { headers: zh },
    );
    expect(guide.data.procedure.availableLanguages).toEqual(['EN', 'ZH']);
    expect(guide.data.procedure.steps[0].textLanguages[0]).toEqual({ field: 'title', language: 'ZH', requested: 'ZH', fallback: false });
    expect(guide.data.procedure.applicationForm.textLanguages).toEqual([{ field: 'schema', language: 'ZH', requested: 'ZH', fallback: false }]);
  });

  it('finds the reader’s language from nothing a client can send to a subgraph: an internal header is not honoured', async () => {
    // A client's own identity header is dropped at the edge; the language is the gateway's.
    const r = await gql(`query($slug: String!) { publication(slug: $slug) { textLanguages { requested } } }`, { slug: slugs.translated }, {
      headers: { [IDENTITY_HEADER]: 'forged', 'accept-language': 'zh' },
    });
    expect(r.status).toBe(200);
    expect(r.data.publication.textLanguages[0].requested).toBe('ZH');
  });
});

describe('the response cache keeps answers per language', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ responseCache: { ttlMs: 60_000, maxBytes: 1024 * 1024 } });
  });
  afterAll(() => gateway.stop());

  it('never serves a Chinese answer to an English reader, nor the reverse', async () => {
    const body = { query: operation('web/ProcedureGuide'), variables: { code: 'TAX-REFUND' } };
    const zh1 = await post(gateway.url, body, zh);
    const zh2 = await post(gateway.url, body, { 'accept-language': 'zh-CN' });
    const en1 = await post(gateway.url, body);
    const en2 = await post(gateway.url, body, { 'accept-language': 'en-GB' });
    expect(zh1.headers.get('x-cache')).toBe('MISS');
    expect(zh2.headers.get('x-cache')).toBe('HIT');
    expect(en1.headers.get('x-cache')).toBe('MISS');
    expect(en2.headers.get('x-cache')).toBe('HIT');
    expect(hasHan(zh2.body.data.procedure.title)).toBe(true);
    expect(hasHan(en1.body.data.procedure.title)).toBe(false);
    expect(en2.body).toEqual(en1.body);
    expect(zh2.headers.get('content-language')).toBe('zh');
    expect(en2.headers.get('content-language')).toBe('en');
  });
});
