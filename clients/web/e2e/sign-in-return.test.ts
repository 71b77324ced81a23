import { BrowserSession, haveChromium, JOURNEY, warnIfNoChromium } from './browser';

/**
 * The sign-in and registration pages lead back where the person came from (a back link, and
 * after signing in), never off the portal.
 */
warnIfNoChromium('sign-in return');

describe.skipIf(!haveChromium)('signing in from a page', JOURNEY, () => {
  const session = new BrowserSession();
  beforeAll(() => session.start(), 180_000);
  afterAll(() => session.stop());

  it('links back to the page it was opened from, through registration too, and returns there after signing in', async () => {
    const origin = session.origin;
    const page = await session.newPage();
    await page.goto(`${origin}/questions`);
    await page.getByRole('heading', { level: 1 }).waitFor();

    await page.getByRole('link', { name: 'Sign in', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.getByRole('link', { name: 'Back', exact: true }).getAttribute('href')).toBe('/questions');
    // On to registration and back: the way back still leads to the page.
    await page.getByRole('main').getByRole('link', { name: 'Register', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
    await page.getByRole('link', { name: 'Back', exact: true }).click();
    await page.waitForURL(`${origin}/questions`);

    await page.getByRole('link', { name: 'Sign in', exact: true }).first().click();
    await page.getByLabel('Email').fill('citizen@demo.gov');
    await page.getByLabel('Password').fill('demo-password-2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(/Signed in as/).waitFor();
    await page.waitForURL(`${origin}/questions`);

    // An address off the portal is never a way back.
    const other = await session.newPage();
    await other.goto(`${origin}/signin?next=${encodeURIComponent('//elsewhere.example/x')}`);
    await other.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await other.getByRole('link', { name: 'Back', exact: true }).getAttribute('href')).toBe('/');
    expect(session.offOrigin).toEqual([]);
  });
});
