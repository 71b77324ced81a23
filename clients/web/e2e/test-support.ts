import { existsSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { gatewayUrl, tokenFor } from '../../../test/graph';
import { ensurePortalBuilt } from '../build';

/** What the portal's browser tests share: Debian's Chromium, signed-in pages, the a11y probes. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  console.warn(`[web e2e] SKIPPED: no Chromium at ${CHROMIUM}. Install it (apt-get install chromium) or set CHROMIUM_PATH; .ci/run installs it.`);
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

export async function launch(): Promise<Browser> {
  ensurePortalBuilt(); // once, only if clients/web/dist is missing or older than its sources
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const origin = () => new URL(gatewayUrl()).origin;

/**
 * A page in its own context, signed in as `token`'s user when given (the portal keeps its token in
 * sessionStorage), in `lang` (the switch's remembered choice); nothing off the gateway's origin.
 */
export async function openPage(browser: Browser, opts: { token?: string; lang?: 'en' | 'zh'; viewport?: { width: number; height: number } } = {}): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ viewport: opts.viewport ?? DESKTOP, locale: 'en-GB', reducedMotion: 'reduce' });
  const own = origin();
  await context.route('**/*', (route) => (new URL(route.request().url()).origin === own ? route.continue() : route.abort()));
  await context.addInitScript(({ token, lang }) => {
    if (token && !sessionStorage.getItem('egov.token.set')) {
      sessionStorage.setItem('egov.token', token);
      sessionStorage.setItem('egov.token.set', '1'); // once: signing out must stick
    }
    if (lang && !localStorage.getItem('egov.lang')) localStorage.setItem('egov.lang', lang);
  }, { token: opts.token, lang: opts.lang });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return { page, context };
}

export const signedIn = async (browser: Browser, email: string, viewport = DESKTOP) => openPage(browser, { token: await tokenFor(email), viewport });

/** Until the view has its heading and nothing in it is still loading. */
export async function settled(page: Page) {
  await page.waitForFunction(() => !!document.querySelector('main h1') && !document.querySelector('main p.muted[role="status"]'));
}

export const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core's WCAG 2.0/2.1 A and AA rules over the page: one line per violation and element. */
export async function axe(page: Page, label: string): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze();
  return r.violations.flatMap((v) => v.nodes.slice(0, 5).map((n) => `${label}: ${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1, 2).join(' ').trim() ?? v.help}`));
}

/**
 * WCAG 3.1.2: every piece of text in another language than the page's is marked with `lang`.
 * In a Chinese page, a text of two or more Latin words whose nearest `lang` is Chinese is a miss.
 */
export async function unmarkedLanguage(page: Page, label: string): Promise<string[]> {
  const misses = await page.evaluate(() => {
    const out: string[] = [];
    const pageLang = document.documentElement.lang;
    if (!pageLang.startsWith('zh')) return out;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      const el = n.parentElement;
      // Two words with lower-case letters: codes like FB-CIVIL-2026-000061 are no language.
      if (!el || !/[A-Za-z]*[a-z]{2,}[A-Za-z]*[\s,.'’-]+[A-Za-z]*[a-z]{2,}/.test(text) || /[\u3400-\u9fff]/.test(text)) continue;
      if (el.closest('script, style, noscript') || !el.checkVisibility()) continue;
      const lang = el.closest('[lang]')?.getAttribute('lang') ?? pageLang;
      if (lang.startsWith('zh')) out.push(`<${el.tagName.toLowerCase()}> "${text.slice(0, 50)}"`);
    }
    return out;
  });
  return misses.slice(0, 5).map((m) => `${label}: text in English not marked lang="en": ${m}`);
}

/** WCAG 2.4.2: the `<title>` names the view (its heading) and the service. */
export async function titleProblems(page: Page, label: string, service: string): Promise<string[]> {
  const { title, h1 } = await page.evaluate(() => ({ title: document.title, h1: document.querySelector('main h1')?.textContent?.trim() ?? '' }));
  return title === `${h1} – ${service}` ? [] : [`${label}: <title> is "${title}", expected "${h1} – ${service}"`];
}

/** WCAG 1.4.10: nothing makes the page scroll sideways (tables may scroll inside their own box). */
export async function sidewaysScroll(page: Page, label: string): Promise<string[]> {
  const r = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = Array.from(document.querySelectorAll<HTMLElement>('body *'))
      .filter((el) => el.getBoundingClientRect().right > width + 1 && el.checkVisibility() && !el.closest('.sr-only, .table-wrap, .skip-link'))
      .map((el) => `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ''}> ${Math.round(el.getBoundingClientRect().right)}px`);
    return { scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 3) };
  });
  return r.scroll > r.width + 1 ? [`${label}: scrolls sideways (${r.scroll}px content in ${r.width}px): ${r.wide.join(', ')}`] : [];
}
