import { randomUUID } from 'node:crypto';
import { GraphQLError, parse } from 'graphql';
import type { Kysely } from 'kysely';
import { inject } from 'vitest';
import { IDENTITY_HEADER } from '../core/headers';
import type { Identity, Role } from '../core/identity';
import { IdentityIssuer } from '../core/identity-tokens';
import { auditLogMigration } from '../subgraphs/kit/audit-migration';
import { userId } from '../subgraphs/kit/demo';
import type { SubgraphModule } from '../subgraphs/kit/module';
import type { BaseContext } from '../subgraphs/kit/server';
import { startDepartmentSubgraph } from '../subgraphs/kit/standalone';
import { ownDatabase } from './own-database';
import { gatewayAuth } from '../gateway/audit-relay';

/**
 * A department subgraph of the test's own, beside the platform and never in its supergraph (so the
 * platform's relays never see it): each mutation is one way a resolver can end, for the kit's
 * audit guarantees, and its outbox feeds relays the test runs itself. Its own database: an
 * in-memory PGlite, or a schema of its own in DATABASE_URL.
 */
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@shareable"])
  "Probe"
  type Query { "How many things" things: Int! }
  "A problem"
  type Problem { "Its code" code: String! }
  "What invalid returns"
  type Payload { "Problems" userErrors: [Problem!]! }
  "Probes"
  type Mutation {
    "Adds a thing and records it in the same transaction."
    add: ID!
    "Records, then its transaction fails with FORBIDDEN: nothing is left of the change or the entry."
    addThenFail: ID!
    "Names the record, then refuses: NOT_FOUND."
    refuse(id: ID!): ID!
    "Refuses with userErrors."
    invalid(id: ID!): Payload!
    "Adds a thing without recording it."
    forget: ID!
    "Not an act on the records."
    signIn: Boolean!
  }
`);

type Ctx = BaseContext & { db: Kysely<any> };

async function addThing(ctx: Ctx, after?: () => void): Promise<string> {
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('things').values({ id }).execute();
    await ctx.audit.record(trx, { target: id });
    after?.();
  });
  return id;
}

function probeModule(name: string): SubgraphModule {
  return {
    name,
    migrations: {
      '0001_things': { up: (db) => db.schema.createTable('things').addColumn('id', 'uuid', (c) => c.primaryKey()).execute() },
      '0002_audit_log': auditLogMigration(name),
    },
    build: ({ db }) => ({
      name,
      typeDefs,
      audit: { db, notAudited: ['signIn'] },
      resolvers: {
        Query: { things: async () => Number((await db.selectFrom('things').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n) },
        Mutation: {
          add: (_: unknown, __: unknown, ctx: Ctx) => addThing(ctx),
          addThenFail: (_: unknown, __: unknown, ctx: Ctx) =>
            addThing(ctx, () => {
              throw new GraphQLError('No.', { extensions: { code: 'FORBIDDEN' } });
            }),
          refuse: (_: unknown, args: { id: string }, ctx: Ctx) => {
            ctx.audit.actingOn(args.id);
            throw new GraphQLError('Thing not found.', { extensions: { code: 'NOT_FOUND' } });
          },
          invalid: (_: unknown, args: { id: string }, ctx: Ctx) => {
            ctx.audit.actingOn(args.id);
            return { userErrors: [{ code: 'INVALID_THING' }] };
          },
          forget: async () => {
            const id = randomUUID();
            await db.insertInto('things').values({ id }).execute();
            return id;
          },
          signIn: () => true,
        },
      },
      context: (base) => ({ ...base, db }),
    }),
  };
}

export interface AuditProbe {
  name: string;
  url: string;
  /** The platform gateway's signing keys, which the probe verifies with (through the JWKS). */
  issuer: IdentityIssuer;
  /** Calls the probe directly, as the gateway would for this demo account (or with no account). */
  call: (query: string, as: { email?: string; roles?: Role[]; requestId: string }) => Promise<{ data?: any; errors?: any[] }>;
  /** What its outbox holds now, read as the gateway. */
  outbox: () => Promise<{ seq: number; action: string; target: string | null; outcome: string; errorCode: string | null; requestId: string; actorId: string }[]>;
  stop: () => Promise<void>;
}

export async function startAuditProbe(): Promise<AuditProbe> {
  const stops: (() => Promise<unknown>)[] = [];
  const { schema: name, db } = await ownDatabase('audit_probe', stops);
  const issuer = await IdentityIssuer.fromKeys(inject('secrets').identityKeys);
  const running = await startDepartmentSubgraph({ module: probeModule(name), db, jwksUrl: inject('jwksUrl'), serviceUrl: inject('serviceUrl'), seed: false });
  stops.push(running.stop);
  const auth = gatewayAuth(issuer);

  return {
    name,
    url: running.url,
    issuer,
    call: async (query, as) => {
      const who: Identity = {
        userId: as.email ? userId(as.email) : null,
        roles: as.roles ?? [],
        departmentId: null,
        service: null,
        clientIp: null,
        requestId: as.requestId,
        language: 'en',
      };
      const body = JSON.stringify({ query });
      const res = await fetch(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': as.requestId, [IDENTITY_HEADER]: await issuer.sign(who, name, body) },
        body,
      });
      return (await res.json()) as { data?: any; errors?: any[] };
    },
    outbox: async () => {
      const res = await fetch(new URL('audit/outbox?limit=1000', running.url), { headers: await auth(name, 'GET', '') });
      if (!res.ok) throw new Error(`outbox: HTTP ${res.status}`);
      return ((await res.json()) as { entries: any[] }).entries;
    },
    stop: async () => {
      for (const s of stops.reverse()) await s().catch((e) => console.error('[audit probe] stop:', (e as Error).message));
    },
  };
}
