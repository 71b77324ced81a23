import { parseEnv } from '../platform/config';
import { PARTS, startPart } from '../platform/parts';
import { closeIdleConnectionsFirst } from '../core/keep-alive';

/**
 * `node dist/part.js <part>` (or PART=<part>): one part of the platform in this process, the
 * image's command. Parts: gateway, registry, identity, publications, procedures, applications,
 * feedback. SIGTERM lets in-flight requests finish, then closes the database pools and exits.
 */
const part = process.argv[2] ?? process.env.PART;
if (!part || !(PARTS as readonly string[]).includes(part)) {
  console.error(`usage: node dist/part.js <part>   (one of ${PARTS.join(', ')})`);
  process.exit(2);
}
closeIdleConnectionsFirst();
const log = (line: string) => console.log(`[${part}] ${line}`);
const running = await startPart(part, parseEnv(process.env, { secrets: 'per part' }), log);
log(`serving at ${running.url}`);

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping…`);
  await running.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
