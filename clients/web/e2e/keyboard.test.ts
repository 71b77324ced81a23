import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_CATALOGUE } from '../../../subgraphs/kit/demo-catalogue';
import { sampleFormData } from '../../../subgraphs/applications/sample-form-data';
import { gql, newCitizen, operation, settled, tokenFor } from '../../../test/graph';
import { haveChromium, JOURNEY, launchBrowser, viewReady, warnIfNoChromium } from './browser';

/**
 * Each role's main tasks with the keyboard alone: only Tab, Shift+Tab, Enter, Space, arrow keys
 * and typing; addresses are typed into the address bar (page.goto) as a person would. After
 * every action focus must be on something (never <body>), outcomes must be announced or focused,
 * and no control may change the page on focus or on arrow keys (3.2.2).
 */
warnIfNoChromium('keyboard journeys');

const RESIDENCE = DEMO_CATALOGUE.find((p) => p.code === 'CIVIL-RESIDENCE-REG')!;

interface Focused {
  tag: string;
  id: string;
  text: string;
  isBody: boolean;
}

const focused = (page: Page) =>
  page.evaluate((): Focused => {
    const el = document.activeElement as HTMLElement | null;
    const label = el && 'labels' in el ? (el as HTMLInputElement).labels?.[0]?.textContent : undefined;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      id: el?.id ?? '',
      text: (el?.getAttribute('aria-label') ?? label ?? el?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      isBody: !el || el === document.body,
    };
  });

/** Focus is somewhere meaningful after an action. */
async function expectFocusNotOnBody(page: Page, after: string) {
  const f = await focused(page);
  expect(f.isBody, `focus fell to <body> after ${after}`).toBe(false);
  return f;
}

/** Presses Tab (or Shift+Tab) until the focused element's name or id matches; fails after `max`. */
async function tabTo(page: Page, target: RegExp, { back = false, max = 60 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (target.test(f.text) || target.test(f.id)) return f;
  }
  throw new Error(`${target} was not reached with ${back ? 'Shift+Tab' : 'Tab'} in ${max} presses`);
}

/**
 * Chooses in the focused <select> with the keyboard, once its options (loaded from the graph)
 * are there: ArrowDown to the next option, optionally typing the start of one. Neither may change
 * the page (3.2.2): the address and the focus stay.
 */
async function choose(page: Page, typeAhead?: string) {
  const url = page.url();
  const id = (await focused(page)).id;
  await page.locator(`#${id} option`).nth(1).waitFor({ state: 'attached' });
  await page.keyboard.press('ArrowDown');
  if (typeAhead) await page.keyboard.type(typeAhead);
  expect(page.url(), 'choosing in a list changed the page').toBe(url);
  expect((await focused(page)).id, 'choosing in a list moved focus').toBe(id);
}

/** What the portal's live region says (it is filled a moment after the outcome). */
const announced = (page: Page, text: RegExp) =>
  page.waitForFunction((source) => new RegExp(source).test(document.querySelector('[data-testid="announcer"]')?.textContent ?? ''), text.source);

