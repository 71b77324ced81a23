import { afterAll, inject } from 'vitest';
import { configureLogs } from '../core/log';
import { logFileDestination } from './log-file';

// Gateways and subgraphs a test file starts log into the run's file too, not into the test output.
const destination = logFileDestination(inject('logFile'));
configureLogs({ level: 'debug', destination });
afterAll(() => destination.end());
