import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { parseEnv, subgraphDatabaseUrl } from '../platform/config';
import { ROOT } from '../core/root';
import { createAccount } from '../subgraphs/identity/accounts';
import { HashSlots } from '../subgraphs/identity/hash-slots';
import { identity } from '../subgraphs/identity/module';
import type { Db } from '../subgraphs/identity/db/users.repository';
import { createDb, createPool } from '../subgraphs/kit/db';
import { startEmbeddedPostgres } from '../subgraphs/kit/embedded-postgres';
import { migrateToLatest } from '../subgraphs/kit/migrate';

/**
 * `npm run admin -- create --email … --name …`: the first admin of a platform that has no demo
 * data (production never seeds). The password comes from EGOV_ADMIN_PASSWORD, or is asked for
 * without echo, never from an argument (which other users could read in the process list and the
 * shell's history). Works on DATABASE_URL (IDENTITY_DATABASE_URL) or the embedded default under
 * DATA_DIR; the embedded database admits one process, so stop the platform first.
 */
const USAGE = 'usage: npm run admin -- create --email <email> --name <display name>   (password: EGOV_ADMIN_PASSWORD or a prompt)';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { email: { type: 'string' }, name: { type: 'string' } },
});
if (positionals[0] !== 'create' || !values.email || !values.name) fail(USAGE);

const env = parseEnv();
const password = process.env.EGOV_ADMIN_PASSWORD ?? (await askTwice(`Password for ${values.email}: `));

const embedded = env.DATABASE_URL || env.IDENTITY_DATABASE_URL ? null : await startEmbeddedPostgres(path.join(path.resolve(ROOT, env.DATA_DIR), 'pglite'));
const pool = createPool({ url: embedded?.url ?? subgraphDatabaseUrl(env, 'identity')!, max: 1 });
try {
  const db = createDb<any>(pool, 'identity') as Db;
  await migrateToLatest(db, 'identity', identity.migrations);
  const result = await createAccount(db, new HashSlots(1), { email: values.email!, password, displayName: values.name!, roles: ['ADMIN'] });
  if (!result.user) fail(result.userErrors.map((e) => `${e.field ?? ''}: ${e.message}`).join('\n'));
  console.log(`Created admin ${result.user!.email} (${result.user!.id}). Sign in as usual.`);
} finally {
  await pool.end();
  await embedded?.stop();
}

async function askTwice(question: string): Promise<string> {
  if (!process.stdin.isTTY) fail('No terminal to ask for the password: set EGOV_ADMIN_PASSWORD.');
  const first = await askHidden(question);
  if ((await askHidden('Again: ')) !== first) fail('The passwords differ.');
  return first;
}

/** Reads a line with the terminal's echo going nowhere. */
async function askHidden(question: string): Promise<string> {
  process.stdout.write(question);
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: silent, terminal: true });
  try {
    return await rl.question('');
  } finally {
    rl.close();
    process.stdout.write('\n');
  }
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
