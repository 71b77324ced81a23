import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createClient as createWsClient } from 'graphql-ws';
import { MemoryEventBus } from '../../core/events';
import { departmentId } from '../../subgraphs/kit/demo';
import { LICENCE, act, submit } from '../../subgraphs/applications/test-support';
import { sampleFormData } from '../../subgraphs/applications/sample-form-data';
import { DEMO_CATALOGUE } from '../../subgraphs/kit/demo-catalogue';
import { startTestGateway } from '../../test/gateway';
import { eventually, gql, newCitizen, operation, tokenFor } from '../../test/graph';
import { event, sseSubscribe, wsSubscribe } from '../../test/subscribers';

/**
 * Subscriptions through a gateway of its own over real HTTP and WebSocket, fed by a bus the test
 * appends to as the subgraphs' relays do; every event names real entities, which the gateway
 * reads through the federated graph as each subscriber.
 */
const TAX_REFUND = DEMO_CATALOGUE.find((p) => p.code === 'TAX-REFUND')!;

describe('subscriptions through the gateway', () => {
  const bus = new MemoryEventBus();
  let gateway: Awaited<ReturnType<typeof startTestGateway>>;
  const seqs: Record<string, number> = {};
  const append = async (stream: string, topic: string, payload: Record<string, unknown>) => {
    const seq = (seqs[stream] = (seqs[stream] ?? 0) + 1);
    await bus.append(stream, [event(stream, seq, topic, payload)]);
    return `${stream}:${seq}`;
  };
  const applicationEvent = (a: { id: string; applicantId: string; departmentId?: string }, status = 'SUBMITTED') =>
    append('applications', 'application.updated', {
      applicationId: a.id, applicantId: a.applicantId, departmentId: a.departmentId ?? departmentId(LICENCE.departmentCode),
      procedureId: LICENCE.id, trackingNumber: 'T', status, previousStatus: null, action: 'SUBMIT',
    });
  let publications: { id: string; kind: string; department: { id: string } }[];
  // Subscribing after the last event there is: everything from then on arrives, whenever the
  // gateway takes up the subscription (the resume path; the tests never wait for it to be live).
  const after = (stream: string) => `${stream}:${seqs[stream] ?? 0}`;

  beforeAll(async () => {
    gateway = await startTestGateway({ events: bus, env: { SESSION_CHECK_SECONDS: '1' } });
    // Demo items, which no test withdraws: the newest ones are other files' own, which they
    // unpublish or archive at any moment, and a withdrawn item is no message to anyone.
    const fields = 'id kind department { id }';
    const r = await gql(`{
      news: publication(slug: "online-birth-registration-now-available-around-the-clock") { ${fields} }
      policy: publication(slug: "cycling-strategy-2030-adopted") { ${fields} }
    }`);
    publications = [r.data.news, r.data.policy];
    expect(publications.map((p) => p?.kind)).toEqual(['NEWS', 'POLICY']);
  });
  afterAll(() => gateway?.stop());
  beforeAll(async () => {
    // Streams begin at seq 1: one event in each, so `after(stream)` is always an id of the stream.
    for (const stream of ['publications', 'applications', 'feedback']) await append(stream, 'test.ignored', {});
  });

  const published = (p: { id: string; kind: string; department: { id: string } }) =>
    append('publications', 'publication.published', { publicationId: p.id, departmentId: p.department.id, kind: p.kind, topics: [], publishedAt: new Date().toISOString() });
  const PUBLISHED = 'subscription($filter: PublicationFilter) { publicationPublished(filter: $filter) { id kind title } }';

  it('tells anyone of publications as they are published, narrowed by the filter (SSE)', async () => {
    const news = publications.find((p) => p.kind === 'NEWS')!;
    const other = publications.find((p) => p.kind !== 'NEWS')!;
    const sub = sseSubscribe(gateway.origin, { query: PUBLISHED, variables: { filter: { kinds: ['NEWS'] } } }, { lastEventId: after('publications') });
    const firstId = await published(news);
    const first = await sub.inbox.next();
    expect(first.data.publicationPublished).toMatchObject({ id: news.id, kind: 'NEWS' });
    // Fragments and an alias, with another operation in the document: the answer has their shape.
    const shaped = sseSubscribe(gateway.origin, {
      query: 'query Other { publications(first: 1) { ...Card } } subscription Live { fresh: publicationPublished { ...Head } } fragment Head on Publication { id title } fragment Card on PublicationConnection { totalCount }',
      operationName: 'Live',
    }, { lastEventId: after('publications') });
    const shapedId = await published(news);
    expect(await shaped.inbox.next()).toMatchObject({ data: { fresh: { id: news.id } }, extensions: { eventId: shapedId } });
    shaped.close();
    expect((await sub.inbox.next()).extensions.eventId).toBe(shapedId);
    expect(first.extensions.eventId).toBe(firstId);
    await published(other);
    const id = await published(news);
    // The other kind was not sent: the next message is the second NEWS event.
    expect((await sub.inbox.next()).extensions.eventId).toBe(id);
    sub.close();
  });

  it('gives each message an SSE id line and resumes after Last-Event-ID with no gap or duplicate', async () => {
    const news = publications.find((p) => p.kind === 'NEWS')!;
    const before = await published(news);
    const missed = [await published(news), await published(news), await published(news)];
    const res = await fetch(`${gateway.origin}/graphql/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'last-event-id': before },
      body: JSON.stringify({ query: PUBLISHED }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBeTruthy();
    const reader = res.body!.getReader();
    let text = '';
    const live = await published(news);
    const want = [...missed, live];
    while (want.filter((id) => text.includes(`id: ${id}\n`)).length < want.length) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended: ${text}`);
      text += Buffer.from(value).toString();
    }
    await reader.cancel();
    const ids = [...text.matchAll(/^id: (.+)$/gm)].map((m) => m[1]);
    expect(ids).toEqual(want);
    expect(text).toContain('event: next\ndata: {"data":{"publicationPublished":{');
  });

  it('says EVENTS_MISSED when the last event id is older than the window', async () => {
    const small = new MemoryEventBus(2);
    const g = await startTestGateway({ events: small });
    try {
      const news = publications.find((p) => p.kind === 'NEWS')!;
      const payload = { publicationId: news.id, departmentId: news.department.id, kind: 'NEWS', topics: [], publishedAt: new Date().toISOString() };
      await small.append('publications', [1, 2, 3, 4].map((seq) => event('publications', seq, 'publication.published', payload)));
      const sub = sseSubscribe(g.origin, { query: PUBLISHED }, { lastEventId: 'publications:1' });
      const first = await sub.inbox.next();
      expect(first.errors[0].extensions.code).toBe('EVENTS_MISSED');
      await small.append('publications', [event('publications', 5, 'publication.published', payload)]);
      expect((await sub.inbox.next()).extensions.eventId).toBe('publications:5');
      // Within the window: what was missed, then live.
      const resumed = wsSubscribe(g.origin, { query: PUBLISHED, extensions: { lastEventId: 'publications:3' } });
      expect((await resumed.inbox.next()).extensions.eventId).toBe('publications:4');
      expect((await resumed.inbox.next()).extensions.eventId).toBe('publications:5');
      sub.close();
    } finally {
      await g.stop();
    }
  });

  it('sends a citizen their own applications only, read as them (graphql-ws)', async () => {
    const [alice, bob] = await Promise.all([newCitizen('alice'), newCitizen('bob')]);
    const [a, b] = await Promise.all([submit(alice.token), submit(bob.token)]);
    const query = 'subscription { myApplicationUpdated { id status applicant { id } } }';
    const extensions = { lastEventId: after('applications') };
    const aliceSub = wsSubscribe(gateway.origin, { query, extensions }, { token: alice.token });
    const bobSub = wsSubscribe(gateway.origin, { query, extensions }, { token: bob.token });
    await applicationEvent({ id: a.application.id, applicantId: alice.id });
    // An event claiming Bob applied for Alice's application: Bob's read of it is NOT_FOUND, nothing is sent.
    await applicationEvent({ id: a.application.id, applicantId: bob.id });
    const bobsId = await applicationEvent({ id: b.application.id, applicantId: bob.id });
    const first = await aliceSub.inbox.next();
    expect(first.data.myApplicationUpdated).toMatchObject({ id: a.application.id, applicant: { id: alice.id } });
    // Bob's first message is his own application's event: he got neither of Alice's.
    const bobs = await bobSub.inbox.next();
    expect(bobs).toMatchObject({ data: { myApplicationUpdated: { id: b.application.id } }, extensions: { eventId: bobsId } });
    // And Alice none of Bob's: her next is her own again.
    const again = await applicationEvent({ id: a.application.id, applicantId: alice.id });
    expect((await aliceSub.inbox.next()).extensions.eventId).toBe(again);
    aliceSub.close();
    bobSub.close();
  });

  it('refuses what it does not serve, with stable codes', async () => {
    const refusal = async (body: object, token?: string) => {
      const res = await fetch(`${gateway.origin}/graphql/stream`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
      return `${res.status} ${((await res.json()) as any).errors[0].extensions.code}`;
    };
    expect(await refusal({ query: '{ publications(first: 1) { totalCount } }' })).toBe('400 SUBSCRIPTIONS_ONLY');
    // And a subscription sent as a plain request is a client error, not the gateway's 500.
    const plain = await gql('subscription { publicationPublished { id } }');
    expect(`${plain.status} ${plain.errors?.[0].extensions?.code}`).toBe('400 SUBSCRIPTION_TRANSPORT');
    expect(await refusal({ query: 'subscription { myApplicationUpdated { id } }' })).toBe('401 UNAUTHENTICATED');
    expect(await refusal({ query: 'subscription { departmentApplicationsChanged { id } }' }, await tokenFor('citizen@demo.gov'))).toBe('403 FORBIDDEN');
    expect(await refusal({ query: 'subscription { myApplicationUpdated { id } }' }, 'not-a-token')).toBe('401 UNAUTHENTICATED');
    const nested = (depth: number): string => (depth === 0 ? 'id' : `department { publications(first: 100) { edges { node { ${nested(depth - 1)} } } } }`);
    const deep = `subscription { publicationPublished { ${nested(4)} } }`;
    expect(await refusal({ query: deep })).toMatch(/^400 (DEPTH_LIMIT|COST_LIMIT)$/);
  });

  it('caps the subscriptions of a user and of a connection', async () => {
    const g = await startTestGateway({ events: bus, realtime: { perUser: 2, perConnection: 1 } });
    try {
      const citizen = await newCitizen('caps');
      const query = 'subscription { myApplicationUpdated { id } }';
      // An answer's headers mean the gateway holds the subscription.
      const subscribe = () =>
        fetch(`${g.origin}/graphql/stream`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${citizen.token}` },
          body: JSON.stringify({ query }),
        });
      const open = [await subscribe(), await subscribe()];
      expect(open.map((r) => r.status)).toEqual([200, 200]);
      const third = await subscribe();
      expect(`${third.status} ${((await third.json()) as any).errors[0].extensions.code}`).toBe('429 SUBSCRIPTION_LIMIT');
      await open[0]!.body!.cancel();
      // Once one is closed, there is room again.
      await eventually(async () => {
        const again = await subscribe();
        await again.body?.cancel();
        expect(again.status).toBe(200);
      });
      await open[1]!.body!.cancel();
      // graphql-ws: one per connection.
      const ws = wsSubscribe(g.origin, { query: PUBLISHED });
      const second = await new Promise<any>((resolve) => ws.client.subscribe({ query: PUBLISHED }, { next: () => {}, error: resolve, complete: () => resolve(null) }));
      expect(second[0].extensions.code).toBe('SUBSCRIPTION_LIMIT');
      ws.close();
    } finally {
      await g.stop();
    }
  });

  it('counts graphql-ws connections per client address as every request does: X-Forwarded-For only from TRUST_PROXY', async () => {
    /**
     * A graphql-ws client whose connection says it forwards for `address`, subscribed from the
     * stream's end: `outcome` is `held` once it receives the next publication, else the refusal's code.
     */
    const from = (origin: string, address: string) => {
      class Forwarded extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers: { 'x-forwarded-for': address } });
        }
      }
      const client = createWsClient({ url: `${origin.replace(/^http/, 'ws')}/graphql`, webSocketImpl: Forwarded, retryAttempts: 0, lazy: true });
      const outcome = new Promise<string>((resolve) => {
        // A refusal comes as the subscription's one result with errors (or as an error), then its end.
        const refused = (errors: any) => resolve(errors?.[0]?.extensions?.code ?? String(errors?.code ?? errors));
        client.subscribe(
          { query: PUBLISHED, extensions: { lastEventId: after('publications') } },
          { next: (r: any) => (r.errors ? refused(r.errors) : resolve('held')), error: refused, complete: () => resolve('complete') },
        );
      });
      return { outcome, close: () => void client.dispose() };
    };
    for (const [trust, expected] of [[undefined, ['held', 'SUBSCRIPTION_LIMIT', 'SUBSCRIPTION_LIMIT']], ['1', ['held', 'held', 'SUBSCRIPTION_LIMIT']]] as const) {
      const g = await startTestGateway({ events: bus, realtime: { perAddress: 1 }, env: trust ? { TRUST_PROXY: trust } : {} });
      const open: { close: () => void }[] = [];
      try {
        // One after another (which of two on an address comes first decides which is refused), each
        // followed by a publication: a subscription held gets it, a refused one was told at once.
        const outcomes: string[] = [];
        for (const address of ['203.0.113.1', '203.0.113.2', '203.0.113.1']) {
          const client = from(g.origin, address);
          open.push(client);
          await published(publications[0]!);
          outcomes.push(await client.outcome);
        }
        expect(outcomes).toEqual(expected);
      } finally {
        for (const c of open) c.close();
        await g.stop();
      }
    }
  });

  it('bounds what waits for a subscriber: a burst is read again from the bus, nothing lost, in order', async () => {
    const burst = new MemoryEventBus();
    const g = await startTestGateway({ events: burst, realtime: { maxPending: 5 } });
    try {
      const news = publications.find((p) => p.kind === 'NEWS')!;
      const payload = { publicationId: news.id, departmentId: news.department.id, kind: 'NEWS', topics: [], publishedAt: new Date().toISOString() };
      await burst.append('publications', [event('publications', 1, 'publication.published', payload)]);
      const sub = wsSubscribe(g.origin, { query: PUBLISHED, extensions: { lastEventId: 'publications:1' } });
      await burst.append('publications', [event('publications', 2, 'publication.published', payload)]);
      expect((await sub.inbox.next()).extensions.eventId).toBe('publications:2');
      // Live, then fifty at once, ten times the bound: the waiting ones are let go and read again.
      await burst.append('publications', Array.from({ length: 50 }, (_, n) => event('publications', n + 3, 'publication.published', payload)));
      for (let seq = 3; seq <= 52; seq++) expect((await sub.inbox.next()).extensions.eventId).toBe(`publications:${seq}`);
      await burst.append('publications', [event('publications', 53, 'publication.published', payload)]);
      expect((await sub.inbox.next()).extensions.eventId).toBe('publications:53');
      sub.close();
    } finally {
      await g.stop();
    }
  });

  it('sends officers their department’s applications, and stops when the officer is demoted', async () => {
    const admin = await tokenFor('admin@demo.gov');
    const email = `rt.officer.${randomUUID().slice(0, 8)}@staff.example.gov`;
    const created = await gql(operation('analyst/CreateStaffAccount'), { input: { email, password: 'a-staff-password-1', displayName: 'Live Officer', role: 'OFFICER', departmentId: departmentId(LICENCE.departmentCode) } }, { token: admin });
    const officer = (await gql(operation('web/Login'), { email, password: 'a-staff-password-1' })).data.login.token as string;
    const other = await tokenFor('officer.tax@demo.gov');
    const citizen = await newCitizen('queue');
    const a = await submit(citizen.token);
    const query = 'subscription { departmentApplicationsChanged { id status procedure { id } } }';
    const tax = await submit(citizen.token, { procedureId: TAX_REFUND.id, formData: sampleFormData(TAX_REFUND.applicationForm!, 1, { fullName: 'Test Applicant', email: 'someone@example.org' }) });
    const mine = sseSubscribe(gateway.origin, { query }, { token: officer, lastEventId: after('applications') });
    const theirs = sseSubscribe(gateway.origin, { query }, { token: other, lastEventId: after('applications') });
    const bizId = await applicationEvent({ id: a.application.id, applicantId: citizen.id });
    // An event that claims the business application is the tax department's: the tax officer's read is NOT_FOUND.
    await applicationEvent({ id: a.application.id, applicantId: citizen.id, departmentId: departmentId('TAX') });
    const taxId = await applicationEvent({ id: tax.application.id, applicantId: citizen.id, departmentId: departmentId('TAX') });
    expect(await mine.inbox.next()).toMatchObject({ data: { departmentApplicationsChanged: { id: a.application.id, procedure: { id: LICENCE.id } } }, extensions: { eventId: bizId } });
    expect(await theirs.inbox.next()).toMatchObject({ data: { departmentApplicationsChanged: { id: tax.application.id } }, extensions: { eventId: taxId } });
    // A real decision, then the officer demoted: an event soon ends their subscription (the
    // gateway trusts identity's word on a session for SESSION_CHECK_SECONDS, here 1 s).
    const accepted = await act(await tokenFor(`officer.${LICENCE.departmentCode.toLowerCase()}@demo.gov`), a.application.id, 'ACCEPT', a.application.version);
    expect(accepted.userErrors).toEqual([]);
    await gql(operation('analyst/ChangeStaffAccount'), { input: { userId: created.data.createStaffAccount.user.id, role: 'CITIZEN' } }, { token: admin });
    const until = Date.now() + 15_000;
    let last: any;
    do {
      await applicationEvent({ id: a.application.id, applicantId: citizen.id }, 'ACCEPTED');
      last = await mine.inbox.next();
    } while (!last.errors && !last.transportError && Date.now() < until);
    expect(last.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await mine.ended;
    mine.close();
    theirs.close();
  });
});

