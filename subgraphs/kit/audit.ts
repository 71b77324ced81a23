import { randomUUID } from 'node:crypto';
import { defaultFieldResolver, GraphQLError, type GraphQLSchema } from 'graphql';
import type { Kysely } from 'kysely';
import { hasRole, type Identity } from '../../core/identity';
import { log } from '../../core/log';

/**
 * The audit log is written where the action happens: by the subgraph that changes state, in the
 * same transaction as the change, with the actor the gateway verified and the target the domain
 * names. The kit wraps every `Mutation` field of every subgraph (startSubgraph), so none can
 * forget; for a staff caller the wrapper guarantees exactly one entry per field executed:
 *
 * - the domain calls `ctx.audit.record(trx, { target })` inside the transaction of its change:
 *   the entry commits with the change or not at all;
 * - a field that throws (FORBIDDEN, NOT_FOUND, …) or returns userErrors without a committed entry
 *   gets one written by the wrapper afterwards, with that outcome, outside the rolled-back
 *   transaction. Both writes carry the field's own `entry_id`, unique in the table, so the
 *   wrapper's write is a no-op when the domain's committed: one entry, whichever way it went.
 *
 * Entries reach the one log admins read through the gateway's relay (gateway/audit-relay.ts,
 * kit/audit-outbox.ts).
 */

/** Staff act on the platform's records; a citizen's own acts on their own records are theirs. */
export const isStaff = (who: Identity) => !!who.userId && hasRole(who, 'OFFICER', 'EDITOR', 'ADMIN');

export type Outcome = 'OK' | 'USER_ERRORS' | 'ERROR';

/** What the domain sees as `ctx.audit`. */
export interface AuditRecorder {
  /**
   * Records this mutation (outcome OK) in `trx`, the transaction that makes its change, with the
   * id of the record changed. Where a mutation succeeds without changing anything (an idempotent
   * retry), pass the subgraph's db. A no-op for callers who are not staff.
   */
  record(trx: Kysely<any>, entry: { target: string | null }): Promise<void>;
  /** Names the record a mutation is about as soon as it knows it, so that a refusal's entry names it too. */
  actingOn(target: string): void;
}

interface Field {
  entryId: string;
  action: string;
  target: string | null;
}

/** Ids come from the domain, but may echo what a caller asked for: never store more than an id's worth. */
const clip = (target: string | null) => (target == null ? null : target.slice(0, 200));

/** Writes one entry; false when this field's entry is already there. */
async function write(db: Kysely<any>, who: Identity, field: Field, outcome: Outcome, errorCode: string | null): Promise<boolean> {
  const row = await db
    .insertInto('audit_log')
    .values({
      entry_id: field.entryId,
      actor_id: who.userId,
      actor_roles: who.roles,
      action: field.action,
      target: field.target,
      outcome,
      error_code: errorCode,
      request_id: who.requestId ?? '',
    })
    .onConflict((oc) => oc.column('entry_id').doNothing())
    .returning('entry_id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * One request's recorder. Root mutation fields run one after another (the GraphQL spec's serial
 * execution), so exactly one field is current while a mutation resolver runs.
 */
export class RequestAudit implements AuditRecorder {
  private field: Field | null = null;
  readonly staff: boolean;

  constructor(private readonly identity: Identity) {
    this.staff = isStaff(identity);
  }

  async record(trx: Kysely<any>, entry: { target: string | null }): Promise<void> {
    const field = this.current('record');
    // The field's own target stays what `actingOn` named: if this transaction rolls back, a new
    // record's id names nothing.
    if (this.staff) await write(trx, this.identity, { ...field, target: clip(entry.target) }, 'OK', null);
  }

  actingOn(target: string): void {
    this.current('actingOn').target = clip(target);
  }

  private current(what: string): Field {
    if (!this.field) throw new Error(`ctx.audit.${what} is for mutation resolvers only`);
    return this.field;
  }

  /** Runs one mutation field and makes sure a staff caller's act has its one entry. */
  async around<T>(action: string, run: () => Promise<T>, db: Kysely<any>, subgraph: string): Promise<T> {
    const field: Field = { entryId: randomUUID(), action, target: null };
    this.field = field;
    let outcome: Outcome = 'OK';
    let errorCode: string | null = null;
    try {
      const result = await run();
      const userErrors = (result as { userErrors?: { code?: string }[] } | null)?.userErrors;
      if (Array.isArray(userErrors) && userErrors.length > 0) [outcome, errorCode] = ['USER_ERRORS', userErrors[0].code ?? null];
      return result;
    } catch (err) {
      outcome = 'ERROR';
      const code = err instanceof GraphQLError ? err.extensions.code : undefined;
      errorCode = typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
      throw err;
    } finally {
      this.field = null;
      if (this.staff) {
        try {
          const late = await write(db, this.identity, field, outcome, errorCode);
          if (late && outcome === 'OK') {
            log.warn({ component: subgraph, requestId: this.identity.requestId, action }, 'audited after its change, not in its transaction; call ctx.audit.record(trx, …)');
          }
        } catch (err) {
          log.error({ component: subgraph, requestId: this.identity.requestId, action, err }, 'audit entry not written');
        }
      }
    }
  }
}

/**
 * Wraps every field of the schema's Mutation type, those without a resolver of their own too,
 * except `notAudited` (signing in, the relay's own writes), which must all be Mutation fields.
 */
export function auditMutations(schema: GraphQLSchema, opts: { db: Kysely<any>; subgraph: string; notAudited: readonly string[] }): void {
  const fields = schema.getMutationType()?.getFields() ?? {};
  const unknown = opts.notAudited.filter((name) => !fields[name]);
  if (unknown.length) throw new Error(`[${opts.subgraph}] notAudited names no mutation: ${unknown.join(', ')}`);
  for (const field of Object.values(fields)) {
    if (opts.notAudited.includes(field.name)) continue;
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (parent, args, ctx: { audit: RequestAudit }, info) =>
      ctx.audit.around(info.fieldName, async () => resolve(parent, args, ctx, info), opts.db, opts.subgraph);
  }
}

/** A subgraph without its audit log would fail at its first staff mutation: refuse to start instead. */
export async function checkAuditLog(subgraph: string, db: Kysely<any>, outbox: boolean): Promise<void> {
  const columns = ['entry_id', 'at', 'actor_id', 'actor_roles', 'action', 'target', 'outcome', 'error_code', 'request_id'];
  try {
    await db.selectFrom('audit_log').select(outbox ? [...columns, 'seq', 'relayed_at'] : columns).limit(0).execute();
  } catch (err) {
    throw new Error(
      `[${subgraph}] has no audit log (${(err as Error).message}): append auditLogMigration('${subgraph}') from subgraphs/kit/audit-migration.ts to its migrations`,
    );
  }
}
