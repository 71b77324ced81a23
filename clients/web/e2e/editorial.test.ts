import { BrowserSession, haveChromium, JOURNEY, warnIfNoChromium } from './browser';
import type { Page } from 'playwright-core';

/**
 * Editorial work in a real browser: an editor drafts, attaches a file, previews the draft exactly as
 * readers will see it (still not public), schedules it, publishes it, and unpublishes it, after which
 * its public address says it was withdrawn; the editors' list and the history follow each step.
 */
warnIfNoChromium('editorial');

const pdf = (name: string) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.7\n% ${name}\n%%EOF\n`) });
/** `datetime-local` value two days ahead. */
const inTwoDays = () => new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 16);

describe.skipIf(!haveChromium)('editorial work in a real browser', JOURNEY, () => {
  const session = new BrowserSession();
  let editor: Page;
  let visitor: Page;
  const headline = `Harbour ferry timetable ${Date.now().toString(36)}`;
  let slug = '';

  beforeAll(() => session.start(), 180_000);
  afterAll(() => session.stop());

  it('1. the editor drafts, attaches a file and previews the draft as readers will see it', async () => {
    editor = await session.newPage();
    await session.signIn(editor, 'editor.civil@demo.gov');
    await editor.goto(`${session.origin}/staff/publish`);
    await editor.getByLabel('Headline').fill(headline);
    await editor.getByLabel('Summary').fill('New sailing times from Monday.');
    await editor.getByLabel(/^Text/).fill('## Sailings\n\nEvery 30 minutes.');
    await editor.getByRole('button', { name: 'Save draft' }).click();
    slug = /\(([^)]+)\)/.exec((await editor.getByText(/Draft saved/).textContent())!)![1];
    await editor.getByRole('link', { name: 'Edit, preview and attach files' }).click();
    await editor.getByRole('heading', { level: 1, name: `Edit: ${headline}` }).waitFor();

    await editor.getByLabel('Add a file (PDF, image, spreadsheet…)').setInputFiles(pdf('timetable.pdf'));
    await editor.getByTestId('editor-attachments').getByText('timetable.pdf').waitFor();
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await editor.getByText('Changes saved.').waitFor();
    await session.shot(editor, 'editorial-1-01-editor');

    await editor.getByRole('link', { name: 'Preview as readers will see it' }).click();
    await editor.getByTestId('preview-banner').waitFor();
    await editor.getByRole('heading', { level: 1, name: headline }).waitFor();
    await editor.getByRole('heading', { name: 'Sailings' }).waitFor();
    await editor.getByRole('link', { name: 'timetable.pdf' }).waitFor();
    await session.shot(editor, 'editorial-1-02-preview');

    // Not public: a visitor at its address finds nothing.
    visitor = await session.newPage({ width: 390, height: 844 });
    await visitor.goto(`${session.origin}/publications/${slug}`);
    await visitor.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  });

  it('2. the editor schedules it; the list shows it under Scheduled', async () => {
    expect(slug, 'step 1 must pass first').not.toBe('');
    await editor.getByRole('link', { name: 'Back to the editor' }).click();
    await editor.getByLabel('Publish at (leave empty for now)').fill(inTwoDays());
    await editor.getByRole('button', { name: 'Publish', exact: true }).click();
    await editor.getByText(/^Scheduled for /).first().waitFor();

    await editor.goto(`${session.origin}/staff/publications`);
    await editor.getByLabel('Status').selectOption('SCHEDULED');
    await editor.getByRole('button', { name: 'Show' }).click();
    const item = editor.getByTestId('editorial-list').getByRole('listitem').filter({ hasText: headline });
    await item.getByText('Scheduled', { exact: true }).waitFor();
    await session.shot(editor, 'editorial-2-01-list-scheduled');
    await item.getByRole('link', { name: `Edit ${headline}` }).click();
    await editor.getByRole('heading', { level: 1, name: `Edit: ${headline}` }).waitFor();
  });

  it('3. the editor publishes it now, then unpublishes it: its address says withdrawn', async () => {
    await editor.getByRole('button', { name: 'Publish', exact: true }).click();
    await editor.getByText('Published.', { exact: true }).waitFor();
    await visitor.reload();
    await visitor.getByRole('heading', { level: 1, name: headline }).waitFor();

    await editor.getByLabel('Reason (kept in the history)').fill('The times change again next week.');
    await editor.getByRole('button', { name: 'Unpublish (back to draft)' }).click();
    await editor.getByText('Unpublished: it is a draft again.').waitFor();
    const history = editor.getByTestId('history');
    for (const step of ['Drafted', 'Edited', 'Scheduled', 'Published', 'Unpublished']) await history.getByText(step, { exact: true }).first().waitFor();
    await history.getByText('The times change again next week.').waitFor();
    await session.shot(editor, 'editorial-3-01-unpublished');

    await visitor.reload();
    await visitor.getByRole('heading', { level: 1, name: 'This publication has been withdrawn' }).waitFor();
    await session.shot(visitor, 'editorial-3-02-withdrawn-address');
  });

  it('4. no page broke the Content-Security-Policy or reached beyond the gateway', () => {
    expect(session.cspViolations).toEqual([]);
    expect(session.offOrigin).toEqual([]);
  });
});
