import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { configureLogs } from '../core/log';
import { closeIdleConnectionsFirst } from '../core/keep-alive';
import { logFileDestination } from './log-file';
import { startTracing } from '../platform/telemetry';
import { startTraceCollector } from './trace-collector';
import { TestSmtpServer } from './smtp';
import { parseEnv } from '../platform/config';
import { bootPlatform, type Platform } from '../platform/boot';
import type { Secrets } from '../platform/secrets';

/**
 * Boots the real platform once for the whole run: the embedded PGlite in memory, or the real
 * PostgreSQL of DATABASE_URL (which should be a fresh database). Ports are picked by the OS so a
 * running `npm start` does not get in the way.
 */
let platform: Platform | undefined;

export default async function setup(project: TestProject) {
  // The shared platform's own calls (audit relay, session checks) close idle connections first too.
  closeIdleConnectionsFirst();
  // Every log line of the run (this platform's and the gateways tests start) goes to one file,
  // at debug: test/log-redaction.test.ts reads it for what must never be logged.
  const logFile = path.join(os.tmpdir(), `egov-test-logs-${process.pid}.jsonl`);
  rmSync(logFile, { force: true });
  configureLogs({ level: 'debug', destination: logFileDestination(logFile) });
  project.provide('logFile', logFile);
  // Notification mail goes to a real SMTP server of the run's own; tests read it through its mailbox.
  const smtp = await new TestSmtpServer().start();
  const mailbox = await smtp.serveMailbox();
  project.provide('mailboxUrl', mailbox.url);
  const env = parseEnv({
    ...process.env,
    NODE_ENV: 'test',
    GATEWAY_PORT: '0',
    SUBGRAPH_BASE_PORT: '0',
    GATEWAY_INTERNAL_PORT: '0',
    // Tests of limits, safelisting and rate limits start gateways of their own with tight settings.
    SAFELIST: 'off',
    LOG_LEVEL: 'debug',
    RATE_LIMIT_IP_PER_MINUTE: '1000000',
    RATE_LIMIT_USER_PER_MINUTE: '1000000',
    // Test files sign in at once; the hashing bound is tested with an identity subgraph of its own.
    PASSWORD_HASH_CONCURRENCY: '4',
    // Argon2 at its lowest: the run signs in and registers thousands of times (OWASP's cost is
    // tested with identity subgraphs of their own: password-hashing.test.ts, brute-force.test.ts).
    PASSWORD_HASH_COST: 'minimal',
    // Nor a rate of sign-ins (tested with a gateway of its own, subgraphs/identity/brute-force.test.ts).
    PASSWORD_WORK_PER_SECOND: '0',
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Service Portal <no-reply@portal.example.gov>',
  });
  // Every request is traced, into memory: tests count a request's SQL statements from its spans.
  const collector = await startTraceCollector();
  startTracing(env, 'egov-test', collector.exporter);
  project.provide('traceCollectorUrl', collector.url);
  platform = await bootPlatform({ env, ephemeral: true, seed: true });
  project.provide('gatewayUrl', platform.gateway!.url);
  project.provide('internalUrl', platform.gateway!.internalUrl);
  project.provide('jwksUrl', platform.jwksUrl!);
  project.provide('serviceUrl', platform.serviceUrl!);
  project.provide('subgraphUrls', Object.fromEntries(platform.subgraphs.map((s) => [s.name, s.url])));
  project.provide('databaseUrl', platform.databaseUrl);
  project.provide('secrets', platform.secrets);
  return async () => {
    await platform?.stop();
    await collector.stop();
    await mailbox.close();
    await smtp.stop();
    rmSync(logFile, { force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
    /** The platform gateway's internal listener's `/graphql`: uncached, each request's subgraph calls its own. */
    internalUrl: string;
    /** The gateway's public keys (what a department subgraph is configured with). */
    jwksUrl: string;
    /** The gateway's internal path for subgraphs' granted reads. */
    serviceUrl: string;
    subgraphUrls: Record<string, string>;
    databaseUrl: string;
    secrets: Secrets;
    /** Where the log lines of the whole run are (JSON lines). */
    logFile: string;
    /** `GET <url>/traces/<traceId>`: the spans the platform recorded of a trace (test/trace-collector.ts). */
    traceCollectorUrl: string;
    /** `GET <url>?to=<address>`: the notification mail the platform sent to an address (test/smtp.ts). */
    mailboxUrl: string;
  }
}
