import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DELEGATION_HEADER, IDENTITY_HEADER } from '../../core/headers';
import { bodyDigest, CLOCK_TOLERANCE_S, IdentityVerifier } from '../../core/identity-tokens';
import { adminCall, startRegistryWorld, type RegistryWorld } from '../../registry/test-support';
import { READS as APPLICATIONS_READS } from '../../subgraphs/applications/procedures-client';
import { LICENCE, submit } from '../../subgraphs/applications/test-support';
import { post } from '../gateway';
import { eventually, gql, newCitizen, operation, settled, tokenFor } from '../graph';
import { PARKS_SDL, startHostileSubgraph, type Captured, type HostileSubgraph } from './hostile-subgraph';
import { asAnonymous, asCredential, claimsOf, expectRefused, forgeries, inBatches, outcome, resendable, send, tokenOf, type Answer } from './replay';

/**
 * Issue #15's proof: a department's subgraph, published through the registry like any other,
 * records everything the gateway sends it and tries to use it. Whatever it replays, wherever,
 * before or after the tokens expire, it is refused and nothing changes.
 */
let world: RegistryWorld;
let hostile: HostileSubgraph;
let gateway: RegistryWorld['gateways'][number];
let admin: string;
let officer: string;
let citizen: Awaited<ReturnType<typeof newCitizen>>;
let application: { id: string; trackingNumber: string };
/** Everything the hostile subgraph was sent while the test drove requests through it. */
const captured: Captured[] = [];
/** Every answer a replay got, searched at the end for anything it should not hold. */
const answers: Answer[] = [];

beforeAll(async () => {
  // The test's own citizen and application: other test files share the platform's demo data.
  const people = async () => {
    [admin, officer, citizen] = await Promise.all([tokenFor('admin@demo.gov'), tokenFor('officer.biz@demo.gov'), newCitizen('hostile')]);
    ({ application } = await submit(citizen.token));
  };
  [world, hostile] = await Promise.all([startRegistryWorld(1), startHostileSubgraph(), people()]);
  gateway = world.gateways[0];
  // Published the way a department publishes: with the credential an admin issued for its name.
  const issued = await adminCall(gateway.origin, 'POST', '/admin/subgraphs/parks/credentials', admin);
  // Said here, not as a 401 of the publication below: why the admin could not issue it.
  expect(issued.status, JSON.stringify(issued.body)).toBe(201);
  const { credential } = issued.body;
  const published = await adminCall(gateway.origin, 'POST', '/admin/subgraphs', credential, { name: 'parks', url: hostile.url, schema: PARKS_SDL });
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  await eventually(async () => expect((await post(gateway.url, { query: '{ departments { parkCount } }' })).body.errors).toBeUndefined());
});
afterAll(async () => {
  await world?.stop();
  await hostile?.stop();
});

/** Requests of each role whose selections reach the parks subgraph. */
const reads = () => [
  [admin, '{ parks { id name } departments { id code parkCount } }'],
  [officer, '{ me { id department { id parkCount } } }'],
  [citizen.token, '{ me { applications(first: 5) { edges { node { id status procedure { department { id parkCount } } } } } } }'],
];
const ACCEPT = () =>
  `mutation { transitionApplication(input: { id: "${application.id}", action: ACCEPT, expectedVersion: 1 }) { application { id status procedure { department { parkCount } } } userErrors { code } } }`;

/** One request through the world's gateway; what the hostile subgraph was sent for it. */
async function drive(token: string, query: string): Promise<Captured[]> {
  const from = hostile.captured.length;
  const r = await post(gateway.url, { query }, { authorization: `Bearer ${token}` });
  expect(r.body.errors, query).toBeUndefined();
  expect(JSON.stringify(r.body.data)).toContain('"parkCount":3');
  const got = hostile.captured.slice(from).filter((c) => c.method === 'POST');
  captured.push(...got);
  return got;
}

const AUDIT_LOG = '{ auditLog(first: 50) { totalCount edges { node { id action target actorRoles actor { email } } } } }';
/** A read the platform grants applications on the internal path: granted by subgraph, not by token. */
const GRANTED = JSON.stringify({ query: APPLICATIONS_READS[0], variables: { id: LICENCE.id } });
/** The body the token came with, and those a thief would rather run. */
const bodies = (c: Captured) => [
  c.body,
  GRANTED,
  ...[
    AUDIT_LOG,
    '{ me { id email roles applications { totalCount } } }',
    `mutation { withdrawApplication(id: "${application.id}", expectedVersion: 2) { application { id status } userErrors { code } } }`,
    `mutation { transitionApplication(input: { id: "${application.id}", action: APPROVE, expectedVersion: 2 }) { application { id status } userErrors { code } } }`,
  ].map((query) => JSON.stringify({ query })),
];

