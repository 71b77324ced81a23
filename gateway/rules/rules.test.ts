import {
  buildSchema,
  Kind,
  NoFragmentCyclesRule,
  parse,
  validate,
  type GraphQLError,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Identity, type Role } from '../../core/identity';
import { checkOperation, operationRules, type OperationLimits, type OperationRequest } from '../limits';
import { mayIntrospect } from '../protection';

// The gateway's limits as graphql-js validation rules, in-process against a fixture schema
// shaped like the graph (connections with `first`, lists, a self-referencing type): one
// behaviour per case, the exact codes (or graphql's own message) in the order reported.

const schema = buildSchema(`
  type Query {
    version: String
    now: String
    motd: String
    departments: [Department!]!
    department(code: String!): Department
    publications(first: Int, after: String): PublicationConnection!
    procedures(first: Int = 8): ProcedureConnection!
  }
  type Department { id: ID! code: String! parent: Department publications(first: Int): PublicationConnection! }
  type PublicationConnection { totalCount: Int! edges: [PublicationEdge!]! }
  type PublicationEdge { node: Publication! }
  type Publication { id: ID! title: String! department: Department! }
  type ProcedureConnection { edges: [ProcedureEdge!]! }
  type ProcedureEdge { node: Procedure! }
  type Procedure { code: String! steps: [Step!]! }
  type Step { title: String! }
`);

const limits: OperationLimits = { maxDepth: 8, maxAliases: 3, maxRootFields: 3, maxCost: 200, maxPageSize: 10 };

function check(document: string, request: Partial<OperationRequest> = {}, extra: ValidationRule[] = []) {
  const ast = parse(document);
  const full = { mayIntrospect: true, ...request };
  const errors = validate(schema, ast, [...operationRules(limits, full), ...extra]);
  // The gateway runs the rules on the operation alone, without validate's walk: the same verdicts.
  const operation = ast.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!full.operationName || d.name?.value === full.operationName))!;
  const ours = (list: readonly GraphQLError[]) => list.filter((e) => e.extensions.code).map((e) => [e.extensions.code, e.message]);
  expect(ours(checkOperation(schema, ast, operation, limits, full))).toEqual(ours(errors));
  return errors.map((e) => e.extensions.code ?? e.message);
}

type Case = [name: string, document: string, expected: unknown[], request?: Partial<OperationRequest>];

/** A connection nested in another, both sized by `$n`: cost 1 + n × (4 + 3n): 96 at n = 5, 341 at n = 10. */
const nested = `query ($n: Int) { publications(first: $n) { edges { node { department { publications(first: $n) { edges { node { id } } } } } } } }`;

describe('root fields', () => {
  it.each<Case>([
    ['three at the limit', '{ version now motd }', []],
    ['four in the operation', '{ version now motd departments { id } }', ['TOO_MANY_ROOT_FIELDS']],
    ['carried by an inline fragment', '{ version ... on Query { now motd departments { id } } }', ['TOO_MANY_ROOT_FIELDS']],
    ['carried by a named fragment', '{ ...Roots } fragment Roots on Query { version now motd departments { id } }', ['TOO_MANY_ROOT_FIELDS']],
    [
      'carried by nested fragments',
      '{ ...A } fragment A on Query { version ...B } fragment B on Query { now ... on Query { motd departments { id } } }',
      ['TOO_MANY_ROOT_FIELDS'],
    ],
    ['one fragment spread twice: the same three fields', '{ ...R ...R } fragment R on Query { version now motd }', []],
    ['aliases of one field are fields of their own', '{ ...R } fragment R on Query { version v2: version now motd }', ['TOO_MANY_ROOT_FIELDS']],
    ['__typename counts', '{ __typename version now motd }', ['TOO_MANY_ROOT_FIELDS']],
  ])('%s', (_name, document, expected, request) => {
    expect(check(document, request)).toEqual(expected);
  });
});

