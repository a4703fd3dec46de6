import type { HeadersObject, OperationObject, ParameterObject, ResponseObject } from '@nestjs/swagger';
import { getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CODES, ProblemCode } from './problem-codes';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
/**
 * The name of the problem body's schema. Referred to by name: the schema (src/problem.schema.ts)
 * names every domain's extension members, so it sits above the routes that list their problems.
 */
export const PROBLEM_SCHEMA_NAME = 'Problem';

/** Problems that follow from a route's shape, whatever it does. */
const ROUTE_SHAPE_PROBLEMS = {
  any: ['internal_error'],
  // The key is looked up in the database (a key seen before is still known through an outage).
  authenticated: ['unauthorized', 'conflicting_credentials', 'rate_limited', 'account_suspended', 'database_unavailable'],
  anyBody: ['unsupported_content_encoding'],
  // A body sent to a route that takes none (a multipart form or an encoded body) is refused too.
  noBody: ['unsupported_media_type', 'unsupported_content_encoding'],
  jsonBody: ['bad_request', 'validation_failed', 'unknown_field', 'body_too_deep', 'body_too_wide', 'payload_too_large', 'unsupported_media_type'],
  query: ['validation_failed', 'unknown_field', 'duplicate_field'],
  pathParameter: ['not_found'],
} satisfies Record<string, ProblemCode[]>;

/**
 * Never read by anyone (the client has gone), or answered by Node's HTTP parser on the socket
 * before any route was found (headers too large, a body not received in time): no operation's.
 */
const UNDOCUMENTED: ProblemCode[] = ['client_closed_request', 'headers_too_large', 'request_timeout'];
const RETRY_AFTER_CODES: ProblemCode[] = ['rate_limited', 'capacity_exhausted', 'recording_unavailable', 'database_unavailable'];
const RETRY_AFTER: HeadersObject = { 'Retry-After': { description: 'Seconds until trying again can succeed', schema: { type: 'integer' } } };

export function shapeProblems(operation: OperationObject, authenticated: boolean): ProblemCode[] {
  const parameters = (operation.parameters ?? []) as ParameterObject[];
  const body = operation.requestBody as { content?: Record<string, unknown> } | undefined;
  return [
    ...ROUTE_SHAPE_PROBLEMS.any,
    ...(authenticated ? ROUTE_SHAPE_PROBLEMS.authenticated : []),
    ...(body?.content ? ROUTE_SHAPE_PROBLEMS.anyBody : ROUTE_SHAPE_PROBLEMS.noBody),
    ...(body?.content?.['application/json'] ? ROUTE_SHAPE_PROBLEMS.jsonBody : []),
    ...(parameters.some((parameter) => parameter.in === 'query') ? ROUTE_SHAPE_PROBLEMS.query : []),
    ...(parameters.some((parameter) => parameter.in === 'path') ? ROUTE_SHAPE_PROBLEMS.pathParameter : []),
  ];
}

/** One problem+json response per status, its schema narrowing `code` to the codes of that status. */
export function problemResponses(codes: ProblemCode[]): Record<number, ResponseObject> {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of new Set(codes)) {
    if (UNDOCUMENTED.includes(code)) continue;
    const status = PROBLEM_CODES[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const statuses = [...byStatus.keys()].sort((a, b) => a - b);
  return Object.fromEntries(statuses.map((status) => [status, problemResponse(byStatus.get(status)!)]));
}

function problemResponse(codes: ProblemCode[]): ResponseObject {
  const sorted = [...codes].sort();
  const schema = {
    allOf: [{ $ref: getSchemaPath(PROBLEM_SCHEMA_NAME) }, { type: 'object', required: ['code'], properties: { code: { type: 'string', enum: sorted } } }],
  };
  return {
    description: sorted.map((code) => `- \`${code}\` (${PROBLEM_CODES[code].title}): ${PROBLEM_CODES[code].when}`).join('\n'),
    ...(sorted.some((code) => RETRY_AFTER_CODES.includes(code)) ? { headers: RETRY_AFTER } : {}),
    content: { [PROBLEM_MEDIA_TYPE]: { schema } },
  };
}

/** The codes a problem response of the document lists (for the contract tests). */
export function documentedCodes(response: ResponseObject): ProblemCode[] {
  const schema = response.content?.[PROBLEM_MEDIA_TYPE]?.schema as { allOf?: { properties?: { code?: { enum?: ProblemCode[] } } }[] } | undefined;
  return schema?.allOf?.[1]?.properties?.code?.enum ?? [];
}
