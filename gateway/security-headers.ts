import helmet from 'helmet';

/**
 * Browser protections on every answer of the public port (helmet):
 * - a Content-Security-Policy that runs only the gateway's own scripts (no inline script, no
 *   eval, nothing from another origin: the portal and the explorer are served from here, so
 *   they work offline), connects only back here, and lets no other site frame a page
 *   (`frame-ancestors 'none'`, and X-Frame-Options for older browsers), against clickjacking;
 * - styles may be inline: GraphiQL's dialogs insert <style> elements; a style cannot run code;
 * - fonts and images also from data: URLs (GraphiQL's fonts are inlined in its CSS);
 * - `nosniff`, so an uploaded file is never run as something other than its declared type;
 * - `Referrer-Policy: no-referrer`: a portal URL (an application's tracking page) never leaks
 *   to another site;
 * - helmet's other defaults (HSTS, which browsers honour over HTTPS only; cross-origin isolation
 *   of windows and resources). No `upgrade-insecure-requests`: a local run is plain HTTP.
 */
export const securityHeaders = () =>
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
