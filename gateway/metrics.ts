import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, OperationTypeNode } from 'graphql';
import { Counter, Histogram } from 'prom-client';
import { once } from '../core/metrics';
import type { GatewayContext } from './context';

/**
 * What the gateway measures (served at the internal listener's `/metrics`; ops/grafana-dashboard.json
 * reads them). Labels are bounded: an operation is named only when it is one of the clients'
 * trusted operations (every other name is `other`, so a client cannot mint label values), a
 * subgraph is one of the supergraph's.
 */
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
export const OTHER_OPERATION = 'other';

const requests = once('egov_graphql_requests_total', () => new Counter({ name: 'egov_graphql_requests_total', help: 'GraphQL operations answered, per operation name', labelNames: ['operation'] }));
const errors = once('egov_graphql_errors_total', () => new Counter({ name: 'egov_graphql_errors_total', help: 'GraphQL operations answered with errors, per operation name', labelNames: ['operation'] }));
const duration = once('egov_graphql_request_duration_seconds', () => new Histogram({ name: 'egov_graphql_request_duration_seconds', help: 'Time to answer a GraphQL operation, per operation name', labelNames: ['operation'], buckets: SECONDS }));
const signInFailures = once('egov_sign_in_failures_total', () => new Counter({ name: 'egov_sign_in_failures_total', help: 'Sign-ins refused (wrong email or password, or too many attempts)' }));

export const subgraphCalls = {
  requests: once('egov_subgraph_requests_total', () => new Counter({ name: 'egov_subgraph_requests_total', help: 'Calls from the gateway to a subgraph', labelNames: ['subgraph'] })),
  errors: once('egov_subgraph_errors_total', () =>
    new Counter({ name: 'egov_subgraph_errors_total', help: 'Subgraph calls that failed: transport (no answer), status (not 2xx) or graphql (errors in the answer)', labelNames: ['subgraph', 'kind'] }),
  ),
  duration: once('egov_subgraph_request_duration_seconds', () => new Histogram({ name: 'egov_subgraph_request_duration_seconds', help: 'Time of one subgraph call', labelNames: ['subgraph'], buckets: SECONDS })),
};

export const responseCacheLookups = once('egov_response_cache_requests_total', () =>
  new Counter({ name: 'egov_response_cache_requests_total', help: 'Anonymous reads looked up in the response cache: HIT, SHARED (waited for the same answer), STALE (served while refreshed), MISS', labelNames: ['result'] }),
);

export const rateLimitRefusals = once('egov_rate_limit_refusals_total', () =>
  new Counter({ name: 'egov_rate_limit_refusals_total', help: 'Requests refused with 429, per limit: ip, user or service', labelNames: ['limit'] }),
);
// Every series exists from the start, so a dashboard's rate() sees the first refusal.
for (const limit of ['ip', 'user', 'service']) rateLimitRefusals.inc({ limit }, 0);
signInFailures.inc(0);

/**
 * Counts each operation, its errors and its duration; a `login` answered with userErrors is a
 * refused sign-in. `known` says which operation names may be labels.
 */
export function metricsPlugin(known: () => ReadonlySet<string>): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const t0 = performance.now();
      return {
        async willSendResponse({ operation, response }) {
          const name = operation?.name?.value;
          const label = { operation: name && known().has(name) ? name : OTHER_OPERATION };
          requests.inc(label);
          duration.observe(label, (performance.now() - t0) / 1000);
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors?.length) errors.inc(label);
          if (operation?.operation !== OperationTypeNode.MUTATION) return;
          for (const field of operation.selectionSet.selections) {
            if (field.kind !== Kind.FIELD || field.name.value !== 'login') continue;
            const answer = (result.data as Record<string, { userErrors?: unknown[]; token?: unknown } | null> | null | undefined)?.[field.alias?.value ?? 'login'];
            if (answer?.userErrors?.length || (answer && 'token' in answer && !answer.token)) signInFailures.inc();
          }
        },
      };
    },
  };
}
