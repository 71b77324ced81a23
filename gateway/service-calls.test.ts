import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { DELEGATION_HEADER, IDENTITY_HEADER } from '../core/headers';
import { ANONYMOUS, type Identity } from '../core/identity';
import { newCitizen } from '../test/graph';
import { licenceDocuments, submit } from '../subgraphs/applications/test-support';
import { IdentityIssuer } from '../core/identity-tokens';
import { post, startTestGateway } from '../test/gateway';
import { SERVICE_PATH } from './internal-listener';
import { ServiceGrants } from './service-calls';
import { READS as FEEDBACK_READS } from '../subgraphs/feedback/submit';
import { departmentId } from '../subgraphs/kit/demo';

/** A token the gateway gave a subgraph for some request it is serving (the tests hold the platform's keys). */
const tokenFor = async (subgraph: string, body = '{}', caller: Partial<Identity> = {}) =>
  (await IdentityIssuer.fromKeys(inject('secrets').identityKeys)).sign({ ...ANONYMOUS, requestId: 'r-test', ...caller }, subgraph, body);

const DEPARTMENT_CODE = 'query FeedbackDepartmentCode($id: ID!) { department(id: $id) { code } }';

describe('subgraphs reading each other’s data on the internal path', () => {
  it('runs a granted document as the public, for the subgraph whose live token is presented', async () => {
    expect(FEEDBACK_READS).toContain(DEPARTMENT_CODE);
    const r = await post(inject('serviceUrl'), { query: DEPARTMENT_CODE, variables: { id: departmentId('TAX') } }, { [DELEGATION_HEADER]: await tokenFor('feedback') });
    expect(r.status).toBe(200);
    expect(r.body.data.department.code).toBe('TAX');
  });

  it('refuses documents not granted to that subgraph, a subgraph with no grants, and no or a forged token', async () => {
    const auditLog = { query: '{ auditLog { edges { node { action } } } }' };
    const notGranted = await post(inject('serviceUrl'), auditLog, { [DELEGATION_HEADER]: await tokenFor('feedback') });
    expect(notGranted.status).toBe(403);
    expect(notGranted.body.data).toBeUndefined();
    // A department's subgraph is granted nothing unless the platform says so.
    const parks = await post(inject('serviceUrl'), { query: DEPARTMENT_CODE, variables: { id: departmentId('TAX') } }, { [DELEGATION_HEADER]: await tokenFor('parks') });
    expect(parks.status).toBe(403);
    expect((await post(inject('serviceUrl'), auditLog)).status).toBe(401);
    expect((await post(inject('serviceUrl'), auditLog, { [DELEGATION_HEADER]: 'not.a.token' })).status).toBe(401);
  });

  it('runs a read granted asCaller as the user of the request being served, so the owner decides (feedback: the sender’s application)', async () => {
    const OWN_APPLICATION = 'query FeedbackOwnApplication($id: ID!) { application(id: $id) { id } }';
    const owner = await newCitizen('svc-owner');
    const other = await newCitizen('svc-other');
    const { application } = await submit(owner.token, { documents: await licenceDocuments(owner.token) });
    const ask = async (subgraph: string, who: { id: string }, query = OWN_APPLICATION) =>
      post(inject('serviceUrl'), { query, variables: { id: application.id } }, {
        [DELEGATION_HEADER]: await tokenFor(subgraph, '{}', { userId: who.id, roles: ['CITIZEN'] }),
      });
    const mine = await ask('feedback', owner);
    expect(mine.status).toBe(200);
    expect(mine.body.data.application).toEqual({ id: application.id });
    // Someone else's: the applications subgraph answers as it does for an id that does not exist.
    const theirs = await ask('feedback', other);
    expect(theirs.body.data.application).toBeNull();
    expect(theirs.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['NOT_FOUND']);
    // Granted to feedback only; and a public grant never runs as the caller.
    expect((await ask('publications', owner)).status).toBe(403);
    const asPublic = await ask('feedback', owner, DEPARTMENT_CODE);
    expect(asPublic.status).toBe(200);
  });

  it('is rate limited per subgraph: past its limit a subgraph gets 429 with Retry-After, another subgraph still gets through', async () => {
    const gateway = await startTestGateway({
      env: { RATE_LIMIT_SERVICE_PER_MINUTE: '2' },
      serviceGrants: new ServiceGrants({ feedback: FEEDBACK_READS, applications: [DEPARTMENT_CODE.replace('Feedback', 'Applications')] }),
    });
    try {
      const url = new URL(SERVICE_PATH, gateway.internalUrl).toString();
      const ask = async (subgraph: string, query: string) =>
        post(url, { query, variables: { id: departmentId('TAX') } }, { [DELEGATION_HEADER]: await tokenFor(subgraph) });
      expect((await ask('feedback', DEPARTMENT_CODE)).status).toBe(200);
      expect((await ask('feedback', DEPARTMENT_CODE)).status).toBe(200);
      const limited = await ask('feedback', DEPARTMENT_CODE);
      expect(limited.status).toBe(429);
      expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(limited.body.errors[0].extensions.code).toBe('RATE_LIMITED');
      expect((await ask('applications', DEPARTMENT_CODE.replace('Feedback', 'Applications'))).status).toBe(200);
    } finally {
      await gateway.stop();
    }
  });

  it('is not reachable on the public port, where internal headers are ignored', async () => {
    const query = { query: '{ me { id } }' };
    const r = await post(inject('gatewayUrl'), query, { [DELEGATION_HEADER]: await tokenFor('feedback'), [IDENTITY_HEADER]: await tokenFor('identity', JSON.stringify(query)) });
    expect(r.body.data.me).toBeNull();
    expect((await fetch(new URL('/service/graphql', inject('gatewayUrl')), { method: 'POST' })).status).not.toBe(200);
  });
});

describe('a subgraph’s own port', () => {
  it('answers only a token signed for it and for that very body, once (401 otherwise)', async () => {
    const url = inject('subgraphUrls').identity;
    const body = JSON.stringify({ query: '{ departments { code } }' });
    const send = (headers: Record<string, string>, b = body) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: b });
    const token = await tokenFor('identity', body);
    expect((await send({ [IDENTITY_HEADER]: token })).status).toBe(200);
    expect((await send({ [IDENTITY_HEADER]: token })).status).toBe(401); // replayed
    expect((await send({ [IDENTITY_HEADER]: await tokenFor('publications', body) })).status).toBe(401); // another audience
    const other = JSON.stringify({ query: '{ departments { id } }' });
    expect((await send({ [IDENTITY_HEADER]: await tokenFor('identity', body) }, other)).status).toBe(401); // another body
    const refused = await send({});
    expect(refused.status).toBe(401);
    expect((await refused.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
