import { availableParallelism } from 'node:os';
import type { JWK } from 'jose';
import proxyaddr from 'proxy-addr';
import { z } from 'zod';
import type { TrustProxy } from '../gateway/protection';
import { LOG_LEVELS } from '../core/log';
import type { MailSettings } from '../subgraphs/kit/module';

/**
 * The one validated configuration of a platform process. Parsed once from the environment at
 * start, every problem reported together, then passed into the factories: nothing else reads
 * process.env.
 */
const optionalUrl = z.string().url().optional();

/** The platform's keys come as a set. */
const SIGNING_SECRETS = ['IDENTITY_SIGNING_KEYS', 'JWT_PRIVATE_KEY', 'JWT_PUBLIC_KEY'] as const;

/** A PEM key written on one line, with `\n` for its line breaks, as env files and secrets often hold it. */
const pemLines = (v: string | undefined) => v?.replaceAll('\\n', '\n');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Real PostgreSQL. Unset: the embedded PGlite under DATA_DIR. */
  DATABASE_URL: optionalUrl,
  IDENTITY_DATABASE_URL: optionalUrl,
  PUBLICATIONS_DATABASE_URL: optionalUrl,
  PROCEDURES_DATABASE_URL: optionalUrl,
  APPLICATIONS_DATABASE_URL: optionalUrl,
  FEEDBACK_DATABASE_URL: optionalUrl,
  /**
   * A streaming replica of DATABASE_URL (or of one subgraph's database: <NAME>_DATABASE_REPLICA_URL)
   * for the public reads that may lag the primary by the replica's delay: publications' feed,
   * search and counts, procedures' catalogue and search. Writes, staff reads and anything read to
   * decide a write stay on the primary. Unset: everything on the primary.
   */
  DATABASE_REPLICA_URL: optionalUrl,
  PUBLICATIONS_DATABASE_REPLICA_URL: optionalUrl,
  PROCEDURES_DATABASE_REPLICA_URL: optionalUrl,
  /** The schema registry's database (its `registry` schema); DATABASE_URL by default. */
  REGISTRY_DATABASE_URL: optionalUrl,
  /** The gateway's file store (its `files` schema); DATABASE_URL by default. */
  FILES_DATABASE_URL: optionalUrl,
  /** Connections in each part's pool (per subgraph, files, registry, per replica). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
  DATA_DIR: z.string().default('.data'),
  HOST: z.string().default('127.0.0.1'),
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** First subgraph port; the subgraphs take consecutive ports in rover.yaml's order. */
  SUBGRAPH_BASE_PORT: z.coerce.number().int().min(0).max(65535).default(4001),
  /**
   * The gateway's identity signing keys: a JSON array of private Ed25519 JWKs, each with a `kid`.
   * The first signs; all are published on the internal listener's JWKS (rotation: add the new key
   * second, wait a minute, move it first, later drop the old one). Only gateways hold them.
   */
  IDENTITY_SIGNING_KEYS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      try {
        const keys = JSON.parse(v) as JWK[];
        if (Array.isArray(keys) && keys.length > 0 && keys.every((k) => k && typeof k === 'object' && k.kid && k.d && k.crv === 'Ed25519')) return keys;
      } catch {
        // reported below
      }
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of private Ed25519 JWKs, each with a kid' });
      return z.NEVER;
    }),
  /** ES256 key pair (PEM) for citizens' and staff sign-in tokens; `\n` may stand for line breaks (one-line env files). */
  JWT_PRIVATE_KEY: z.string().optional().transform(pemLines),
  JWT_PUBLIC_KEY: z.string().optional().transform(pemLines),
  JWT_TTL_SECONDS: z.coerce.number().int().positive().default(8 * 3600),
  /** The gateway's public origin (`https://services.example.gov`), for absolute links in feeds and
   * files. Unset: links are root-relative (`/files/<id>`). */
  PUBLIC_URL: z.string().url().optional(),
  /** Where the platform's gateway gets its supergraph: the schema registry (departments publish
   * subgraphs at runtime), or the committed file SUPERGRAPH_PATH (rover.yaml's subgraphs only). */
  SUPERGRAPH_SOURCE: z.enum(['registry', 'file']).default('registry'),
  SUPERGRAPH_PATH: z.string().default('schema/supergraph.graphql'),
  /**
   * The gateway's internal listener: the JWKS subgraphs verify identities with, subgraphs' scoped
   * calls for data another subgraph owns, the graph uncached, and `/metrics`. Never expose it publicly.
   */
  INTERNAL_HOST: z.string().default('127.0.0.1'),
  GATEWAY_INTERNAL_PORT: z.coerce.number().int().min(0).max(65535).default(4100),
  /** Port of a subgraph run on its own (a department's, or a part: `node dist/part.js <name>`). */
  SUBGRAPH_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  /**
   * Parts run alone (`node dist/part.js <part>`, one per container) know each other by URL only.
   * A subgraph: the gateway's public keys and its internal path for granted reads.
   */
  IDENTITY_JWKS_URL: z.string().url().default('http://127.0.0.1:4100/.well-known/jwks.json'),
  GATEWAY_SERVICE_URL: z.string().url().default('http://127.0.0.1:4100/service/graphql'),
  /** A gateway: the registry part it takes its supergraph from. Unset: SUPERGRAPH_SOURCE decides. */
  REGISTRY_URL: optionalUrl,
  /** The registry part's port. */
  REGISTRY_PORT: z.coerce.number().int().min(0).max(65535).default(4200),
  /** The registry part: where the gateways reach each built-in subgraph (rover.yaml's routing_url otherwise). */
  IDENTITY_ROUTING_URL: optionalUrl,
  PUBLICATIONS_ROUTING_URL: optionalUrl,
  PROCEDURES_ROUTING_URL: optionalUrl,
  APPLICATIONS_ROUTING_URL: optionalUrl,
  FEEDBACK_ROUTING_URL: optionalUrl,
  /** How often each gateway replica asks the registry for a newer supergraph. */
  REGISTRY_POLL_MS: z.coerce.number().int().min(100).default(1000),
  /** Operation limits at the gateway (see gateway/limits.ts). */
  GQL_MAX_DEPTH: z.coerce.number().int().positive().default(12),
  GQL_MAX_ALIASES: z.coerce.number().int().nonnegative().default(30),
  GQL_MAX_ROOT_FIELDS: z.coerce.number().int().positive().default(20),
  GQL_MAX_COST: z.coerce.number().int().positive().default(20_000),
  GQL_MAX_PAGE_SIZE: z.coerce.number().int().positive().default(100),
  GQL_MAX_TOKENS: z.coerce.number().int().positive().default(5_000),
  GQL_MAX_BATCH: z.coerce.number().int().positive().default(10),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(256 * 1024),
  /** Trusted documents: `enforce` lets the public and citizens run only the clients' operations. */
  SAFELIST: z.enum(['off', 'log', 'enforce']).default('log'),
  /** Requests per minute per client address and per signed-in user. */
  RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().positive().default(600),
  RATE_LIMIT_USER_PER_MINUTE: z.coerce.number().int().positive().default(300),
  /** Scoped calls per minute per subgraph on the internal listener (data another subgraph owns). */
  RATE_LIMIT_SERVICE_PER_MINUTE: z.coerce.number().int().positive().default(60_000),
  /**
   * The proxies in front of the gateway, which alone may say who the client is (X-Forwarded-For):
   * a hop count (`1`: one load balancer), or their addresses and subnets, comma-separated (also
   * `loopback`, `linklocal`, `uniquelocal`). Unset: none; the client is the socket's address, and
   * a client's own X-Forwarded-For changes nothing. Express's `trust proxy` semantics.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v, ctx): TrustProxy => {
      const value = v?.trim() ?? '';
      if (value === '' || value === 'false') return false;
      if (/^\d+$/.test(value)) return Number(value);
      const list = value.split(',').map((a) => a.trim()).filter(Boolean);
      try {
        if (list.includes('true')) throw new Error('`true` would trust every hop, so any client could name its own address');
        proxyaddr.compile(list);
        return list;
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `must be a hop count or proxy addresses and subnets (${(err as Error).message})` });
        return z.NEVER;
      }
    }),
  /**
   * Password hashes (Argon2id, ~64 MiB and tens of ms of a core each) the identity subgraph runs at
   * once per process; a few more sign-ins per slot wait, beyond that RATE_LIMITED (HTTP 429,
   * Retry-After). Each hash takes one core (one Argon2 lane): the default leaves one core to
   * everything else, at least 1.
   */
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(Math.max(1, availableParallelism() - 1)),
  /**
   * Argon2id's parameters for new hashes: `owasp` (19 MiB, 2 passes), or `minimal` (1 MiB, 1 pass)
   * for a test suite only (NODE_ENV=test). A hash made at the other cost is remade at its next sign-in.
   */
  PASSWORD_HASH_COST: z.enum(['owasp', 'minimal']).default('owasp'),
  /**
   * How long a gateway trusts what identity said of a user's sessions: a deactivation, a change of
   * role, a new password or "sign out everywhere" reaches every gateway within this time (at most 60).
   */
  SESSION_CHECK_SECONDS: z.coerce.number().int().min(1).max(60).default(30),
  /** Subscriptions one signed-in user holds at once on one gateway (README "Real time"). */
  SUBSCRIPTIONS_PER_USER: z.coerce.number().int().min(1).max(100_000).default(50),
  /** Anonymous subscriptions from one client address at once on one gateway (behind a proxy, set TRUST_PROXY). */
  SUBSCRIPTIONS_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  /**
   * Sign-ins, registrations and password changes one gateway lets through at once; beyond, 429 at
   * the gateway before any subgraph is called (gateway/admission.ts). Default: in one process with
   * identity, what identity takes at once (5 × PASSWORD_HASH_CONCURRENCY: one hashing and four
   * waiting per slot); a gateway run as its own part cannot know that, so 0 there (no bound at the
   * gateway, identity's alone) unless set.
   */
  PASSWORD_WORK_IN_FLIGHT: z.coerce.number().int().min(0).max(10_000).optional(),
  /**
   * Sign-ins, registrations and password changes one gateway admits per second, evenly (a bucket
   * of one second's worth); beyond, 429 at the gateway (gateway/admission.ts). Each costs the
   * process serving it ~20 ms of its serving thread besides the hash. Default: in one process with
   * identity, 10 (about a fifth of that thread); a gateway run as its own part, 0 (no bound) unless set.
   */
  PASSWORD_WORK_PER_SECOND: z.coerce.number().int().min(0).max(100_000).optional(),
  /** Shares rate limits between gateway replicas. Unset: in memory, per process. */
  REDIS_URL: optionalUrl,
  /**
   * Where the platform's events live in Redis (core/redis-event-bus.ts): one platform, one
   * database, one prefix. Two platforms sharing a Redis (a staging and a test) each need their own,
   * and so does a platform whose database was created anew: its streams start again at 1.
   */
  EVENTS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,100}$/, 'letters, digits and : _ . - only')
    .default('egov:events:'),
  /**
   * The SMTP server notification mail goes through (identity's mail outbox):
   * `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`. Unset: mail is written
   * to the outbox and kept there, not sent.
   */
  SMTP_URL: z
    .string()
    .url()
    .refine((v) => /^smtps?:\/\//.test(v), 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** The sender of notification mail (`Service Portal <no-reply@services.example.gov>`); required with SMTP_URL. */
  MAIL_FROM: z
    .string()
    .regex(/^(?:[^<>@\r\n]*<)?[^<>@\s]+@[^<>@\s]+>?$/, 'must be an address, optionally with a name: Name <user@domain>')
    .optional(),
  /** Bytes of anonymous answers each gateway replica keeps in its response cache (32 MiB). */
  RESPONSE_CACHE_MAX_BYTES: z.coerce.number().int().min(64 * 1024).default(32 * 1024 * 1024),
  /** Browser origins allowed to call the graph (comma-separated); none by default. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean)),
  /** How long the gateway waits for one subgraph call. */
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /**
   * On SIGTERM: how long the requests in flight may take to finish (new ones get 503
   * SHUTTING_DOWN); then the subgraphs, the pools and the database stop, each in a moment.
   */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(300_000).default(10_000),
  /**
   * Platform processes sharing the ports (node:cluster), each a whole replica: gateway and
   * subgraphs. `auto` is one per CPU core. Above 1 it needs DATABASE_URL (the embedded database
   * has one connection) and REDIS_URL for exact rate limits (without it each process keeps its
   * share of the limits in memory).
   */
  PLATFORM_WORKERS: z
    .union([z.literal('auto'), z.coerce.number().int().min(1).max(64)])
    .default(1)
    .transform((v) => (v === 'auto' ? availableParallelism() : v)),
  /** Seed demo data into an empty database; the embedded default always does. */
  SEED: z.enum(['auto', 'always', 'never']).default('auto'),
  /** The least level of JSON log lines written (core/log.ts); `info` has one line per gateway request. */
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /**
   * Traces (platform/telemetry.ts), by OpenTelemetry's standard variables: `otlp` exports them
   * (OTLP over HTTP); unset, an endpoint given turns them on; `none` or nothing: off.
   */
  OTEL_TRACES_EXPORTER: z.enum(['otlp', 'none']).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalUrl,
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
}).superRefine((env, ctx) => {
  if (env.NODE_ENV === 'production' && env.SEED === 'always') {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['SEED'],
      message: 'demo data (accounts with a published password) is never seeded in production: create the first admin with `npm run admin -- create`',
    });
  }
  if (env.PASSWORD_HASH_COST === 'minimal' && env.NODE_ENV !== 'test') {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['PASSWORD_HASH_COST'],
      message: 'minimal is for test suites only (NODE_ENV=test): it hashes passwords at a cost any attacker with the hashes can afford',
    });
  }
  if (env.PLATFORM_WORKERS > 1 && !env.DATABASE_URL) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['PLATFORM_WORKERS'],
      message: 'above 1 needs DATABASE_URL: the embedded database has a single connection for one process',
    });
  }
  for (const name of ['PUBLICATIONS', 'PROCEDURES'] as const) {
    const replica = env[`${name}_DATABASE_REPLICA_URL`] ?? env.DATABASE_REPLICA_URL;
    if (replica && !env[`${name}_DATABASE_URL`] && !env.DATABASE_URL) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [env[`${name}_DATABASE_REPLICA_URL`] ? `${name}_DATABASE_REPLICA_URL` : 'DATABASE_REPLICA_URL'],
        message: `a replica needs its primary: ${name}_DATABASE_URL or DATABASE_URL (the embedded database has no replica)`,
      });
    }
  }
  if (env.SMTP_URL && !env.MAIL_FROM) {
    ctx.addIssue({ code: 'custom', path: ['MAIL_FROM'], message: 'required with SMTP_URL: the sender of notification mail' });
  }
  if (env.PLATFORM_WORKERS > 1 && !env.REDIS_URL) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['PLATFORM_WORKERS'],
      message: 'above 1 needs REDIS_URL: replicas share rate limits and cache invalidation through Redis, as gateways on separate hosts do',
    });
  }
});

