import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { gql, operation } from '../../../test/graph';
import { haveChromium, JOURNEY, launchBrowser, SHOTS, warnIfNoChromium } from './browser';

/**
 * The portal's main journeys in a real browser (Debian's Chromium driven by playwright-core)
 * against the test run's platform, whose gateway serves the built portal at `/`. Screenshots of
 * every step go to test-results/web/ (kept by CI as artifacts).
 */
warnIfNoChromium('journeys');
const PASSWORD = 'demo-password-2026';

describe.skipIf(!haveChromium)('web portal journeys in a real browser', JOURNEY, () => {
  let browser: Browser;
  let origin: string;
  const contexts: BrowserContext[] = [];
  let citizen: Page;
  let tracking = '';
  const headline = `Bridge reopens after repairs ${Date.now()}`;

  // The gateway's Content-Security-Policy must break nothing, and nothing may need the internet.
  const cspViolations: string[] = [];
  const offOrigin: string[] = [];
  const newPage = async (viewport = { width: 1280, height: 900 }) => {
    const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'en-GB' });
    contexts.push(context);
    await context.route('**/*', (route) => {
      if (new URL(route.request().url()).origin === origin) return route.continue();
      offOrigin.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) cspViolations.push(`${page.url()}: ${msg.text()}`);
    });
    page.setDefaultTimeout(20_000);
    return page;
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const signIn = async (page: Page, email: string) => {
    await page.goto(`${origin}/signin`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(/Signed in as/).waitFor();
  };

  beforeAll(async () => {
    ({ browser, origin } = await launchBrowser());
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
  });

  it('1. a citizen finds a procedure, downloads its form, applies, sees a field error, fixes it and submits', async () => {
    citizen = await newPage();
    await citizen.goto(`${origin}/`);
    await citizen.getByRole('heading', { level: 1 }).waitFor();
    await shot(citizen, '1-01-home');

    // Register a fresh account, so this run owns its application.
    await citizen.getByRole('link', { name: 'Register' }).first().click();
    await citizen.getByLabel('Your name').fill('Mia Browser');
    await citizen.getByLabel('Email').fill(`mia.${Date.now()}@example.org`);
    await citizen.getByLabel('Password').fill('a-long-password-1');
    await citizen.getByRole('button', { name: 'Create account' }).click();
    await citizen.getByText('Signed in as Mia Browser').waitFor();

    // Find the procedure through search.
    await citizen.getByRole('link', { name: 'Search', exact: true }).click();
    await citizen.getByRole('searchbox').fill('residence registration');
    await citizen.getByRole('button', { name: 'Search', exact: true }).click();
    await citizen.getByRole('link', { name: 'Residence registration', exact: true }).click();
    await citizen.getByRole('heading', { level: 1, name: 'Residence registration' }).waitFor();
    await shot(citizen, '1-02-procedure-guide');

    // Download its printable form.
    const [download] = await Promise.all([citizen.waitForEvent('download'), citizen.getByRole('link', { name: /^Download:/ }).first().click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const file = path.join(SHOTS, download.suggestedFilename());
    await download.saveAs(file);
    expect((await import('node:fs')).readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');

    // Apply online through the form rendered from the procedure's JSON Schema.
    await citizen.getByRole('link', { name: 'Apply online' }).click();
    await citizen.getByRole('heading', { level: 1, name: /Apply: Residence registration/ }).waitFor();
    await expect(citizen.locator('#field-formData-applicant-fullName').inputValue()).resolves.toBe('Mia Browser'); // prefilled from the account
    await citizen.locator('#field-formData-applicant-email').fill('mia-at-example'); // not an email
    await citizen.locator('#field-formData-applicant-birthDate').fill('1990-04-01');
    await citizen.getByLabel('Street and number').fill('1 Harbour Road');
    await citizen.getByLabel('Postal code').fill('10115');
    await citizen.getByLabel('City').fill('Springfield');
    await citizen.getByLabel('Date of moving in').fill('2026-11-01');
    await citizen.getByLabel('People moving in, including you').fill('2');
    await citizen.getByRole('group', { name: /Is this your main residence/ }).getByLabel('Yes').check();
    // The procedure's required documents (casework.test.ts shows what happens without them).
    await citizen.getByLabel(/^Identity card or passport/).setInputFiles({ name: 'passport.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF\n') });
    await citizen.getByText('Attached: passport.pdf').waitFor();
    await citizen.getByLabel(/^Landlord.s confirmation/).setInputFiles({ name: 'landlord.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]) });
    await citizen.getByText('Attached: landlord.png').waitFor();
    await citizen.getByRole('button', { name: 'Submit application' }).click();

    // The graph's userError is shown beside the field, in words for people, and listed in the
    // error summary, which takes focus and links to the field.
    const error = citizen.locator('#field-formData-applicant-email-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/Enter an email address, for example name@example\.org/);
    expect(await citizen.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    await citizen.locator('.error-summary').getByRole('link', { name: /Email/ }).click();
    expect(await citizen.evaluate(() => document.activeElement?.id)).toBe('field-formData-applicant-email');
    expect(await citizen.locator('#field-formData-applicant-email').getAttribute('aria-invalid')).toBe('true');
    await shot(citizen, '1-03-field-error');

    await citizen.locator('#field-formData-applicant-email').fill('mia@example.org');
    await citizen.getByRole('button', { name: 'Submit application' }).click();
    await citizen.getByRole('heading', { name: 'Your application has been received.' }).waitFor();
    tracking = (await citizen.getByTestId('tracking-number').textContent())!.trim();
    expect(tracking).not.toBe('');
    await shot(citizen, '1-04-submitted');
  });

  it('2. an officer accepts and approves it from the queue', async () => {
    expect(tracking, 'journey 1 must pass first').not.toBe('');
    const officer = await newPage();
    await signIn(officer, 'officer.civil@demo.gov');
    await officer.getByRole('heading', { level: 1, name: 'Application queue' }).waitFor();
    await officer.getByLabel('Service').selectOption({ label: 'Residence registration' });
    await officer.getByRole('button', { name: 'Apply filters' }).click();
    // Oldest due first: the new application is at the end of the queue.
    const link = officer.getByRole('link', { name: tracking, exact: true });
    for (let i = 0; i < 40 && !(await link.isVisible()); i++) {
      const more = officer.getByRole('button', { name: 'More' });
      await Promise.race([link.waitFor().catch(() => {}), more.waitFor().catch(() => {})]);
      if (await link.isVisible()) break;
      await more.click();
    }
    await shot(officer, '2-01-queue');
    await link.click();

    await officer.getByLabel('Comment (shown to the citizen)').fill('Documents complete.');
    await officer.getByRole('button', { name: 'Accept' }).click();
    await officer.getByText('The application is now: Accepted, in review.').waitFor();
    await shot(officer, '2-02-accepted');
    await officer.getByLabel('Comment (shown to the citizen)').fill('Registered at the new address.');
    await officer.getByRole('button', { name: 'Approve' }).click();
    await officer.getByText('The application is now: Approved.').waitFor();
    await officer.getByTestId('application-status').getByText('Approved', { exact: true }).waitFor();
    await shot(officer, '2-03-approved');
  });

  it('3. the citizen sees the decision and its history', async () => {
    await citizen.getByRole('navigation').getByRole('link', { name: 'My applications', exact: true }).click();
    await citizen.getByRole('link', { name: tracking }).click();
    const status = citizen.getByTestId('application-status');
    await status.waitFor();
    expect(await status.textContent()).toBe('Approved');
    await citizen.getByText('Registered at the new address.').waitFor();
    await shot(citizen, '3-01-decision');

    // The same page in Chinese, every string from zh.ts.
    await citizen.getByRole('button', { name: 'Switch to Chinese' }).click();
    await citizen.getByText('已批准').first().waitFor();
    await shot(citizen, '3-02-decision-zh');
    await citizen.getByRole('button', { name: '切换到英文' }).click();
  });

  it('4. an editor publishes news that then shows on the home page', async () => {
    const editor = await newPage({ width: 390, height: 844 }); // a phone
    await signIn(editor, 'editor.civil@demo.gov');
    await editor.getByRole('heading', { level: 1, name: 'Publish' }).waitFor();
    await editor.getByLabel('Kind').selectOption('NEWS');
    await editor.getByLabel('Headline').fill(headline);
    await editor.getByLabel('Summary').fill('The harbour bridge is open to traffic again.');
    await editor.getByLabel(/^Text/).fill('## What changed\n\nThe bridge is open. <script>alert(1)</script>\n\n- Cars\n- Bicycles\n\n[Timetable](https://example.org/timetable) and [bad](javascript:alert(1))');
    await editor.getByLabel(/Topics/).fill('transport, bridges');
    await editor.getByRole('button', { name: 'Save draft' }).click();
    await editor.getByText(/Draft saved/).waitFor();
    await shot(editor, '4-01-draft');
    await editor.getByRole('button', { name: 'Publish' }).click();
    await editor.getByText('Published.').waitFor();
    await editor.getByRole('link', { name: 'View the page' }).click();
    await editor.getByRole('heading', { level: 1, name: headline }).waitFor();
    // The Markdown is rendered safely: HTML shows as text, only http(s) links become links.
    await editor.getByText('<script>alert(1)</script>', { exact: false }).waitFor();
    expect(await editor.locator('.prose a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['https://example.org/timetable']);
    await shot(editor, '4-02-publication');

    const slug = new URL(editor.url()).pathname.split('/').pop()!;
    const visitor = await newPage();
    await visitor.goto(`${origin}/`);
    const news = visitor.getByRole('region', { name: 'News' });
    await news.getByRole('listitem').first().waitFor();
    // The home page lists the five newest news, and other files publish news all the time: ours
    // is there, unless five came after it meanwhile, which the graph must then say.
    if ((await news.getByRole('link', { name: headline }).count()) === 0) {
      const ours = (await gql('query($slug: String) { publication(slug: $slug) { publishedAt } }', { slug })).data.publication.publishedAt as string;
      const newest = (await gql(operation('web/HomePage'))).data.news.edges.map((e: { node: { publishedAt: string } }) => e.node.publishedAt) as string[];
      expect(newest.filter((at) => at <= ours), `"${headline}" (${ours}) is not on the home page`).toEqual([]);
    }
    await shot(visitor, '4-03-home-with-news');
  });
  it('5. a citizen asks about a procedure, the officer answers, the citizen rates the answer', async () => {
    const subject = `Do children register separately? ${Date.now()}`;
    await citizen.goto(`${origin}/procedures/CIVIL-RESIDENCE-REG`);
    await citizen.getByRole('link', { name: 'Ask a question about this service' }).click();
    expect(await citizen.getByLabel('Kind').inputValue()).toBe('INQUIRY');
    await citizen.getByLabel('Subject').fill(subject);
    await citizen.getByLabel('Message').fill('short'); // under 10 characters: a userError beside the field
    await citizen.getByRole('button', { name: 'Send', exact: true }).click();
    await citizen.locator('#fb-body-error').waitFor();
    await citizen.getByLabel('Message').fill('We are moving with two children; do they need their own registration?');
    await citizen.getByLabel(/may publish what I wrote/).check(); // the officer publishes it below
    await citizen.getByRole('button', { name: 'Send', exact: true }).click();
    await citizen.getByText(/Your tracking number is/).waitFor();
    await shot(citizen, '5-01-question-sent');

    const officer = await newPage();
    await signIn(officer, 'officer.civil@demo.gov');
    await officer.getByRole('navigation').getByRole('link', { name: 'Feedback queue' }).click();
    await officer.getByRole('button', { name: `Reply: ${subject}` }).click();
    await officer.getByLabel('Answer', { exact: true }).fill('No: list every member of the household on your own registration.');
    await officer.getByLabel('Publish the question and answer').check();
    await officer.getByRole('button', { name: 'Reply', exact: true }).click();
    await officer.getByRole('button', { name: `Reply: ${subject}` }).waitFor({ state: 'detached' });
    await shot(officer, '5-02-answered');

    await citizen.getByRole('navigation').getByRole('link', { name: 'My feedback' }).click();
    const item = citizen.getByRole('listitem').filter({ has: citizen.getByRole('heading', { name: subject }) });
    await item.getByText('No: list every member of the household').waitFor();
    await item.getByRole('group', { name: /Score/ }).getByLabel('5').check();
    await item.getByRole('button', { name: 'Rate the answer' }).click();
    await item.getByText('You rated the answer 5 of 5.').waitFor();
    await shot(citizen, '5-03-rated');
  });

  it('6. the explorer runs a query, from the gateway alone', async () => {
    const page = await newPage();
    await page.goto(`${origin}/explorer`);
    await page.locator('.graphiql-container').waitFor();
    await page.getByText('query Departments').first().waitFor();
    await page.locator('.graphiql-execute-button').click();
    await page.locator('.graphiql-response').getByText('"departments"').waitFor();
    await shot(page, '6-01-explorer');
  });

  it('7. no page broke the Content-Security-Policy or reached beyond the gateway', () => {
    expect(cspViolations).toEqual([]);
    expect(offOrigin).toEqual([]);
  });
});
