import { pino } from 'pino';

/** Appends log lines to `file`; several processes may share it (each line is one append). */
export const logFileDestination = (file: string) => pino.destination({ dest: file, append: true, sync: true });
