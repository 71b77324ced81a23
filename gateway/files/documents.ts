import express, { type Request, type Response, type Router } from 'express';
import type { Identity } from '../../core/identity';
import type { GatewayServices } from '../services';
import { DOCUMENT_LINK_SECONDS, DOCUMENT_TYPES, MAX_UPLOAD_BYTES } from './limits';
import { problem, readUpload, serveFile } from './routes';

/**
 * Citizens' supporting documents: private files.
 *
 * - `POST /documents?name=…`: any signed-in person uploads a PDF, JPEG or PNG (type checked by its
 *   first bytes, size while it is read); it is stored private and belongs to nobody until the
 *   uploader attaches it to their application (submitApplication / supplementApplication).
 * - `GET|HEAD /documents/<id>`: authorized on every request by the graph itself, as the caller:
 *   the applications subgraph answers `supportingDocument(id)` only to the applicant, the
 *   department's officers and admins (analysts and everyone else: NOT_FOUND, answered here as 404).
 * - `POST /documents/<id>/link`: the same check, then a link valid DOCUMENT_LINK_SECONDS that opens
 *   the file without a sign-in header (a browser tab, a download attribute).
 */
export function documentsRouter(services: GatewayServices, opts: { maxUploadBytes?: number } = {}): Router {
  const maxBytes = opts.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  const router = express.Router();

  router.post('/documents', async (req, res) => {
    const identity = await signedIn(services, req, res);
    if (!identity) return;
    const upload = await readUpload(req, res, DOCUMENT_TYPES, maxBytes);
    if (!upload) return;
    const file = await services.files.put({ ...upload, uploadedBy: identity.userId, private: true });
    res.status(201).setHeader('Cache-Control', 'private, no-store');
    res.json({ id: file.id, fileName: file.fileName, mimeType: file.mimeType, sizeBytes: file.sizeBytes, sha256: file.sha256 });
  });

  router.post('/documents/:id/link', async (req, res) => {
    const identity = await signedIn(services, req, res);
    if (!identity) return;
    if (!(await mayRead(services, identity, req.params.id))) return problem(res, 404, 'No such document.');
    const link = await services.fileLinks.sign(req.params.id, identity.userId!, DOCUMENT_LINK_SECONDS);
    res.setHeader('Cache-Control', 'private, no-store');
    res.json({ url: `/documents/${req.params.id}?link=${encodeURIComponent(link)}`, expiresAt: new Date(Date.now() + DOCUMENT_LINK_SECONDS * 1000).toISOString() });
  });

  router.get('/documents/:id', async (req, res) => {
    const id = req.params.id;
    const link = typeof req.query.link === 'string' ? req.query.link : null;
    if (link) {
      if (!(await services.fileLinks.verify(link, id))) return problem(res, 403, 'This link has expired or is not valid. Open the document again from the application.');
    } else {
      const identity = await signedIn(services, req, res);
      if (!identity) return;
      if (!(await mayRead(services, identity, id))) return problem(res, 404, 'No such document.');
    }
    const file = await services.files.head(id);
    if (!file || !file.private) return problem(res, 404, 'No such document.');
    await serveFile(services, req, res, file, 'private, no-store');
  });

  return router;
}

async function signedIn(services: GatewayServices, req: Request, res: Response): Promise<Identity | null> {
  let identity: Identity;
  try {
    identity = await services.identify(req);
  } catch {
    return problem(res, 401, 'The sign-in token is invalid or expired. Sign in again.'), null;
  }
  if (!identity.userId) return problem(res, 401, 'Sign in first.'), null;
  return identity;
}

const ACCESS = /* GraphQL */ `
  query DocumentAccess($id: ID!) {
    supportingDocument(id: $id) { id }
  }
`;

/** Asked of the graph as the caller: the applications subgraph decides, as it does for every field. */
async function mayRead(services: GatewayServices, identity: Identity, id: string): Promise<boolean> {
  const data = await services.asCaller<{ supportingDocument: { id: string } | null }>(identity, ACCESS, { id });
  return data?.supportingDocument?.id === id;
}
