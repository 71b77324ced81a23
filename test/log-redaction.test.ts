import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { LICENCE } from '../subgraphs/applications/test-support';
import { sampleFormData } from '../subgraphs/applications/sample-form-data';
import { departmentId } from '../subgraphs/kit/demo';
import { DEMO_PASSWORD, eventually, gql, operation } from './graph';

/** Every string in a value (form data's leaves). */
const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : [];

describe('logs', () => {
  it('hold a line per request with its request and trace ids, and no email, password, token or form value', async () => {
    const requestIds: string[] = [];
    const traceIds: string[] = [];
    // Each request names its own request id and trace (W3C traceparent), to find its lines.
    const send = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const requestId = `log-test-${randomUUID()}`;
      const traceId = randomBytes(16).toString('hex');
      requestIds.push(requestId);
      traceIds.push(traceId);
      const r = await gql(query, variables, { token, headers: { 'x-request-id': requestId, traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` } });
      return r;
    };

    const emails = ['citizen@demo.gov', 'citizen2@demo.gov', 'officer.biz@demo.gov', 'editor.tax@demo.gov', 'analyst@demo.gov', 'admin@demo.gov'];
    const tokens: string[] = [];
    for (const email of emails) {
      const r = await send(operation('web/Login'), { email, password: DEMO_PASSWORD });
      tokens.push(r.data.login.token);
    }
    const newEmail = `log.test.${randomUUID().slice(0, 8)}@example.org`;
    const newPassword = `pw-${randomUUID()}`;
    const registered = await send(operation('web/Register'), { input: { email: newEmail, password: newPassword, displayName: 'Log Test' } });
    tokens.push(registered.data.register.token);
    // A refused sign-in (of this new account, so that no demo account's failures are counted up).
    const wrongPassword = `wrong-${randomUUID()}`;
    const refused = await send(operation('web/Login'), { email: newEmail, password: wrongPassword });
    expect(refused.data?.login?.token ?? null).toBeNull();

    const person = { fullName: `Quilla Marchbanks ${randomUUID().slice(0, 6)}`, email: `form.${randomUUID().slice(0, 8)}@example.org` };
    const formData = sampleFormData(LICENCE.applicationForm!, 1, person);
    const submitted = await send(
      operation('web/SubmitApplication'),
      { input: { procedureId: LICENCE.id, formData, idempotencyKey: randomUUID() } },
      tokens[0],
    );
    expect(submitted.data.submitApplication.userErrors).toEqual([]);
    // Form data the subgraph refuses: its values go into userErrors, never into a log line.
    const badForm = { ...formData, email: `not an email ${randomUUID().slice(0, 6)}` };
    await send(operation('web/SubmitApplication'), { input: { procedureId: LICENCE.id, formData: badForm, idempotencyKey: randomUUID() } }, tokens[0]);

    const feedbackBody = `The counter in hall ${randomUUID()} was closed all week.`;
    const feedback = await send(
      operation('web/SubmitFeedback'),
      { input: { kind: 'COMPLAINT', departmentId: departmentId('BIZ'), subject: 'Closed counter', body: feedbackBody, idempotencyKey: randomUUID() } },
      tokens[1],
    );
    expect(feedback.data.submitFeedback.userErrors).toEqual([]);

    // The gateway writes a request's line when its response is finished: wait for all of them.
    const lines = await eventually(async () => {
      const all = readFileSync(inject('logFile'), 'utf8').split('\n').filter(Boolean);
      const gatewayLines = all.map((l) => JSON.parse(l)).filter((l) => l.component === 'gateway' && l.msg === 'request');
      for (const [i, requestId] of requestIds.entries()) {
        expect(gatewayLines.filter((l) => l.requestId === requestId)).toEqual([expect.objectContaining({ traceId: traceIds[i], path: '/graphql', status: 200 })]);
      }
      return all;
    });
    // The subgraphs' lines (debug) carry the same ids: the trace continues into them.
    const feedbackLines = lines.map((l) => JSON.parse(l)).filter((l) => l.component === 'feedback' && l.requestId === requestIds.at(-1));
    expect(feedbackLines).toEqual([expect.objectContaining({ traceId: traceIds.at(-1), msg: 'request' })]);

    const secrets = [...emails, DEMO_PASSWORD, wrongPassword, newEmail, newPassword, ...tokens, ...strings(formData), ...strings(badForm), feedbackBody];
    const text = lines.join('\n');
    for (const secret of secrets.filter((s) => s.length >= 6)) expect(text.includes(secret), `a log line holds ${secret.slice(0, 12)}…`).toBe(false);
  });
});
