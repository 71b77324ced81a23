import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_CATALOGUE } from '../../../subgraphs/kit/demo-catalogue';
import { sampleFormData } from '../../../subgraphs/applications/sample-form-data';
import { gql, newCitizen, operation, settled, tokenFor } from '../../../test/graph';
import { goInside, haveChromium, launchBrowser, SHOTS, warnIfNoChromium } from './browser';

/**
 * axe-core over every view of the portal, as each role sees it,
 * in English and 中文, at desktop width and on a 390 px phone: no violation of WCAG 2.0 / 2.1
 * level A or AA is allowed. One browser; one signed-in tab per role, reused for every view.
 * A summary (violations per view, language and width) goes to test-results/web/axe-summary.json.
 */
warnIfNoChromium('accessibility (axe)');

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// axe-core itself, loaded into every page of a tab once (not once per check, as
// @axe-core/playwright's AxeBuilder would): ~100 checks must take about a minute in all.
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];
const LANGS = ['en', 'zh'] as const;
const SERVICE = { en: 'E-Government Portal', zh: '电子政务门户' };
const RESIDENCE = DEMO_CATALOGUE.find((p) => p.code === 'CIVIL-RESIDENCE-REG')!;

interface View {
  name: string;
  path: string;
  /** After the view has loaded: what to do to show its state under test (a form's errors). */
  then?: (page: Page) => Promise<void>;
  /** False for the explorer: GraphiQL's editor panes are its own (the statement says so). */
  reflow?: boolean;
}

/**
 * Language of parts (3.1.2), which axe does not check: every run of words in a script other than
 * its element's language (Han on an English page, English words on a Chinese one) must be inside
 * an element marked with its language. Codes, numbers, addresses, file names with an extension
 * and paths are in no language; English words need a lower-case run of two letters.
 */
function unmarkedText(): string[] {
  const out: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('script,style,noscript,[hidden],[aria-hidden="true"]')) continue;
    const lang = (el.closest('[lang]')?.getAttribute('lang') ?? '').slice(0, 2);
    const text = n.textContent ?? '';
    const words = text.split(/\s+/).filter((w) => !/[@\d]|:\/\/|^\/|\.[a-z]{2,4}$/i.test(w));
    const han = /\p{Script=Han}/u.test(text);
    const english = words.some((w) => /[a-z]{2}/.test(w));
    if ((lang === 'en' && han) || (lang === 'zh' && english && !han)) out.push(`"${text.trim().slice(0, 60)}" in <${el.tagName.toLowerCase()}> (page part lang=${lang})`);
  }
  return out;
}

/** Submits the view's (first) form empty or wrong and waits for the error summary. */
async function submitWithErrors(page: Page) {
  await page.locator('main form button[type=submit]').first().click();
  await page.locator('main .error-summary').waitFor();
}

