import { BrowserSession, haveChromium, JOURNEY, warnIfNoChromium } from './browser';

/** A department's page, reached from the home page: its contact, its services, its news and its feed, in both languages. */
warnIfNoChromium('department page');

describe.skipIf(!haveChromium)('a department’s page', JOURNEY, () => {
  const session = new BrowserSession();
  beforeAll(() => session.start(), 180_000);
  afterAll(() => session.stop());

  it.each([
    ['en-GB', 'Civil Registry Office', 'Contact', /^Services \((\d+)\)$/, '/feeds/departments/civil.atom'],
    ['zh-CN', '民事登记处', '联系方式', /^办事服务（(\d+)项）$/, '/feeds/departments/civil.atom?lang=zh'],
  ])('shows its contact, services and news (%s)', async (locale, name, contact, services, feed) => {
    const origin = session.origin;
    const page = await session.newPage(undefined, locale);
    await page.goto(`${origin}/`);
    await page.getByRole('link', { name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/departments/civil');

    await page.getByRole('heading', { level: 2, name: contact }).waitFor();
    expect(await page.locator('address a[href^="mailto:"]').count()).toBe(1);
    const heading = (await page.getByRole('heading', { level: 2, name: services }).textContent())!;
    const total = Number(services.exec(heading)![1]);
    expect(total).toBeGreaterThan(0);
    expect(await page.locator('section[aria-labelledby="h-services"] li a[href^="/procedures/"]').count()).toBe(Math.min(total, 50));
    expect(await page.locator('section[aria-labelledby="h-news"] li a[href^="/publications/"]').count()).toBeGreaterThan(0);
    // The feed link is the department's feed in the page's language, and it serves Atom.
    const href = await page.locator('section[aria-labelledby="h-news"] a[href^="/feeds/"]').getAttribute('href');
    expect(href).toBe(feed);
    const atom = await fetch(new URL(href!, origin));
    expect(atom.headers.get('content-type')).toMatch(/atom/);
  });
});
