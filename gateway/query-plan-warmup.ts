import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ApolloGateway } from '@apollo/gateway';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type QueryPlan, type QueryPlanCache, type QueryPlannerConfig } from '@apollo/query-planner';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { parse } from 'graphql';

/** An operation the platform's clients send, as they send it. */
export interface KnownOperation {
  text: string;
  operationName: string;
}

/**
 * The gateway's query plan cache, filled with the plans of the platform's own operations whenever
 * a supergraph is loaded, instead of by the first request of each (HomePage: 88 ms the first time,
 * 22 ms after). @apollo/gateway has no "plan only" call, but it takes its plan cache from
 * `queryPlannerConfig.cache` and looks plans up by a documented key: the SHA-256 of the query
 * text (Apollo Server's `queryHash`), hashed again with the operation name when the request names
 * one. A planner of our own, built from the same supergraph, makes the same plans in the
 * background (a turn of the event loop between documents, so requests keep flowing), and every
 * key a client may hit is set: clients send the text with or without `operationName`.
 */
export class QueryPlanWarmup {
  readonly cache: QueryPlanCache = new InMemoryLRUCache<QueryPlan>();
  /** Bumped by every supergraph: a warm-up for an older one stops and stores nothing more. */
  private generation = 0;
  /** The running warm-up, for tests and for a caller that wants to wait. */
  done: Promise<number> = Promise.resolve(0);

  constructor(
    private readonly operations: () => KnownOperation[],
    /** The gateway's own planner settings (without the cache), so both plan alike. */
    private readonly plannerConfig: Omit<QueryPlannerConfig, 'cache'> = {},
  ) {}

  /** Re-warms on every supergraph the gateway loads (it clears its plans on each). */
  attach(gateway: ApolloGateway): void {
    gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
      this.done = this.warm(coreSupergraphSdl, ++this.generation);
    });
  }

  /** Plans every known operation for this supergraph; returns how many were planned. */
  private async warm(supergraphSdl: string, generation: number): Promise<number> {
    await nextTurn(); // after the gateway has finished switching to this supergraph
    const supergraph = Supergraph.build(supergraphSdl);
    const planner = new QueryPlanner(supergraph, this.plannerConfig);
    const schema = supergraph.apiSchema();
    let planned = 0;
    for (const { text, operationName } of this.operations()) {
      await nextTurn();
      if (generation !== this.generation) return planned;
      let plan: QueryPlan;
      try {
        plan = planner.buildQueryPlan(operationFromDocument(schema, parse(text), { operationName }));
      } catch {
        continue; // not valid against this supergraph (a department's subgraph is gone): the request will say why
      }
      const queryHash = sha256(text);
      // Checked right before storing (set stores synchronously): never an old supergraph's plan.
      if (generation !== this.generation) return planned;
      for (const key of [queryHash, sha256(queryHash, operationName)]) void this.cache.set(key, plan);
      planned++;
    }
    return planned;
  }
}

/** Apollo's keys: `sha256(query)`, and `sha256(queryHash + operationName)` for a named request. */
const sha256 = (...parts: string[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex');
};
