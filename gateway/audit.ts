import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type FieldNode, type ValueNode } from 'graphql';
import { IDENTITY_HEADER } from '../core/headers';
import { ANONYMOUS, hasRole } from '../core/identity';
import type { IdentityIssuer } from '../core/identity-tokens';
import type { GatewayContext } from './context';

/**
 * The audit log: every mutation run by staff (officers, editors, admins) is recorded with actor,
 * action, target, outcome, time and request id. The gateway is the one place that sees every
 * mutation of every subgraph, so it records; the identity subgraph stores the append-only log
 * and serves it to admins (`auditLog`). Sign-in is not an action on the platform's records.
 */
const NOT_AUDITED = new Set(['login', 'register']);

export interface AuditEntryInput {
  actorId: string;
  actorRoles: string[];
  action: string;
  target: string | null;
  outcome: 'OK' | 'USER_ERRORS' | 'ERROR';
  requestId: string;
}

export function auditPlugin(opts: { issuer: IdentityIssuer; identityUrl: () => string | undefined }): ApolloServerPlugin<GatewayContext> {
  const record = async (entries: AuditEntryInput[]) => {
    const url = opts.identityUrl();
    if (!url) throw new Error('no identity subgraph to record the audit log');
    const body = JSON.stringify({ query: 'mutation($e: [AuditEntryInput!]!) { recordAudit(entries: $e) }', variables: { e: entries } });
    const token = await opts.issuer.sign({ ...ANONYMOUS, service: 'gateway' }, 'identity', body);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: token },
      body,
      signal: AbortSignal.timeout(5000),
    });
    const answer = (await res.json()) as { errors?: unknown[] };
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
  };

  return {
    async requestDidStart({ contextValue }) {
      const who = contextValue.identity;
      if (!who.userId || !hasRole(who, 'OFFICER', 'EDITOR', 'ADMIN')) return;
      return {
        async willSendResponse({ operation, response, request }) {
          if (operation?.operation !== 'mutation' || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          const entries = operation.selectionSet.selections
            .filter((s): s is FieldNode => s.kind === Kind.FIELD && !NOT_AUDITED.has(s.name.value))
            .map((field): AuditEntryInput => {
              const key = field.alias?.value ?? field.name.value;
              const result = (data as Record<string, any> | null | undefined)?.[key];
              const failed = !result || errors?.some((e) => e.path?.[0] === key);
              return {
                actorId: who.userId!,
                actorRoles: who.roles,
                action: field.name.value,
                target: targetOf(result) ?? targetFromArgs(field, request.variables ?? {}),
                outcome: failed ? 'ERROR' : result.userErrors?.length ? 'USER_ERRORS' : 'OK',
                requestId: contextValue.requestId,
              };
            });
          if (entries.length === 0) return;
          await record(entries).catch((err) => console.error(`[gateway] ${contextValue.requestId} audit log not written:`, err.message));
        },
      };
    },
  };
}

/** The id of the record in a mutation payload (`{ application { id } }`), when the client asked for it. */
function targetOf(payload: unknown): string | null {
  if (!payload || typeof payload !== 'object') return null;
  for (const value of Object.values(payload)) {
    if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') return (value as { id: string }).id;
  }
  return null;
}

/** Otherwise the id the request named: `id`, or an `…Id` / `id` inside `input`. */
function targetFromArgs(field: FieldNode, variables: Record<string, unknown>): string | null {
  const value = (node: ValueNode): unknown => {
    switch (node.kind) {
      case Kind.VARIABLE:
        return variables[node.name.value];
      case Kind.STRING:
        return node.value;
      case Kind.OBJECT:
        return Object.fromEntries(node.fields.map((f) => [f.name.value, value(f.value)]));
      default:
        return null;
    }
  };
  for (const arg of field.arguments ?? []) {
    const v = value(arg.value);
    if (arg.name.value === 'id' && typeof v === 'string') return v;
    if (v && typeof v === 'object') {
      const hit = Object.entries(v).find(([k, x]) => (k === 'id' || k.endsWith('Id')) && typeof x === 'string');
      if (hit) return hit[1] as string;
    }
  }
  return null;
}
