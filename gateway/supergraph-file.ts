import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import type { SupergraphSdlHook } from '@apollo/gateway';

import type { SupergraphSource } from '../core/supergraph-source';
import { log } from '../core/log';

/**
 * Serves the supergraph from a file and swaps to a new one when the file changes, without a
 * restart. An invalid new file is logged and ignored: the gateway keeps the last good graph.
 * Polling (not fs.watch) survives editors and tools that replace the file by renaming.
 */
export function supergraphFromFile(path: string, intervalMs = 500): SupergraphSource {
  let lastError: string | null = null;
  const hook: SupergraphSdlHook = async ({ update }) => {
    let current = readFileSync(path, 'utf8');
    const onChange = () => {
      let next: string;
      try {
        next = readFileSync(path, 'utf8');
      } catch (err) {
        lastError = `cannot read ${path}: ${(err as Error).message}`;
        return;
      }
      if (next === current) return;
      try {
        update(next);
        current = next;
        lastError = null;
        log.info({ component: 'gateway', path }, 'supergraph reloaded');
      } catch (err) {
        lastError = (err as Error).message;
        log.error({ component: 'gateway', path, reason: lastError.split('\n')[0] }, 'ignoring an invalid supergraph; keeping the last good one');
      }
    };
    watchFile(path, { interval: intervalMs }, onChange);
    return { supergraphSdl: current, cleanup: async () => unwatchFile(path, onChange) };
  };
  return { hook, lastError: () => lastError };
}
