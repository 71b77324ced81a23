import express, { type Request, type Response, type Router } from 'express';
import { hasRole } from '../../core/identity';
import type { StoredFile } from '../../core/file-store';
import type { GatewayServices } from '../services';
import { cleanFileName, contentDisposition, etagMatches, parseRange } from './http';
import { ALLOWED_TYPES, MAX_UPLOAD_BYTES, UPLOADER_ROLES } from './limits';

export interface FilesRouterOptions {
  /** Upload limit in bytes; MAX_UPLOAD_BYTES unless a test wants a small one. */
  maxUploadBytes?: number;
  /** Turns `/files/<id>` into the link returned after an upload; root-relative by default. */
  link?: (pathname: string) => string;
}

export const problem = (res: Response, status: number, error: string) => void res.status(status).json({ error });

/**
 * `GET|HEAD /files/<id>`: the stored bytes with Content-Type, Content-Length, Content-Disposition,
 * ETag (the SHA-256) answering If-None-Match with 304, and single byte ranges (206/416).
 * `POST /files`: staff upload a raw body (see subgraphs/procedures/README.md).
 */
export function filesRouter(services: GatewayServices, opts: FilesRouterOptions = {}): Router {
  const maxBytes = opts.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  const link = opts.link ?? ((p: string) => p);
  const router = express.Router();

  router.get('/files/:id', async (req, res) => {
    const file = await services.files.head(req.params.id);
    // A private file (a citizen's supporting document) is not here for anyone: see documents.ts.
    if (!file || file.private) return problem(res, 404, 'No such file.');
    // Stored files never change: the id names these bytes forever.
    await serveFile(services, req, res, file, 'public, max-age=86400');
  });

  router.post('/files', async (req, res) => {
    let identity;
    try {
      identity = await services.identify(req);
    } catch {
      return problem(res, 401, 'The sign-in token is invalid or expired. Sign in again.');
    }
    if (!identity.userId) return problem(res, 401, 'Sign in first.');
    if (!hasRole(identity, ...UPLOADER_ROLES)) return problem(res, 403, 'Only department staff may upload files.');

    const upload = await readUpload(req, res, ALLOWED_TYPES, maxBytes);
    if (!upload) return;
    const file = await services.files.put({ ...upload, uploadedBy: identity.userId });
    res.status(201).setHeader('Location', link(`/files/${file.id}`));
    res.json({ id: file.id, fileName: file.fileName, mimeType: file.mimeType, sizeBytes: file.sizeBytes, sha256: file.sha256, url: link(`/files/${file.id}`) });
  });

  return router;
}

/**
 * The stored bytes with Content-Type, Content-Length, Content-Disposition, ETag (the SHA-256)
 * answering If-None-Match with 304, and single byte ranges (206/416); `cacheControl` says who may keep it.
 */
export async function serveFile(services: GatewayServices, req: Request, res: Response, file: StoredFile, cacheControl: string) {
  const etag = `"${file.sha256}"`;
  res.setHeader('ETag', etag);
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Cache-Control', cacheControl);
  res.setHeader('Last-Modified', file.createdAt.toUTCString());
  if (etagMatches(req.header('if-none-match'), etag)) return void res.status(304).end();

  res.setHeader('Content-Type', file.mimeType.startsWith('text/') ? `${file.mimeType}; charset=utf-8` : file.mimeType);
  res.setHeader('Content-Disposition', contentDisposition(file.fileName));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // If-Range: a range only of the version the client already has part of.
  const ifRange = req.header('if-range');
  const range = ifRange && ifRange !== etag ? null : parseRange(req.header('range'), file.sizeBytes);
  if (range === 'unsatisfiable') {
    res.setHeader('Content-Range', `bytes */${file.sizeBytes}`);
    return problem(res, 416, 'The requested range is beyond the end of the file.');
  }
  if (range) {
    res.status(206);
    res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${file.sizeBytes}`);
  }
  res.setHeader('Content-Length', String(range ? range.end - range.start + 1 : file.sizeBytes));
  if (req.method === 'HEAD') return void res.end();
  const content = await services.files.read(file.id, range ?? undefined);
  if (!content) return problem(res, 404, 'No such file.');
  res.end(content);
}

/**
 * An upload's raw body, its type checked against `types` by its first bytes and its size against
 * `maxBytes` while it is read; null when refused (the answer is sent).
 */
export async function readUpload(
  req: Request,
  res: Response,
  types: Record<string, (content: Buffer) => boolean>,
  maxBytes: number,
): Promise<{ fileName: string; mimeType: string; content: Buffer } | null> {
  const mimeType = (req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const looksRight = types[mimeType];
  if (!looksRight) return void problem(res, 415, `Allowed types: ${Object.keys(types).join(', ')}.`), null;
  const rawName = typeof req.query.name === 'string' ? req.query.name : decodeHeader(req.header('x-file-name'));
  const fileName = cleanFileName(rawName ?? '');
  if (!fileName) return void problem(res, 400, 'Give the file name as `?name=` (or an `X-File-Name` header, percent-encoded).'), null;

  const declared = Number(req.header('content-length'));
  if (declared > maxBytes) return void tooLarge(req, res, maxBytes), null;
  const content = await readAtMost(req, maxBytes);
  if (content === 'too-large') return void tooLarge(req, res, maxBytes), null;
  if (content.length === 0) return void problem(res, 400, 'The file is empty.'), null;
  if (!looksRight(content)) return void problem(res, 415, `The content is not a ${mimeType} file.`), null;
  return { fileName, mimeType, content };
}

function decodeHeader(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The body, unless it grows past `max` bytes: then reading stops at once (a missing or false
 * Content-Length does not get a larger file in) and nothing is kept.
 */
function readAtMost(req: Request, max: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.off('data', onData);
        chunks.length = 0;
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/**
 * 413, nothing kept. A body up to a few times the limit is read and thrown away, so that ordinary
 * HTTP clients (which keep sending) get to read the answer; a larger one is cut off.
 */
function tooLarge(req: Request, res: Response, max: number): void {
  const cap = 4 * max;
  if (Number(req.header('content-length')) > cap) res.setHeader('Connection', 'close');
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > cap) req.socket.destroy();
  });
  req.resume();
  problem(res, 413, `Files may be at most ${max} bytes.`);
}
