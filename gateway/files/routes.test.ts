import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS, type Identity } from '../../core/identity';
import type { GatewayServices } from '../services';
import { contentDisposition, parseRange } from './http';
import { filesRouter } from './routes';
import type { FileStore, NewFile, StoredFile } from '../../core/file-store';

/**
 * The file routes in-process, over a spy store: proves what the database cannot show from
 * outside, that a refused upload stores nothing, whatever Content-Length claims.
 */
class MemoryStore implements FileStore {
  files = new Map<string, { meta: StoredFile; content: Buffer }>();
  puts = 0;
  async put(f: NewFile) {
    this.puts += 1;
    const meta: StoredFile = {
      id: f.id ?? randomUUID(), fileName: f.fileName, mimeType: f.mimeType, sizeBytes: f.content.length,
      sha256: createHash('sha256').update(f.content).digest('hex'), createdAt: new Date(), uploadedBy: f.uploadedBy ?? null, private: f.private ?? false,
    };
    this.files.set(meta.id, { meta, content: f.content });
    return meta;
  }
  async head(id: string) {
    return this.files.get(id)?.meta ?? null;
  }
  async heads(ids: readonly string[]) {
    return ids.flatMap((id) => this.files.get(id)?.meta ?? []);
  }
  async remove(ids: readonly string[]) {
    return ids.filter((id) => this.files.delete(id)).length;
  }
  async read(id: string, range?: { start: number; end: number }) {
    const f = this.files.get(id);
    return f ? (range ? f.content.subarray(range.start, range.end + 1) : f.content) : null;
  }
}

const officer: Identity = { ...ANONYMOUS, userId: randomUUID(), roles: ['OFFICER'], departmentId: randomUUID() };
const store = new MemoryStore();
let server: http.Server;
let port = 0;

beforeAll(async () => {
  const services: GatewayServices = {
    files: store,
    identify: async (req) => (req.header('authorization') === 'Bearer officer' ? officer : ANONYMOUS),
    publicQuery: async () => ({}) as never,
    asCaller: async () => null,
    fileLinks: { sign: async () => '', verify: async () => false },
  };
  const app = express().use(filesRouter(services, { maxUploadBytes: 1024 }));
  server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** A raw request, so the body can be chunked (no Content-Length) or lie about its length. */
function upload(body: Buffer, headers: Record<string, string>, chunked: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/files?name=big.txt', headers }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', (err) => (/EPIPE|ECONNRESET/.test(String(err)) ? undefined : reject(err)));
    if (chunked) {
      for (let i = 0; i < body.length; i += 512) req.write(body.subarray(i, i + 512));
      req.end();
    } else req.end(body);
  });
}

describe('file routes in-process', () => {
  it('refuses an oversized upload with 413 and stores nothing, with or without Content-Length', async () => {
    const before = store.puts;
    const big = Buffer.alloc(5000, 'a');
    expect(await upload(big, { authorization: 'Bearer officer', 'content-type': 'text/plain' }, false)).toBe(413);
    expect(await upload(big, { authorization: 'Bearer officer', 'content-type': 'text/plain', 'transfer-encoding': 'chunked' }, true)).toBe(413);
    expect(store.puts).toBe(before);
    expect(store.files.size).toBe(0);
    // Exactly at the limit is fine.
    expect(await upload(Buffer.alloc(1024, 'a'), { authorization: 'Bearer officer', 'content-type': 'text/plain' }, false)).toBe(201);
    expect(store.puts).toBe(before + 1);
  });

  it('refuses anonymous uploads before reading them, and types outside the allow-list', async () => {
    const before = store.puts;
    expect(await upload(Buffer.from('hi'), { 'content-type': 'text/plain' }, false)).toBe(401);
    expect(await upload(Buffer.from('hi'), { authorization: 'Bearer officer', 'content-type': 'application/x-msdownload' }, false)).toBe(415);
    // Claims to be a PDF, is not one.
    expect(await upload(Buffer.from('MZ not a pdf'), { authorization: 'Bearer officer', 'content-type': 'application/pdf' }, false)).toBe(415);
    expect(store.puts).toBe(before);
  });
});

describe('range and header helpers', () => {
  it('parses single byte ranges', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseRange('items=0-1', 100)).toBeNull();
    expect(parseRange('bytes=9-1', 100)).toBeNull();
  });

  it('names downloads for old and new clients (RFC 6266)', () => {
    expect(contentDisposition('Antrag "Ä".pdf')).toBe(`attachment; filename="Antrag ___.pdf"; filename*=UTF-8''Antrag%20%22%C3%84%22.pdf`);
  });
});
