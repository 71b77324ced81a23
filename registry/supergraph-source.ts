import type { SupergraphSdlHook } from '@apollo/gateway';
import type { SupergraphSource } from '../core/supergraph-source';
import { log } from '../core/log';

/** What the gateway needs from the registry: the newest version number, and a supergraph by version. */
export interface SupergraphFeed {
  latestVersion: () => Promise<number | null>;
  supergraph: (version: number) => Promise<{ version: number; sdl: string } | null>;
}

/**
 * Serves the registry's newest supergraph and polls for a newer one, so every gateway replica
 * switches within about `intervalMs` of a publish, without a restart. Apollo Gateway's `update()`
 * swaps the schema and query planner atomically: requests in flight finish on the old graph. A
 * supergraph the gateway refuses is remembered (and not retried) while the last good one serves.
 */
export function supergraphFromRegistry(feed: SupergraphFeed, intervalMs = 1000): SupergraphSource {
  let lastError: string | null = null;
  const hook: SupergraphSdlHook = async ({ update }) => {
    const first = await latest(feed);
    if (!first) throw new Error('The schema registry holds no supergraph yet (register the built-in subgraphs first).');
    let current = first.version;
    let refused: number | null = null;
    let busy = false;
    const poll = async () => {
      if (busy) return;
      busy = true;
      try {
        const version = await feed.latestVersion();
        if (lastError?.startsWith('cannot read the registry')) lastError = null;
        if (version === null || version === current || version === refused) return;
        const next = await feed.supergraph(version);
        if (!next) return;
        try {
          update(next.sdl);
          current = next.version;
          lastError = null;
          log.info({ component: 'gateway', version: next.version }, 'supergraph from the registry');
        } catch (err) {
          refused = next.version;
          lastError = (err as Error).message;
          log.error({ component: 'gateway', version: next.version, current, reason: lastError.split('\n')[0] }, 'ignoring an invalid supergraph; keeping the current one');
        }
      } catch (err) {
        // The database is briefly unreachable: keep serving, try again on the next tick.
        lastError = `cannot read the registry: ${(err as Error).message}`;
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void poll(), intervalMs);
    timer.unref();
    return { supergraphSdl: first.sdl, cleanup: async () => clearInterval(timer) };
  };
  return { hook, lastError: () => lastError };
}

async function latest(feed: SupergraphFeed) {
  const version = await feed.latestVersion();
  return version === null ? null : feed.supergraph(version);
}

/** The registry part's feed over HTTP (`supergraph-routes.ts`), for a gateway that runs apart from it. */
export function supergraphFeedOverHttp(registryUrl: string): SupergraphFeed {
  const get = async <T>(pathname: string): Promise<T | null> => {
    const res = await fetch(new URL(pathname, registryUrl), { signal: AbortSignal.timeout(5000) });
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`the registry answered ${res.status} for ${pathname}`);
    return (await res.json()) as T;
  };
  return {
    latestVersion: async () => (await get<{ version: number | null }>('/supergraph/latest'))?.version ?? null,
    supergraph: (version) => get<{ version: number; sdl: string }>(`/supergraph/${version}`),
  };
}
