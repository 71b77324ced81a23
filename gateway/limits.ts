import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
  type ValueNode,
  visit,
} from 'graphql';

/**
 * How big an operation may be. Every contract operation passes with room to spare (the largest,
 * DepartmentDashboard, is depth 6 and costs about 600); a hostile one is refused before any
 * subgraph is called.
 */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  /** Estimated cost: each field costs 1, times the size of every list it sits in (`first`). */
  maxCost: number;
  /** Largest `first` (or `last`) a field may ask for. */
  maxPageSize: number;
}

export const DEFAULT_LIMITS: OperationLimits = { maxDepth: 12, maxAliases: 30, maxRootFields: 20, maxCost: 20_000, maxPageSize: 100 };

/** Items a list field is assumed to hold when it takes no `first`. */
const UNSIZED_LIST = 10;

interface Measure {
  depth: number;
  aliases: number;
  cost: number;
}

const refuse = (code: string, message: string) => new GraphQLError(message, { extensions: { code, http: { status: 400 } } });

/** Throws a GraphQLError with a stable code when the operation exceeds a limit. */
export function checkOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  limits: OperationLimits,
): void {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  const rootFields = operation.selectionSet.selections.length;
  if (rootFields > limits.maxRootFields) {
    throw refuse('TOO_MANY_ROOT_FIELDS', `The operation asks for ${rootFields} root fields; at most ${limits.maxRootFields} are allowed.`);
  }

  const sizeOf = (value: ValueNode | undefined): number | null => {
    if (!value) return null;
    if (value.kind === Kind.INT) return Number(value.value);
    if (value.kind === Kind.VARIABLE) {
      const v = variables[value.name.value];
      return typeof v === 'number' ? v : null;
    }
    return null;
  };

  const typeNamed = (name: string | undefined, fallback: GraphQLCompositeType) => {
    const t = name ? schema.getType(name) : undefined;
    return t && isCompositeType(t) ? t : fallback;
  };

  const measure = (set: SelectionSetNode, parent: GraphQLCompositeType, depth: number, multiplier: number, seen: Set<string>): Measure => {
    const m: Measure = { depth, aliases: 0, cost: 0 };
    for (const sel of set.selections) {
      let inner: Measure | null = null;
      if (sel.kind === Kind.FIELD) {
        if (sel.alias) m.aliases += 1;
        const firstArg = sel.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last');
        const size = sizeOf(firstArg?.value);
        if (size !== null && size > limits.maxPageSize) {
          throw refuse('PAGE_SIZE_LIMIT', `${sel.name.value}(first: ${size}) asks for too much; at most ${limits.maxPageSize} per page.`);
        }
        m.cost += multiplier;
        const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[sel.name.value] : undefined;
        if (sel.selectionSet && field) {
          const child = getNamedType(field.type);
          // A paged field multiplies by its page size; another list by a guess; `edges` is
          // already counted by its connection's `first`.
          const listSize = firstArg
            ? (size ?? limits.maxPageSize)
            : isListType(getNullableType(field.type)) && sel.name.value !== 'edges'
              ? UNSIZED_LIST
              : 1;
          if (isCompositeType(child)) inner = measure(sel.selectionSet, child, depth + 1, multiplier * Math.max(1, listSize), seen);
        }
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        inner = measure(sel.selectionSet, typeNamed(sel.typeCondition?.name.value, parent), depth, multiplier, seen);
      } else {
        const name = sel.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) continue; // unknown or cyclic: validation reports it
        inner = measure(fragment.selectionSet, typeNamed(fragment.typeCondition.name.value, parent), depth, multiplier, new Set(seen).add(name));
      }
      if (inner) {
        m.depth = Math.max(m.depth, inner.depth);
        m.aliases += inner.aliases;
        m.cost += inner.cost;
      }
      if (m.depth > limits.maxDepth) throw refuse('DEPTH_LIMIT', `The operation is nested deeper than ${limits.maxDepth} levels.`);
      if (m.aliases > limits.maxAliases) throw refuse('ALIAS_LIMIT', `The operation uses more than ${limits.maxAliases} aliases.`);
      if (m.cost > limits.maxCost) throw refuse('COST_LIMIT', `The operation's estimated cost exceeds ${limits.maxCost}.`);
    }
    return m;
  };
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (root) measure(operation.selectionSet, root, 1, 1, new Set());
}

/**
 * The same limits as a validation rule, so they run before anything else looks at a hostile
 * document. Page sizes given as variables are not known yet and count as the largest page;
 * `didResolveOperation` checks again with the real variables. Apollo reports validation errors
 * as GRAPHQL_VALIDATION_FAILED, so the limit's own code travels in `extensions.limit`.
 */
export function limitsRule(limits: OperationLimits): ValidationRule {
  return (context) => ({
    OperationDefinition(node) {
      try {
        checkOperation(context.getSchema(), context.getDocument(), node, {}, limits);
      } catch (err) {
        if (!(err instanceof GraphQLError)) throw err;
        context.reportError(new GraphQLError(err.message, { nodes: [node], extensions: { limit: err.extensions.code } }));
      }
      return false;
    },
  });
}

/** Where a document takes a page size from a variable: `[field, variable]` pairs, found once per document. */
const pageVariables = new WeakMap<DocumentNode, [field: string, variable: string][]>();

/**
 * The one limit the validation rule cannot check: a page size given as a variable. Everything
 * else was measured there with every such size at the largest allowed page, so with the real
 * variables only their sizes are left to check — without walking the operation again.
 */
export function checkPageVariables(document: DocumentNode, variables: Record<string, unknown>, limits: OperationLimits): void {
  let pairs = pageVariables.get(document);
  if (!pairs) {
    const found: [string, string][] = [];
    visit(document, {
      Field(field) {
        for (const arg of field.arguments ?? []) {
          if ((arg.name.value === 'first' || arg.name.value === 'last') && arg.value.kind === Kind.VARIABLE) found.push([field.name.value, arg.value.name.value]);
        }
      },
    });
    pageVariables.set(document, (pairs = found));
  }
  for (const [field, variable] of pairs) {
    const size = variables[variable];
    if (typeof size === 'number' && size > limits.maxPageSize) {
      throw refuse('PAGE_SIZE_LIMIT', `${field}(first: ${size}) asks for too much; at most ${limits.maxPageSize} per page.`);
    }
  }
}
