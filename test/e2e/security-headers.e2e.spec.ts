import helmet from 'helmet';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { securityPolicy } from '../../src/http/security-headers';
import { example } from '../support/fixtures';
import { postExecute } from '../support/http';
import { startTestApp, TestApp } from '../support/test-app';
import { apiFetch } from '../support/contract';

/** The headers helmet may set, as an answer carries them. */
function securityHeaders(response: Response): Record<string, string> {
  const names = ['content-security-policy', 'cross-origin-opener-policy', 'cross-origin-resource-policy', 'origin-agent-cluster', 'referrer-policy', 'strict-transport-security', 'x-content-type-options', 'x-dns-prefetch-control', 'x-download-options', 'x-frame-options', 'x-permitted-cross-domain-policies', 'x-xss-protection', 'x-powered-by'];
  return Object.fromEntries(names.filter((name) => response.headers.has(name)).map((name) => [name, response.headers.get(name)!]));
}

/** What helmet's own middleware sets for the service's policy. */
async function helmetSets(styleSrc: string, https: boolean): Promise<Record<string, string>> {
  const server = createServer((request, response) => {
    helmet(securityPolicy(styleSrc.split(' '), https))(request, response, () => response.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  server.closeAllConnections();
  server.close();
  return securityHeaders(response);
}

const OVER_HTTPS = { 'x-forwarded-proto': 'https' };

describe('security headers', () => {
  let direct: TestApp;
  let proxied: TestApp;
  let key: string;

  beforeAll(async () => {
    [direct, proxied] = await Promise.all([startTestApp({ WORKER_THREADS: '1' }), startTestApp({ WORKER_THREADS: '1', TRUST_PROXY: 'loopback' })]);
    key = (await direct.createKey('enterprise')).key;
  });
  afterAll(() => Promise.all([direct.close(), proxied.close()]));

  it("sends helmet's headers on every answer, the same as helmet's own middleware sets; inline styles only under /docs", async () => {
    const answers = [
      await apiFetch(`${direct.url}/api/v1/tiers`),
      await apiFetch(`${direct.url}/api/v1/me`),
      await postExecute(direct.url, key, { wasm: example('hello') }).then(() => apiFetch(`${direct.url}/health/live`)),
    ];
    const strict = await helmetSets("'self'", false);
    expect(strict['x-content-type-options']).toBe('nosniff');
    // As the CSP's frame-ancestors 'none' says; HSTS only over HTTPS (the next test).
    expect(strict['x-frame-options']).toBe('DENY');
    expect(strict['strict-transport-security']).toBeUndefined();
    for (const answer of answers) expect(securityHeaders(answer)).toEqual(strict);
    const docs = securityHeaders(await apiFetch(`${direct.url}/docs`));
    expect(docs).toEqual(await helmetSets("'self' 'unsafe-inline'", false));
    expect(docs['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
  });

  it('asks for upgrade-insecure-requests only over HTTPS, so that the UI and /docs load at a plain-HTTP address', async () => {
    const csp = async (url: string, headers: Record<string, string> = {}) => (await apiFetch(url, { headers })).headers.get('content-security-policy')!;
    for (const page of ['/', '/docs']) {
      expect(await csp(`${direct.url}${page}`)).not.toContain('upgrade-insecure-requests');
      // X-Forwarded-Proto from a proxy not trusted under TRUST_PROXY says nothing.
      expect(await csp(`${direct.url}${page}`, OVER_HTTPS)).not.toContain('upgrade-insecure-requests');
      expect(await csp(`${proxied.url}${page}`)).not.toContain('upgrade-insecure-requests');
      expect(await csp(`${proxied.url}${page}`, OVER_HTTPS)).toContain('upgrade-insecure-requests');
    }
    expect(securityHeaders(await apiFetch(`${proxied.url}/`, { headers: OVER_HTTPS }))).toEqual(await helmetSets("'self'", true));
    expect((await apiFetch(`${proxied.url}/`, { headers: OVER_HTTPS })).headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(securityHeaders(await apiFetch(`${proxied.url}/docs`, { headers: OVER_HTTPS }))).toEqual(await helmetSets("'self' 'unsafe-inline'", true));
  });
});
