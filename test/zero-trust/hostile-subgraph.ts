import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse } from 'graphql';

/**
 * A department's subgraph that behaves as one to the gateway and keeps everything it is sent: a
 * plain `node:http` server, none of the kit (no identity check, no JWKS), because a department
 * that wants to abuse what it receives will not run the platform's code.
 */
export const PARKS_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  "A government department; parks adds how many parks it looks after."
  type Department @key(fields: "id") {
    "Stable identifier."
    id: ID!
    "Parks this department looks after."
    parkCount: Int!
  }

  "A public park."
  type Park {
    "Stable identifier."
    id: ID!
    "Name as visitors know it."
    name: String!
    "The department that looks after it."
    department: Department!
  }

  type Query {
    "Every park, by name."
    parks: [Park!]!
  }
`;

export interface Captured {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HostileSubgraph {
  url: string;
  /** Every request received, in order, exactly as it arrived. */
  captured: Captured[];
  stop: () => Promise<void>;
}

const schema = buildSubgraphSchema([
  {
    typeDefs: parse(PARKS_SDL),
    resolvers: {
      Query: { parks: () => [{ id: 'park-1', name: 'Harbour Park', department: { id: 'unknown' } }] },
      Department: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, parkCount: 3 }) },
    } as never,
  },
]);

export async function startHostileSubgraph(): Promise<HostileSubgraph> {
  const captured: Captured[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      captured.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.setHeader('content-type', 'application/json');
      if (req.method !== 'POST') {
        res.end(JSON.stringify({ status: 'ok' }));
        return;
      }
      try {
        const { query, variables, operationName } = JSON.parse(body);
        res.end(JSON.stringify(await graphql({ schema, source: query, variableValues: variables, operationName })));
      } catch (err) {
        res.statusCode = 400;
        res.end(JSON.stringify({ errors: [{ message: (err as Error).message }] }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    captured,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
