import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';

/**
 * The citizens' and staff web portal (clients/web, built by Vite into clients/web/dist) at `/`.
 * Client-side routes (`/procedures/CIVIL-BIRTH-REG`) fall back to index.html, but never the
 * gateway's own paths, so a typo under /graphql or /files stays a plain 404.
 */
const RESERVED = /^\/(graphql|files|feeds|health|ready|explorer)(\/|$)/;

export function portalRouter(dist = fileURLToPath(new URL('../clients/web/dist', import.meta.url))): Router {
  const router = express.Router();
  // Hashed assets never change; index.html is checked every time so a rebuild shows at once.
  router.use('/assets', express.static(`${dist}/assets`, { immutable: true, maxAge: '1y', fallthrough: false }));
  router.use(express.static(dist, { index: false, maxAge: 0 }));
  router.get(/.*/, (req, res, next) => {
    if (RESERVED.test(req.path) || req.accepts(['html', 'json']) !== 'html') return next();
    const index = `${dist}/index.html`;
    if (!existsSync(index)) {
      return void res.status(503).type('text').send('The web portal is not built yet: run `npm run web:build`. The explorer is at /explorer.');
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
