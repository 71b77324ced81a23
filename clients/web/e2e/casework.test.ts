import { BrowserSession, haveChromium, JOURNEY, warnIfNoChromium } from './browser';
import type { Page } from 'playwright-core';

/**
 * Casework in a real browser: a citizen applies with supporting documents (a missing required one
 * is named), the officer works from the case file (labelled answers, the attachment, no rejection
 * without a reason, a supplement request), the citizen answers with a new document.
 */
warnIfNoChromium('casework');

const pdf = (name: string) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.7\n% ${name}\n%%EOF\n`) });
const png = (name: string) => ({ name, mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 7, 7]) });

describe.skipIf(!haveChromium)('casework in a real browser', JOURNEY, () => {
  const session = new BrowserSession();
  let citizen: Page;
  let officer: Page;
  let tracking = '';

  beforeAll(() => session.start(), 180_000);
  afterAll(() => session.stop());

  it('1. the citizen applies with documents; a missing required one is named', async () => {
    citizen = await session.newPage();
    await citizen.goto(`${session.origin}/register`);
    await citizen.getByLabel('Your name').fill('CasEwork');
    await citizen.getByLabel('Email').fill(`cas.${Date.now()}@example.org`);
    await citizen.getByLabel('Password').fill('a-long-password-1');
    await citizen.getByRole('button', { name: 'Create account' }).click();
    await citizen.getByText('Signed in as CasEwork').waitFor();

    await citizen.goto(`${session.origin}/procedures/CIVIL-RESIDENCE-REG/apply`);
    await citizen.getByRole('heading', { level: 1, name: /Apply: Residence registration/ }).waitFor();
    await citizen.locator('#field-formData-applicant-birthDate').fill('1988-02-03');
    await citizen.getByLabel('Street and number').fill('7 Mill Lane');
    await citizen.getByLabel('Postal code').fill('10117');
    await citizen.getByLabel('City').fill('Springfield');
    await citizen.getByLabel('Date of moving in').fill('2026-11-02');
    await citizen.getByLabel('People moving in, including you').fill('3');
    await citizen.getByRole('group', { name: /Is this your main residence/ }).getByLabel('Yes').check();
    await citizen.getByLabel(/^Identity card or passport/).setInputFiles(pdf('passport.pdf'));
    await citizen.getByText('Attached: passport.pdf').waitFor();
    await citizen.getByRole('button', { name: 'Submit application' }).click();

    // The landlord's confirmation is required and missing: the graph's userError names it.
    await citizen.locator('.error-summary').getByText(/Landlord.s confirmation of moving in/).waitFor();
    await session.shot(citizen, 'casework-1-01-missing-document');

    await citizen.getByLabel(/^Landlord.s confirmation/).setInputFiles(png('landlord.png'));
    await citizen.getByText('Attached: landlord.png').waitFor();
    await citizen.getByRole('button', { name: 'Submit application' }).click();
    await citizen.getByRole('heading', { name: 'Your application has been received.' }).waitFor();
    tracking = (await citizen.getByTestId('tracking-number').textContent())!.trim();
    await session.shot(citizen, 'casework-1-02-submitted');
  });

  it('2. the officer opens the case file, cannot reject without a reason, and asks for a supplement', async () => {
    expect(tracking, 'step 1 must pass first').not.toBe('');
    officer = await session.newPage();
    await session.signIn(officer, 'officer.civil@demo.gov');
    await officer.getByRole('heading', { level: 1, name: 'Application queue' }).waitFor();
    await officer.getByLabel('Tracking number or applicant').fill(tracking);
    await officer.getByRole('button', { name: 'Apply filters' }).click();
    await officer.getByRole('link', { name: tracking, exact: true }).click();

    // The answers under the form's labels, not field names; the attachments against the checklist.
    const answers = officer.getByTestId('answers');
    await answers.getByText('Date of moving in', { exact: true }).waitFor();
    await answers.getByText('Applicant › Full name', { exact: true }).waitFor();
    expect(await answers.getByText('movedInOn').count()).toBe(0);
    await officer.getByTestId('documents').getByText('passport.pdf').waitFor();
    await officer.getByTestId('documents').getByText('landlord.png').waitFor();
    // Only what the state allows: no Approve while it waits to be accepted.
    expect(await officer.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await session.shot(officer, 'casework-2-01-case-file');

    // The attachment opens (a signed link, in a new tab).
    const [opened] = await Promise.all([
      officer.context().waitForEvent('response', (r) => /\/documents\/[0-9a-f-]+\?link=/.test(r.url())),
      officer.getByRole('button', { name: 'Open passport.pdf' }).click(),
    ]);
    expect(opened.status()).toBe(200);
    expect(opened.headers()['content-type']).toBe('application/pdf');

    // Reject without a reason: refused on the page, nothing sent; the status stays.
    await officer.getByRole('button', { name: 'Reject' }).click();
    await officer.getByRole('alert').getByText('Give a reason to reject.').waitFor();
    expect(await officer.getByTestId('application-status').textContent()).toBe('Submitted');
    // With a reason, a final decision still asks to be confirmed; cancelling changes nothing.
    await officer.getByLabel('Comment (shown to the citizen)').fill('Not our matter.');
    await officer.getByRole('button', { name: 'Reject' }).click();
    await officer.getByRole('alertdialog').getByText(/this is final/).waitFor();
    await session.shot(officer, 'casework-2-02-confirm-final');
    await officer.getByRole('button', { name: 'Cancel' }).click();
    expect(await officer.getByTestId('application-status').textContent()).toBe('Submitted');

    await officer.getByLabel('Comment (shown to the citizen)').fill('Please attach the signed tenancy agreement.');
    await officer.getByRole('button', { name: 'Request supplement' }).click();
    await officer.getByTestId('application-status').getByText('More information needed').waitFor();
    await session.shot(officer, 'casework-2-03-supplement-requested');
  });

  it('3. the citizen answers with a new document, which the officer sees', async () => {
    await citizen.goto(`${session.origin}/my/applications`);
    await citizen.getByRole('link', { name: tracking }).click();
    await citizen.getByText('Please attach the signed tenancy agreement.').waitFor();
    await citizen.getByLabel(/^Other document/).last().setInputFiles(pdf('tenancy.pdf'));
    await citizen.getByText('Attached: tenancy.pdf').waitFor();
    await citizen.getByRole('button', { name: 'Send', exact: true }).click();
    await citizen.getByTestId('application-status').getByText('Submitted', { exact: true }).waitFor();
    await citizen.getByTestId('documents').getByText('tenancy.pdf').waitFor();
    await session.shot(citizen, 'casework-3-01-supplemented');

    await officer.reload();
    const docs = officer.getByTestId('documents');
    await docs.getByText('tenancy.pdf').waitFor();
    await docs.getByText(/With a supplement/).waitFor();
    await session.shot(officer, 'casework-3-02-officer-sees-supplement');
  });

  it('4. no page broke the Content-Security-Policy or reached beyond the gateway', () => {
    expect(session.cspViolations).toEqual([]);
    expect(session.offOrigin).toEqual([]);
  });
});
