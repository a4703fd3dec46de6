import type { INestApplication, Type } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { DocumentBuilder, type OpenAPIObject, type OperationObject, type ResponseObject, SwaggerModule } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { PUBLIC_ROUTE } from './access/auth.decorators';
import { ProblemSchema } from './problem.schema';
import { QuotaGuard } from './quotas/quota.guard';
import { declaredProblems } from './http/api-problems';
import { problemResponses, shapeProblems } from './http/problem-responses';
import { declaredRequestContent } from './http/request-content';

export const DOCS_PATH = 'docs';

const BEARER = 'bearer';
const API_KEY = 'api-key';

const CONFIG = new DocumentBuilder()
  .setTitle('WasmWiz API')
  .setDescription(
    'Run WASI WebAssembly modules with per-tier memory, time and output caps. Every error is an RFC 9457 ' +
      '`application/problem+json` with a stable `code` (the `ProblemCode` schema lists them all; each response lists those of its route).',
  )
  .setVersion('1')
  .addSecurity(BEARER, { type: 'http', scheme: 'bearer', description: 'An API key (`ww_live_…`) or the admin token' })
  .addSecurity(API_KEY, { type: 'apiKey', name: 'X-API-Key', in: 'header', description: 'An API key, as an alternative to `Authorization`' })
  .build();

const RATE_LIMIT_HEADERS = {
  'RateLimit-Policy': { description: 'The windows of the account: `"minute";q=<limit>;w=60, "day";q=<limit>;w=86400`', schema: { type: 'string' } },
  RateLimit: { description: 'What is left of each window and when it is whole again', schema: { type: 'string' } },
  'X-RateLimit-Limit': { description: 'The limit of the tightest window', schema: { type: 'integer' } },
  'X-RateLimit-Remaining': { description: 'What is left of the tightest window', schema: { type: 'integer' } },
  'X-RateLimit-Reset': { description: 'When the tightest window is whole again (Unix seconds)', schema: { type: 'integer' } },
};

interface Route {
  controller: Type;
  handler: (...args: unknown[]) => unknown;
}

/** A route's operationId is its handler's name, which says what it does (`listModules`): the names a generated client's methods get. */
const operationId = (_controller: string, method: string) => method;

/**
 * The OpenAPI document of the app: what @nestjs/swagger reads from the decorators, completed from
 * the routes' own metadata (who may call them, the problems they give) so that it cannot drift.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(app, CONFIG, { operationIdFactory: operationId, extraModels: [ProblemSchema] });
  const operations = new Map<string, OperationObject>();
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path) as OperationObject[]) {
      if (!operation.operationId) continue;
      if (operations.has(operation.operationId)) throw new Error(`two routes have the handler name ${operation.operationId}: each needs its own, it is the route's operationId`);
      operations.set(operation.operationId, operation);
    }
  }
  for (const route of routes(app)) {
    const operation = operations.get(operationId(route.controller.name, route.handler.name));
    if (operation) describeRoute(operation, route);
  }
  closeRequestBodies(document);
  return document;
}

/** Serves the document at /docs-json and Swagger UI at /docs. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, () => createOpenApiDocument(app));
}

function* routes(app: INestApplication): Iterable<Route> {
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type;
      for (const key of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = Object.getOwnPropertyDescriptor(controller.prototype, key)?.value;
        if (typeof handler === 'function' && Reflect.hasMetadata(METHOD_METADATA, handler)) yield { controller, handler };
      }
    }
  }
}

function describeRoute(operation: OperationObject, { controller, handler }: Route): void {
  const targets = [handler, controller];
  const content = declaredRequestContent(handler);
  if (content) operation.requestBody = { required: true, content };
  const authenticated = !new Reflector().getAllAndOverride<boolean>(PUBLIC_ROUTE, targets);
  if (authenticated) operation.security = [{ [BEARER]: [] }, { [API_KEY]: [] }];
  const codes = [...shapeProblems(operation, authenticated), ...declaredProblems(controller), ...declaredProblems(handler)];
  Object.assign(operation.responses, problemResponses(codes));
  const guards: unknown[] = targets.flatMap((target) => Reflect.getMetadata(GUARDS_METADATA, target) ?? []);
  if (guards.includes(QuotaGuard)) {
    for (const [status, response] of Object.entries(operation.responses) as [string, ResponseObject][]) {
      if (status.startsWith('2') || status === '429') response.headers = { ...RATE_LIMIT_HEADERS, ...response.headers };
    }
  }
}

/** The service refuses fields a body does not describe (ValidationPipe's whitelist, the multipart specs). */
function closeRequestBodies(document: OpenAPIObject): void {
  const schemas = document.components?.schemas ?? {};
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path) as OperationObject[]) {
      const content = (operation.requestBody as { content?: Record<string, { schema?: { $ref?: string } }> } | undefined)?.content ?? {};
      const bodySchemas = Object.values(content).map(({ schema }) => schemas[schema?.$ref?.split('/').pop() ?? ''] as SchemaObject | undefined);
      for (const schema of bodySchemas) if (schema) Object.assign(schema, { additionalProperties: false });
      // A JSON body of optional members only may be left out (it is read as {}), as a client generated from this may do.
      const jsonOnly = Object.keys(content).length === 1 && 'application/json' in content;
      if (jsonOnly && bodySchemas[0] && !bodySchemas[0].required?.length && operation.requestBody) Object.assign(operation.requestBody, { required: false });
    }
  }
}
