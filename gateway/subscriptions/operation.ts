import { ApolloServerErrorCode } from '@apollo/server/errors';
import {
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  Kind,
  parse,
  print,
  validate,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { Identity } from '../../core/identity';
import { checkOperation, type OperationLimits } from '../limits';
import { mayIntrospect } from '../protection';
import { SUBSCRIPTION_FIELDS, type SubscriptionField } from './fields';

/** A subscription accepted: what to listen to, and the query that reads each event as the subscriber. */
export interface PreparedSubscription {
  fieldName: string;
  field: SubscriptionField;
  args: Record<string, unknown>;
  /** `query(...) { <key>: <rootField>(id: $eventEntityId) { <their selection> } }`, printed once. */
  query: string;
  /** The subscriber's variables the query still uses; `eventEntityId` is added per event. */
  variables: Record<string, unknown>;
  operationName: string | undefined;
}

/** A refusal of a subscription request: code and message (and the protocol's status, for SSE). */
export interface Refusal {
  code: string;
  message: string;
}

export const ENTITY_VARIABLE = 'eventEntityId';

/**
 * Checks a subscription request the way `/graphql` checks a query (parse, validation against the
 * API schema, the same limits: depth, aliases, cost, introspection) and turns it into the query
 * run for each event. Queries and mutations are refused: they have `/graphql`, with its cache,
 * admission and per-request rate limits, and a stream would bypass them.
 */
export function prepareSubscription(
  schema: GraphQLSchema,
  request: { query?: unknown; variables?: unknown; operationName?: unknown },
  who: Identity,
  opts: { limits: OperationLimits; production: boolean; maxTokens: number },
): PreparedSubscription | Refusal {
  if (typeof request.query !== 'string') return { code: 'BAD_REQUEST', message: 'Send the subscription as `query` (or a trusted document’s id).' };
  const operationName = typeof request.operationName === 'string' ? request.operationName : undefined;
  const rawVariables = request.variables && typeof request.variables === 'object' ? (request.variables as Record<string, unknown>) : {};
  let document: DocumentNode;
  try {
    document = parse(request.query, { maxTokens: opts.maxTokens });
  } catch (err) {
    return { code: ApolloServerErrorCode.GRAPHQL_PARSE_FAILED, message: (err as Error).message };
  }
  const invalid = validate(schema, document);
  if (invalid.length) return { code: ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED, message: invalid.map((e) => e.message).join(' ') };
  const operation = getOperationAST(document, operationName);
  if (!operation) return { code: ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE, message: 'Name the operation to run in operationName.' };
  if (operation.operation !== 'subscription') {
    return { code: 'SUBSCRIPTIONS_ONLY', message: 'Only subscriptions are served here; send queries and mutations to /graphql.' };
  }
  const [refused] = checkOperation(schema, document, operation, opts.limits, {
    variables: rawVariables,
    operationName: operation.name?.value,
    mayIntrospect: mayIntrospect(opts.production, who),
  });
  if (refused) return { code: String(refused.extensions.code ?? 'BAD_USER_INPUT'), message: refused.message };
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  if (coerced.errors) return { code: 'BAD_USER_INPUT', message: coerced.errors.map((e) => e.message).join(' ') };
  // Validation leaves exactly one root field (SingleFieldSubscriptionsRule), not a fragment spread or __typename.
  const root = operation.selectionSet.selections[0];
  if (root?.kind !== Kind.FIELD || operation.selectionSet.selections.length !== 1) {
    return { code: 'BAD_REQUEST', message: 'Select the subscription field directly, without fragments.' };
  }
  const fieldName = root.name.value;
  const field = SUBSCRIPTION_FIELDS[fieldName];
  const definition = schema.getSubscriptionType()?.getFields()[fieldName];
  if (!field || !definition) return { code: 'BAD_REQUEST', message: `The gateway does not serve ${fieldName}.` };
  if (operation.variableDefinitions?.some((v) => v.variable.name.value === ENTITY_VARIABLE)) {
    return { code: 'BAD_REQUEST', message: `The variable name $${ENTITY_VARIABLE} is reserved.` };
  }
  const denied = field.admit(who);
  if (denied) return { code: denied[0], message: denied[1] };
  const args = getArgumentValues(definition, root, coerced.coerced);
  const query = eventQuery(document, operation, root, field.rootField);
  const used = usedVariables(query);
  const variables = Object.fromEntries(Object.entries(coerced.coerced).filter(([name]) => used.has(name)));
  return { fieldName, field, args, query: print(query), variables, operationName: operation.name?.value };
}

/**
 * The subscription turned into a query of the entity: the root field becomes `<rootField>(id:
 * $eventEntityId)` under the subscription field's response key, so the answer has the shape the
 * subscriber asked for; their fragments stay, the variables only the arguments used are dropped.
 */
function eventQuery(document: DocumentNode, operation: OperationDefinitionNode, root: FieldNode, rootField: string): DocumentNode {
  const used = usedVariables({
    kind: Kind.DOCUMENT,
    definitions: [{ ...operation, variableDefinitions: [], selectionSet: { kind: Kind.SELECTION_SET, selections: root.selectionSet?.selections ?? [] } }, ...document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION)],
  });
  const query: OperationDefinitionNode = {
    ...operation,
    operation: 'query' as OperationDefinitionNode['operation'],
    variableDefinitions: [
      ...(operation.variableDefinitions ?? []).filter((v) => used.has(v.variable.name.value)),
      {
        kind: Kind.VARIABLE_DEFINITION,
        variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: ENTITY_VARIABLE } },
        type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ID' } } },
      },
    ],
    selectionSet: {
      kind: Kind.SELECTION_SET,
      selections: [
        {
          ...root,
          alias: { kind: Kind.NAME, value: (root.alias ?? root.name).value },
          name: { kind: Kind.NAME, value: rootField },
          arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'id' }, value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: ENTITY_VARIABLE } } }],
        },
      ],
    },
  };
  // Only the operation run and the fragments it reaches (another operation's would fail validation).
  const fragments = new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const reached = new Set<string>();
  const reach = (node: DefinitionNode) =>
    visit(node, {
      FragmentSpread: (spread) => {
        const name = spread.name.value;
        if (reached.has(name) || !fragments.has(name)) return;
        reached.add(name);
        reach(fragments.get(name)!);
      },
    });
  reach(query);
  return { kind: Kind.DOCUMENT, definitions: [query, ...[...fragments.values()].filter((f) => reached.has(f.name.value))] };
}

function usedVariables(document: DocumentNode): Set<string> {
  const names = new Set<string>();
  visit(document, {
    VariableDefinition: () => false,
    Variable: (node) => {
      names.add(node.name.value);
    },
  });
  return names;
}

export const isRefusal = (p: PreparedSubscription | Refusal): p is Refusal => 'code' in p;
