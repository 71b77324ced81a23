import { pino, stdSerializers, type DestinationStream, type Level } from 'pino';

/**
 * The platform's one logger: JSON lines (pino), one object per line, on stdout unless a process
 * sends them elsewhere (tests collect them to prove what never appears in them).
 *
 * What is never logged: passwords, tokens, emails, form data. The code logs ids, not values;
 * the redaction paths below are the second line of defence for whatever a log call is given
 * (a request's headers, a body, an error carrying the database's `detail`, which quotes the
 * values of a unique key: `Key (email)=(…) already exists`).
 */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const SECRET_KEYS = ['password', 'newPassword', 'token', 'authorization', 'cookie', 'email', 'formData', 'variables', 'body', 'detail'];
const REDACT = [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`), 'req.headers["x-egov-identity"]', 'req.headers["x-egov-delegation"]'];

/** Where lines go; replaceable after the logger exists, so modules may hold the logger from import on. */
const sink: DestinationStream & { target: DestinationStream } = {
  target: process.stdout,
  write(line: string) {
    this.target.write(line);
  },
};

export const log = pino(
  {
    level: 'info',
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    // `"level":"warn"`, readable without a table of pino's numbers.
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT, censor: '[redacted]' },
    serializers: {
      // The database's `detail` and `where` quote row values; only the message and code are kept.
      err: (err: Error) => {
        const { type, message, stack, code } = stdSerializers.err(err) as { type: string; message: string; stack: string; code?: unknown };
        return { type, message, stack, code };
      },
    },
  },
  sink,
);

/** Sets the level (LOG_LEVEL, validated in platform/config.ts) and, for tests, where lines go. */
export function configureLogs(opts: { level: LogLevel; destination?: DestinationStream }): void {
  log.level = opts.level as Level | 'silent';
  if (opts.destination) sink.target = opts.destination;
}
