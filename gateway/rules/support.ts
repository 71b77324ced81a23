import { GraphQLError, Kind, type ASTNode, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * How big an operation may be. Every contract operation passes with room to spare (at
 * `first: 100`, the costliest, MyFeedback, costs 3,403; the deepest, MyApplications, is 7 levels);
 * a hostile one is refused before any subgraph is called.
 */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  /** Estimated cost: each field costs 1, times the size of every list it sits in (a connection's `first`, 10 for another list). */
  maxCost: number;
  /** Largest `first` (or `last`) a field may ask for. */
  maxPageSize: number;
}

/** What the rules know of one request beyond its document. */
export interface OperationRequest {
  /** The variables as sent; page sizes and costs are counted with these and the operation's defaults. */
  variables?: Record<string, unknown>;
  /** Only this operation of the document is checked (all when unset). */
  operationName?: string;
  /** Whether the caller may introspect; when false, `__schema` and `__type` are refused wherever they hide. */
  mayIntrospect: boolean;
}

/**
 * A refusal with a stable code. Status 400 is for when it is thrown out of Apollo's pipeline
 * (gateway/protection.ts); a client never sees GRAPHQL_VALIDATION_FAILED for a limit.
 */
export const refusal = (code: string, message: string, nodes?: ASTNode | readonly ASTNode[]) =>
  new GraphQLError(message, { nodes, extensions: { code, http: { status: 400 } } });

/** Whether a rule limited to `operationName` looks at this operation (all of them when unset). */
export const operationsToCheck = (node: OperationDefinitionNode, operationName?: string) =>
  operationName === undefined || node.name?.value === operationName;

/**
 * Calls `onField` for every field reachable from `set` through inline fragments and fragment
 * spreads, and descends into a field's own selections when it returns true. Each named fragment
 * is entered once per walk: a cycle (which validation reports, but a rule may run before that)
 * ends, and a fragment spread a million times over is read once.
 */
export function eachReachableField(
  set: SelectionSetNode,
  fragments: { getFragment(name: string): FragmentDefinitionNode | null | undefined },
  onField: (field: FieldNode) => boolean,
  entered = new Set<string>(),
): void {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (onField(selection) && selection.selectionSet) eachReachableField(selection.selectionSet, fragments, onField, entered);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      eachReachableField(selection.selectionSet, fragments, onField, entered);
    } else if (!entered.has(selection.name.value)) {
      entered.add(selection.name.value);
      const fragment = fragments.getFragment(selection.name.value);
      if (fragment) eachReachableField(fragment.selectionSet, fragments, onField, entered);
    }
  }
}
