import { GraphQLError, getNullableType, isListType, type ValidationRule } from 'graphql';
import { createComplexityRule, type ComplexityEstimator } from 'graphql-query-complexity';
import { operationsToCheck, refusal, type OperationLimits, type OperationRequest } from './support';

/** Items a list field without `first` is assumed to hold. */
const UNSIZED_LIST = 10;
/** The page a subgraph serves when `first` is omitted and the schema gives no default (subgraphs/kit/paging.ts). */
const DEFAULT_PAGE = 20;

/**
 * Estimated cost and page sizes, with the request's variables: each field costs 1, times the size
 * of every list it sits in; a paged field's size is its `first` as execution will see it (the
 * variable's value, else the variable's default, else the argument's default). `edges` is already
 * counted by its connection's `first`. Introspection is free here: graphql's own
 * MaxIntrospectionDepthRule bounds it, and the answer comes from memory.
 *
 * graphql-query-complexity coerces the variables the way execution does, enters each fragment
 * once per path and stops walking after `maxQueryNodes` selections; since every field costs at
 * least 1, a document that expands past `maxCost` selections is over the cost anyway.
 */
export const costRule =
  (limits: OperationLimits, request: Pick<OperationRequest, 'variables' | 'operationName'>): ValidationRule =>
  (context) => {
    const estimate: ComplexityEstimator = ({ field, node, args, childComplexity }) => {
      if (field.name === '__schema' || field.name === '__type') return 0;
      const paged = field.args.some((a) => a.name === 'first' || a.name === 'last');
      const asked: number | null = args.first ?? args.last ?? null;
      if (asked !== null && asked > limits.maxPageSize) {
        context.reportError(refusal('PAGE_SIZE_LIMIT', `${field.name}(first: ${asked}) asks for too much; at most ${limits.maxPageSize} per page.`, node));
      }
      const size = paged ? (asked ?? DEFAULT_PAGE) : isListType(getNullableType(field.type)) && field.name !== 'edges' ? UNSIZED_LIST : 1;
      return 1 + Math.max(1, size) * childComplexity;
    };
    const tooCostly = () => refusal('COST_LIMIT', `The operation's estimated cost exceeds ${limits.maxCost}.`);
    const complexity = createComplexityRule({
      maximumComplexity: limits.maxCost,
      variables: request.variables,
      estimators: [estimate],
      maxQueryNodes: limits.maxCost,
      createError: tooCostly,
    })(context);
    return {
      OperationDefinition(node) {
        if (!operationsToCheck(node, request.operationName)) return false;
        // Each operation on its own; enter and leave here, as returning false skips the leave.
        complexity.complexity = 0;
        complexity.evaluatedNodes = 0;
        try {
          complexity.onOperationDefinitionEnter(node);
          complexity.onOperationDefinitionLeave(node);
        } catch (err) {
          // The library throws, rather than reports, when it stops at maxQueryNodes.
          if (!(err instanceof GraphQLError)) throw err;
          context.reportError(tooCostly());
        }
        return false;
      },
    };
  };
