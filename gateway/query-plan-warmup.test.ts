import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { parse, type OperationDefinitionNode } from 'graphql';
import { QueryPlanner } from '@apollo/query-planner';
import { describe, expect, it, vi } from 'vitest';
import { SUPERGRAPH_FILE } from '../schema/rover-config';
import { post, startTestGateway } from '../test/gateway';
import { QueryPlanWarmup } from './query-plan-warmup';
import { operationTexts } from '../core/operations';

const operations = operationTexts();
// Queries and mutations a request can run as they are; subscriptions are served on their own
// transports (POST /graphql refuses them), so only their planning is checked here.
const withoutRequiredVariables = operations.filter(({ text }) => {
  const op = parse(text).definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  return op.operation !== 'subscription' && (op.variableDefinitions ?? []).every((v) => v.type.kind !== 'NonNullType' || v.defaultValue);
});

describe('query plans warmed when a supergraph loads', () => {
  it('has a plan for every client operation before it is first asked, whether or not the request names its operation', async () => {
    const plans = new QueryPlanWarmup(() => operations);
    // No subgraph listens: planning happens before any fetch, and fetch errors do not matter here.
    const gateway = new ApolloGateway({
      supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
      queryPlannerConfig: { cache: plans.cache },
    });
    plans.attach(gateway);
    const server = new ApolloServer({ gateway });
    await server.start();
    try {
      const planned = await plans.done;
      expect(planned).toBe(operations.length);

      // From now on the gateway must find every plan it looks up, and store none of its own.
      let lookups = 0;
      let missed = 0;
      let stored = 0;
      const { get, set } = plans.cache;
      plans.cache.get = async (key) => {
        lookups++;
        const plan = await get.call(plans.cache, key);
        if (!plan) missed++;
        return plan;
      };
      plans.cache.set = async (...args) => {
        stored++;
        return set.apply(plans.cache, args);
      };
      expect(withoutRequiredVariables.length).toBeGreaterThan(5);
      for (const { text, operationName } of withoutRequiredVariables) {
        await server.executeOperation({ query: text });
        await server.executeOperation({ query: text, operationName });
      }
      expect(lookups).toBe(withoutRequiredVariables.length * 2);
      expect(missed).toBe(0);
      expect(stored).toBe(0);
    } finally {
      await server.stop();
    }
  });
});

describe('query plans warmed in the gateway as the platform runs it', () => {
  it('answers every client operation over HTTP without planning it, and plans a document no client sends', async () => {
    const gateway = await startTestGateway({ knownOperations: () => operations });
    const planned = vi.spyOn(QueryPlanner.prototype, 'buildQueryPlan');
    try {
      expect(await gateway.plansWarmed()).toBe(operations.length);
      planned.mockClear();
      for (const { text, operationName } of withoutRequiredVariables) {
        expect((await post(gateway.url, { query: text })).status).toBe(200);
        expect((await post(gateway.url, { query: text, operationName })).status).toBe(200);
      }
      expect(planned).not.toHaveBeenCalled();
      // The spy does see the gateway plan: a document of nobody's is planned on its first request.
      await post(gateway.url, { query: `{ departments { id code } }` });
      expect(planned).toHaveBeenCalledTimes(1);
    } finally {
      planned.mockRestore();
      await gateway.stop();
    }
  });
});
