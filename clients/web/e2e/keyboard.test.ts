import type { Browser, Page } from 'playwright-core';
import { gql, newCitizen, operation, tokenFor } from '../../../test/graph';
import { sampleFormData } from '../../../subgraphs/applications/sample-form-data';
import { haveChromium, launch, openPage, origin, settled } from './test-support';

/**
 * Each role's journey with the keyboard alone (Tab, Shift+Tab, Enter, Space, arrows): no mouse
 * click anywhere. After every action focus is somewhere meaningful (never the page's body), and
 * outcomes are announced: focus moves to them, or the live region says them. Choosing an option in
 * a filter changes nothing until the filter is applied (WCAG 3.2.2).
 */
const RESIDENCE = 'CIVIL-RESIDENCE-REG';

/** What has focus: its role-ish tag, its accessible-ish name, its id. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'body', name: '', id: '', testid: '' };
    const label = (el as HTMLInputElement).labels?.[0]?.textContent ?? '';
    const name = (el.getAttribute('aria-label') ?? (label || el.textContent) ?? '').replace(/\s+/g, ' ').trim();
    return { tag: el.tagName.toLowerCase(), name, id: el.id, testid: el.dataset.testid ?? el.closest('[data-testid]')?.getAttribute('data-testid') ?? '' };
  });
}

/** Presses Tab (or Shift+Tab) until focus is on what `match` accepts; fails after `max` presses. */
async function tabTo(page: Page, match: RegExp | ((f: Awaited<ReturnType<typeof focused>>) => boolean), { back = false, max = 60 } = {}) {
  const ok = typeof match === 'function' ? match : (f: Awaited<ReturnType<typeof focused>>) => match.test(f.name);
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (ok(f)) return f;
    seen.push(`${f.tag}:${f.name.slice(0, 30)}`);
  }
  throw new Error(`Tab never reached ${match}; went through: ${seen.join(' | ')}`);
}

/** Types into the focused field after selecting what it holds. */
async function typeOver(page: Page, text: string) {
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** Focus after an action: not the body, and (when given) the element that says the outcome. */
async function expectFocusOn(page: Page, what: { testid?: string; name?: RegExp; tag?: string }) {
  await page.waitForFunction((w) => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return false;
    if (w.testid && el.dataset.testid !== w.testid) return false;
    if (w.tag && el.tagName.toLowerCase() !== w.tag) return false;
    if (w.name && !new RegExp(w.name).test(el.textContent ?? '')) return false;
    return true;
  }, { testid: what.testid, tag: what.tag, name: what.name?.source });
}

const announced = (page: Page, text: RegExp) => page.waitForFunction((re) => new RegExp(re).test(document.getElementById('announcer')?.textContent ?? ''), text.source);

