import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SUPERGRAPH_FILE } from '../schema/rover-config';
import { QueryPlanWarmup } from './query-plan-warmup';
import { operationTexts } from './trusted-documents';

const operations = operationTexts();
const withoutRequiredVariables = operations.filter(({ text }) => {
  const op = parse(text).definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  return (op.variableDefinitions ?? []).every((v) => v.type.kind !== 'NonNullType' || v.defaultValue);
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
