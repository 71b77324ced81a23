import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRoverConfig } from '../schema/rover-config';
import { composeSpecs, type SubgraphSpec } from './check';
import { takenOver } from './ownership';
import { builtinSpecs } from './platform';
import { TEMPLATE_DIR } from './scaffold';

const LINK = (imports: string) => `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: [${imports}])\n`;
const spec = (name: string, sdl: string): SubgraphSpec => ({ name, url: `http://127.0.0.1:1/${name}`, sdl });
function takenBy(name: string, sdl: string, others: SubgraphSpec[]) {
  const composed = composeSpecs([...others, spec(name, sdl)]);
  if (!composed.ok) throw new Error(composed.errors.join('\n'));
  return takenOver(composed.supergraphSdl, name);
}

describe('what a department subgraph would take over', () => {
  it('every field it @overrides, under whatever name it imported the directive', () => {
    const sdl = `${LINK('"@key", "@shareable", { name: "@override", as: "@mine" }')}
      type User @key(fields: "id", resolvable: false) { id: ID! }
      type UserError @shareable { field: String message: String! code: String! params: [MessageParam!]! }
      type MessageParam @shareable { name: String! value: String! }
      type AuthPayload { token: String @mine(from: "identity") user: User @mine(from: "identity") userErrors: [UserError!]! @mine(from: "identity") retryAfterSeconds: Int @mine(from: "identity") }
      input RegisterInput { email: String! password: String! displayName: String! }
      type Mutation {
        login(email: String!, password: String!): AuthPayload! @mine(from: "identity")
        register(input: RegisterInput!): AuthPayload! @mine(from: "identity")
      }`;
    expect(takenBy('parks', sdl, builtinSpecs(readRoverConfig())).sort()).toEqual([
      'AuthPayload.retryAfterSeconds (overrides identity)',
      'AuthPayload.token (overrides identity)',
      'AuthPayload.user (overrides identity)',
      'AuthPayload.userErrors (overrides identity)',
      'Mutation.login (overrides identity)',
      'Mutation.register (overrides identity)',
    ]);
  });

  it('shared root fields and shared non-key entity fields; not its keys, its own fields or shared value types', () => {
    const owner = spec('owner', `${LINK('"@key", "@shareable"')}
      type Query { users: [User!]! @shareable }
      type User @key(fields: "id") { id: ID! email: String! @shareable name: String! }
      type PageInfo @shareable { hasNextPage: Boolean! }`);
    const sdl = `${LINK('"@key", "@shareable"')}
      type Query { users: [User!]! @shareable parkPages: PageInfo }
      type User @key(fields: "id") { id: ID! email: String! @shareable parkVisits: Int! }
      type PageInfo @shareable { hasNextPage: Boolean! }`;
    expect(takenBy('parks', sdl, [owner]).sort()).toEqual(['Query.users (resolved by owner)', 'User.email (resolved by owner)']);
  });

  it('nothing for the transport example, the scaffold, or any built-in subgraph', () => {
    const builtins = builtinSpecs(readRoverConfig());
    const transport = readFileSync(new URL('../subgraphs/transport/schema.graphql', import.meta.url), 'utf8');
    const scaffolded = readFileSync(path.join(TEMPLATE_DIR, 'schema.graphql.tpl'), 'utf8')
      .replaceAll('__Pascal__', 'Parks').replaceAll('__camel__', 'parks').replaceAll('__name__', 'parks');
    expect(takenBy('transport', transport, builtins)).toEqual([]);
    expect(takenBy('parks', scaffolded, builtins)).toEqual([]);
    const composed = composeSpecs(builtins);
    if (!composed.ok) throw new Error(composed.errors.join('\n'));
    for (const b of builtins) expect(takenOver(composed.supergraphSdl, b.name), b.name).toEqual([]);
  });
});
