import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { example, hostile, ROOT } from '../support/fixtures';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';

const SHOTS = join(ROOT, 'test', 'artifacts', 'screenshots');
const CHROMIUM_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe('the web UI in Chromium', () => {
  let service: TestApp;
  let browser: Browser;
  let page: Page;
  let key: string;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    service = await startTestApp();
    key = (await service.createKey('pro')).key;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  });
  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  beforeEach(async () => {
    problems.length = 0;
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`));
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('dialog', (dialog) => {
      if (dialog.type() === 'alert') problems.push(`an alert ran: ${dialog.message()}`);
      void dialog.accept();
    });
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    await page.goto(service.url);
  });
  afterEach(async () => {
    await page.close();
  });

  async function enterKey(value: string) {
    await page.getByLabel('API key').fill(value);
    await page.getByRole('button', { name: 'Use key' }).click();
  }

  async function run() {
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.locator('#result:not([hidden])').waitFor({ timeout: 20_000 });
  }

  it('loads with no console errors and a strict Content-Security-Policy', async () => {
    const response = await page.request.get(service.url);
    expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect(page.title()).resolves.toContain('WasmWiz');
    await page.getByLabel('Bundled sample').waitFor();
    expect(problems).toEqual([]);
  });

  it('runs the echo sample with stdin and shows the output and success', async () => {
    await enterKey(key);
    await page.getByLabel('Bundled sample').selectOption('echo.wasm');
    await page.getByLabel('stdin').fill('hello from chromium\nsecond line');
    await run();
    await expect(page.locator('#result-status').textContent()).resolves.toBe('success');
    await expect(page.locator('#stdout').textContent()).resolves.toBe('hello from chromium\nsecond line');
    await expect(page.locator('#result-quota').textContent()).resolves.toMatch(/\d+ of \d+/);
    const stored = await page.evaluate(() => sessionStorage.getItem('wasmwiz.key'));
    expect(stored).toBe(key);
    expect(page.url()).not.toContain(key);
    await page.screenshot({ path: join(SHOTS, 'console.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('runs an uploaded file', async () => {
    await enterKey(key);
    await page.getByLabel('or upload a .wasm file').setInputFiles({ name: 'hello.wasm', mimeType: 'application/wasm', buffer: example('hello') });
    await run();
    await expect(page.locator('#stdout').textContent()).resolves.toBe('Hello, WasmWiz!\n');
  });

  it('shows HTML printed by a module as text, running nothing', async () => {
    await enterKey(key);
    await page.getByLabel('Bundled sample').selectOption('html-output.wasm');
    await run();
    await expect(page.locator('#stdout').textContent()).resolves.toContain('<script>alert("pwned")</script>');
    expect(await page.locator('#stdout b').count()).toBe(0);
    expect(problems.filter((p) => p.includes('alert'))).toEqual([]);
  });

  it("shows an API problem's title and detail", async () => {
    await enterKey(key);
    await page.getByLabel('or upload a .wasm file').setInputFiles({ name: 'bad.wasm', mimeType: 'application/wasm', buffer: hostile('not-wasm') });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const notice = page.locator('#notice');
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toContain('Invalid WebAssembly module');
    await expect(notice.textContent()).resolves.toContain('not a WebAssembly module');
    await page.screenshot({ path: join(SHOTS, 'error.png') });
  });

  it('lets an admin create an account and a key that then works in the console', async () => {
    await page.getByRole('button', { name: 'Admin' }).click();
    await page.getByLabel('Admin token').fill(TEST_ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Chromium Corp');
    await page.getByLabel('Tier', { exact: true }).selectOption('basic');
    await page.getByRole('button', { name: 'Create account' }).click();
    const row = page.locator('#accounts-table tr', { hasText: 'Chromium Corp' });
    await row.waitFor();
    await row.getByRole('button', { name: 'New key' }).click();
    await page.locator('#new-key:not([hidden])').waitFor();
    const secret = (await page.locator('#new-key-value').textContent())!;
    expect(secret).toMatch(/^ww_live_/);
    await page.screenshot({ path: join(SHOTS, 'admin.png'), fullPage: true });
    await page.getByRole('button', { name: 'Use in console' }).click();
    await page.getByLabel('Bundled sample').selectOption('hello.wasm');
    await run();
    await expect(page.locator('#result-status').textContent()).resolves.toBe('success');
  });

  it('shows my account: tier, keys, modules, executions and the usage chart', async () => {
    const form = new FormData();
    form.append('wasm', new Blob([new Uint8Array(example('sha256'))]), 'sha256.wasm');
    await fetch(`${service.url}/api/v1/modules`, { method: 'POST', body: form, headers: { authorization: `Bearer ${key}` } });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    await enterKey(key);
    await page.getByRole('button', { name: 'My account' }).click();
    await page.locator('#account:not([hidden])').waitFor();
    await expect(page.locator('#account-tier').textContent()).resolves.toBe('pro');
    await page.locator('#keys-table td.mono').first().waitFor();
    await page.locator('#modules-table', { hasText: 'sha256' }).waitFor();
    await page.locator('#executions-table .badge').first().waitFor();
    expect(await page.locator('#usage-chart rect').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SHOTS, 'account.png'), fullPage: true });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.screenshot({ path: join(SHOTS, 'account-phone.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
