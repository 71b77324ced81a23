import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Router } from 'express';

/**
 * GraphiQL served from installed packages, so the explorer works with no internet and no CDN.
 * Every script is a file of its own: the Content-Security-Policy runs no inline script.
 */
const require = createRequire(import.meta.url);
// Package `exports` hide the UMD builds, so resolve each package's folder and join the file.
const fileIn = (pkg: string, file: string) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
const assets: Record<string, string> = {
  'react.js': fileIn('react', 'umd/react.production.min.js'),
  'react-dom.js': fileIn('react-dom', 'umd/react-dom.production.min.js'),
  'graphiql.js': fileIn('graphiql', 'graphiql.min.js'),
  'graphiql.css': fileIn('graphiql', 'graphiql.min.css'),
};

const start = `const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
const defaultQuery = ${JSON.stringify('# Sign in with the Login mutation, then add the token as a header:\n# { "Authorization": "Bearer <token>" }\n\nquery Departments {\n  departments { id code name }\n}\n')};
const root = document.getElementById('explorer');
ReactDOM.createRoot(root).render(
  React.createElement(GraphiQL, { fetcher, defaultQuery, defaultEditorToolsVisibility: 'headers', shouldPersistHeaders: true }),
);
// GraphiQL leaves its editors' text areas unnamed and their scroll panes out of the tab order
// (WCAG 4.1.2, 2.1.1): each is named after its pane, and every pane can be reached by keyboard.
new MutationObserver(() => {
  for (const area of document.querySelectorAll('.CodeMirror textarea:not([aria-label])')) {
    const pane = area.closest('section[aria-label]');
    let label = pane ? pane.getAttribute('aria-label') : 'Editor';
    if (pane && pane.classList.contains('graphiql-editor-tool')) {
      const editors = [...pane.querySelectorAll('.graphiql-editor')];
      label = ['Variables', 'Headers'][editors.indexOf(area.closest('.graphiql-editor'))] || label;
    }
    area.setAttribute('aria-label', label);
  }
  // CodeMirror takes its scroll pane out of the tab order (tabindex -1).
  for (const pane of document.querySelectorAll('.CodeMirror-scroll:not([tabindex="0"])')) pane.setAttribute('tabindex', '0');
}).observe(root, { childList: true, subtree: true });
`;

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>E-Government Graph Explorer</title>
  <link rel="stylesheet" href="/explorer/graphiql.css">
  <style>body{margin:0;height:100vh}#explorer{height:100vh}
  /* GraphiQL's light theme colours some names and links below 4.5:1 on white (WCAG 1.4.3). */
  .graphiql-container .cm-def,.graphiql-container .cm-property{color:#1f5c99}
  #explorer .graphiql-container a,#explorer .graphiql-logo-link{color:#3b4557}</style>
</head>
<body>
  <div id="explorer">Loading the explorer…</div>
  <script src="/explorer/react.js"></script>
  <script src="/explorer/react-dom.js"></script>
  <script src="/explorer/graphiql.js"></script>
  <script src="/explorer/start.js"></script>
</body>
</html>`;

export function explorerRouter(): Router {
  const router = express.Router();
  router.get('/explorer/start.js', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('text/javascript').send(start);
  });
  router.get('/explorer/:asset', (req, res) => {
    const file = assets[req.params.asset];
    if (!file) return void res.status(404).end();
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.sendFile(file);
  });
  const sendPage = (_req: express.Request, res: express.Response) => {
    res.type('html').send(page);
  };
  // `/` belongs to the web portal; the explorer lives at /explorer only.
  router.get('/explorer', sendPage);
  // A browser opening /graphql is sent to the explorer; GET queries with ?query= still go to GraphQL.
  router.get('/graphql', (req, res, next) => {
    if (req.query.query || req.accepts(['json', 'html']) !== 'html') return next();
    res.redirect(302, '/explorer');
  });
  return router;
}