describe.skipIf(!haveChromium)('keyboard-only journeys, one per role', () => {
  let browser: Browser;
  let citizen: { token: string; email: string };
  let officer = '';

  beforeAll(async () => {
    browser = await launch();
    citizen = await newCitizen('keyboard');
    officer = await tokenFor('officer.civil@demo.gov');
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('citizen: applies (fixing an error from the summary), supplements and complains', async () => {
    const { page, context } = await openPage(browser, { token: citizen.token });
    try {
      // Apply: from the guide, with Tab and Enter.
      await page.goto(`${origin()}/procedures/${RESIDENCE}`);
      await settled(page);
      await tabTo(page, /^Apply online$/);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: /Apply: Residence registration/ }).waitFor();
      await expectFocusOn(page, { tag: 'h1' });
      await tabTo(page, (f) => f.id === 'field-formData-applicant-birthDate');
      await page.keyboard.type('01041990');
      await tabTo(page, (f) => f.id === 'field-formData-applicant-email');
      await typeOver(page, 'mia-at-example');
      await tabTo(page, (f) => f.id === 'field-formData-newAddress-street');
      await page.keyboard.type('1 Harbour Road');
      await page.keyboard.press('Tab');
      await page.keyboard.type('10115');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Springfield');
      await tabTo(page, (f) => f.id === 'field-formData-movedInOn');
      await page.keyboard.type('01112026');
      await tabTo(page, (f) => f.id === 'field-formData-householdSize');
      await page.keyboard.type('2');
      // A radio group: Tab reaches it, the arrow keys choose.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      await tabTo(page, /^Submit application$/);
      await page.keyboard.press('Enter');

      // The error summary takes focus; its link leads to the field; the message says the format.
      await expectFocusOn(page, { testid: 'error-summary' });
      const summary = await page.getByTestId('error-summary').textContent();
      expect(summary).toMatch(/There is a problem/);
      expect(summary).toMatch(/email address in the right format, for example name@example\.com/);
      await page.keyboard.press('Tab');
      expect((await focused(page)).tag).toBe('a');
      await page.keyboard.press('Enter');
      expect((await focused(page)).id).toBe('field-formData-applicant-email');
      await typeOver(page, 'mia@example.org');
      await tabTo(page, /^Submit application$/);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Your application has been received.' }).waitFor();
      await expectFocusOn(page, { tag: 'h1' });
      const tracking = (await page.getByTestId('tracking-number').textContent())!.trim();
      await announced(page, new RegExp(`Tracking number: ${tracking}`));

      // Supplement: the officer asks for more; the citizen answers from the keyboard.
      const { data: mine } = await gql(`query { me { applications(first: 5) { edges { node { id trackingNumber } } } } }`, {}, { token: citizen.token });
      const app = mine.me.applications.edges.map((e: any) => e.node).find((a: any) => a.trackingNumber === tracking);
      const asked = await gql(operation('officer/TransitionApplication'), { input: { id: app.id, action: 'REQUEST_SUPPLEMENT', expectedVersion: 1, comment: 'Please give a phone number.' } }, { token: officer });
      expect(asked.data.transitionApplication.userErrors).toEqual([]);
      await page.goto(`${origin()}/my/applications/${app.id}`);
      await settled(page);
      await page.getByRole('heading', { name: 'Send supplementary information' }).waitFor();
      await tabTo(page, (f) => f.id === 'field-formData-applicant-phone');
      await page.keyboard.type('call me'); // not a phone number
      await tabTo(page, /^Send$/);
      await page.keyboard.press('Enter');
      await expectFocusOn(page, { testid: 'error-summary' });
      expect(await page.getByTestId('error-summary').textContent()).toMatch(/Enter “Phone” in the right format, for example \+44 20 7946 0958/);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      expect((await focused(page)).id).toBe('field-formData-applicant-phone');
      await typeOver(page, '+44 20 7946 0958');
      await tabTo(page, /^Send$/);
      await page.keyboard.press('Enter');
      await expectFocusOn(page, { name: /^Saved\.$/ });
      await page.getByTestId('application-status').getByText('Submitted').waitFor();

      // Complain: choose the department with the arrow keys, send, hear the tracking number.
      await page.goto(`${origin()}/feedback/new`);
      await settled(page);
      await tabTo(page, (f) => f.id === 'fb-dep');
      await page.keyboard.press('ArrowDown');
      await tabTo(page, (f) => f.id === 'fb-subject');
      await page.keyboard.type('Broken lift at the registry office');
      await page.keyboard.press('Tab');
      await page.keyboard.type('The lift to the second floor has not worked for a week.');
      await tabTo(page, /^Send$/);
      await page.keyboard.press('Enter');
      await expectFocusOn(page, { tag: 'h1', name: /Your tracking number is \S+/ });
    } finally {
      await context.close();
    }
  });

  it('officer: filters the queue without surprises, decides an application and replies to feedback', async () => {
    const { data: g } = await gql(operation('web/ProcedureGuide'), { code: RESIDENCE });
    const formData = sampleFormData(g.procedure.applicationForm.schema, 3, { fullName: 'Test keyboard', email: citizen.email });
    const { data: sub } = await gql(operation('web/SubmitApplication'), { input: { procedureId: g.procedure.id, formData, idempotencyKey: `kb-${Date.now()}` } }, { token: citizen.token });
    const subject = `Opening hours in December ${Date.now()}`;
    const { data: fb } = await gql(operation('web/SubmitFeedback'), { input: { kind: 'INQUIRY', departmentId: g.procedure.department.id, subject, body: 'Is the registry office open between Christmas and New Year?', idempotencyKey: `kb-fb-${Date.now()}` } }, { token: citizen.token });
    expect(fb.submitFeedback.userErrors).toEqual([]);

    const { page, context } = await openPage(browser, { token: officer });
    try {
      await page.goto(`${origin()}/staff/applications`);
      await settled(page);
      // An arrow key in a filter changes its value only: no reload, focus stays.
      await tabTo(page, (f) => f.id === 'queue-procedure');
      const before = page.url();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect(page.url()).toBe(before);
      expect((await focused(page)).id).toBe('queue-procedure');
      await tabTo(page, /^Apply filters$/);
      await page.keyboard.press('Enter');
      await page.waitForURL(/procedure=/);
      await announced(page, /applications? found/);
      expect((await focused(page)).name).toBe('Apply filters');

      // Decide: accept, then approve, each outcome focused.
      await page.goto(`${origin()}/staff/applications/${sub.submitApplication.application.id}`);
      await settled(page);
      await tabTo(page, (f) => f.id === 'decision-comment');
      await page.keyboard.type('Documents complete.');
      await tabTo(page, /^Accept$/);
      await page.keyboard.press('Enter');
      await expectFocusOn(page, { name: /The application is now: Accepted, in review\./ });
      await tabTo(page, (f) => f.id === 'decision-comment');
      await page.keyboard.type('Registered.');
      await tabTo(page, /^Approve$/);
      await page.keyboard.press('Space');
      await expectFocusOn(page, { name: /The application is now: Approved\./ });

      // Reply: the form opens with focus in it; the outcome is focused when the item leaves.
      await page.goto(`${origin()}/staff/feedback`);
      await settled(page);
      await tabTo(page, new RegExp(`^Reply: ${subject}$`), { max: 200 });
      await page.keyboard.press('Enter');
      await expectFocusOn(page, { tag: 'textarea' });
      await page.keyboard.type('Yes, on the 27th and 28th from 9 to 12.');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space'); // publish the question and answer
      await page.keyboard.press('Tab');
      expect((await focused(page)).name).toBe('Reply');
      await page.keyboard.press('Enter');
      await expectFocusOn(page, { name: /^The answer was sent\.$/ });
    } finally {
      await context.close();
    }
  });

  it('editor: an empty draft is refused with a summary, then a draft is saved and published', async () => {
    const { page, context } = await openPage(browser, { token: await tokenFor('editor.civil@demo.gov') });
    try {
      await page.goto(`${origin()}/staff/publish`);
      await settled(page);
      await tabTo(page, /^Save draft$/);
      await page.keyboard.press('Enter');
      await expectFocusOn(page, { testid: 'error-summary' });
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      expect((await focused(page)).id).toBe('pub-title');
      await page.keyboard.type(`Registry open on Saturdays ${Date.now()}`);
      await page.keyboard.press('Tab');
      await page.keyboard.type('From December the registry also opens on Saturday mornings.');
      await tabTo(page, /^Save draft$/);
      await page.keyboard.press('Enter');
      await expectFocusOn(page, { name: /Draft saved/ });
      await tabTo(page, /^Publish$/);
      await page.keyboard.press('Enter');
      await expectFocusOn(page, { name: /^Published\.$/ });
      await tabTo(page, /^View the page$/);
      await page.keyboard.press('Enter');
      await expectFocusOn(page, { tag: 'h1', name: /Registry open on Saturdays/ });
    } finally {
      await context.close();
    }
  });

  it('analyst: changes the dashboard with the keyboard; choosing a department alone changes nothing', async () => {
    const { page, context } = await openPage(browser, { token: await tokenFor('analyst@demo.gov') });
    try {
      await page.goto(`${origin()}/dashboard`);
      await settled(page);
      await page.getByRole('heading', { level: 2, name: 'Civil Registry Office' }).waitFor();
      await tabTo(page, (f) => f.id === 'dash-dep');
      const before = page.url();
      await page.keyboard.press('ArrowDown');
      expect(page.url()).toBe(before);
      await tabTo(page, /^Show$/);
      await page.keyboard.press('Enter');
      await page.waitForURL(/department=BIZ/);
      await page.getByRole('heading', { level: 2, name: 'Department of Commerce and Business Registration' }).waitFor();
      expect((await focused(page)).name).toBe('Show');
      // Back up to the charts' tables with Shift+Tab? They are not focusable: nothing to trap.
      await tabTo(page, (f) => f.tag === 'a' && /Accessibility/.test(f.name));
    } finally {
      await context.close();
    }
  });
});
