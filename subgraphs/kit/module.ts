import type { ServiceRead } from '../../core/service-reads';
import type { Kysely, Migration } from 'kysely';
import type { SubgraphDefinition, BaseContext } from './server';
import type { TokenIssuer } from '../../core/session-tokens';
import type { FileStore } from '../../core/file-store';
import type { EventBus } from '../../core/events';

/** What the platform hands every subgraph when it builds it. */
export interface SubgraphDeps {
  /** Kysely bound to the subgraph's own Postgres schema. */
  db: Kysely<any>;
  /**
   * The same schema on a streaming replica (DATABASE_REPLICA_URL), for public reads that may lag
   * the primary by the replica's delay; `db` itself when no replica is configured. Never for a
   * write, a staff read or a read that decides a write.
   */
  publicReads: Kysely<any>;
  /** The gateway's public origin, for absolute links (PUBLIC_URL); unset: root-relative. */
  publicUrl: string | undefined;
  production: boolean;
  /** Signs sign-in tokens; only the identity subgraph uses it. */
  tokens: TokenIssuer;
  /** Password hashes (Argon2id) in flight at once in this process; only the identity subgraph hashes. */
  passwordHashConcurrency?: number;
  /** Argon2id's parameters (PASSWORD_HASH_COST): OWASP's, or the lowest for a test suite. */
  passwordHashCost?: 'owasp' | 'minimal';
  /** The platform's file store (forms, attachments); seeds put demo files in it. */
  files: FileStore;
  /** Outgoing mail (identity's notifications): SMTP_URL, MAIL_FROM. */
  mail?: MailSettings;
  /**
   * The platform's event bus (core/events.ts): producers relay their outbox into it
   * (kit/event-outbox.ts), consumers follow it. Null: no consumer anywhere (a part run without
   * REDIS_URL); events then stay in the outbox.
   */
  events: EventBus | null;
}

/** Where and how notification mail goes (subgraphs/identity/notifications/mail-sender.ts). */
export interface MailSettings {
  /** `smtp://user:pass@host:587` or `smtps://…:465`; unset: mail is kept in the outbox and not sent. */
  smtpUrl?: string;
  /** The sender address (`Service Portal <no-reply@services.example.gov>`); its domain names the Message-IDs. */
  from: string;
  /** First wait after a failed send; it doubles with each failure, up to `retryMaxMs`. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Sends tried before a mail is given up (dropped, `GAVE_UP`). */
  maxAttempts?: number;
}

/** What each subgraph folder exports from its `module.ts`: the platform needs nothing else. */
export interface SubgraphModule {
  name: string;
  /** Its migrations by name, in order (db/migrations/index.ts); frozen once released. */
  migrations: Record<string, Migration>;
  build: (deps: SubgraphDeps) => SubgraphDefinition<BaseContext & any>;
  /**
   * The documents this subgraph asks of others' data over the gateway's internal path (ctx.graph).
   * The platform grants exactly these to it; anything else is refused (403). A plain document runs
   * as the anonymous public; one wrapped in `asCaller` (core/service-reads.ts) as the request's user.
   */
  reads?: ServiceRead[];
  /** Demo data; must do nothing when the subgraph's tables already hold data. */
  seed?: (deps: SubgraphDeps) => Promise<void>;
}
