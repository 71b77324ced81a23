import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose } from '../schema/compose';
import { readRoverConfig } from '../schema/rover-config';
import { post as postTo, startTestGateway } from '../test/gateway';
import { eventually } from '../test/graph';

let gateway: Awaited<ReturnType<typeof startTestGateway>>;
let supergraphPath: string;

beforeAll(async () => {
  gateway = await startTestGateway({ supergraphCopy: true });
  supergraphPath = gateway.supergraphPath;
});
afterAll(() => gateway?.stop());

const post = async (query: string) => (await postTo(gateway.url, { query })).body as { data?: any; errors?: { extensions?: { code?: string } }[] };



describe('gateway', () => {
  it('answers /health, /ready and serves the explorer from local assets', async () => {
    expect((await fetch(`${gateway.origin}/health`)).status).toBe(200);
    const ready = await fetch(`${gateway.origin}/ready`);
    expect(ready.status).toBe(200);
    expect((await ready.json()).subgraphs).toMatchObject({ identity: 'ok', feedback: 'ok' });

    const page = await fetch(`${gateway.origin}/explorer`, { headers: { accept: 'text/html' } });
    const html = await page.text();
    expect(html).toContain('<script src="/explorer/graphiql.js"></script>');
    // Started by a script file of its own: the CSP runs no inline script.
    expect(await (await fetch(`${gateway.origin}/explorer/start.js`)).text()).toContain('GraphiQL.createFetcher');
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[a-z]/i); // nothing from a CDN
    for (const src of html.match(/\/explorer\/[\w.-]+/g)!) {
      const asset = await fetch(`${gateway.origin}${src}`);
      expect(asset.status, src).toBe(200);
    }
  });

  it('keeps serving when the supergraph file turns invalid, and swaps to a new valid one', async () => {
    expect((await post('{ departments { code description } }')).data.departments.length).toBeGreaterThan(3);

    writeFileSync(supergraphPath, 'this is not a supergraph');
    await new Promise((r) => setTimeout(r, 1500));
    expect((await post('{ departments { code description } }')).data.departments.length).toBeGreaterThan(3);

    // A valid supergraph in which identity no longer offers Department.description.
    const services = readRoverConfig().subgraphs.map((s) => {
      let sdl = readFileSync(s.schemaFile, 'utf8');
      if (s.name === 'identity') sdl = sdl.replace(/"What the department is responsible for[^"]*"\s*description: String!/, '');
      return { name: s.name, url: s.routingUrl, typeDefs: parse(sdl) };
    });
    const result = compose(services);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    writeFileSync(supergraphPath, result.supergraphSdl);
    await eventually(async () => {
      const r = await post('{ departments { code description } }');
      expect(r.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });
    expect((await post('{ departments { code } }')).data.departments.length).toBeGreaterThan(3);
  });
});