describe('aliases', () => {
  it.each<Case>([
    ['three at the limit', '{ departments { a: id b: id c: id } }', []],
    ['four through a named fragment', '{ departments { ...D } } fragment D on Department { a: id b: id c: id d: code }', ['ALIAS_LIMIT']],
    ['four through nested inline and named fragments', '{ departments { a: id ... on Department { ...D } } } fragment D on Department { b: id ... on Department { c: id d: code } }', ['ALIAS_LIMIT']],
    ['a fragment used twice counts twice', '{ departments { ...D } department(code: "x") { ...D } } fragment D on Department { a: id b: id }', ['ALIAS_LIMIT']],
    ['aliases of __typename count', '{ departments { a: __typename b: __typename c: __typename d: __typename } }', ['ALIAS_LIMIT']],
  ])('%s', (_name, document, expected, request) => {
    expect(check(document, request)).toEqual(expected);
  });
});

describe('depth', () => {
  /** `parent { … }` k times around `inner`. */
  const parents = (k: number, inner = 'id'): string => (k === 0 ? inner : `parent { ${parents(k - 1, inner)} }`);
  it.each<Case>([
    ['eight levels at the limit', `{ departments { ${parents(6)} } }`, []],
    ['nine levels in one selection', `{ departments { ${parents(7)} } }`, ['DEPTH_LIMIT']],
    [
      'nine levels through nested named and inline fragments',
      `{ departments { ...P1 } } fragment P1 on Department { parent { ...P2 } } fragment P2 on Department { parent { ... on Department { ${parents(5)} } } }`,
      ['DEPTH_LIMIT'],
    ],
    ['fragments add no level of their own', `{ ... on Query { departments { ...P } } } fragment P on Department { ${parents(6)} }`, []],
    // Bounded by graphql's MaxIntrospectionDepthRule instead; the explorer's own query is 15 deep.
    ['introspection is not counted', '{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } }', []],
  ])('%s', (_name, document, expected, request) => {
    expect(check(document, request)).toEqual(expected);
  });
});

describe('page sizes and cost, with the request’s variables', () => {
  const page = 'query ($n: Int) { publications(first: $n) { edges { node { id title } } } }';
  it.each<Case>([
    ['first: $n counts as n (5)', nested, [], { variables: { n: 5 } }],
    ['first: $n past the cost at n = 10', nested, ['COST_LIMIT'], { variables: { n: 10 } }],
    ['a page size at the limit', page, [], { variables: { n: 10 } }],
    ['a page size past the limit', page, ['PAGE_SIZE_LIMIT'], { variables: { n: 11 } }],
    ['a literal page size past the limit', '{ publications(first: 11) { totalCount } }', ['PAGE_SIZE_LIMIT']],
    ['a page size hidden in a fragment', 'query ($n: Int) { ...F } fragment F on Query { publications(first: $n) { totalCount } }', ['PAGE_SIZE_LIMIT'], { variables: { n: 11 } }],
    ['the variable’s default when it is not sent', nested.replace('$n: Int', '$n: Int = 10'), ['COST_LIMIT']],
    ['the variable’s default past the page size', page.replace('$n: Int', '$n: Int = 11'), ['PAGE_SIZE_LIMIT']],
    ['a sent value over the variable’s default', page.replace('$n: Int', '$n: Int = 11'), [], { variables: { n: 2 } }],
    // procedures(first: Int = 8): 1 + 8 × (edges 1 + node (1 + code 1 + steps (1 + 10 × title 1))) = 113.
    ['the argument’s default from the schema', '{ procedures { edges { node { code steps { title } } } } }', []],
    ['an unsized list counts ten', '{ departments { parent { publications(first: 10) { edges { node { id } } } } } }', ['COST_LIMIT']],
    ['a connection without first is not refused for its size', '{ publications { totalCount } }', []],
    ['a skipped field is not counted', 'query ($s: Boolean!) { publications(first: 50) @skip(if: $s) { totalCount } }', [], { variables: { s: true } }],
    ['an included one is', 'query ($s: Boolean!) { publications(first: 50) @skip(if: $s) { totalCount } }', ['PAGE_SIZE_LIMIT'], { variables: { s: false } }],
    [
      'a variable that does not coerce is left to graphql’s wording',
      page,
      ['Variable "$n" got invalid value "five"; Int cannot represent non-integer value: "five"'],
      { variables: { n: 'five' } },
    ],
  ])('%s', (_name, document, expected, request) => {
    expect(check(document, request)).toEqual(expected);
  });
});

