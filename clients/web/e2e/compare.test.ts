import { BrowserSession, haveChromium, JOURNEY, warnIfNoChromium } from './browser';

/**
 * The analysts' comparison on a 390 px phone: every department side by side and each one's weeks,
 * no sideways scrolling of the page (tables scroll in their own box), no text under 12 px.
 */
warnIfNoChromium('compare');

describe.skipIf(!haveChromium)('departments side by side on a phone', JOURNEY, () => {
  const session = new BrowserSession();
  beforeAll(() => session.start(), 180_000);
  afterAll(() => session.stop());

  it('shows the comparison and the weeks in the jurisdiction’s zone, fitting 390 px with labels of 12 px or more', async () => {
    const page = await session.newPage({ width: 390, height: 844 });
    await session.signIn(page, 'analyst@demo.gov');
    await page.goto(`${session.origin}/dashboard/compare`);
    await page.getByRole('heading', { level: 1, name: 'Departments side by side' }).waitFor();
    const table = page.getByTestId('comparison');
    await table.getByRole('rowheader').first().waitFor();
    expect(await table.getByRole('rowheader').count()).toBeGreaterThan(3);
    await page.getByRole('table', { name: /Applications submitted per week/ }).first().waitFor();
    // Eight weeks by default, each a column with its Monday.
    expect(await page.getByRole('table', { name: /Applications submitted per week/ }).first().locator('time').count()).toBe(8);
    await page.getByText(/weeks start on Monday/).waitFor();
    await session.shot(page, 'compare-390');

    const layout = await page.evaluate(() => {
      const sizes = Array.from(document.querySelectorAll('main table *'))
        .filter((e) => e.childNodes.length && Array.from(e.childNodes).some((n) => n.nodeType === 3 && n.textContent!.trim()))
        .filter((e) => !(e as HTMLElement).closest('.sr-only'))
        .map((e) => parseFloat(getComputedStyle(e).fontSize));
      // Each week's date stays inside its own column (the chart scrolls in its box rather than overlap).
      const overlaps = Array.from(document.querySelectorAll('main .week-label')).filter((th) => {
        const time = th.querySelector('time')!;
        return time.getBoundingClientRect().width > th.getBoundingClientRect().width;
      }).length;
      return { pageWidth: document.documentElement.scrollWidth, smallest: Math.min(...sizes), overlaps };
    });
    expect(layout.pageWidth).toBeLessThanOrEqual(390);
    expect(layout.smallest).toBeGreaterThanOrEqual(12);
    expect(layout.overlaps).toBe(0);
  });

  it('no page broke the Content-Security-Policy or reached beyond the gateway', () => {
    expect(session.cspViolations).toEqual([]);
    expect(session.offOrigin).toEqual([]);
  });
});
