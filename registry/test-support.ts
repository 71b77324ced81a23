import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { readRoverConfig } from '../schema/rover-config';
import { createDb } from '../subgraphs/kit/db';
import { startDepartmentSubgraph } from '../subgraphs/kit/standalone';
import type { RunningSubgraph } from '../subgraphs/kit/server';
import { transport } from '../subgraphs/transport/module';
import { startTestGateway } from '../test/gateway';
import { ownDatabase } from '../test/own-database';
import { builtinSpecs, clientOperations } from './platform';
import { Registry } from './registry';
import { supergraphFromRegistry } from './supergraph-source';

/**
 * A registry of the test's own, beside the shared platform: its own database (an in-memory PGlite,
 * or a schema of its own in DATABASE_URL), the sample transport subgraph on it, and gateway
 * replicas that follow this registry over the platform's running subgraphs. Nothing the test
 * publishes reaches the platform's own graph, which other test files use at the same time.
 */
export interface RegistryWorld {
  registry: Registry;
  transport: RunningSubgraph;
  gateways: Awaited<ReturnType<typeof startTestGateway>>[];
  stop: () => Promise<void>;
}

export const TRANSPORT_SDL = readFileSync(new URL('../subgraphs/transport/schema.graphql', import.meta.url), 'utf8');
/** The sample's first version: routes only, no `Department.serviceNotices` yet. */
export const TRANSPORT_V1_SDL = TRANSPORT_SDL.replace(/\s*"Service notices on this department's routes[^"]*"\s*serviceNotices: \[ServiceNotice!\]!/, '');

export async function startRegistryWorld(replicas = 2): Promise<RegistryWorld> {
  const stops: (() => Promise<unknown>)[] = [];
  const { pool, schema, db: registryDb } = await ownDatabase('registry_test', stops);
  const registry = await Registry.open(registryDb, schema, clientOperations());
  await registry.registerBuiltins(builtinSpecs(readRoverConfig()));

  const running = await startDepartmentSubgraph({
    module: transport,
    db: createDb<any>(pool, 'transport'),
    jwksUrl: inject('jwksUrl'),
    serviceUrl: inject('serviceUrl'),
    seed: true,
  });
  stops.push(running.stop);

  const gateways = [];
  for (let i = 0; i < replicas; i++) {
    const gateway = await startTestGateway({ supergraph: supergraphFromRegistry(registry, 200), registry });
    stops.push(gateway.stop);
    gateways.push(gateway);
  }
  return {
    registry,
    transport: running,
    gateways,
    stop: async () => {
      for (const s of stops.reverse()) await s().catch((e) => console.error('[registry test] stop:', (e as Error).message));
    },
  };
}

/** Calls the registry's endpoint on a gateway with a sign-in token or a department credential. */
export async function adminCall(origin: string, method: 'GET' | 'POST' | 'DELETE', path: string, token: string | null, body?: unknown) {
  const res = await fetch(`${origin}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

export { eventually } from '../test/graph';
