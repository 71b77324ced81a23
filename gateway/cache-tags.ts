import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * What a cached answer holds, and what a mutation may have changed, as tags (the response cache
 * evicts by them, gateway/response-cache.ts):
 * - `Type:id` for every object with an id in the answer: the entity itself;
 * - `list:Type` for every entity type that appears inside a list: membership of some list of it;
 * - `Type` for every entity type that appears at all;
 * - `list:Type` also for every list that could hold one, read from the document, so an empty list
 *   (no results yet) is tagged too, and `missing:Type` where a lookup of one found nothing (null),
 *   so neither is served after a mutation made the item appear.
 * A mutation evicts `Type:id`, `list:Type` and `missing:Type` for each entity in its answer (it
 * changed that entity, perhaps which lists hold it, perhaps made it visible), and `Type` as well
 * for an entity type its payload holds but its answer does not show (not selected), since then the
 * changed id is unknown. A citizen's feedback
 * therefore evicts answers listing feedback, not the news; an edited publication its own page and
 * the lists of publications, not another publication's page.
 *
 * Types are read from the schema alongside the document, so clients need not ask for `__typename`;
 * where a type is abstract the answer's `__typename` decides if present, else the abstract type's
 * name is used for the tags (and the mutation side evicts by the same names).
 */
export type Tags = Set<string>;

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  tags: Tags;
}

function operationOf(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
}

const hasId = (type: GraphQLCompositeType) => !isAbstractType(type) && 'id' in type.getFields();

/** The type an object of the answer is: its `__typename` when it says, else the static type. */
function runtimeType(walk: Walk, type: GraphQLCompositeType, value: Record<string, unknown>): GraphQLCompositeType {
  if (!isAbstractType(type) || typeof value.__typename !== 'string') return type;
  const named = walk.schema.getType(value.__typename);
  return named && isObjectType(named) ? named : type;
}

/** Whether a fragment's type condition applies to an object of `type`. */
function applies(walk: Walk, condition: string | undefined, type: GraphQLCompositeType): boolean {
  if (!condition || condition === type.name) return true;
  const target = walk.schema.getType(condition);
  if (!target || !isCompositeType(target)) return false;
  // On an abstract type the object's own type is unknown: the fragment may apply.
  if (isAbstractType(type)) return true;
  return isAbstractType(target) && walk.schema.isSubType(target, type as never);
}

function visitValue(walk: Walk, selection: SelectionSetNode | undefined, type: GraphQLOutputType, value: unknown, inList: boolean): void {
  if (isNonNullType(type)) return visitValue(walk, selection, type.ofType, value, inList);
  if (value === null || value === undefined) {
    const named = getNamedType(type);
    if (!isListType(type) && isCompositeType(named)) for (const t of entityTypes(walk, named)) walk.tags.add(`missing:${t}`);
    return;
  }
  if (isListType(type)) {
    // Whatever the list holds now (perhaps nothing), an entity of these types may join it.
    for (const t of entityTypesUnder(walk, selection, getNamedType(type))) walk.tags.add(`list:${t}`);
    if (Array.isArray(value)) for (const item of value) visitValue(walk, selection, type.ofType, item, true);
    return;
  }
  if (!selection || !isCompositeType(type) || typeof value !== 'object') return;
  visitObject(walk, selection, runtimeType(walk, type, value as Record<string, unknown>), value as Record<string, unknown>, inList);
}

function visitObject(walk: Walk, selection: SelectionSetNode, type: GraphQLCompositeType, value: Record<string, unknown>, inList: boolean): void {
  const fields = isAbstractType(type) ? {} : type.getFields();
  for (const node of selection.selections) {
    if (node.kind === Kind.FIELD) {
      const key = node.alias?.value ?? node.name.value;
      if (node.name.value === 'id' && typeof value[key] === 'string' && hasId(type)) {
        walk.tags.add(`${type.name}:${value[key]}`);
        walk.tags.add(type.name);
        if (inList) walk.tags.add(`list:${type.name}`);
      }
      const field = fields[node.name.value];
      if (field) visitValue(walk, node.selectionSet, field.type, value[key], inList);
    } else if (node.kind === Kind.INLINE_FRAGMENT) {
      if (applies(walk, node.typeCondition?.name.value, type)) visitObject(walk, node.selectionSet, type, value, inList);
    } else {
      const fragment = walk.fragments.get(node.name.value);
      if (fragment && applies(walk, fragment.typeCondition.name.value, type)) visitObject(walk, fragment.selectionSet, type, value, inList);
    }
  }
}

