import { Agent, setGlobalDispatcher } from 'undici';

/**
 * How long this platform's HTTP clients keep an idle connection, at most. Its servers keep one
 * 65 s (`keepAliveTimeout`) and say so in `Keep-Alive: timeout=65`; undici would trust that less
 * 2 s. But its idle timer runs on the event loop: a process busy at the wrong moment (composing a
 * supergraph, hashing, a slow machine) reuses a connection the server has just closed, and the
 * request fails with "other side closed" without ever reaching the server. Closing first, by a
 * margin no busy event loop spans, removes that race; reconnecting after 10 s idle costs nothing.
 */
export const KEEP_ALIVE_MAX_MS = 10_000;

/** A connection pool that closes idle connections before the servers do. */
export function keptAliveAgent(options: Agent.Options = {}): Agent {
  return new Agent({ keepAliveMaxTimeout: KEEP_ALIVE_MAX_MS, ...options });
}

/**
 * The same for every `fetch` of this process: Node's fetch uses the global dispatcher. Called once
 * by each entry point (start, part, the test setup), never by a library module.
 */
export function closeIdleConnectionsFirst(): void {
  setGlobalDispatcher(keptAliveAgent());
}
