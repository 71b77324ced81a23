import { BrowserSession, haveChromium, JOURNEY, warnIfNoChromium } from './browser';

/**
 * A link opened in a new tab keeps the sign-in (the new tab asks the portal's open tabs), a
 * sign-out in one tab signs out every tab, and another browser (profile) is never signed in.
 */
warnIfNoChromium('tabs');

describe.skipIf(!haveChromium)('the sign-in across tabs', JOURNEY, () => {
  const session = new BrowserSession();
  beforeAll(() => session.start(), 180_000);
  afterAll(() => session.stop());

  it('keeps it in a new tab, ends it in every tab at once, and never shares it with another browser', async () => {
    const context = await session.newContext();
    const first = await session.pageIn(context);
    await session.signIn(first, 'citizen@demo.gov');

    // A page of the signed-in area opened in a new tab (as a middle click or "open in new tab" does).
    const second = await session.pageIn(context);
    await second.goto(`${session.origin}/my/applications`);
    await second.getByText(/Signed in as/).waitFor();
    await second.getByRole('heading', { level: 1 }).waitFor();
    expect(await second.getByRole('link', { name: 'Sign in', exact: true }).count()).toBe(0);

    // Another browser profile: nobody to ask, so signed out.
    const stranger = await session.newPage();
    await stranger.goto(`${session.origin}/`);
    await stranger.getByRole('link', { name: 'Sign in', exact: true }).first().waitFor();
    expect(await stranger.getByText(/Signed in as/).count()).toBe(0);

    // Signing out in the second tab signs the first out too, without a reload.
    await second.getByRole('button', { name: 'Sign out' }).click();
    await first.getByRole('link', { name: 'Sign in', exact: true }).first().waitFor();
    expect(await first.getByText(/Signed in as/).count()).toBe(0);
    expect(session.cspViolations).toEqual([]);
  });
});
