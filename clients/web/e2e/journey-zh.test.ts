import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { haveChromium, JOURNEY, launchBrowser, SHOTS, warnIfNoChromium } from './browser';

/**
 * A Chinese-speaking citizen's journey in a real browser whose locale is zh-CN (so the portal
 * starts in 中文 and asks the graph for Chinese): reads a Chinese news item, finds a procedure by
 * a Chinese word, applies with the form in Chinese and is told what is missing in Chinese.
 * Screenshots go to test-results/web/ (CJK glyphs need Debian's fonts-noto-cjk: see README).
 */
warnIfNoChromium('中文 journey (needs fonts-noto-cjk too)');
const hasHan = (s: string | null) => /\p{Script=Han}/u.test(s ?? '');

describe.skipIf(!haveChromium)('web portal in 中文', JOURNEY, () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let origin: string;
  const offOrigin: string[] = [];
  /** Every graph request the portal sent, with the language it asked for. */
  const asked: (string | undefined)[] = [];
  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `zh-${name}.png`), fullPage: true });

  beforeAll(async () => {
    ({ browser, origin } = await launchBrowser());
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin !== origin) {
        offOrigin.push(url.href);
        return route.abort();
      }
      if (url.pathname === '/graphql') asked.push(route.request().headers()['x-egov-language']);
      return route.continue();
    });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
  }, 180_000);

  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
  });

  it('reads a Chinese news item, finds a procedure by a Chinese word, applies with a Chinese form and sees a Chinese error', async () => {
    await page.goto(`${origin}/`);
    await page.getByRole('heading', { level: 1, name: '政务服务，网上办理' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await shot('01-home');

    // Register, in Chinese.
    await page.getByRole('link', { name: '注册', exact: true }).first().click();
    await page.getByLabel('姓名').fill('李明');
    await page.getByLabel('电子邮箱').fill(`li.ming.${Date.now()}@example.org`);
    await page.getByLabel('密码').fill('a-long-password-1');
    await page.getByRole('button', { name: '注册', exact: true }).click();
    await page.getByText('已登录：李明').waitFor();

    // A news item, in Chinese: its headline, text and department.
    await page.goto(`${origin}/publications/online-birth-registration-now-available-around-the-clock`);
    await page.getByRole('heading', { level: 1, name: '出生登记全天候网上办理' }).waitFor();
    await page.getByText('民事登记处').first().waitFor();
    expect(hasHan(await page.locator('main').textContent())).toBe(true);
    await shot('02-news');

    // Search by a Chinese word, then open the procedure.
    await page.getByRole('link', { name: '搜索', exact: true }).click();
    await page.getByRole('searchbox').fill('出生');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await page.getByRole('link', { name: '出生登记', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '出生登记' }).waitFor();
    await page.getByText('出生医学证明').first().waitFor(); // a required document, in Chinese
    await shot('03-procedure');

    // The application form: labels and options in Chinese; a required field left empty.
    await page.getByRole('link', { name: '在线申请' }).click();
    await page.getByRole('heading', { level: 1, name: /在线申请：出生登记/ }).waitFor();
    await page.locator('#field-formData-applicant-birthDate').fill('1990-04-01');
    await page.getByLabel('婴儿姓名').fill('李小明');
    await page.getByLabel('出生地点').fill('市立医院');
    await page.getByLabel('性别').selectOption({ label: '男' });
    await page.getByRole('group', { name: /父母是否已婚/ }).getByLabel('是').check();
    // The procedure's required documents, named in Chinese (casework.test.ts shows what happens without them).
    // The first upload is held back so that it ends after the second: both must still be sent.
    await page.route(
      (url) => url.pathname === '/documents' && decodeURIComponent(url.search).includes('出生医学证明'),
      async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 700));
        await route.continue();
      },
    );
    await page.getByLabel(/^出生医学证明/).setInputFiles({ name: '出生医学证明.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF\n') });
    await page.getByLabel(/^父母身份证明文件/).setInputFiles({ name: 'passports.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%%EOF\n') });
    await page.getByText('已上传：出生医学证明.pdf').waitFor();
    await page.getByText('已上传：passports.pdf').waitFor();
    await shot('04-form');
    await page.getByRole('button', { name: '提交申请' }).click();

    const error = page.locator('#field-formData-childBirthDate-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('此项为必填项。');
    await shot('05-field-error');

    await page.locator('#field-formData-childBirthDate').fill('2026-11-20');
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.getByRole('heading', { name: '您的申请已收到。' }).waitFor();
    await shot('06-submitted');

    // Every graph request asked for Chinese; nothing left the gateway.
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((l) => l === 'zh')).toBe(true);
    expect(offOrigin).toEqual([]);
  });

  it('opens in the language a link names (a Chinese feed entry), whatever the browser speaks', async () => {
    const english = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    try {
      const tab = await english.newPage();
      const feed = await (await fetch(`${origin}/feeds/news.atom?lang=zh`)).text();
      const entry = /<entry>[\s\S]*?<link href="([^"]+)"/.exec(feed)![1]!;
      expect(entry).toMatch(/\?lang=zh$/);
      await tab.goto(new URL(entry, origin).href);
      await tab.waitForFunction(() => document.documentElement.lang === 'zh-CN');
      await tab.getByRole('link', { name: '注册', exact: true }).first().waitFor();
      // Not saved: the same browser without the parameter is English again.
      await tab.goto(`${origin}/`);
      await tab.waitForFunction(() => document.documentElement.lang === 'en');
    } finally {
      await english.close();
    }
  });
});
