import { LICENCE, act, submit } from '../../../subgraphs/applications/test-support';
import { departmentId } from '../../../subgraphs/kit/demo';
import { gql, newCitizen, operation, tokenFor } from '../../../test/graph';
import { BrowserSession, haveChromium, JOURNEY, viewReady, warnIfNoChromium } from './browser';

/**
 * Live updates in a real browser (issue 19): the citizen keeps their application's page open;
 * the officer decides; the new status appears on that page without a reload, and is announced
 * in the polite live region. The home page adds an item as it is published.
 */
warnIfNoChromium('live updates');

describe.skipIf(!haveChromium)('live updates in a real browser', JOURNEY, () => {
  const session = new BrowserSession();
  beforeAll(() => session.start(), 180_000);
  afterAll(() => session.stop());

  it('shows the officer’s decision on the citizen’s open application page without reload', async () => {
    const citizen = await newCitizen('live-browser');
    const { application } = await submit(citizen.token);
    const page = await session.newPage();
    await session.signIn(page, citizen.email, 'a-long-password-1');
    // The subscription is open once the gateway answered its request.
    const streamOpen = page.waitForResponse((r) => r.url().endsWith('/graphql/stream') && r.status() === 200 && !!r.request().postData()?.includes('myApplicationUpdated'));
    await page.goto(`${session.origin}/my/applications/${application.id}`);
    await viewReady(page);
    await page.getByTestId('application-status').getByText('Submitted').waitFor();
    // A marker that a reload would lose: the page must be the same document afterwards.
    await page.evaluate(() => ((window as unknown as { liveMarker: boolean }).liveMarker = true));
    await streamOpen;
    const officer = await tokenFor(`officer.${LICENCE.departmentCode.toLowerCase()}@demo.gov`);
    expect((await act(officer, application.id, 'ACCEPT', application.version)).userErrors).toEqual([]);
    await page.getByTestId('application-status').getByText('Accepted, in review').waitFor();
    await page.locator('[aria-live="polite"]').getByText(/is now: Accepted, in review/).waitFor();
    expect(await page.evaluate(() => (window as unknown as { liveMarker?: boolean }).liveMarker)).toBe(true);
    expect(session.cspViolations).toEqual([]);
    await session.shot(page, 'live-1-decision-without-reload');
  });

  it('adds a news item to the open home page as it is published', async () => {
    const page = await session.newPage();
    const streamOpen = page.waitForResponse((r) => r.url().endsWith('/graphql/stream') && r.status() === 200 && !!r.request().postData()?.includes('publicationPublished'));
    await page.goto(`${session.origin}/`);
    await viewReady(page);
    await streamOpen;
    // Every publication is announced as it comes, other files' too, each replacing the last: what
    // the polite regions said is kept, so ours is found even when another came right after it.
    await page.evaluate(() => {
      const said: string[] = ((window as unknown as { said: string[] }).said = []);
      document.querySelectorAll('[aria-live="polite"]').forEach((region) => {
        new MutationObserver(() => said.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
      });
    });
    const editor = await tokenFor('editor.civil@demo.gov');
    const title = `Live in the browser ${Date.now()}`;
    const created = await gql(operation('officer/CreatePublication'), { input: { departmentId: departmentId('CIVIL'), kind: 'NEWS', title, summary: 'Shown as it is published.', body: 'Body.' } }, { token: editor });
    const published = await gql(operation('officer/PublishPublication'), { id: created.data.createPublication.publication.id }, { token: editor });
    expect(published.data.publishPublication.userErrors).toEqual([]);
    await page.getByRole('region', { name: 'News' }).getByRole('link', { name: title }).waitFor();
    await page.waitForFunction((text) => (window as unknown as { said: string[] }).said.some((s) => s.includes(text)), `Just published: ${title}`);
    await session.shot(page, 'live-2-home-new-item');
  });
});
