import type { OpenAPIObject, OperationObject, ResponseObject } from '@nestjs/swagger';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { previewOpenApiDocument } from '../../src/openapi/preview-document';
import { PROBLEM_MEDIA_TYPE } from '../../src/http/problem-responses';

/** An answer as a client received it. */
export interface Answer {
  method: string;
  url: string;
  status: number;
  contentType: string | null;
  body: string;
  /** Header names as received (lower case); only those of this API (`wasmwiz-*`) are checked. */
  headers?: string[];
}

/** Media types whose body is bytes, not a JSON document: only its documented schema (a binary string) and headers are checked. */
const BINARY_MEDIA_TYPES = ['application/octet-stream'];
const API_HEADER = /^wasmwiz-/i;

/** Where the contract applies: anything else (the UI, /docs, /metrics) is only checked when it is a problem. */
const API_PREFIXES = ['/api/', '/health/'];
const DOCUMENT_ID = 'openapi';

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  operation: OperationObject;
}

/**
 * The OpenAPI document of the code under test, made strict for checking answers: an object that
 * lists its properties allows no other (a field added to an answer without its schema fails).
 * The published document stays open, so generated clients accept fields added later.
 */
class Contract {
  private readonly ajv = new Ajv({ allErrors: true, strict: false });
  private readonly routes: Route[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(document: OpenAPIObject) {
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    const strict = structuredClone(document);
    closeObjects(strict);
    this.ajv.addSchema(strict, DOCUMENT_ID);
    this.routes = Object.entries(strict.paths).flatMap(([template, item]) =>
      Object.entries(item as Record<string, OperationObject>).map(([method, operation]) => ({
        method: method.toUpperCase(),
        template,
        pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
        operation,
      })),
    );
  }

  check(answer: Answer): void {
    const path = new URL(answer.url).pathname;
    const mediaType = answer.contentType?.split(';')[0].trim() ?? null;
    const route = this.routes.find((candidate) => candidate.method === answer.method.toUpperCase() && candidate.pattern.test(path));
    const where = `${answer.method.toUpperCase()} ${path} answered ${answer.status}`;
    if (!route) {
      if (mediaType === PROBLEM_MEDIA_TYPE) return this.validate(where, answer, '#/components/schemas/Problem');
      if (API_PREFIXES.some((prefix) => path.startsWith(prefix))) throw new Error(`contract: ${where}, a route the OpenAPI document does not describe`);
      return;
    }
    const response = route.operation.responses[String(answer.status)] as ResponseObject | undefined;
    if (!response) {
      const listed = Object.keys(route.operation.responses).join(', ');
      throw new Error(`contract: ${where}, which ${route.template} does not list (it lists ${listed}); body: ${answer.body.slice(0, 300)}`);
    }
    if (!response.content) {
      if (answer.body !== '') throw new Error(`contract: ${where} with a body, where the document gives none`);
      return;
    }
    if (!mediaType || !response.content[mediaType]) {
      throw new Error(`contract: ${where} as ${mediaType}, where the document gives ${Object.keys(response.content).join(', ')}`);
    }
    const undocumented = (answer.headers ?? []).filter((name) => API_HEADER.test(name) && !Object.keys(response.headers ?? {}).some((documented) => documented.toLowerCase() === name));
    if (undocumented.length > 0) throw new Error(`contract: ${where} with headers the document does not give: ${undocumented.join(', ')}`);
    if (BINARY_MEDIA_TYPES.includes(mediaType)) {
      const schema = response.content[mediaType].schema as { type?: string; format?: string } | undefined;
      if (schema?.type !== 'string' || schema.format !== 'binary') throw new Error(`contract: ${where} as ${mediaType}, which the document does not give as binary`);
      return;
    }
    const pointer = ['paths', route.template, route.method.toLowerCase(), 'responses', String(answer.status), 'content', mediaType, 'schema'];
    this.validate(where, answer, `#/${pointer.map(escapePointer).join('/')}`);
  }

  private validate(where: string, answer: Answer, pointer: string): void {
    let validator = this.validators.get(pointer);
    if (!validator) {
      validator = this.ajv.getSchema(`${DOCUMENT_ID}${pointer}`);
      if (!validator) throw new Error(`contract: no schema at ${pointer}`);
      this.validators.set(pointer, validator);
    }
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      throw new Error(`contract: ${where} with a body that is not JSON: ${answer.body.slice(0, 200)}`);
    }
    if (!validator(body)) {
      const errors = this.ajv.errorsText(validator.errors, { dataVar: 'body' });
      throw new Error(`contract: ${where} with a body that does not match its schema: ${errors}\nbody: ${answer.body.slice(0, 1000)}`);
    }
  }
}

const escapePointer = (segment: string) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));

/** additionalProperties: false wherever an object lists its properties and says nothing of others (allOf parts excepted: they describe one object together). */
function closeObjects(node: unknown, partOfAllOf = false): void {
  if (Array.isArray(node)) return node.forEach((item) => closeObjects(item, partOfAllOf));
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Record<string, unknown>;
  if (schema.properties && !('additionalProperties' in schema) && !partOfAllOf) schema.additionalProperties = false;
  for (const [key, value] of Object.entries(schema)) if (key !== 'example') closeObjects(value, key === 'allOf');
}

let contract: Promise<Contract> | undefined;

/** Throws when `answer` is not one the OpenAPI document allows for its route and status. */
export async function checkAnswer(answer: Answer): Promise<void> {
  contract ??= previewOpenApiDocument().then((document) => new Contract(document));
  (await contract).check(answer);
}

/** fetch, with its answer checked against the OpenAPI document: every e2e request goes through it. */
export async function apiFetch(input: string | URL, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(input, init);
  const contentType = response.headers.get('content-type');
  // A binary body is not decoded as text: only its headers are checked.
  const body = BINARY_MEDIA_TYPES.includes(contentType?.split(';')[0].trim() ?? '') ? '' : await response.clone().text();
  const headers: string[] = [];
  response.headers.forEach((_value, name) => headers.push(name));
  await checkAnswer({ method: init.method ?? 'GET', url: String(input), status: response.status, contentType, body, headers });
  return response;
}
