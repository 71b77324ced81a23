import type { ApolloServerPlugin } from '@apollo/server';
import { IDENTITY_HEADER } from '../core/headers';
import { ANONYMOUS, hasRole } from '../core/identity';
import type { IdentityIssuer } from '../core/identity-tokens';
import type { GatewayContext } from './context';
import { log } from '../core/log';
import { Rerun } from '../core/rerun';

/**
 * Gathers every subgraph's own audit log into the one admins read (identity's `auditLog`). Each
 * subgraph writes its entries in the transaction of its change and keeps them in its outbox
 * (subgraphs/kit/audit-outbox.ts); the gateway, the one party every subgraph answers, pulls them,
 * has identity append them, and only then acks them.
 *
 * Every gateway (replica, machine) runs a relay, every second and right after a staff mutation:
 * two relays copying the same entries are harmless, because identity skips an entry it has
 * ((source, seq) is unique) and an ack of an acked entry changes nothing. An entry is acked only
 * once identity has it, so a failure anywhere leaves it for the next round.
 */

/** A subgraph of the current supergraph: its name there and its GraphQL URL. */
export interface RelayedSubgraph {
  name: string;
  url: string;
}

/** The headers that authenticate the gateway to one subgraph (`audience`) for one request. */
export type GatewayAuth = (audience: string, method: 'GET' | 'POST', body: string) => Promise<Record<string, string>>;

/**
 * The one place the relay says who it is: the gateway's service identity, in a token for that one
 * subgraph and that one request (a GET's body is empty).
 */
export function gatewayAuth(issuer: IdentityIssuer): GatewayAuth {
  return async (audience, _method, body) => ({ [IDENTITY_HEADER]: await issuer.sign({ ...ANONYMOUS, service: 'gateway' }, audience, body) });
}

/** The subgraph whose audit log is the merged one. */
const MERGED = 'identity';

export interface AuditRelayOptions {
  subgraphs: () => RelayedSubgraph[];
  auth: GatewayAuth;
  intervalMs?: number;
  /** Entries per pull. */
  batch?: number;
  timeoutMs?: number;
}

interface OutboxEntry {
  seq: number;
  [field: string]: unknown;
}

export class AuditRelay {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** One round at a time; a kick during one runs one more after it (core/rerun.ts). */
  private readonly rounds = new Rerun(() => this.round(), () => this.stopped);
  /** The last failure per subgraph, so a subgraph that stays down is logged once, not every second. */
  private readonly failing = new Map<string, string>();

  constructor(private readonly opts: AuditRelayOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.kick(), this.opts.intervalMs ?? 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.rounds.settled();
  }

  /**
   * Relays what is waiting now; resolves when done. A kick during a round runs one more round
   * after it, so what was written meanwhile is not left for the timer. Never rejects.
   */
  kick(): Promise<void> {
    return this.rounds.run();
  }

  /** Kicks the relay after every mutation by staff, so their entries show within a second or two. */
  plugin(): ApolloServerPlugin<GatewayContext> {
    return {
      requestDidStart: async ({ contextValue }) => {
        if (!hasRole(contextValue.identity, 'OFFICER', 'EDITOR', 'ADMIN')) return;
        return {
          willSendResponse: async ({ operation }) => {
            if (operation?.operation === 'mutation') void this.kick();
          },
        };
      },
    };
  }

  private async round(): Promise<void> {
    const all = this.opts.subgraphs();
    const merged = all.find((s) => s.name === MERGED);
    if (!merged) return;
    await Promise.all(
      all
        .filter((s) => s.name !== MERGED)
        .map(async (s) => {
          try {
            await this.drain(s, merged);
            if (this.failing.delete(s.name)) log.info({ component: 'gateway', subgraph: s.name }, 'audit relay recovered');
          } catch (err) {
            const message = (err as Error).message;
            if (this.failing.get(s.name) !== message) log.error({ component: 'gateway', subgraph: s.name, reason: message }, 'audit relay failed (retried every round)');
            this.failing.set(s.name, message);
          }
        }),
    );
  }

  /** Pulls, appends and acks one subgraph's entries until its outbox is empty. */
  private async drain(from: RelayedSubgraph, merged: RelayedSubgraph): Promise<void> {
    const batch = this.opts.batch ?? 500;
    for (;;) {
      const { entries } = (await this.call(from, 'GET', `audit/outbox?limit=${batch}`)) as { entries: OutboxEntry[] };
      if (!Array.isArray(entries) || entries.length === 0) return;
      await this.append(from.name, entries, merged);
      await this.call(from, 'POST', 'audit/outbox/ack', { seqs: entries.map((e) => e.seq) });
      if (entries.length < batch || this.stopped) return;
    }
  }

  private async append(source: string, entries: OutboxEntry[], merged: RelayedSubgraph): Promise<void> {
    const body = await this.call(merged, 'POST', '', {
      query: 'mutation RelayAudit($source: String!, $entries: [AuditEntryInput!]!) { recordAudit(source: $source, entries: $entries) }',
      variables: { source, entries: entries.map((e) => ({ ...e, seq: String(e.seq) })) },
    });
    const errors = (body as { errors?: { message: string }[] }).errors;
    if (errors?.length) throw new Error(`identity refused the entries: ${errors.map((e) => e.message).join('; ')}`);
  }

  /** One request beside a subgraph's `/graphql` (`path` relative to it; '' is the GraphQL URL itself). */
  private async call(to: RelayedSubgraph, method: 'GET' | 'POST', path: string, json?: unknown): Promise<unknown> {
    const body = json === undefined ? '' : JSON.stringify(json);
    const res = await fetch(path ? new URL(path, to.url) : to.url, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(await this.opts.auth(to.name, method, body)) },
      body: body || undefined,
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5000),
    });
    if (!res.ok) throw new Error(`${method} ${path || 'graphql'}: HTTP ${res.status}`);
    return res.json();
  }
}
