import express, { type Router } from 'express';
import type { GatewayServices } from '../services';

/**
 * `GET /files/<id>` and `POST /files`. To be completed by the procedures issue (ETag, ranges,
 * upload limits and type allow-list); for now it serves whole files.
 */
export function filesRouter(services: GatewayServices): Router {
  const router = express.Router();
  router.get('/files/:id', async (req, res) => {
    const file = await services.files.head(req.params.id);
    if (!file) return void res.status(404).json({ error: 'No such file.' });
    const content = await services.files.read(file.id);
    res.setHeader('Content-Type', file.mimeType);
    res.setHeader('Content-Length', String(file.sizeBytes));
    res.send(content);
  });
  return router;
}