/**
 * Until then every verifier would still take each token of `batch` on its time (its `exp` plus
 * the clock skew they allow): a replay answered after it would test expiry instead.
 */
const freshUntil = (batch: Captured[]) => (Math.min(...batch.map((c) => claimsOf(c).exp)) + CLOCK_TOLERANCE_S) * 1000;

/** Each capture, all its headers, every body, at every built-in subgraph's own port. */
async function replayAtSubgraphs(batch: Captured[]) {
  const ports = Object.values(inject('subgraphUrls'));
  const got = await inBatches(batch.flatMap((c) => bodies(c).flatMap((body) => ports.map((port) => () => send(port, resendable(c.headers), body)))));
  answers.push(...got);
  for (const a of got) expectRefused(a, 401, 'UNAUTHENTICATED');
}

/** The world's gateway (it issued the tokens) and the platform's (same keys, real grants). */
const gateways = () => [
  { public: gateway.url, internal: gateway.internalUrl, service: gateway.internalUrl.replace(/graphql$/, 'service/graphql') },
  { public: inject('gatewayUrl'), internal: inject('internalUrl'), service: inject('serviceUrl') },
];

/**
 * Each capture's token, with every body, as every kind of credential at both gateways' public
 * port, internal `/graphql` and `/service/graphql`, and at the registry. A token is never a
 * sign-in (401); in any other header the answer is the anonymous public's. `delegated`: what
 * `/service/graphql` answers the parks subgraph's own genuine token.
 */
async function replayAtGateways(batch: Captured[], delegated: [number, string]) {
  const jobs = gateways().flatMap((g) =>
    batch.flatMap((c) =>
      bodies(c).flatMap((body) =>
        asCredential(tokenOf(c)).flatMap(([how, headers]) =>
          [g.public, g.internal, g.service].map((to) => async () => {
            const a = await send(to, headers, body);
            answers.push(a);
            if (how === 'bearer') return expectRefused(a, 401, 'UNAUTHENTICATED');
            if (to === g.service) return expectRefused(a, ...delegated);
            expect(outcome(a), `${how} at ${to}`).toEqual(outcome(await asAnonymous(to, body)));
          }),
        ),
      ),
    ),
  );
  await inBatches(jobs);
  for (const c of batch) {
    const bearer = { authorization: `Bearer ${tokenOf(c)}` };
    const list = await send(`${gateway.origin}/admin/subgraphs`, bearer, '', 'GET');
    const takeOver = await send(`${gateway.origin}/admin/subgraphs`, bearer, JSON.stringify({ name: 'identity', url: hostile.url, schema: PARKS_SDL }));
    for (const a of [list, takeOver]) expect([a.status, a.body.error?.code]).toEqual([401, 'UNAUTHENTICATED']);
  }
}

/** What the department's subgraph would check if it ran the kit: its own audience. */
const parks = new IdentityVerifier({ audience: 'parks', keys: inject('jwksUrl') });

/** What a replay could have changed: the application and the registry (its audit entries: auditEntries). */
async function state() {
  const detail = await gql(operation('web/ApplicationDetail'), { id: application.id }, { token: citizen.token });
  return { application: detail.data.application, registry: await world.registry.latestVersion() };
}

/**
 * The application's transition entries in the merged audit log, by target: other files'
 * transitions meanwhile (case-file.test.ts alone makes a hundred) would push them out of the
 * newest hundred of the action.
 */
async function auditEntries() {
  const audit = await gql(
    'query($target: String) { auditLog(filter: { action: "transitionApplication", target: $target }, first: 100) { edges { node { action target outcome actorRoles } } } }',
    { target: application.id },
    { token: admin },
  );
  return audit.data.auditLog.edges.map((e: { node: { target: string } }) => e.node);
}
let before: Awaited<ReturnType<typeof state>>;

