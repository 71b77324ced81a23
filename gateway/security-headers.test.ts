import { describe, expect, it } from 'vitest';
import { gatewayUrl } from '../test/graph';

/** What a browser is told on the portal, the explorer and the graph (clients/web/e2e runs them under it). */
const origin = () => new URL(gatewayUrl()).origin;

const directives = (csp: string | null) =>
  Object.fromEntries((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]));

describe('security headers', () => {
  it.each([
    ['/', { accept: 'text/html' }],
    ['/explorer', { accept: 'text/html' }],
    ['/graphql', { 'content-type': 'application/json' }],
  ])('%s: CSP without inline script, no framing, nosniff, no referrer', async (path, headers) => {
    const res = await fetch(new URL(path, origin()), { method: path === '/graphql' ? 'POST' : 'GET', headers, body: path === '/graphql' ? '{"query":"{ __typename }"}' : undefined });
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['script-src-attr']).toEqual(["'none'"]);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['connect-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('serves the explorer with no inline script, every script a file of the gateway', async () => {
    const html = await (await fetch(new URL('/explorer', origin()))).text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(body.trim()).toBe('');
      const src = /src="([^"]+)"/.exec(attributes)?.[1];
      expect(src).toMatch(/^\/explorer\//);
      const asset = await fetch(new URL(src!, origin()));
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
    }
  });

  it('serves the portal with no inline script (when it is built)', async () => {
    const res = await fetch(new URL('/', origin()), { headers: { accept: 'text/html' } });
    // Built by `npm start` and the browser tests; a bare test run may not have it.
    if (res.status === 503) return;
    const html = await res.text();
    for (const [, attributes, body] of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
      expect(body.trim()).toBe('');
      expect(attributes).toMatch(/src="\/assets\//);
    }
  });
});
