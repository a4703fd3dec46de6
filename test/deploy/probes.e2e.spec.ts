import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ROOT } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { apiFetch } from '../support/contract';

interface Probe {
  httpGet?: { path: string; port: string | number };
}

/** The Deployment's probes and Prometheus path, asked of a running server. */
describe('the k8s Deployment against a running server', () => {
  let service: TestApp;
  const deployment = parseAllDocuments(readFileSync(join(ROOT, 'k8s', 'deployment.yaml'), 'utf8'))
    .map((doc) => doc.toJS())
    .find((doc) => doc?.kind === 'Deployment');
  const container = deployment.spec.template.spec.containers[0];
  const probes: [string, Probe][] = ['startupProbe', 'livenessProbe', 'readinessProbe'].map((name) => [name, container[name]]);

  beforeAll(async () => {
    service = await startTestApp();
  });
  afterAll(() => service.close());

  it.each(probes)('%s answers 200', async (_name, probe) => {
    expect(probe.httpGet).toBeDefined();
    const response = await apiFetch(`${service.url}${probe.httpGet!.path}`);
    expect(response.status).toBe(200);
  });

  it('serves the metrics path the pods advertise', async () => {
    const path = deployment.spec.template.metadata.annotations['prometheus.io/path'];
    const response = await apiFetch(`${service.url}${path}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('wasmwiz_');
  });

  it('serves the OpenAPI documentation', async () => {
    const response = await apiFetch(`${service.url}/docs`);
    expect(response.status).toBe(200);
    const json = await apiFetch(`${service.url}/docs-json`);
    expect((await json.json()).paths['/api/v1/execute']).toBeDefined();
  });
});