describe('a hostile department subgraph', () => {
  let fromMutation: Captured[];

  it('is sent each caller\'s identity for its own audience only, never a sign-in token', async () => {
    for (const [token, query] of reads()) await drive(token, query);
    fromMutation = await drive(officer, ACCEPT());
    expect(fromMutation.length).toBeGreaterThan(0);

    const claims = captured.map(claimsOf);
    expect(new Set(claims.map((c) => c.aud))).toEqual(new Set(['parks']));
    expect(new Set(claims.flatMap((c) => c.roles))).toEqual(new Set(['ADMIN', 'OFFICER', 'CITIZEN']));
    expect(claims.map((c) => c.sub)).toContain(citizen.id);
    // The caller's address is personal data a third party does not need: only platform subgraphs hear it.
    for (const c of claims) expect(c.ip ?? null).toBeNull();
    for (const c of captured) expect(Object.keys(c.headers)).not.toContain('authorization');
    const everything = JSON.stringify(captured);
    for (const signIn of [admin, officer, citizen.token]) expect(everything).not.toContain(signIn.split('.')[2]);
    // Its audit entry reaches the merged log through the gateway's relay (gateway/audit-relay.ts), a
    // moment later: the last test waits for it, so that waiting here does not age the decision's tokens.
    before = await state();
    expect(before.application).toMatchObject({ status: 'ACCEPTED', version: 2 });
  });

  it('cannot replay them at any built-in subgraph, nor use them as a credential at the gateway, while they are fresh', async () => {
    // One batch per request, replayed as soon as it is captured: the officer's decision first, then
    // each role's read made again, so no token expires while it is being tried.
    // A read is made again when its replays outlasted its tokens (a busy machine): then a refusal
    // might have been for expiry. The decision cannot be made again; it is replayed first.
    const batches = [{ next: async () => fromMutation, again: 0 }, ...reads().map(([token, query]) => ({ next: () => drive(token, query), again: 2 }))];
    for (const { next, again } of batches) {
      for (let attempt = 0; ; attempt++) {
        const batch = await next();
        await Promise.all([
          replayAtSubgraphs(batch),
          // The parks subgraph's own token is a genuine delegation, for what is granted to parks: nothing.
          replayAtGateways(batch, [403, 'FORBIDDEN']),
        ]);
        if (Date.now() < freshUntil(batch) || attempt === again) {
          expect(Date.now()).toBeLessThan(freshUntil(batch));
          break;
        }
      }
    }
  });

  it('cannot forge one from them: altered claims, no signature, or a key of its own', async () => {
    const c = captured.find((x) => claimsOf(x).roles.includes('ADMIN'))!;
    for (const [aud, body] of [['identity', JSON.stringify({ query: AUDIT_LOG })], ['applications', GRANTED]]) {
      // A thief writes whatever claims it likes, a fresh lifetime included.
      const iat = Math.floor(Date.now() / 1000);
      const claims = { aud, bh: bodyDigest(body), jti: randomUUID(), roles: ['ADMIN'], iat, exp: iat + 10 };
      for (const forged of await forgeries(tokenOf(c), claims, inject('jwksUrl'))) {
        const tries = [
          await send(inject('subgraphUrls')[aud], { [IDENTITY_HEADER]: forged }, body),
          await send(inject('serviceUrl'), { [DELEGATION_HEADER]: forged }, body),
          await send(gateway.url, { authorization: `Bearer ${forged}` }, body),
        ];
        answers.push(...tries);
        for (const a of tries) expectRefused(a, 401, 'UNAUTHENTICATED');
      }
    }
  });

  it('would not get one accepted twice, or with another body, even at its own audience', async () => {
    const c = captured[captured.length - 1];
    await expect(parks.verify(tokenOf(c), JSON.stringify({ query: AUDIT_LOG }))).rejects.toThrow(/another request body/);
    await expect(parks.verify(tokenOf(c), c.body)).resolves.toMatchObject({ userId: claimsOf(c).sub });
    await expect(parks.verify(tokenOf(c), c.body)).rejects.toThrow(/already used/);
  });

  it('is refused the same everywhere once they have expired', async () => {
    // Tokens live 10 s; subgraphs and the gateway allow 2 s of clock skew.
    const expired = (Math.max(...captured.map((c) => claimsOf(c).exp)) + CLOCK_TOLERANCE_S) * 1000 + 500;
    await new Promise((r) => setTimeout(r, expired - Date.now()));
    await replayAtSubgraphs(captured);
    await replayAtGateways(captured, [401, 'UNAUTHENTICATED']);
    const [unused] = captured;
    await expect(parks.verify(tokenOf(unused), unused.body)).rejects.toThrow(/"exp"|timestamp/);
  });

  it('changed nothing: the application, its audit entries and the registry are as the real requests left them', async () => {
    // The decision's entry reaches the merged log through the gateway's relay, a moment after it.
    const audit = await settled(auditEntries, (entries) => entries.length > 0);
    expect(audit).toEqual([{ action: 'transitionApplication', target: application.id, outcome: 'OK', actorRoles: ['OFFICER'] }]);
    expect(await state()).toEqual(before);
    for (const a of answers) {
      expect(a.status, a.to).toBeLessThan(500);
      const text = JSON.stringify(a.body);
      for (const secret of [citizen.email, application.trackingNumber, '"actorRoles"', '"auditLog":{']) expect(text, a.to).not.toContain(secret);
    }
  });
});
