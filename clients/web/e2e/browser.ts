import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from '../../../core/root';
import { gatewayUrl } from '../../../test/graph';
import { ensurePortalBuilt } from '../build';

/**
 * What every browser test of the portal shares: Debian's Chromium (or CHROMIUM_PATH), skipped
 * with a message when it is missing, driven by playwright-core against the test run's platform.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
export const SHOTS = path.join(ROOT, 'test-results', 'web');

/**
 * A browser journey's steps: a real Chromium drawing pages beside three other test files on a
 * 2-core machine. One took 35 s of the default 60 s there (clients/web/e2e/journey-zh.test.ts);
 * the time is the machine's, and what the journeys claim does not depend on it.
 */
export const JOURNEY = { timeout: 120_000 };

export function warnIfNoChromium(what: string) {
  if (!haveChromium) {
    console.warn(`[web e2e] ${what} SKIPPED: no Chromium at ${CHROMIUM}. Install it (apt-get install chromium) or set CHROMIUM_PATH; .ci/run installs it.`);
  }
}

/** Builds the portal when stale and starts one headless Chromium; `origin` is the gateway's. */
export async function launchBrowser(): Promise<{ browser: Browser; origin: string }> {
  ensurePortalBuilt(); // once, only if clients/web/dist is missing or older than its sources
  mkdirSync(SHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return { browser, origin: new URL(gatewayUrl()).origin };
}

/** Waits until a view shown after `leave` has its heading and nothing on it is still loading. */
export async function viewReady(page: Page) {
  await page.waitForFunction(() => !!document.querySelector('main h1:not([data-left])') && !document.querySelector('main [data-loading]'));
}

/** Goes to `to` inside the portal the way its links do (a new history entry, no reload). */
export async function goInside(page: Page, to: string) {
  await page.evaluate((path) => {
    // The view being left is marked, so viewReady waits for the new one.
    document.querySelector('main h1')?.setAttribute('data-left', '');
    history.pushState(null, '', path);
    dispatchEvent(new PopStateEvent('popstate'));
  }, to);
  await viewReady(page);
}

export const PASSWORD = 'demo-password-2026';

/**
 * A browser session of a test file: pages that may reach only the gateway (anything else is
 * aborted and recorded), Content-Security-Policy reports recorded, screenshots into SHOTS.
 */
export class BrowserSession {
  origin = '';
  readonly cspViolations: string[] = [];
  readonly offOrigin: string[] = [];
  private browser: Browser | null = null;
  private readonly contexts: BrowserContext[] = [];

  async start(): Promise<void> {
    ({ browser: this.browser, origin: this.origin } = await launchBrowser());
  }

  async stop(): Promise<void> {
    for (const c of this.contexts) await c.close().catch(() => {});
    await this.browser?.close();
  }

  /** A browser profile of its own (its own storage: nobody signed in), closed with the session. */
  async newContext({ viewport = { width: 1280, height: 900 }, locale = 'en-GB' } = {}): Promise<BrowserContext> {
    const context = await this.browser!.newContext({ viewport, acceptDownloads: true, locale });
    this.contexts.push(context);
    await context.route('**/*', (route) => {
      if (new URL(route.request().url()).origin === this.origin) return route.continue();
      this.offOrigin.push(route.request().url());
      return route.abort();
    });
    return context;
  }

  /** A new tab of `context`. */
  async pageIn(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) this.cspViolations.push(`${page.url()}: ${msg.text()}`);
    });
    page.setDefaultTimeout(20_000);
    return page;
  }

  /** A tab in a profile of its own. */
  async newPage(viewport = { width: 1280, height: 900 }, locale = 'en-GB'): Promise<Page> {
    return this.pageIn(await this.newContext({ viewport, locale }));
  }

  shot(page: Page, name: string) {
    return page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  }

  async signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
    await page.goto(`${this.origin}/signin`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(/Signed in as/).waitFor();
  }
}
