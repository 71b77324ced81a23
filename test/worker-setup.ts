import { afterAll, inject } from 'vitest';
import { configureLogs } from '../core/log';
import { closeIdleConnectionsFirst } from '../core/keep-alive';
import { logFileDestination } from './log-file';

// Every fetch of the test files, and of the gateways they start, closes idle connections before the servers do.
closeIdleConnectionsFirst();

// Gateways and subgraphs a test file starts log into the run's file too, not into the test output.
const destination = logFileDestination(inject('logFile'));
configureLogs({ level: 'debug', destination });
afterAll(() => destination.end());
