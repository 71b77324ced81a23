import { expectTypeOf } from 'vitest';
import { createClient, GraphQLRequestError, LoginDocument, MeDocument, DepartmentDashboardDocument, ProcedureCatalogDocument, type MeQuery } from './index';
import { DEMO_PASSWORD, gatewayUrl } from '../../test/graph';

/** A fetch that remembers what the client sent. */
function recordingFetch() {
  const sent: Record<string, unknown>[] = [];
  const fetchFn: typeof fetch = (input, init) => {
    sent.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
    return fetch(input, init);
  };
  return { sent, fetchFn };
}

describe('the SDK client against the gateway', () => {
  it('signs in with a typed Login, then reads Me with the token', async () => {
    const client = createClient({ url: gatewayUrl() });
    const login = await client.execute(LoginDocument, { email: 'citizen@demo.gov', password: DEMO_PASSWORD });
    expectTypeOf(login.login.token).toEqualTypeOf<string | null>();
    expect(login.login.userErrors).toEqual([]);
    expect(login.login.token).toBeTruthy();

    const me = await client.withToken(login.login.token).execute(MeDocument);
    expectTypeOf(me).toEqualTypeOf<MeQuery>();
    expect(me.me?.email).toBe('citizen@demo.gov');
    expect(me.me?.roles).toContain('CITIZEN');
  });

  it('sends a listed operation by its persisted id only', async () => {
    const { sent, fetchFn } = recordingFetch();
    const login = await createClient({ url: gatewayUrl() }).execute(LoginDocument, { email: 'analyst@demo.gov', password: DEMO_PASSWORD });
    const client = createClient({ url: gatewayUrl(), token: login.login.token, fetch: fetchFn });
    const data = await client.execute(DepartmentDashboardDocument, { code: 'TAX', from: '2025-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' });
    expect(data.department?.code).toBe('TAX');
    expect(data.department?.procedures.edges.length).toBeGreaterThan(0);
    expect(sent).toHaveLength(1);
    expect(sent[0]).not.toHaveProperty('query');
    expect(sent[0].documentId).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('falls back to the full text when the gateway does not know the id', async () => {
    const { sent, fetchFn } = recordingFetch();
    const client = createClient({ url: gatewayUrl(), fetch: fetchFn, documentIds: new Map([[ProcedureCatalogDocument, '0'.repeat(64)]]) });
    const catalog = await client.execute(ProcedureCatalogDocument, { first: 1 });
    expect(catalog.procedures.edges).toHaveLength(1); // anonymous: the catalogue is public
    expect(sent).toHaveLength(2);
    expect(sent[0]).not.toHaveProperty('query');
    expect(sent[1].query).toContain('query ProcedureCatalog');
  });

  it('throws a typed error carrying the GraphQL errors', async () => {
    const client = createClient({ url: gatewayUrl(), token: 'not-a-token' });
    const error = await client.execute(MeDocument).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect((error as GraphQLRequestError).codes).toEqual(['UNAUTHENTICATED']);
    expect((error as GraphQLRequestError).status).toBe(401);
  });
});
