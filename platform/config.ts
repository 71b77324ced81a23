import { z } from 'zod';

/**
 * The one validated configuration of a platform process. Parsed once from the environment at
 * start, every problem reported together, then passed into the factories: nothing else reads
 * process.env.
 */
const optionalUrl = z.string().url().optional();

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Real PostgreSQL. Unset: the embedded PGlite under DATA_DIR. */
  DATABASE_URL: optionalUrl,
  IDENTITY_DATABASE_URL: optionalUrl,
  PUBLICATIONS_DATABASE_URL: optionalUrl,
  PROCEDURES_DATABASE_URL: optionalUrl,
  APPLICATIONS_DATABASE_URL: optionalUrl,
  FEEDBACK_DATABASE_URL: optionalUrl,
  DATA_DIR: z.string().default('.data'),
  HOST: z.string().default('127.0.0.1'),
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** First subgraph port; the subgraphs take consecutive ports in rover.yaml's order. */
  SUBGRAPH_BASE_PORT: z.coerce.number().int().min(0).max(65535).default(4001),
  /** Shared by the gateway and the subgraphs to sign and check the caller's identity. */
  INTERNAL_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** ES256 key pair (PEM) for citizens' and staff sign-in tokens. */
  JWT_PRIVATE_KEY: z.string().optional(),
  JWT_PUBLIC_KEY: z.string().optional(),
  JWT_TTL_SECONDS: z.coerce.number().int().positive().default(8 * 3600),
  /** The gateway's public origin (`https://services.example.gov`), for absolute links in feeds and
   * files. Unset: links are root-relative (`/files/<id>`). */
  PUBLIC_URL: z.string().url().optional(),
  SUPERGRAPH_PATH: z.string().default('schema/supergraph.graphql'),
  /** Seed demo data into an empty database; the embedded default always does. */
  SEED: z.enum(['auto', 'always', 'never']).default('auto'),
});

export type Env = z.infer<typeof envSchema>;

/** A link to a path served by the gateway (`/files/<id>`, `/feeds/news.atom`). */
export function publicLink(env: Env, pathname: string): string {
  return env.PUBLIC_URL ? new URL(pathname, env.PUBLIC_URL).toString() : pathname;
}

export function parseEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** The database URL a subgraph uses: its own when given, the shared one otherwise. */
export function subgraphDatabaseUrl(env: Env, subgraph: string): string | undefined {
  const own = env[`${subgraph.toUpperCase()}_DATABASE_URL` as keyof Env];
  return (typeof own === 'string' ? own : undefined) ?? env.DATABASE_URL;
}