/** The entity types (with an id) a composite type stands for: itself, or an abstract type's members. */
function entityTypes(walk: Walk, type: GraphQLCompositeType): string[] {
  if (isAbstractType(type)) return walk.schema.getPossibleTypes(type).filter(hasId).map((t) => t.name);
  return hasId(type) ? [type.name] : [];
}

/** Every entity type a selection on `type` can reach, read from the document (so empty lists count too). */
function entityTypesUnder(walk: Walk, selection: SelectionSetNode | undefined, type: ReturnType<typeof getNamedType>, seen = new Set<string>()): Set<string> {
  if (!selection || !isCompositeType(type)) return seen;
  for (const t of entityTypes(walk, type)) seen.add(t);
  const fields = isAbstractType(type) ? {} : type.getFields();
  for (const node of selection.selections) {
    if (node.kind === Kind.FIELD) {
      const field = fields[node.name.value];
      if (field) entityTypesUnder(walk, node.selectionSet, getNamedType(field.type), seen);
    } else {
      const set = node.kind === Kind.INLINE_FRAGMENT ? node.selectionSet : walk.fragments.get(node.name.value)?.selectionSet;
      const condition = node.kind === Kind.INLINE_FRAGMENT ? node.typeCondition?.name.value : walk.fragments.get(node.name.value)?.typeCondition.name.value;
      const on = condition ? walk.schema.getType(condition) : type;
      if (set && on) entityTypesUnder(walk, set, on as ReturnType<typeof getNamedType>, seen);
    }
  }
  return seen;
}

function walkOf(schema: GraphQLSchema, document: DocumentNode): Walk {
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return { schema, fragments, tags: new Set() };
}

/** The tags of an answer to a query (`data` as sent), or null when the operation is not found. */
export function answerTags(schema: GraphQLSchema, document: DocumentNode, operationName: string | null, data: unknown): Tags | null {
  const op = operationOf(document, operationName);
  const root = op && schema.getRootType(op.operation);
  if (!op || !root || !data || typeof data !== 'object') return null;
  const walk = walkOf(schema, document);
  visitObject(walk, op.selectionSet, root, data as Record<string, unknown>, false);
  return walk.tags;
}

/**
 * What a mutation's answer evicts, or null when it cannot tell (then everything goes): `Type:id`
 * and `list:Type` of each entity it shows, and `Type` of each entity type its payload holds that it
 * does not show.
 */
export function mutationTags(schema: GraphQLSchema, document: DocumentNode, operationName: string | null, data: unknown): Tags | null {
  const op = operationOf(document, operationName);
  const root = schema.getMutationType();
  if (!op || !root) return null;
  const shown = answerTags(schema, document, operationName, data ?? {}) ?? new Set<string>();
  const evict: Tags = new Set();
  for (const tag of shown) {
    const [type, id] = tag.split(':');
    if (id !== undefined && type !== 'list' && type !== 'missing') evict.add(tag).add(`list:${type}`).add(`missing:${type}`);
  }
  const walk = walkOf(schema, document);
  for (const node of op.selectionSet.selections) {
    // Only root fields by name: a mutation's root selections are fields in practice; anything else: evict all.
    if (node.kind !== Kind.FIELD) return null;
    const field = root.getFields()[node.name.value];
    if (!field) return null;
    for (const type of entityTypesOf(walk, getNamedType(field.type))) {
      if (!shown.has(type)) evict.add(type).add(`list:${type}`).add(`missing:${type}`);
    }
  }
  return evict;
}

/** Entity types a payload holds: the type itself if it has an id, else those of its fields, one level down. */
function entityTypesOf(walk: Walk, type: ReturnType<typeof getNamedType>): string[] {
  if (!isCompositeType(type)) return [];
  if (isAbstractType(type)) return walk.schema.getPossibleTypes(type).filter(hasId).map((t) => t.name);
  if (hasId(type)) return [type.name];
  return Object.values(type.getFields()).flatMap((f) => {
    const named = getNamedType(f.type);
    return isCompositeType(named) && hasId(named) ? [named.name] : [];
  });
}
