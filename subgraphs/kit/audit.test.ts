import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDENTITY_HEADER } from '../../core/headers';
import { ANONYMOUS } from '../../core/identity';
import { startAuditProbe, type AuditProbe } from '../../test/audit-probe';
import { userId } from './demo';

/**
 * The kit's guarantee, on a subgraph of the test's own: for a staff caller, exactly one entry per
 * mutation field executed, whichever way the resolver ends; none for anyone else.
 */
let probe: AuditProbe;
beforeAll(async () => {
  probe = await startAuditProbe();
});
afterAll(() => probe?.stop());

const ADMIN = { email: 'admin@demo.gov', roles: ['ADMIN' as const] };
const entriesOf = async (requestId: string) => (await probe.outbox()).filter((e) => e.requestId === requestId);

describe('kit audit', () => {
  it('writes exactly one entry per staff mutation field, with its outcome and the target the domain names', async () => {
    const requestId = `kit-audit-${randomUUID()}`;
    const missing = randomUUID();
    const r = await probe.call(
      `mutation {
        a: add
        b: addThenFail
        c: refuse(id: "${missing}")
        d: invalid(id: "${missing}") { userErrors { code } }
        e: forget
        f: signIn
      }`,
      { ...ADMIN, requestId },
    );
    // addThenFail is non-null: its error ends the operation, and the fields after it never run.
    expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);

    const ok = await probe.call('mutation { add add2: add d: invalid(id: "x") { userErrors { code } } e: forget f: signIn }', { ...ADMIN, requestId: `${requestId}-2` });
    expect(ok.errors).toBeUndefined();

    const first = await entriesOf(requestId);
    expect(first.map((e) => [e.action, e.outcome, e.errorCode])).toEqual([
      ['add', 'OK', null],
      ['addThenFail', 'ERROR', 'FORBIDDEN'],
    ]);
    expect(first[0]).toMatchObject({ actorId: userId('admin@demo.gov'), target: expect.any(String) });
    // Its change and the entry it recorded were rolled back; the kit's entry names no record.
    expect(first[1].target).toBeNull();

    const second = await entriesOf(`${requestId}-2`);
    expect(second.map((e) => [e.action, e.outcome, e.errorCode])).toEqual([
      ['add', 'OK', null],
      ['add', 'OK', null],
      ['invalid', 'USER_ERRORS', 'INVALID_THING'],
      // Forgotten by the domain: the kit still writes it, after the change (and says so in the log).
      ['forget', 'OK', null],
    ]);
    expect(second[0].target).toBe(ok.data.add);
    expect(second[1].target).toBe(ok.data.add2);
    expect(second[2].target).toBe('x');
  });

  it('records a refusal once, naming the record it was about', async () => {
    const requestId = `kit-audit-${randomUUID()}`;
    const missing = randomUUID();
    const r = await probe.call(`mutation { refuse(id: "${missing}") }`, { email: 'officer.tax@demo.gov', roles: ['OFFICER'], requestId });
    expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(await entriesOf(requestId)).toEqual([
      expect.objectContaining({ action: 'refuse', outcome: 'ERROR', errorCode: 'NOT_FOUND', target: missing, actorId: userId('officer.tax@demo.gov') }),
    ]);
  });

  it('writes nothing for citizens, analysts and the anonymous', async () => {
    const requestId = `kit-audit-${randomUUID()}`;
    for (const as of [{ email: 'citizen@demo.gov', roles: ['CITIZEN' as const] }, { email: 'analyst@demo.gov', roles: ['ANALYST' as const] }, {}]) {
      const r = await probe.call('mutation { add invalid(id: "x") { userErrors { code } } }', { ...as, requestId });
      expect(r.errors).toBeUndefined();
    }
    expect(await entriesOf(requestId)).toEqual([]);
  });

  it('serves its outbox to the gateway only', async () => {
    const outbox = new URL('audit/outbox', probe.url);
    expect((await fetch(outbox)).status).toBe(401);
    // A token the gateway signed for this subgraph, but for a subgraph's call or a user's, is not the gateway.
    const notGateway = (body: string) => probe.issuer.sign({ ...ANONYMOUS, service: 'parks' }, probe.name, body);
    expect((await fetch(outbox, { headers: { [IDENTITY_HEADER]: await notGateway('') } })).status).toBe(401);
    const body = JSON.stringify({ seqs: [1] });
    const ack = await fetch(new URL('audit/outbox/ack', probe.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: await notGateway(body) },
      body,
    });
    expect(ack.status).toBe(401);
    // The gateway's token for another subgraph, or for another body, is refused too.
    const asGateway = (audience: string, signed: string) => probe.issuer.sign({ ...ANONYMOUS, service: 'gateway' }, audience, signed);
    expect((await fetch(outbox, { headers: { [IDENTITY_HEADER]: await asGateway('publications', '') } })).status).toBe(401);
    const forged = await fetch(new URL('audit/outbox/ack', probe.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: await asGateway(probe.name, JSON.stringify({ seqs: [] })) },
      body,
    });
    expect(forged.status).toBe(401);
    expect((await fetch(outbox, { headers: { [IDENTITY_HEADER]: await asGateway(probe.name, '') } })).status).toBe(200);
  });
});
