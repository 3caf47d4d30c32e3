/**
 * The web UI end to end in a real headless browser (Debian's chromium driven by playwright-core;
 * CHROMIUM_PATH, default /usr/bin/chromium — .ci/run installs it with apt-get when missing): types a
 * query, opens an article, follows a cross-reference, uses the did-you-mean of the ingredient field,
 * gets a 要指示 answer; screenshots in test/ui/screenshots/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import { openKnowledgeBase } from '../../src/kb.js';

const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const shots = join(import.meta.dirname, 'screenshots');

let app: FastifyInstance;
let url: string;
let browser: BrowserContext;
let page: Page;
let profile: string;

describe('web UI in headless chromium', () => {
  beforeAll(async () => {
    if (!existsSync(executablePath)) throw new Error(`no browser at ${executablePath}: apt-get install -y chromium, or set CHROMIUM_PATH`);
    mkdirSync(shots, { recursive: true });
    app = await buildApp({ kb: await openKnowledgeBase() });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    profile = mkdtempSync(join(tmpdir(), 'doyaku-chromium-'));
    // a fresh --user-data-dir (playwright passes it for a persistent context)
    browser = await chromium.launchPersistentContext(profile, {
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
      locale: 'ja-JP',
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    // everything is served locally: any request elsewhere fails the test
    page.on('request', (r) => {
      if (!r.url().startsWith(url) && !r.url().startsWith('data:')) throw new Error(`request outside the server: ${r.url()}`);
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('search → article → cross-reference → 要指示 answer', async () => {
    const errors: string[] = [];
    const seen: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const shot = page.screenshot.bind(page);
    page.screenshot = (async (o: Parameters<Page['screenshot']>[0]) => {
      seen.push(await page.locator('main').innerText());
      return shot(o);
    }) as Page['screenshot'];
    await page.goto(url + '/');
    await page.getByRole('searchbox', { name: '検索語' }).fill('第168条 要指示医薬品');
    await page.getByRole('searchbox', { name: '検索語' }).press('Enter');
    const hit = page.locator('#results .hit[data-kind=law] a[data-id="A168"]').first();
    await hit.waitFor();
    expect(await page.locator('#results mark').count()).toBeGreaterThan(0); // highlighted snippets

    await page.screenshot({ path: join(shots, '1-search.png'), fullPage: false });

    // filters: only law text of 第7章
    await page.getByRole('checkbox', { name: /通知/ }).uncheck();
    await page.getByRole('checkbox', { name: 'ルール' }).uncheck();
    await page.getByRole('combobox', { name: '章' }).selectOption('7');
    await page.getByRole('button', { name: '検索' }).click();
    await page.waitForURL(/chapter=7/);
    await page.locator('#results .hit').first().waitFor();
    const kinds = await page.locator('#results .hit').evaluateAll((hs) => hs.map((x) => x.getAttribute('data-kind')));
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(['law']));

    await page.locator('#results a[data-id="A168"]').first().click();
    await page.locator('#article-title').filter({ hasText: '第168条' }).waitFor();
    expect(await page.locator('#rules .rule').count()).toBeGreaterThan(0); // rules side by side
    await page.screenshot({ path: join(shots, '2-article.png'), fullPage: false });

    await page.locator('#lawtext a.xref[data-id="T3"]').first().click();
    await page.locator('#article-title').filter({ hasText: '別表第3' }).waitFor();
    await page.screenshot({ path: join(shots, '3-crossref.png'), fullPage: false });

    // guidance that no longer matches the current text is flagged on the article page
    await page.goto(`${url}/#/article/A110_9`);
    await page.locator('#article-title').filter({ hasText: '第110条の9' }).waitFor();
    expect(await page.locator('#annotations .annotation.outdated .badge.outdated').count()).toBeGreaterThan(0);

    await page.getByRole('link', { name: '要指示? 毒劇? 指定?' }).click();
    const name = page.getByRole('textbox', { name: '成分名' }).first();
    await name.fill('イベルメクチソ');
    await name.press('Tab'); // change → did-you-mean
    await page.getByRole('button', { name: 'イベルメクチン' }).click();
    expect(await name.inputValue()).toBe('イベルメクチン');
    await page.getByRole('combobox', { name: '剤形' }).selectOption('外用剤');
    await page.getByRole('combobox', { name: '適用部位' }).selectOption('外皮');
    await page.getByRole('checkbox', { name: '猫' }).check();
    await page.locator('input[name=asOf]').fill('2024-04-01');
    await page.getByRole('button', { name: '判定する' }).click();
    const status = page.locator('[data-family=yoshiji] .status');
    await status.waitFor();
    expect(await status.getAttribute('data-status')).toBe('required');
    expect(await status.textContent()).toContain('要指示医薬品に該当');
    expect(await page.locator('[data-family=yoshiji] .citations a').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(shots, '4-classify.png'), fullPage: true });

    // the other questions (retention, transactions, labels, reports) as they land: a form per endpoint
    await page.getByRole('link', { name: 'その他の質問' }).click();
    const question = page.getByRole('combobox', { name: '質問' });
    await question.waitFor();
    const paths = await question.locator('option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
    if (paths.includes('/v1/retention')) {
      await question.selectOption('/v1/retention');
      await page.locator('input[aria-label=基準日]').fill('2024-04-01');
      await page.getByRole('button', { name: '送信' }).click();
      await page.locator('#generic-answer [data-field=keepUntil]').waitFor();
      expect(await page.locator('#generic-answer .citations a').count()).toBeGreaterThan(0);
      await page.screenshot({ path: join(shots, '5-retention.png'), fullPage: false });
    }

    await page.getByRole('link', { name: '網羅状況' }).click();
    await page.locator('#coverage-table tbody tr').first().waitFor();
    await page.locator('#coverage-units details').first().click();
    await page.screenshot({ path: join(shots, '6-coverage.png'), fullPage: false });
    expect(errors).toEqual([]);
    expect(seen.filter((t) => t.includes('[object '))).toEqual([]); // no array rendered as text on any page
  }, 60_000);
});
