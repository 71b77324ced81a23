import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  getEnterLeaveForKind,
  Kind,
  TypeInfo,
  ValidationContext,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import { costRule } from './rules/cost';
import { noIntrospectionRule } from './rules/introspection';
import { rootFieldsRule } from './rules/root-fields';
import { operationsToCheck, refusal, type OperationLimits, type OperationRequest } from './rules/support';

export type { OperationLimits, OperationRequest };

/** The defaults of GQL_MAX_* (platform/config.ts). */
export const DEFAULT_LIMITS: OperationLimits = { maxDepth: 12, maxAliases: 30, maxRootFields: 20, maxCost: 20_000, maxPageSize: 100 };

/**
 * Every limit as graphql-js validation rules, for one request: they see the whole operation,
 * through inline and named fragments, with the request's variables. Depth and aliases come from
 * graphql-armor, cost from graphql-query-complexity (the one that takes variables); root fields
 * and introspection are ours, as no maintained rule counts them through fragments.
 */
export function operationRules(limits: OperationLimits, request: OperationRequest): ValidationRule[] {
  const report = (code: string, message: string) => [(context: ValidationContext | null) => context?.reportError(refusal(code, message))];
  const rules: ValidationRule[] = [
    forOperation(request.operationName, maxDepthRule({
      n: limits.maxDepth,
      flattenFragments: true,
      // Introspection's own nesting is bounded by graphql's MaxIntrospectionDepthRule (Apollo runs
      // it); the explorer's schema query is 15 deep.
      ignoreIntrospection: true,
      propagateOnRejection: false,
      onReject: report('DEPTH_LIMIT', `The operation is nested deeper than ${limits.maxDepth} levels.`),
    })),
    // Every alias counts, `__typename` too: 500 aliases of it are as many entries to build.
    forOperation(request.operationName, maxAliasesRule({
      n: limits.maxAliases,
      allowList: [],
      propagateOnRejection: false,
      onReject: report('ALIAS_LIMIT', `The operation uses more than ${limits.maxAliases} aliases.`),
    })),
    rootFieldsRule(limits.maxRootFields, request.operationName),
    costRule(limits, request),
  ];
  if (!request.mayIntrospect) rules.push(noIntrospectionRule(request.operationName));
  return rules;
}

/**
 * The rules for one request, on the operation it runs. Each rule does all its work on entering
 * an operation (none needs the typed walk of the whole document that `validate` makes), so only
 * that is called: the verdicts of `validate(schema, document, operationRules(...))` (the rule
 * table checks they agree) in half the time, as this runs on every request.
 */
export function checkOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  limits: OperationLimits,
  request: OperationRequest,
): GraphQLError[] {
  const errors: GraphQLError[] = [];
  const context = new ValidationContext(schema, document, new TypeInfo(schema), (error) => errors.push(error));
  for (const rule of operationRules(limits, request)) {
    const visitor = rule(context);
    getEnterLeaveForKind(visitor, Kind.OPERATION_DEFINITION).enter?.call(visitor, operation, undefined, undefined, [], []);
  }
  return errors;
}

/**
 * graphql-armor's rules measure every operation of a document; this one runs only for the
 * operation being executed (graphql-armor's visitors keep their work in `OperationDefinition.enter`).
 */
function forOperation(operationName: string | undefined, rule: (context: ValidationContext) => object): ValidationRule {
  return (context) => {
    const visitor = rule(context) as { OperationDefinition: { enter: (node: OperationDefinitionNode) => void } };
    return {
      OperationDefinition(node) {
        if (operationsToCheck(node, operationName)) visitor.OperationDefinition.enter.call(visitor, node);
        return false;
      },
    };
  };
}
