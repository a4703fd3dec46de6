import { compileErrors, validate } from '@readme/openapi-parser';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { OpenAPIObject, OperationObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { ALL_PROBLEM_CODES } from '../../src/http/problem-codes';
import { previewOpenApiDocument } from '../../src/openapi/preview-document';
import { PROBLEM_MEDIA_TYPE } from '../../src/http/problem-responses';
import { apiFetch } from '../support/contract';
import { builtScript } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

const BODY_METHODS = ['post', 'put', 'patch'];

describe('the OpenAPI document at /docs-json', () => {
  let service: TestApp;
  let document: OpenAPIObject;
  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, OperationObject>).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, method, operation })),
    );
  const schemaOf = (ref: string | undefined) => document.components!.schemas![ref!.split('/').pop()!] as SchemaObject;

  beforeAll(async () => {
    service = await startTestApp();
    document = await (await apiFetch(`${service.url}/docs-json`)).json();
  });
  afterAll(() => service.close());

  it('validates as OpenAPI 3', async () => {
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? 'valid' : compileErrors(result)).toBe('valid');
    expect(document.openapi).toMatch(/^3\./);
  });

  it('gives every operation its request schema, a 2xx schema and problem+json error responses', () => {
    for (const { name, method, operation } of operations()) {
      const statuses = Object.keys(operation.responses);
      const body = operation.requestBody as { content: Record<string, { schema: { $ref?: string } }> } | undefined;
      if (BODY_METHODS.includes(method)) {
        // One structured media type; beside it, at most a raw body (stdin as application/octet-stream), described as binary.
        const [structured, ...raw] = Object.keys(body?.content ?? {});
        expect([name, structured]).toEqual([name, expect.stringMatching(/json|multipart/)]);
        for (const mediaType of raw) expect([name, mediaType, body!.content[mediaType].schema]).toEqual([name, 'application/octet-stream', expect.objectContaining({ type: 'string', format: 'binary' })]);
        expect([name, Object.keys(schemaOf(Object.values(body!.content)[0].schema.$ref).properties ?? {}).length]).toEqual([name, expect.any(Number)]);
      }
      const successes = statuses.filter((status) => status.startsWith('2'));
      expect([name, successes.length]).not.toEqual([name, 0]);
      for (const status of successes) {
        const response = operation.responses[status] as ResponseObject;
        if (status !== '204') expect([name, status, Object.values(response.content ?? {})[0]?.schema]).toEqual([name, status, expect.anything()]);
      }
      const errors = statuses.filter((status) => Number(status) >= 400);
      expect([name, errors.some((status) => status.startsWith('4')) || !operation.security]).toEqual([name, true]);
      for (const status of errors) {
        const content = Object.keys((operation.responses[status] as ResponseObject).content ?? {});
        if (!(name === 'GET /health/ready' && status === '503')) expect([name, status, content]).toEqual([name, status, [PROBLEM_MEDIA_TYPE]]);
      }
    }
  });

  it('marks a JSON body of optional members only as one that may be left out, and the route takes a request without one', async () => {
    const optional = operations().filter(({ operation }) => (operation.requestBody as { required?: boolean } | undefined)?.required === false);
    expect(optional.map(({ name }) => name)).toContain('POST /api/v1/webhooks/secret/rotate');
    for (const { operation } of optional) {
      const [[mediaType, { schema }]] = Object.entries((operation.requestBody as { content: Record<string, { schema: { $ref: string } }> }).content);
      expect(mediaType).toBe('application/json');
      expect(schemaOf(schema.$ref).required ?? []).toEqual([]);
    }
    const { key } = await service.createKey('pro', ['execute', 'keys']);
    const rotated = await apiFetch(`${service.url}/api/v1/webhooks/secret/rotate`, { method: 'POST', headers: { authorization: `Bearer ${key}` } });
    expect(rotated.status).toBe(200);
  });

  it('names each operation by what it does, once: the method names a generated client gets', () => {
    const ids = Object.values(document.paths).flatMap((path) => Object.values(path as Record<string, { operationId?: string }>).map((operation) => operation.operationId));
    expect(ids.length).toBeGreaterThan(30);
    for (const id of ids) expect(id).toMatch(/^(get|list|create|update|delete|upload|execute|cancel|rotate|revoke)[A-Z][A-Za-z]+$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(document.paths['/api/v1/modules/{id}/executions']?.post?.operationId).toBe('executeStoredModule');
  });

  it('has no empty schema: every object lists its properties', () => {
    for (const [name, schema] of Object.entries(document.components!.schemas!) as [string, SchemaObject][]) {
      if (schema.enum) continue;
      expect([name, Object.keys(schema.properties ?? {}).length > 0]).toEqual([name, true]);
    }
  });

  it('describes the query filters of the executions and usage', () => {
    const query = (path: string) => (document.paths[path].get!.parameters as { in: string; name: string }[]).filter((p) => p.in === 'query').map((p) => p.name);
    expect(query('/api/v1/executions')).toEqual(['limit', 'cursor', 'status', 'from', 'to', 'keyId']);
    expect(query('/api/v1/usage')).toEqual(['from', 'to', 'bucket', 'keyId', 'groupBy']);
  });

  it('lists every problem code in the Problem schema, and one per route and status', () => {
    expect((document.components!.schemas!.ProblemCode as SchemaObject).enum).toEqual(ALL_PROBLEM_CODES);
    const execute = document.paths['/api/v1/execute'].post!.responses;
    const codes = (status: number) => ((execute[status] as ResponseObject).content![PROBLEM_MEDIA_TYPE].schema as { allOf: { properties: { code: { enum: string[] } } }[] }).allOf[1].properties.code.enum;
    expect(codes(415)).toEqual(['multipart_required', 'unsupported_content_encoding']);
    expect(codes(413)).toEqual(['input_too_large', 'module_too_large']);
    expect(codes(503)).toEqual(['capacity_exhausted', 'database_unavailable', 'recording_unavailable']);
  });

  it('describes both credentials: a bearer key (not a JWT) and the X-API-Key header', () => {
    expect(document.components!.securitySchemes).toEqual({
      bearer: { type: 'http', scheme: 'bearer', description: expect.any(String) },
      'api-key': { type: 'apiKey', name: 'X-API-Key', in: 'header', description: expect.any(String) },
    });
    expect(document.paths['/api/v1/me'].get!.security).toEqual([{ bearer: [] }, { 'api-key': [] }]);
    expect(document.paths['/api/v1/tiers'].get!.security).toBeUndefined();
  });

  it('is the document the contract checks answers against', async () => {
    expect(document).toEqual(await previewOpenApiDocument());
  });

  const clientTypes = (args: string[]) =>
    new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, [builtScript('dist/src/openapi/client-types.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.once('close', (code) => resolve({ code, output }));
    });

  it("is what the client's types (src/cli/api-schema.ts) are made from: they are current", async () => {
    const { code, output } = await clientTypes(['--from', `${service.url}/docs-json`, '--check']);
    expect(output).toBe('');
    expect(code).toBe(0);
  });

  it("tells when the client's types are not current", async () => {
    const document = await (await apiFetch(`${service.url}/docs-json`)).json();
    document.components.schemas.ModuleView.properties.surprise = { type: 'string' };
    const server = createServer((_request, response) => response.end(JSON.stringify(document)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { code, output } = await clientTypes(['--from', `http://127.0.0.1:${(server.address() as { port: number }).port}/`, '--check']);
      expect(output).toContain('is not made from the current OpenAPI document: run npm run client');
      expect(code).toBe(1);
    } finally {
      server.close();
    }
  });
});
