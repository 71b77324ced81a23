import {
  getNamedType,
  isAbstractType,
  Kind,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';

/**
 * What a cached answer was built from, and what a mutation may have changed, as tags the response
 * cache evicts by (gateway/response-cache.ts): `graph:<SUBGRAPH>` for every subgraph that serves a
 * field of the document, read from the supergraph's join directives (never from the answer, so an
 * empty list or a not-found is tagged like a full one).
 *
 * A mutation is served by one subgraph, and a subgraph writes only its own tables: whatever it
 * changed (its entities, the lists and counts and statistics it computes from them) can appear
 * only in fields it serves. So a mutation evicts the answers holding any field of its subgraph, and
 * keeps the rest: a citizen's feedback evicts the questions and the publication pages with their
 * opinions, never the news, the catalogue or a procedure's guide; a published item the news, not
 * the catalogue. Finer tags (one entity by id) would have to know which of a subgraph's fields are
 * derived from which entity (statistics, totals); the subgraph is the unit that is always right.
 */
export type Tags = Set<string>;

/** Which subgraphs serve each field (`Type.field`), from the supergraph's join directives. */
export type FieldGraphs = Map<string, string[]>;

const argument = (args: readonly { name: { value: string }; value: ValueNode }[] | undefined, name: string) => {
  const v = args?.find((a) => a.name.value === name)?.value;
  return v && (v.kind === Kind.ENUM || v.kind === Kind.STRING) ? v.value : v && v.kind === Kind.BOOLEAN ? String(v.value) : undefined;
};

/**
 * Reads the join directives of a supergraph: a field's own `@join__field(graph:)`s, else its type's
 * one `@join__type(graph:)`; none for a key every subgraph of the type declares.
 */
export function fieldGraphsOf(supergraphSdl: string): FieldGraphs {
  const map: FieldGraphs = new Map();
  const typeGraphs = new Map<string, Set<string>>();
  const document = parse(supergraphSdl);
  const definitions = document.definitions.filter(
    (d) => d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION,
  );
  for (const d of definitions) {
    const graphs = typeGraphs.get(d.name.value) ?? new Set<string>();
    for (const dir of d.directives ?? []) if (dir.name.value === 'join__type') graphs.add(argument(dir.arguments, 'graph') ?? '');
    typeGraphs.set(d.name.value, graphs);
  }
  for (const d of definitions) {
    for (const field of d.fields ?? []) {
      const own = (field.directives ?? [])
        .filter((dir) => dir.name.value === 'join__field' && argument(dir.arguments, 'external') !== 'true')
        .map((dir) => argument(dir.arguments, 'graph'))
        .filter((g): g is string => !!g);
      const all = [...(typeGraphs.get(d.name.value) ?? [])].filter(Boolean);
      // A field every subgraph of an entity declares (its key, \`id\`) carries no join__field: it
      // names the entity and never changes, so it ties an answer to no subgraph.
      map.set(`${d.name.value}.${field.name.value}`, own.length ? own : all.length > 1 ? [] : all);
    }
  }
  return map;
}

/** The subgraphs a document's fields come from, or null when one cannot be told (then it is evicted by anything). */
export function documentTags(schema: GraphQLSchema, graphs: FieldGraphs, document: DocumentNode): Tags | null {
  const tags: Tags = new Set();
  let unknown = false;
  const info = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(info, {
      Field(node) {
        const name = node.name.value;
        if (name.startsWith('__')) return;
        const parent = info.getParentType();
        // On an abstract type the field's subgraph depends on the object's type: do not guess.
        if (!parent || isAbstractType(parent)) {
          unknown = true;
          return;
        }
        const served = graphs.get(`${parent.name}.${name}`);
        if (!served) unknown = true;
        else for (const g of served) tags.add(`graph:${g}`);
      },
    }),
  );
  return unknown ? null : tags;
}

/** What a mutation evicts: the answers holding a field of any subgraph serving one of its root fields; null: everything. */
export function mutationTags(schema: GraphQLSchema, graphs: FieldGraphs, document: DocumentNode, operationName: string | null): Tags | null {
  const ops = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
  const root = schema.getMutationType();
  if (!op || !root) return null;
  const tags: Tags = new Set();
  for (const node of op.selectionSet.selections) {
    if (node.kind !== Kind.FIELD) return null; // fragments at the root of a mutation: rare; evict everything
    if (node.name.value === '__typename') continue;
    const served = graphs.get(`${root.name}.${node.name.value}`);
    if (!served?.length || !getNamedType(root.getFields()[node.name.value]?.type)) return null;
    for (const g of served) tags.add(`graph:${g}`);
  }
  return tags;
}
