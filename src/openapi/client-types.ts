/**
 * The typed client's types, made by openapi-typescript from the OpenAPI document:
 *
 *   node dist/src/openapi/client-types.js                 writes src/cli/api-schema.ts from the code (npm run client)
 *   node dist/src/openapi/client-types.js --from URL      the same from a running server's /docs-json
 *   ... --check                                           writes nothing; exits 1 when the file is not current
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { OpenAPIObject } from '@nestjs/swagger';
import { parseArgs } from 'node:util';
import ts from 'typescript';
import { previewOpenApiDocument } from './preview-document';
import { projectFile } from '../common/paths';

export const CLIENT_TYPES_FILE = projectFile('src', 'cli', 'api-schema.ts');

const HEADER = '// Made by `npm run client` from the OpenAPI document (openapi-typescript): do not edit.\n';
const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier('Blob'));

export async function clientTypes(document: OpenAPIObject): Promise<string> {
  // openapi-typescript is an ES module (and a dev dependency): loaded only when types are made.
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const ast = await openapiTS(document as never, {
    // A multipart file part is sent as a Blob (openapi-fetch passes it to FormData as it is).
    transform: (schema) => (schema.format === 'binary' ? BLOB : undefined),
  });
  return HEADER + astToString(ast);
}

async function documentFrom(url: string | undefined): Promise<OpenAPIObject> {
  if (!url) return previewOpenApiDocument();
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as OpenAPIObject;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { from: { type: 'string' }, check: { type: 'boolean' } } });
  const types = await clientTypes(await documentFrom(values.from));
  if (!values.check) {
    writeFileSync(CLIENT_TYPES_FILE, types);
    return;
  }
  if (readFileSync(CLIENT_TYPES_FILE, 'utf8') !== types) {
    console.error(`${CLIENT_TYPES_FILE} is not made from the current OpenAPI document: run npm run client`);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exitCode = 2;
  });
}
