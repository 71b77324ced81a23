import { Kind, parse, valueFromASTUntyped, type ConstDirectiveNode, type DefinitionNode } from 'graphql';

type Args = Record<string, unknown>;

const argsOf = (d: ConstDirectiveNode): Args =>
  Object.fromEntries((d.arguments ?? []).map((a) => [a.name.value, a.value.kind === Kind.ENUM ? a.value.value : valueFromASTUntyped(a.value)]));
const directives = (node: { directives?: readonly ConstDirectiveNode[] }, name: string) =>
  (node.directives ?? []).filter((d) => d.name.value === name).map(argsOf);

/**
 * The fields of other subgraphs that `subgraph` would take over in a composed supergraph: those it
 * `@override`s, and those on a root type or an entity that another subgraph resolves too (the
 * query planner may then ask it instead, e.g. for `Mutation.login` and the passwords it carries).
 * Read from the supergraph, where composition has already resolved every alias and default of
 * the federation directives. Key fields and value types (no key, not a root) stay allowed: they
 * only describe objects the subgraph returns itself. Empty when it takes over nothing.
 */
export function takenOver(supergraphSdl: string, subgraph: string): string[] {
  const defs = parse(supergraphSdl).definitions;
  const graphEnum = defs.find((d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'join__Graph');
  const graphName = new Map<string, string>();
  if (graphEnum?.kind === Kind.ENUM_TYPE_DEFINITION) {
    for (const v of graphEnum.values ?? []) graphName.set(v.name.value, String(directives(v, 'join__graph')[0]?.name));
  }
  const roots = rootTypes(defs);
  const taken: string[] = [];
  for (const def of defs) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const types = directives(def, 'join__type').map((t) => ({ graph: graphName.get(String(t.graph)), key: t.key as string | undefined }));
    if (!types.some((t) => t.graph === subgraph)) continue;
    const entity = types.some((t) => t.key);
    const ownKeyFields = new Set(types.filter((t) => t.graph === subgraph && t.key).flatMap((t) => t.key!.match(/[_A-Za-z][_0-9A-Za-z]*/g) ?? []));
    for (const field of def.fields ?? []) {
      const path = `${def.name.value}.${field.name.value}`;
      const joins = directives(field, 'join__field').filter((j) => j.graph !== undefined);
      // Without @join__field, every subgraph that defines the type resolves the field.
      const resolvers = joins.length
        ? joins.filter((j) => !j.external && !j.usedOverridden).map((j) => graphName.get(String(j.graph)))
        : types.map((t) => t.graph);
      const overrides = joins.find((j) => graphName.get(String(j.graph)) === subgraph && j.override);
      if (overrides) {
        taken.push(`${path} (overrides ${overrides.override})`);
        continue;
      }
      if (!resolvers.includes(subgraph) || ownKeyFields.has(field.name.value)) continue;
      const others = [...new Set(resolvers.filter((g) => g !== subgraph))];
      if (others.length && (roots.has(def.name.value) || entity)) taken.push(`${path} (resolved by ${others.join(', ')})`);
    }
  }
  return taken;
}

function rootTypes(defs: readonly DefinitionNode[]): Set<string> {
  const schema = defs.find((d) => d.kind === Kind.SCHEMA_DEFINITION);
  if (schema?.kind !== Kind.SCHEMA_DEFINITION) return new Set(['Query', 'Mutation', 'Subscription']);
  return new Set(schema.operationTypes.map((o) => o.type.name.value));
}
