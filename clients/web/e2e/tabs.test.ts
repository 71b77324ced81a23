import type { Browser, BrowserContext } from 'playwright-core';
import { haveChromium, launchBrowser, warnIfNoChromium } from './browser';

/**
 * A link opened in a new tab keeps the sign-in (the new tab asks the portal's open tabs), a
 * sign-out in one tab signs out every tab, and another browser (profile) is never signed in.
 */
warnIfNoChromium('tabs');

describe.skipIf(!haveChromium)('the sign-in across tabs', () => {
  let browser: Browser;
  let origin: string;
  const contexts: BrowserContext[] = [];
  const newContext = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    contexts.push(context);
    return context;
  };

  beforeAll(async () => {
    ({ browser, origin } = await launchBrowser());
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
  });

  it('keeps it in a new tab, ends it in every tab at once, and never shares it with another browser', async () => {
    const context = await newContext();
    const first = await context.newPage();
    first.setDefaultTimeout(20_000);
    await first.goto(`${origin}/signin`);
    await first.getByLabel('Email').fill('citizen@demo.gov');
    await first.getByLabel('Password').fill('demo-password-2026');
    await first.getByRole('button', { name: 'Sign in' }).click();
    await first.getByText(/Signed in as/).waitFor();

    // A page of the signed-in area opened in a new tab (as a middle click or "open in new tab" does).
    const second = await context.newPage();
    second.setDefaultTimeout(20_000);
    await second.goto(`${origin}/my/applications`);
    await second.getByText(/Signed in as/).waitFor();
    await second.getByRole('heading', { level: 1 }).waitFor();
    expect(await second.getByRole('link', { name: 'Sign in', exact: true }).count()).toBe(0);

    // Another browser profile: nobody to ask, so signed out.
    const stranger = await (await newContext()).newPage();
    await stranger.goto(`${origin}/`);
    await stranger.getByRole('link', { name: 'Sign in', exact: true }).first().waitFor();
    expect(await stranger.getByText(/Signed in as/).count()).toBe(0);

    // Signing out in the second tab signs the first out too, without a reload.
    await second.getByRole('button', { name: 'Sign out' }).click();
    await first.getByRole('link', { name: 'Sign in', exact: true }).first().waitFor();
    expect(await first.getByText(/Signed in as/).count()).toBe(0);
  });
});