export type Env = z.infer<typeof envSchema>;

/**
 * Some keys given and the others generated would pair a key of this platform with one nobody else
 * holds (sign-in tokens no other replica accepts, identities no subgraph verifies): all or none.
 * Checked on the raw environment, so it is reported along with every other problem.
 */
function partialSecrets(env: NodeJS.ProcessEnv): string[] {
  const missing = SIGNING_SECRETS.filter((name) => !env[name]);
  if (missing.length === 0 || missing.length === SIGNING_SECRETS.length) return [];
  return [`${missing.join(', ')}: missing: give all of ${SIGNING_SECRETS.join(', ')}, or none of them (outside production they are then generated into DATA_DIR)`];
}

/**
 * `secrets: 'set'` (the whole platform in one process) wants the three keys together; a part run
 * alone holds only the ones it needs (platform/parts.ts checks which).
 */
export function parseEnv(env: NodeJS.ProcessEnv = process.env, opts: { secrets: 'set' | 'per part' } = { secrets: 'set' }): Env {
  const result = envSchema.safeParse(env);
  const problems = [
    ...(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)),
    ...(opts.secrets === 'set' ? partialSecrets(env) : []),
  ];
  if (problems.length > 0) throw new Error(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return result.data!;
}

/** The replica a subgraph reads public data from: its own when given, the shared one otherwise; none: the primary. */
export function subgraphReplicaUrl(env: Env, subgraph: string): string | undefined {
  const own = env[`${subgraph.toUpperCase()}_DATABASE_REPLICA_URL` as keyof Env];
  return (typeof own === 'string' ? own : undefined) ?? env.DATABASE_REPLICA_URL;
}

/** The database URL a subgraph uses: its own when given, the shared one otherwise. */
export function subgraphDatabaseUrl(env: Env, subgraph: string): string | undefined {
  const own = env[`${subgraph.toUpperCase()}_DATABASE_URL` as keyof Env];
  return (typeof own === 'string' ? own : undefined) ?? env.DATABASE_URL;
}

/** Notification mail (identity): unset SMTP_URL keeps mail in the outbox. */
export function mailSettings(env: Env): MailSettings {
  return { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM ?? 'no-reply@localhost' };
}