describe.skipIf(!haveChromium)('every view meets WCAG 2.1 AA (axe), in both languages, on desktop and phone', () => {
  let browser: Browser;
  let origin: string;
  const contexts: BrowserContext[] = [];
  const summary: Record<string, number> = {};
  const data = { slug: '', departmentId: '', applicationId: '', draftId: '', withdrawnSlug: '' };

  beforeAll(async () => {
    ({ browser, origin } = await launchBrowser());
    // What the views show: the first news item, the Civil Registry, and an application of a
    // citizen of this test's own whose department asked for more information (so the citizen's
    // view has its supplement form and the officer's its decision buttons).
    const home = await gql(operation('web/HomePage'));
    data.slug = home.data.news.edges[0].node.slug;
    data.departmentId = home.data.departments.find((d: { code: string }) => d.code === 'CIVIL').id;
    const citizen = await newCitizen('a11y');
    const applied = await gql(
      operation('web/SubmitApplication'),
      { input: { procedureId: RESIDENCE.id, formData: sampleFormData(RESIDENCE.applicationForm as never, 1, { fullName: 'Ada Access', email: citizen.email }), idempotencyKey: randomUUID() } },
      { token: citizen.token },
    );
    const app = applied.data.submitApplication.application;
    data.applicationId = app.id;
    const officer = await tokenFor('officer.civil@demo.gov');
    const moved = await gql(operation('officer/TransitionApplication'), { input: { id: app.id, action: 'REQUEST_SUPPLEMENT', expectedVersion: app.version, comment: 'Please add the landlord’s confirmation.' } }, { token: officer });
    expect(moved.data.transitionApplication.userErrors).toEqual([]);
    const fb = await gql(operation('web/SubmitFeedback'), { input: { kind: 'INQUIRY', departmentId: data.departmentId, subject: 'Opening hours on holidays?', body: 'Is the registry open on public holidays?', idempotencyKey: randomUUID() } }, { token: citizen.token });
    const replied = await gql(operation('officer/ReplyToFeedback'), { input: { feedbackId: fb.data.submitFeedback.feedback.id, body: 'No, it is closed on public holidays.', makePublic: false } }, { token: officer });
    expect(replied.data.replyToFeedback.userErrors).toEqual([]);
    tokens.citizen = citizen.token;
    // The editors' views: a draft of the Civil Registry's, and an address withdrawn after it was public.
    const editor = await tokenFor('editor.civil@demo.gov');
    const draft = async (title: string) =>
      (await gql(operation('officer/CreatePublication'), { input: { departmentId: data.departmentId, kind: 'NEWS', title, summary: 'A short summary.', body: 'Some **text**.' } }, { token: editor })).data.createPublication.publication;
    data.draftId = (await draft(`Accessible draft ${randomUUID().slice(0, 6)}`)).id;
    const withdrawn = await draft(`Withdrawn item ${randomUUID().slice(0, 6)}`);
    await gql(operation('officer/PublishPublication'), { id: withdrawn.id }, { token: editor });
    await gql(operation('officer/UnpublishPublication'), { id: withdrawn.id, changeNote: 'Wrong date.' }, { token: editor });
    data.withdrawnSlug = withdrawn.slug;
    // The supplement request and the reply reach the citizen's inbox through the event bus, later:
    // the "my notifications" view expects both, which earlier tests' duration alone covered.
    await settled(() => gql(operation('web/UnreadNotificationCount'), {}, { token: citizen.token }), (r) => r.data?.me?.unreadNotificationCount >= 2, 20_000);
  }, 180_000);

  afterAll(async () => {
    writeFileSync(path.join(SHOTS, 'axe-summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
  });

  const tokens: Record<string, string> = {};

  /** A tab signed in with `token` (or anonymous), the way the portal keeps its session. */
  async function tab(token?: string): Promise<Page> {
    const context = await browser.newContext({ viewport: WIDTHS[0], locale: 'en-GB' });
    contexts.push(context);
    if (token) await context.addInitScript((t) => sessionStorage.setItem('egov.token', t), token);
    await context.addInitScript({ path: AXE });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  /**
   * Every view of `views` in both languages at both widths; returns the problems found. Each view
   * is opened once per language and checked at each width in turn (its state, such as a form's
   * errors, kept), so the checks cost axe's time rather than the views' loading.
   */
  async function audit(page: Page, views: View[]): Promise<string[]> {
    const found: string[] = [];
    for (const lang of LANGS) {
      await page.goto(`${origin}/`);
      await page.evaluate((l) => localStorage.setItem('egov.lang', l), lang);
      await page.goto(`${origin}/`);
      for (const view of views) {
        await page.setViewportSize(WIDTHS[0]);
        if (view.path.startsWith('/explorer')) {
          await page.goto(`${origin}${view.path}`);
          await page.locator('.graphiql-container').waitFor();
        } else {
          if (!page.url().startsWith(origin) || page.url().includes('/explorer')) await page.goto(`${origin}/`);
          await goInside(page, view.path);
        }
        await view.then?.(page);
        // The window's title names the view (its heading) and the service, in the page's language.
        if (!view.path.startsWith('/explorer')) {
          const [title, h1] = await page.evaluate(() => [document.title, document.querySelector('main h1')?.textContent?.trim() ?? '']);
          if (title !== `${h1} – ${SERVICE[lang]}` && title !== SERVICE[lang]) found.push(`${view.name} · ${lang}: <title> is "${title}", not "${h1} – ${SERVICE[lang]}"`);
          for (const part of await page.evaluate(unmarkedText)) found.push(`${view.name} · ${lang}: text not marked with its language: ${part}`);
        }
        for (const size of WIDTHS) {
          await page.setViewportSize(size);
          const result = await page.evaluate((tags) => (window as any).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), TAGS) as { violations: { id: string; help: string; helpUrl: string; nodes: { target: string[]; html: string; failureSummary?: string }[] }[] };
          const key = `${view.name} · ${lang} · ${size.name}`;
          summary[key] = result.violations.length;
          for (const v of result.violations) {
            for (const node of v.nodes) found.push(`${key}: ${v.id} at ${node.target.join(' ')} — ${v.help} (${v.helpUrl})\n    ${node.html.slice(0, 160)}\n    ${node.failureSummary?.replace(/\s+/g, ' ').slice(0, 240)}`);
          }
        }
        if (view.reflow === false) continue;
        // Reflow (1.4.10): at 320 CSS px nothing scrolls sideways (a wide table scrolls in its own box).
        await page.setViewportSize({ width: 320, height: 640 });
        const narrow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (narrow > 0) found.push(`${view.name} · ${lang} · 320 px: scrolls sideways by ${narrow} px`);
        // Text at 200 % (1.4.4) on a desktop window: still nothing cut off or scrolling sideways.
        await page.setViewportSize(WIDTHS[0]);
        const zoomed = await page.evaluate(() => {
          document.documentElement.style.fontSize = '200%';
          const w = document.documentElement.scrollWidth - document.documentElement.clientWidth;
          document.documentElement.style.fontSize = '';
          return w;
        });
        if (zoomed > 0) found.push(`${view.name} · ${lang} · desktop: with text at 200 % it scrolls sideways by ${zoomed} px`);
      }
    }
    return found;
  }

  it('public views, error states and the explorer', { timeout: 240_000 }, async () => {
    const page = await tab();
    const found = await audit(page, [
      { name: 'home', path: '/' },
      { name: 'news list', path: '/publications?kind=NEWS' },
      { name: 'news item', path: `/publications/${data.slug}` },
      { name: 'services', path: '/services' },
      { name: 'services of a department', path: `/services?department=${data.departmentId}` },
      { name: 'department', path: '/departments/civil' },
      { name: 'procedure', path: `/procedures/${RESIDENCE.code}` },
      { name: 'search results', path: '/search?q=residence' },
      { name: 'questions', path: '/questions' },
      { name: 'sign in (errors)', path: '/signin', then: submitWithErrors },
      { name: 'register (errors)', path: '/register', then: submitWithErrors },
      { name: 'accessibility statement', path: '/accessibility' },
      { name: 'not found', path: '/no-such-page' },
      { name: 'withdrawn address', path: `/publications/${data.withdrawnSlug}` },
      { name: 'sign in needed', path: '/my/applications' },
      { name: 'explorer', path: '/explorer', reflow: false },
    ]);
    // The language switch renames the window too (its view's title, in the other language).
    await page.goto(`${origin}/services`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const before = await page.title();
    await page.getByRole('button', { name: /^English/ }).click();
    await page.waitForFunction((t) => document.title !== t, before);
    expect([before, await page.title()]).toEqual([`办事服务 – ${SERVICE.zh}`, `Services – ${SERVICE.en}`]);
    expect(found, found.join('\n')).toEqual([]);
  });

  it('citizen views', { timeout: 240_000 }, async () => {
    const page = await tab(tokens.citizen);
    const found = await audit(page, [
      { name: 'my applications', path: '/my/applications' },
      { name: 'an application (supplement asked)', path: `/my/applications/${data.applicationId}` },
      { name: 'apply (errors)', path: `/procedures/${RESIDENCE.code}/apply`, then: async (p) => {
        await p.locator('#field-formData-applicant-fullName').fill('');
        await p.locator('#field-formData-applicant-phone').fill('call me');
        await submitWithErrors(p);
        // Written for people, in the page's language, with the format by example: never the
        // validator's pattern. The example is also the field's hint, before it.
        const phone = (await p.locator('#field-formData-applicant-phone-error').textContent())!;
        expect(phone).toMatch(/^(Enter it in the right format, for example|格式不正确，例如) \+44 20 7946 0958/);
        expect(await p.locator('#field-formData-applicant-phone-hint').textContent()).toMatch(/\+44 20 7946 0958$/);
        const summary = await p.locator('.error-summary a').allTextContents();
        expect(summary[0]).toMatch(/^(Full name|姓名): /); // in the order of the fields, labelled in the page's language
      } },
      { name: 'feedback form (errors)', path: '/feedback/new', then: submitWithErrors },
      { name: 'my feedback', path: '/my/feedback' },
      // The supplement request and the reply above are in the inbox (and counted on the header's badge).
      { name: 'my notifications', path: '/my/notifications', then: async (p) => {
        await p.locator('main .notifications li').nth(1).waitFor();
        expect((await p.locator('.inbox-link').textContent())?.replace(/\s+/g, ' ').trim()).toMatch(/^(Notifications 2 unread|消息通知 2 条未读)$/);
      } },
      { name: 'not allowed', path: '/dashboard' },
    ]);
    expect(found, found.join('\n')).toEqual([]);
  });

  it('officer, editor and analyst views', { timeout: 240_000 }, async () => {
    const found: string[] = [];
    const officer = await tab(await tokenFor('officer.civil@demo.gov'));
    found.push(...(await audit(officer, [
      { name: 'queue', path: '/staff/applications' },
      { name: 'queue item', path: `/staff/applications/${data.applicationId}` },
      { name: 'feedback handling', path: '/staff/feedback', then: async (p) => {
        await p.locator('main li button').first().click();
        await p.locator('main form textarea').waitFor();
      } },
    ])));
    const editor = await tab(await tokenFor('editor.civil@demo.gov'));
    found.push(...(await audit(editor, [
      { name: 'publish (errors)', path: '/staff/publish', then: submitWithErrors },
      { name: 'editorial list', path: '/staff/publications' },
      { name: 'edit a draft', path: `/staff/publications/${data.draftId}` },
      { name: 'preview a draft', path: `/staff/publications/${data.draftId}/preview` },
    ])));
    const analyst = await tab(await tokenFor('analyst@demo.gov'));
    found.push(...(await audit(analyst, [{ name: 'dashboard', path: '/dashboard' }, { name: 'departments compared', path: '/dashboard/compare?weeks=8&tz=UTC' }])));
    expect(found, found.join('\n')).toEqual([]);
  });
});
