import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileStore, StoredFile } from '../core/file-store';
import { gatewayUrl, tokenFor } from '../test/graph';
import { startTestGateway } from '../test/gateway';

/**
 * Links the gateway hands out (feed entries, an upload's URL and Location) are on PUBLIC_URL, or
 * root-relative without it: a forged Host header never gets into them.
 */
const FORGED = 'evil.example';

/** A request with a Host header of the client's choosing (fetch will not send one). */
function request(origin: string, method: string, path: string, headers: Record<string, string> = {}, body?: Buffer) {
  const { hostname, port } = new URL(origin);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path, headers: { host: FORGED, 'x-forwarded-host': FORGED, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const hrefs = (atom: string) => [...atom.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);

async function upload(origin: string) {
  const token = await tokenFor('editor.tax@demo.gov');
  const r = await request(origin, 'POST', '/files?name=links.txt', { authorization: `Bearer ${token}`, 'content-type': 'text/plain' }, Buffer.from(`links ${randomUUID()}`));
  expect(r.status).toBe(201);
  return { location: r.headers.location, body: JSON.parse(r.text) as { id: string; url: string } };
}

describe('links with PUBLIC_URL', () => {
  const files = new Map<string, StoredFile>();
  const store: FileStore = {
    put: async (f) => {
      const meta = { id: randomUUID(), fileName: f.fileName, mimeType: f.mimeType, sizeBytes: f.content.length, sha256: createHash('sha256').update(f.content).digest('hex'), createdAt: new Date(), uploadedBy: f.uploadedBy ?? null, private: false };
      files.set(meta.id, meta);
      return meta;
    },
    head: async (id) => files.get(id) ?? null,
    heads: async (ids) => ids.flatMap((id) => files.get(id) ?? []),
    read: async () => null,
    remove: async () => 0,
  };
  let gw: Awaited<ReturnType<typeof startTestGateway>>;
  beforeAll(async () => {
    gw = await startTestGateway({ env: { PUBLIC_URL: 'https://services.example.gov' }, files: store });
  });
  afterAll(() => gw.stop());

  it('puts every feed link on the public origin, whatever the Host header says', async () => {
    for (const path of ['/feeds/news.atom', '/feeds/departments/tax.atom']) {
      const feed = await request(gw.origin, 'GET', path);
      expect(feed.status).toBe(200);
      expect(feed.text).not.toContain(FORGED);
      const links = hrefs(feed.text);
      expect(links).toContain(`https://services.example.gov${path}`);
      expect(links).toContain('https://services.example.gov/');
      for (const href of links) expect(href).toMatch(/^https:\/\/services\.example\.gov\//);
    }
  });

  it('answers an upload with its URL on the public origin', async () => {
    const { location, body } = await upload(gw.origin);
    expect(body.url).toBe(`https://services.example.gov/files/${body.id}`);
    expect(location).toBe(body.url);
  });
});

describe('links without PUBLIC_URL', () => {
  const origin = () => new URL(gatewayUrl()).origin;

  it('are root-relative in feeds, whatever the Host header says', async () => {
    const feed = await request(origin(), 'GET', '/feeds/news.atom');
    expect(feed.status).toBe(200);
    expect(feed.text).not.toContain(FORGED);
    const links = hrefs(feed.text);
    expect(links).toContain('/feeds/news.atom');
    for (const href of links) expect(href).toMatch(/^\/(?!\/)/);
  });

  it('are root-relative for an upload', async () => {
    const { location, body } = await upload(origin());
    expect(body.url).toBe(`/files/${body.id}`);
    expect(location).toBe(body.url);
  });
});