describe.skipIf(!haveChromium)('every role’s main tasks with the keyboard alone', JOURNEY, () => {
  let browser: Browser;
  let origin: string;
  const contexts: BrowserContext[] = [];
  let citizenToken = '';
  let supplementId = '';

  beforeAll(async () => {
    ({ browser, origin } = await launchBrowser());
    // A citizen of this test's own, with an application its department asked more of.
    const citizen = await newCitizen('keys');
    citizenToken = citizen.token;
    const r = await gql(
      operation('web/SubmitApplication'),
      { input: { procedureId: RESIDENCE.id, formData: sampleFormData(RESIDENCE.applicationForm as never, 2, { fullName: 'Kim Keys', email: citizen.email }), idempotencyKey: randomUUID() } },
      { token: citizen.token },
    );
    const app = r.data.submitApplication.application;
    supplementId = app.id;
    const moved = await gql(operation('officer/TransitionApplication'), { input: { id: app.id, action: 'REQUEST_SUPPLEMENT', expectedVersion: app.version, comment: 'Please check the postal code.' } }, { token: await tokenFor('officer.civil@demo.gov') });
    expect(moved.data.transitionApplication.userErrors).toEqual([]);
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
  });

  async function tab(token: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'en-GB' });
    contexts.push(context);
    await context.addInitScript((t) => sessionStorage.setItem('egov.token', t), token);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  it('citizen: applies (fixing an error from the summary), answers a supplement request and complains', async () => {
    const page = await tab(citizenToken);
    await page.goto(`${origin}/procedures/${RESIDENCE.code}`);
    await viewReady(page);
    await tabTo(page, /^Apply online$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /^Apply:/ }).waitFor();

    // Name and email are prefilled; the birth date is left out on purpose.
    await tabTo(page, /field-formData-applicant-phone/);
    await page.keyboard.type('+44 20 7946 0958');
    await tabTo(page, /field-formData-newAddress-street/);
    await page.keyboard.type('2 Keyboard Lane');
    await page.keyboard.press('Tab');
    await page.keyboard.type('10115');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Springfield');
    await page.keyboard.press('Tab');
    await page.keyboard.type('01112026'); // the date field, day month year in en-GB
    await tabTo(page, /field-formData-householdSize/);
    await page.keyboard.type('2');
    await page.keyboard.press('Tab'); // into the yes/no group, on "Yes"
    await page.keyboard.press('Space');
    // The required documents: a file is chosen in the system's dialog, which no page can drive by
    // keyboard; Playwright stands in for that dialog (casework.test.ts covers what happens without them).
    const scan = (name: string) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF\n') });
    await page.locator('#doc-0').setInputFiles(scan('passport.pdf'));
    await page.getByText('Attached: passport.pdf').waitFor();
    await page.locator('#doc-1').setInputFiles(scan('landlord.pdf'));
    await page.getByText('Attached: landlord.pdf').waitFor();
    await tabTo(page, /^Submit application$/);
    await page.keyboard.press('Enter');

    // The error summary takes focus; its link takes focus to the field.
    await page.locator('.error-summary').waitFor();
    expect((await expectFocusNotOnBody(page, 'a failed submit')).text).toMatch(/Please correct 1 problem/);
    const link = await tabTo(page, /Date of birth/, { max: 3 });
    expect(link.tag).toBe('a');
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe('field-formData-applicant-birthDate');
    await page.keyboard.type('01041990');
    await tabTo(page, /^Submit application$/);
    await page.keyboard.press('Enter');

    // Received: the new heading has focus and the tracking number is announced.
    await page.getByRole('heading', { level: 1, name: 'Your application has been received.' }).waitFor();
    expect((await expectFocusNotOnBody(page, 'submitting')).tag).toBe('h1');
    const tracking = (await page.getByTestId('tracking-number').textContent())!.trim();
    await announced(page, new RegExp(`tracking number is ${tracking}`));

    // The supplement request: from the list of applications to the form, by keyboard.
    await page.goto(`${origin}/my/applications`);
    await viewReady(page);
    await tabTo(page, new RegExp(`^${(await gql(operation('web/ApplicationDetail'), { id: supplementId }, { token: citizenToken })).data.application.trackingNumber}$`));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Send supplementary information' }).waitFor();
    await tabTo(page, /field-formData-newAddress-postalCode/);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('10117');
    await tabTo(page, /^Send$/);
    await page.keyboard.press('Enter');
    await page.getByText('Saved.').waitFor();
    expect((await expectFocusNotOnBody(page, 'sending the supplement')).text).toBe('Saved.');

    // A complaint: the department chosen with arrow keys (which must not submit or leave the page).
    await page.goto(`${origin}/my/feedback`);
    await viewReady(page);
    await tabTo(page, /^Send feedback$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Send feedback' }).waitFor();
    await tabTo(page, /^fb-dep$/);
    await choose(page, 'Civil'); // type-ahead: the Civil Registry Office
    expect(await page.locator('#fb-dep option:checked').textContent()).toBe('Civil Registry Office');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Queue at the counter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('I waited two hours at the registry counter on Monday morning.');
    await tabTo(page, /^Send$/);
    await page.keyboard.press('Enter');
    await page.getByText(/Your tracking number is/).waitFor();
    expect((await expectFocusNotOnBody(page, 'sending the complaint')).text).toMatch(/Your tracking number is/);
  });

  it('officer: filters the queue without leaving the page, decides an application and replies to feedback', async () => {
    const page = await tab(await tokenFor('officer.civil@demo.gov'));
    await page.goto(`${origin}/staff/applications`);
    await viewReady(page);
    // Arrow keys on a filter change nothing until the filters are applied (3.2.2).
    await tabTo(page, /^queue-procedure$/);
    await choose(page);
    expect(await page.locator('#queue-procedure').inputValue()).not.toBe('');
    await tabTo(page, /^Apply filters$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/procedure=/);
    await viewReady(page);
    expect((await expectFocusNotOnBody(page, 'applying a filter')).text).toBe('Apply filters');
    await announced(page, /result/);

    // Decide: accept (the buttons stay) then approve (they go): the outcome takes focus each time.
    await page.goto(`${origin}/staff/applications/${supplementId}`);
    await viewReady(page);
    const { data } = await gql(operation('web/ApplicationDetail'), { id: supplementId }, { token: await tokenFor('officer.civil@demo.gov') });
    expect(data.application.status).toBe('SUBMITTED'); // the supplement sent in the citizen's journey
    await tabTo(page, /^Comment/);
    await page.keyboard.type('Complete now.');
    await tabTo(page, /^Accept$/);
    await page.keyboard.press('Enter');
    await page.getByText('The application is now: Accepted, in review.').waitFor();
    expect((await expectFocusNotOnBody(page, 'accepting')).text).toBe('The application is now: Accepted, in review.');
    await tabTo(page, /^Approve$/);
    await page.keyboard.press('Enter');
    await page.getByText('The application is now: Approved.').waitFor();
    expect((await expectFocusNotOnBody(page, 'approving')).text).toBe('The application is now: Approved.');

    // Reply to the complaint of the citizen's journey.
    await page.goto(`${origin}/staff/feedback`);
    await viewReady(page);
    await tabTo(page, /^Reply: Queue at the counter$/, { max: 200 });
    await page.keyboard.press('Enter');
    expect((await focused(page)).tag).toBe('textarea');
    await page.keyboard.type('We are sorry: a second counter now opens on Mondays.');
    // No "publish" box: the sender did not agree to publication (it would be left unticked).
    expect(await page.getByLabel('Publish the question and answer').count()).toBe(0);
    await tabTo(page, /^Reply$/, { max: 2 });
    await page.keyboard.press('Enter');
    await page.getByText('The answer was sent.').waitFor();
    expect((await expectFocusNotOnBody(page, 'replying')).text).toBe('The answer was sent.');
  });

  it('citizen: rates the answer with arrow keys in the score group', async () => {
    const page = await tab(citizenToken);
    await page.goto(`${origin}/my/feedback`);
    await viewReady(page);
    expect((await tabTo(page, /^1$/)).tag, 'the score group’s first radio').toBe('input');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight'); // 1 → 5, nothing else happens
    expect(page.url()).toMatch(/\/my\/feedback$/);
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('Rate the answer');
    await page.keyboard.press('Enter');
    await page.getByText('You rated the answer 5 of 5.').waitFor();
    expect((await expectFocusNotOnBody(page, 'rating')).text).toBe('You rated the answer 5 of 5.');
  });

  it('citizen: opens the inbox from the header’s badge, marks everything read and turns email off', async () => {
    // The supplement request of beforeAll is in the inbox.
    await settled(() => gql(operation('web/UnreadNotificationCount'), {}, { token: citizenToken }), (r) => r.data.me.unreadNotificationCount >= 1, 20_000);
    const page = await tab(citizenToken);
    await page.goto(`${origin}/`);
    await viewReady(page);
    const badge = await tabTo(page, /^Notifications \d+ unread$/);
    expect(badge.tag).toBe('a');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/my\/notifications$/);
    await viewReady(page);
    await tabTo(page, /^Mark all as read$/);
    await page.keyboard.press('Enter');
    await page.getByText(/notifications? marked as read\.$/).waitFor();
    expect((await expectFocusNotOnBody(page, 'marking all read')).text).toMatch(/^\d+ notifications? marked as read\.$/);
    // The header counts again: nothing unread.
    await page.waitForFunction(() => document.querySelector('.inbox-link')?.textContent?.trim() === 'Notifications');
    await tabTo(page, /^Also send me notifications by email$/);
    await page.keyboard.press('Space');
    await tabTo(page, /^Save settings$/);
    await page.keyboard.press('Enter');
    await page.getByText('Settings saved.').waitFor();
    await expectFocusNotOnBody(page, 'saving the settings');
    const settings = await gql(operation('web/NotificationSettings'), {}, { token: citizenToken });
    expect(settings.data.me.emailNotifications).toBe(false);
  });

  it('editor: publishes (after the error summary), on a phone', async () => {
    const page = await tab(await tokenFor('editor.civil@demo.gov'), { width: 390, height: 844 });
    await page.goto(`${origin}/staff/publish`);
    await viewReady(page);
    await tabTo(page, /^Save draft$/);
    await page.keyboard.press('Enter');
    await page.locator('.error-summary').waitFor();
    expect((await expectFocusNotOnBody(page, 'saving an empty draft')).text).toMatch(/Please correct/);
    await tabTo(page, /^Headline/, { max: 3 });
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe('pub-title');
    await page.keyboard.type(`Keyboard-only news ${Date.now()}`);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Published without a mouse.');
    await tabTo(page, /^Save draft$/);
    await page.keyboard.press('Enter');
    await page.getByText(/Draft saved/).waitFor();
    expect((await expectFocusNotOnBody(page, 'saving the draft')).text).toMatch(/Draft saved/);
    await tabTo(page, /^Publish$/);
    await page.keyboard.press('Space');
    await page.getByText('Published.').waitFor();
    expect((await expectFocusNotOnBody(page, 'publishing')).text).toBe('Published.');
  });

  it('analyst: changes the dashboard’s department with arrow keys, then shows it', async () => {
    const page = await tab(await tokenFor('analyst@demo.gov'));
    await page.goto(`${origin}/dashboard`);
    await viewReady(page);
    const before = await page.locator('main h2').first().textContent();
    await tabTo(page, /^dash-dep$/);
    await choose(page);
    await tabTo(page, /^Show$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/department=/);
    await page.waitForFunction((old) => {
      const h2 = document.querySelector('main h2');
      return !!h2 && h2.textContent !== old && !document.querySelector('main [data-loading]');
    }, before);
    expect((await expectFocusNotOnBody(page, 'showing the dashboard')).text).toBe('Show');
    // Every chart is also a table, reachable by a screen reader.
    expect(await page.locator('figure.chart table').count()).toBe(3);
  });
});
