import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { UsageRecorder } from '../../src/usage/usage-recorder.service';
import { example, hostile, ROOT } from '../support/fixtures';
import { uploadModule } from '../support/http';
import { call, startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';

// The built-in web UI (public/, served at /) driven in Debian's Chromium through playwright-core.
// Screenshots of the main views go to test/artifacts/screenshots/ for a person to look at.

const SHOTS = process.env.SCREENSHOTS_DIR ?? join(ROOT, 'test', 'artifacts', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const RESULT_TIMEOUT = 20_000;

describe('the web UI in Chromium', () => {
  let service: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let key: string;
  /** Console errors, page errors, failed requests and native dialogs: each one fails the test. */
  const problems: string[] = [];
  /** Responses with a 4xx/5xx status. */
  const errorResponses: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [service, browser] = await Promise.all([startTestApp(), chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS })]);
    key = (await service.createKey('pro')).key;
  });
  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  beforeEach(async () => {
    problems.length = 0;
    errorResponses.length = 0;
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: service.url });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
    page.on('response', (response) => { if (response.status() >= 400) errorResponses.push(`${response.status()} ${response.url()}`); });
    // The UI confirms in-page (<dialog>); a native alert/confirm/prompt would mean script ran that should not have.
    page.on('dialog', (dialog) => {
      problems.push(`a native ${dialog.type()} opened: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await page.goto(service.url);
    await page.locator('select.sample option').first().waitFor({ state: 'attached' });
  });
  afterEach(async () => {
    await context.close();
  });

  async function enterKey(value: string) {
    await page.getByLabel('API key').fill(value);
    await page.getByRole('button', { name: 'Use key' }).click();
    await page.locator('.key-status .dot.ok').waitFor();
  }

  async function run() {
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.locator('.run-result, .result-problem').waitFor({ timeout: RESULT_TIMEOUT });
  }

  const text = (selector: string) => page.locator(selector).textContent();

  /** Toasts are fixed to the viewport; in a full-page screenshot they would cover the middle. */
  async function screenshot(name: string) {
    await page.evaluate(() => document.querySelectorAll('.toast').forEach((toast) => toast.remove()));
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  }

  it('loads with no console errors, a strict Content-Security-Policy and labelled, keyboard-operable controls', async () => {
    const response = await page.request.get(service.url);
    const csp = response.headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("script-src 'self' 'unsafe-inline'");
    expect(csp).toContain("style-src 'self'");
    await expect(page.title()).resolves.toContain('WasmWiz');
    expect(await page.locator('select.sample option').count()).toBeGreaterThanOrEqual(9);
    await expect(page.locator('.result-empty').isVisible()).resolves.toBe(true);

    // Every form control has a label (a <label>, aria-label or aria-labelledby).
    const unlabelled = await page.evaluate(() => Array.from(document.querySelectorAll('input, select, textarea'))
      .filter((node) => !(node as HTMLInputElement).labels?.length && !node.getAttribute('aria-label') && !node.getAttribute('aria-labelledby'))
      .map((node) => node.id || node.outerHTML.slice(0, 60)));
    expect(unlabelled).toEqual([]);

    // Sections are reachable from the keyboard.
    await page.getByRole('link', { name: 'My account' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-view=account]:not([hidden])').waitFor();
    expect(await page.locator('[data-view=console]').isHidden()).toBe(true);
    await page.getByRole('link', { name: 'Admin' }).focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('Admin token').waitFor();
    await page.getByRole('link', { name: 'Console' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-view=console]:not([hidden])').waitFor();
    await screenshot('console-empty');
    expect(problems).toEqual([]);
    expect(errorResponses).toEqual([]);
  });

  it('runs the echo sample with stdin and shows the output, success and the quota left', async () => {
    await enterKey(key);
    await page.getByLabel('Sample module').selectOption('echo.wasm');
    await page.getByLabel('stdin', { exact: true }).fill('hello from chromium\nsecond line');
    await run();
    await expect(text('.result-status')).resolves.toBe('success');
    expect(await page.locator('.result-status').getAttribute('class')).toContain('success');
    await expect(text('pre.stdout')).resolves.toBe('hello from chromium\nsecond line');
    await expect(text('.result-exit')).resolves.toBe('0');
    await expect(text('.result-memory')).resolves.toMatch(/^\d+(\.\d)? KiB$/);
    await expect(text('.result-memory-limit')).resolves.toBe('of 128 MiB allowed');
    const quota = await page.locator('.result-quota span').allTextContents();
    expect(quota).toEqual([expect.stringMatching(/^\d+ of 300 this minute$/), expect.stringMatching(/^[\d,]+ of 20,000 today$/)]);
    // The key lives in sessionStorage, never in a URL or localStorage.
    expect(await page.evaluate(() => sessionStorage.getItem('wasmwiz.key'))).toBe(key);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    expect(page.url()).not.toContain(key);
    await screenshot('console');
    expect(problems).toEqual([]);
    expect(errorResponses).toEqual([]);
  });

  it('runs an uploaded file', async () => {
    await enterKey(key);
    await page.getByLabel('Module file (.wasm)').setInputFiles({ name: 'hello.wasm', mimeType: 'application/wasm', buffer: example('hello') });
    expect(await page.getByLabel('Upload a file').isChecked()).toBe(true);
    await run();
    await expect(text('.result-status')).resolves.toBe('success');
    await expect(text('pre.stdout')).resolves.toBe('Hello, WasmWiz!\n');
    expect(problems).toEqual([]);
  });

  it('shows HTML printed by a module as text, running nothing', async () => {
    await enterKey(key);
    await page.getByLabel('Sample module').selectOption('html-output.wasm');
    await run();
    await expect(text('pre.stdout')).resolves.toBe('<script>alert("pwned")</script><b>bold</b>\n');
    expect(await page.locator('pre.stdout *').count()).toBe(0);
    expect(await page.locator('script:not([src])').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('shows binary output as base64 with a download, and colours statuses by kind', async () => {
    await enterKey(key);
    await page.getByLabel('Sample module').selectOption('binary-output.wasm');
    await run();
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    await expect(text('pre.stdout')).resolves.toBe(all.toString('base64'));
    await expect(text('.stdout-note')).resolves.toContain('binary, shown as base64');
    const download = page.getByRole('link', { name: 'Download stdout' });
    expect(await download.getAttribute('download')).toMatch(/^stdout-.*\.bin$/);
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    const saved = await file.path();
    expect(require('node:fs').readFileSync(saved)).toEqual(all);

    await page.getByLabel('Sample module').selectOption('exit-code.wasm');
    await run();
    await expect(text('.result-status')).resolves.toBe('exit_error');
    await expect(text('.result-exit')).resolves.toBe('3');
    await expect(text('pre.stderr')).resolves.toBe('exiting with 3\n');
    const colour = (selector: string) => page.locator(selector).evaluate((node) => getComputedStyle(node).backgroundColor);
    const amber = await colour('.result-status');
    await page.getByLabel('Sample module').selectOption('hello.wasm');
    await run();
    expect(await colour('.result-status')).not.toBe(amber);
    expect(problems).toEqual([]);
  });

  it("shows an API problem's title and detail where the result would be", async () => {
    await enterKey(key);
    await page.getByLabel('Module file (.wasm)').setInputFiles({ name: 'bad.wasm', mimeType: 'application/wasm', buffer: hostile('not-wasm') });
    await run();
    await expect(text('.problem-title')).resolves.toBe('Invalid WebAssembly module');
    await expect(text('.problem-detail')).resolves.toContain('not a WebAssembly module');
    await expect(text('.problem-code')).resolves.toContain('HTTP 422');
    expect(await page.locator('.run-result').isHidden()).toBe(true);
    await screenshot('error');

    // Without a key, the console says what to do instead of sending anything.
    await page.getByRole('button', { name: 'Forget' }).click();
    await page.getByLabel('Sample module').selectOption('hello.wasm');
    await run();
    await expect(text('.problem-title')).resolves.toBe('Enter an API key first');
    // Nothing was sent, so no HTTP status is shown.
    await expect(text('.problem-code')).resolves.not.toContain('HTTP');
  });

  it('lets an admin create an account and a key that then works in the console', async () => {
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByLabel('Admin token').fill(TEST_ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('div.admin').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('wasmwiz.admin'))).toBe(TEST_ADMIN_TOKEN);

    await page.getByLabel('Name', { exact: true }).fill('Chromium Corp');
    await page.getByLabel('Email optional').fill('ops@chromium.example');
    await page.getByLabel('Tier', { exact: true }).selectOption('basic');
    await page.getByRole('button', { name: 'Create account' }).click();
    const row = page.locator('.accounts-table tr', { hasText: 'Chromium Corp' });
    await row.waitFor();
    expect(await page.getByLabel('Account', { exact: true }).locator('option:checked').textContent()).toBe('Chromium Corp');

    await page.getByLabel('Key name optional').fill('console key');
    await page.getByRole('button', { name: 'Create key' }).click();
    const card = page.locator('.new-key-card');
    await card.waitFor();
    const secret = (await card.locator('.secret-value').textContent())!;
    expect(secret).toMatch(/^ww_live_[0-9A-Za-z]+$/);
    await card.getByRole('button', { name: 'Copy' }).click();
    await card.getByRole('button', { name: 'Copied ✓' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await page.locator('.admin-keys-table tr', { hasText: 'console key' }).waitFor();
    await screenshot('admin');

    await card.getByRole('button', { name: 'Use in console' }).click();
    await page.locator('[data-view=console]:not([hidden])').waitFor();
    await page.locator('.key-status', { hasText: 'Chromium Corp' }).waitFor();
    await expect(text('.key-status .badge')).resolves.toBe('basic');
    await page.getByLabel('Sample module').selectOption('fibonacci.wasm');
    await run();
    await expect(text('.result-status')).resolves.toBe('success');
    await expect(text('pre.stdout')).resolves.toBe('fib(50) = 12586269025\n');

    // The secret is shown once: after a reload the admin view lists only its prefix.
    await page.reload();
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.locator('.admin-keys-table tr', { hasText: 'console key' }).waitFor();
    expect(await page.content()).not.toContain(secret);

    // Change the tier, suspend (confirmed in-page) and activate again.
    await row.getByLabel('Tier of Chromium Corp').selectOption('pro');
    await page.locator('.toast', { hasText: 'Chromium Corp is now on pro.' }).waitFor();
    await row.getByRole('button', { name: 'Suspend' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Suspend account' }).click();
    await row.locator('.badge.suspended').waitFor();
    expect((await call(service.url, 'GET', '/api/v1/me', secret)).status).toBe(403);
    await row.getByRole('button', { name: 'Activate' }).click();
    await row.locator('.badge.active').waitFor();

    // Edit a tier's limit.
    const free = page.getByLabel('free: Requests per minute');
    await free.fill('11');
    await page.getByRole('button', { name: 'Save free' }).click();
    await page.locator('.toast', { hasText: 'Tier free saved.' }).waitFor();
    expect((await call(service.url, 'GET', '/api/v1/tiers')).body.find((t: { name: string }) => t.name === 'free').requestsPerMinute).toBe(11);
    await page.locator('.audit-table', { hasText: 'tier.update' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('shows my account: tier, quota, keys, modules, executions and the usage charts', async () => {
    const own = await service.createKey('pro');
    await enterKey(own.key);
    for (const sample of ['echo.wasm', 'exit-code.wasm']) {
      await page.getByLabel('Sample module').selectOption(sample);
      await run();
    }
    await service.app.get(UsageRecorder).flushAll();

    await page.getByRole('link', { name: 'My account' }).click();
    await page.locator('div.account').waitFor();
    await expect(text('.account-tier')).resolves.toBe('pro');
    await page.locator('.quota-meters', { hasText: 'Executions today' }).waitFor();
    await page.locator('.keys-table .tag', { hasText: 'in use' }).waitFor();
    await page.locator('.executions-table .badge.exit_error').waitFor();
    expect(await page.locator('.usage-chart rect').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.duration-chart circle').count()).toBeGreaterThan(0);
    await page.locator('.usage-chart .legend', { hasText: 'exit_error' }).waitFor();

    // Store a module from the page, then run it by id from the console.
    await page.getByLabel('Module file', { exact: true }).setInputFiles({ name: 'sha256.wasm', mimeType: 'application/wasm', buffer: example('sha256') });
    await page.getByLabel('Description').fill('Hashes stdin');
    await page.getByRole('button', { name: 'Store module' }).click();
    const stored = page.locator('.modules-table tr', { hasText: 'sha256.wasm' });
    await stored.waitFor();
    // Versions of one name are told apart, here and in the console's list.
    await expect(stored.locator('td[data-label=Version]').textContent()).resolves.toBe('1');
    await screenshot('account');

    await page.setViewportSize({ width: 375, height: 800 });
    await page.waitForTimeout(150);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot('account-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    await stored.getByRole('button', { name: 'Run in console' }).click();
    await page.locator('[data-view=console]:not([hidden])').waitFor();
    expect(await page.getByLabel('Stored module', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('Your stored module').locator('option:checked').textContent()).toMatch(/^sha256\.wasm@1 · /);
    await page.getByLabel('stdin', { exact: true }).fill('abc');
    await run();
    await expect(text('pre.stdout')).resolves.toBe(`${createHash('sha256').update('abc').digest('hex')}\n`);

    // Rotating the key in use (confirmed in-page) shows the new one once and switches to it.
    await page.getByRole('link', { name: 'My account' }).click();
    await page.locator('.keys-table').getByRole('button', { name: 'Rotate' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('The old key stops working').selectOption('0');
    await dialog.getByRole('button', { name: 'Rotate key' }).click();
    const fresh = (await page.locator('.rotated-key .secret-value').textContent())!;
    expect(fresh).toMatch(/^ww_live_/);
    await page.waitForFunction((value) => sessionStorage.getItem('wasmwiz.key') === value, fresh);
    expect((await call(service.url, 'GET', '/api/v1/me', own.key)).status).toBe(401);
    expect((await call(service.url, 'GET', '/api/v1/me', fresh)).status).toBe(200);
    expect(problems).toEqual([]);
  });

  it('shows upload progress and a running state for a slow upload', async () => {
    await enterKey(key);
    // hello.wasm with a 768 KiB custom section: still a valid module, slow to send at 512 KiB/s.
    const payload = Buffer.alloc(768 * 1024, 0x61);
    const name = Buffer.from('padding');
    const body = Buffer.concat([Buffer.from([name.length]), name, payload]);
    const padded = Buffer.concat([example('hello'), Buffer.from([0]), leb128(body.length), body]);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 512 * 1024 });
    await page.getByLabel('Module file (.wasm)').setInputFiles({ name: 'padded.wasm', mimeType: 'application/wasm', buffer: padded });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.locator('.upload:not([hidden])').waitFor();
    await page.waitForFunction(() => {
      const value = (document.querySelector('.upload progress') as HTMLProgressElement).value;
      return value > 0 && value < 100;
    });
    expect(await page.getByRole('button', { name: 'Running…' }).isDisabled()).toBe(true);
    await expect(text('.upload-label')).resolves.toMatch(/^Uploading \d+% of 772 KiB$/);
    expect(await page.locator('.result-running').isVisible()).toBe(true);
    await page.locator('.run-result').waitFor({ timeout: RESULT_TIMEOUT });
    await expect(text('pre.stdout')).resolves.toBe('Hello, WasmWiz!\n');
    expect(await page.locator('.upload').isHidden()).toBe(true);
    expect(problems).toEqual([]);
  });

  it('runs with the key in the box without "Use key", and clears a problem once its cause is fixed', async () => {
    await page.getByLabel('Sample module').selectOption('hello.wasm');
    await run();
    await expect(text('.problem-title')).resolves.toBe('Enter an API key first');
    expect(errorResponses).toEqual([]);
    await page.getByLabel('API key').fill(key);
    await run();
    await expect(text('.result-status')).resolves.toBe('success');
    await page.locator('.key-status .dot.ok').waitFor();

    await page.getByLabel('Environment NAME=value per line').fill('=no name');
    await run();
    await expect(text('.problem-title')).resolves.toBe('Check the environment');
    await screenshot('stale-error');
    await page.getByLabel('Environment NAME=value per line').fill('NAME=value');
    await page.locator('.result-empty').waitFor();
    expect(await page.locator('.result-problem').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('sends input files and names output files, showing and offering what comes back', async () => {
    await enterKey(key);
    await page.getByLabel('Module file (.wasm)').setInputFiles({ name: 'files.wasm', mimeType: 'application/wasm', buffer: example('files') });
    await page.getByLabel('Input files placed in the guest\'s directory').setInputFiles({ name: 'upload.txt', mimeType: 'text/plain', buffer: Buffer.from('hello files\n') });
    await page.getByLabel('Path of upload.txt in the guest').fill('input.txt');
    await page.getByLabel('Output files paths or globs, one per line').fill('output.txt\nmissing/*.bin');
    await run();
    await expect(text('.result-status')).resolves.toBe('success');
    await expect(text('pre.stdout')).resolves.toBe('HELLO FILES\nwritten by wasm\n');
    await screenshot('console-files');
    const download = page.getByRole('link', { name: 'Download output.txt' });
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toBe('output.txt');
    expect(require('node:fs').readFileSync(await file.path(), 'utf8')).toBe('written by wasm\n');
    expect(problems).toEqual([]);
  });

  it('runs in the background: queued, then running, then the result, listed under My account', async () => {
    await enterKey(key);
    await page.getByLabel('Sample module').selectOption('echo.wasm');
    await page.getByLabel('stdin', { exact: true }).fill('in the background');
    await page.getByLabel('Run in the background').check();
    const seen = page.evaluate(() => new Promise<string[]>((resolve) => {
      const statuses: string[] = [];
      const note = () => {
        const badge = document.querySelector('.job-status, .result-status');
        const status = badge?.textContent ?? '';
        if (status && statuses[statuses.length - 1] !== status) statuses.push(status);
        if (badge?.classList.contains('result-status')) { observer.disconnect(); resolve(statuses); }
      };
      const observer = new MutationObserver(note);
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    }));
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.locator('.job-status').waitFor({ timeout: RESULT_TIMEOUT });
    await screenshot('console-async-queued');
    await page.locator('.run-result').waitFor({ timeout: RESULT_TIMEOUT });
    const statuses = await seen;
    expect(statuses[0]).toBe('queued');
    expect(statuses[statuses.length - 1]).toBe('success');
    expect(statuses.every((status) => ['queued', 'running', 'success'].includes(status))).toBe(true);
    await expect(text('pre.stdout')).resolves.toBe('in the background');
    await screenshot('console-async-done');

    await page.getByRole('link', { name: 'My account' }).click();
    const row = page.locator('.executions-table tr', { hasText: 'success' }).first();
    await row.getByRole('button', { name: 'Result' }).click();
    await page.locator('.job-result pre.stdout', { hasText: 'in the background' }).waitFor();
    await screenshot('account-jobs');
    expect(problems).toEqual([]);
  });

  it('lists batches with their results under My account', async () => {
    const own = await service.createKey('pro');
    const module = await uploadModule(service.url, own.key, example('echo'), 'echo');
    const batch = await call(service.url, 'POST', `/api/v1/modules/${module.body.id}/batches`, own.key, { runs: [{ stdin: 'one' }, { stdin: 'two' }] });
    expect(batch.status).toBe(200);
    await enterKey(own.key);
    await page.getByRole('link', { name: 'My account' }).click();
    await page.getByText('Batches', { exact: true }).click();
    const row = page.locator('.batches-table tr', { hasText: '2 of 2' });
    await row.getByRole('button', { name: 'Results' }).click();
    await page.locator('.batch-results pre.stdout', { hasText: 'two' }).waitFor();
    await screenshot('account-batches');
    expect(problems).toEqual([]);
  });

  it('works on a phone-sized screen', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await enterKey(key);
    await page.getByLabel('Sample module').selectOption('json-transform.wasm');
    await run();
    await expect(text('.result-status')).resolves.toBe('success');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot('console-phone');
    expect(problems).toEqual([]);
  });
});

function leb128(value: number): Buffer {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    bytes.push(byte);
  } while (value);
  return Buffer.from(bytes);
}