describe('introspection', () => {
  const hidden: [name: string, document: string][] = [
    ['in the operation', '{ __schema { queryType { name } } }'],
    ['in an inline fragment', '{ ... on Query { __schema { types { name } } } }'],
    ['__type in a named fragment', '{ ...I } fragment I on Query { __type(name: "Query") { name } }'],
    ['in nested fragments', '{ ...A } fragment A on Query { version ...B } fragment B on Query { ... on Query { __schema { queryType { name } } } }'],
    ['under a field', '{ departments { ...D } } fragment D on Department { parent { ... on Query { __schema { queryType { name } } } } }'],
  ];
  it.each(hidden)('refused to those who may not: %s', (_name, document) => {
    expect(check(document, { mayIntrospect: false })).toEqual(['INTROSPECTION_DISABLED']);
  });
  it.each(hidden)('answered to those who may: %s', (_name, document) => {
    expect(check(document, { mayIntrospect: true })).toEqual([]);
  });
  it('lets __typename through for anyone', () => {
    expect(check('{ __typename ...D } fragment D on Query { departments { __typename } }', { mayIntrospect: false })).toEqual([]);
  });

  const who = (...roles: Role[]): Identity => ({ ...ANONYMOUS, userId: roles.length ? 'u1' : null, roles });
  it.each([
    [true, 'anonymous', who(), false],
    [true, 'a citizen', who('CITIZEN'), false],
    [true, 'an officer', who('OFFICER'), false],
    [true, 'an analyst', who('ANALYST'), true],
    [true, 'an admin', who('ADMIN'), true],
    [false, 'anonymous', who(), true],
    [false, 'a citizen', who('CITIZEN'), true],
  ])('production %s: %s may introspect: %s', (production, _name, identity, allowed) => {
    const document = '{ ...I } fragment I on Query { ... on Query { __schema { queryType { name } } } }';
    expect(check(document, { mayIntrospect: mayIntrospect(production, identity) })).toEqual(allowed ? [] : ['INTROSPECTION_DISABLED']);
  });
});

describe('fragment cycles and bombs', () => {
  // Validation runs every rule in one pass, so the limits meet a cycle before NoFragmentCycles
  // has refused the document: they must end, and leave the report to graphql.
  it.each<Case>([
    ['a fragment spreading itself', '{ ...Q } fragment Q on Query { version ...Q }', ['Cannot spread fragment "Q" within itself.']],
    [
      'two fragments spreading each other',
      '{ departments { ...A } } fragment A on Department { parent { ...B } } fragment B on Department { parent { ...A } }',
      ['Cannot spread fragment "A" within itself via "B".'],
    ],
  ])('%s', (_name, document, expected, request) => {
    expect(check(document, request, [NoFragmentCyclesRule])).toEqual(expected);
  });

  it('refuses a fragment spread 2^40 times over by cost, in milliseconds', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ');
    const document = `{ ...F0 } ${fragments} fragment F${levels} on Query { version }`;
    const started = performance.now();
    expect(check(document)).toEqual(['COST_LIMIT']);
    // Milliseconds on an idle machine; the bound leaves room for GC and a starved worker, since the
    // visit-every-spread failure it guards against would take hours.
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('operations and tokens', () => {
  const two = 'query A { version } query B { __schema { queryType { name } } }';
  it('checks only the operation being run', () => {
    expect(check(two, { operationName: 'A', mayIntrospect: false })).toEqual([]);
    expect(check(two, { operationName: 'B', mayIntrospect: false })).toEqual(['INTROSPECTION_DISABLED']);
  });

  it('counts the tokens of fragments (the parser counts the whole document)', () => {
    const document = `{ ...F } fragment F on Query { ${'version '.repeat(60)} }`;
    expect(() => parse(document, { maxTokens: 50 })).toThrow(/tokens/);
    expect(() => parse(document, { maxTokens: 100 })).not.toThrow();
  });
});
