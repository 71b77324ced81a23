import path from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { ROOT } from '../core/root';
import { parseEnv, subgraphDatabaseUrl } from '../platform/config';
import { adminCommand } from '../platform/admin-command';
import { identity } from '../subgraphs/identity/module';
import { createDb, createPool } from '../subgraphs/kit/db';
import { startEmbeddedPostgres } from '../subgraphs/kit/embedded-postgres';
import { migrateToLatest } from '../subgraphs/kit/migrate';

/** `npm run admin -- create …`: see platform/admin-command.ts. */
const env = parseEnv(process.env, { secrets: 'per part' });

/** ADMIN_PASSWORD, or asked for on the terminal without echoing it. */
async function password(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  if (!process.stdin.isTTY) throw new Error('Give the password in ADMIN_PASSWORD, or run this on a terminal to type it.');
  let muted = false;
  const output = new Writable({ write: (chunk, _enc, done) => void (muted || process.stdout.write(chunk), done()) });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  const ask = (q: string) => new Promise<string>((resolve) => {
    muted = false;
    process.stdout.write(q);
    muted = true;
    rl.question('', (a) => { process.stdout.write('\n'); resolve(a); });
  });
  const first = await ask('Password: ');
  const again = await ask('Again: ');
  rl.close();
  if (first !== again) throw new Error('The two passwords differ.');
  return first;
}

const url = subgraphDatabaseUrl(env, 'identity');
const embedded = url ? null : await startEmbeddedPostgres(path.join(path.resolve(ROOT, env.DATA_DIR), 'pglite'));
const pool = createPool({ url: url ?? embedded!.url, max: 1 });
let code = 2;
try {
  const db = createDb<any>(pool, 'identity');
  await migrateToLatest(db, 'identity', identity.migrations);
  const result = await adminCommand(process.argv.slice(2), { db, password });
  (result.code === 0 ? console.log : console.error)(result.message);
  code = result.code;
} catch (err) {
  console.error((err as Error).message);
  code = 1;
} finally {
  await pool.end();
  await embedded?.stop();
}
process.exit(code);
