import { HttpStatus } from '@nestjs/common';

/** nginx's status for a request its client abandoned; no client ever reads it. */
const CLIENT_CLOSED_REQUEST = 499 as HttpStatus;
/** RFC 6585's, which Nest's HttpStatus leaves out. */
const REQUEST_HEADER_FIELDS_TOO_LARGE = 431 as HttpStatus;

/**
 * Every stable `code` a problem answer can carry, with its HTTP status, its title and when it is
 * given: the one list `problem()` takes status and title from, and the OpenAPI document's
 * `ProblemCode` enum and its per-route responses are made from (as Fastify's lib/errors.js is
 * for its errors). A new code is added here, next to the others of its status. `generic` marks
 * the code of its status for answers the service did not choose itself (Nest's and Fastify's own
 * errors, an unexpected failure).
 */
export const PROBLEM_CODES = {
  bad_request: { status: HttpStatus.BAD_REQUEST, title: 'Bad request', generic: true, when: 'The request could not be read: malformed JSON or a malformed header' },
  validation_failed: { status: HttpStatus.BAD_REQUEST, title: 'Bad request', when: 'A field of the body or query breaks a rule; `errors` lists each field and why' },
  body_too_deep: { status: HttpStatus.BAD_REQUEST, title: 'Bad request', when: 'The body nests deeper than `maxDepth` levels; `field` names where' },
  body_too_wide: { status: HttpStatus.BAD_REQUEST, title: 'Bad request', when: 'An object of the body (`field`; none: the body itself) has more than `maxProperties` properties, or the body more in all' },
  invalid_multipart: { status: HttpStatus.BAD_REQUEST, title: 'Bad request', when: 'The body is not the multipart/form-data its Content-Type says: no usable boundary, or cut off (`field`)' },
  invalid_filename: { status: HttpStatus.BAD_REQUEST, title: 'Bad request', when: "A file part's file name holds a NUL or an unpaired UTF-16 surrogate, or is longer than 255 bytes" },
  missing_field: { status: HttpStatus.BAD_REQUEST, title: 'Bad request', when: 'A required multipart field is missing; `field` names it' },
  duplicate_field: { status: HttpStatus.BAD_REQUEST, title: 'Bad request', when: 'A multipart field or a query parameter was sent twice' },
  unknown_field: { status: HttpStatus.BAD_REQUEST, title: 'Bad request', when: 'A field the route does not take: a multipart field, a JSON member or a query parameter (`field` names it)' },
  invalid_args: { status: HttpStatus.BAD_REQUEST, title: 'Bad request', when: '`args` is not a JSON array of strings, has too many items or holds a NUL' },
  invalid_env: { status: HttpStatus.BAD_REQUEST, title: 'Bad request', when: '`env` is not a JSON object of strings, has too many variables or an invalid name' },
  invalid_files: { status: HttpStatus.BAD_REQUEST, title: 'Bad request', when: '`files` is not path -> base64, or a path leaves the guest directory' },
  invalid_output_files: { status: HttpStatus.BAD_REQUEST, title: 'Bad request', when: '`outputFiles` is not an array of paths or glob patterns, has too many, or one leaves the guest directory' },
  invalid_name: { status: HttpStatus.BAD_REQUEST, title: 'Bad request', when: 'The module `name` breaks the name rules: 1 to 128 letters, digits, `.`, `_` or `-`, starting with a letter or digit, and not shaped like a UUID' },
  invalid_description: { status: HttpStatus.BAD_REQUEST, title: 'Bad request', when: 'The module `description` is too long, or holds a NUL or an unpaired UTF-16 surrogate' },
  invalid_clock: { status: HttpStatus.BAD_REQUEST, title: 'Bad request', when: '`clock` is not `real` or `fixed`' },
  invalid_random_seed: { status: HttpStatus.BAD_REQUEST, title: 'Bad request', when: '`randomSeed` is not an integer from -(2^53 - 1) to 2^53 - 1' },
  invalid_callback_url: {
    status: HttpStatus.BAD_REQUEST,
    title: 'Bad request',
    when: '`callbackUrl` is not an https: URL (http: needs WEBHOOK_ALLOW_INSECURE) or points at a loopback, private, link-local or metadata address (`reason`)',
  },
  batch_empty: { status: HttpStatus.BAD_REQUEST, title: 'Bad request', when: 'A batch has no `runs`' },
  invalid_cursor: { status: HttpStatus.BAD_REQUEST, title: 'Bad request', when: '`cursor` is not a `nextCursor` this API gave out' },
  invalid_range: { status: HttpStatus.BAD_REQUEST, title: 'Bad request', when: '`from` is not before `to`, or the range spans too many buckets' },
  conflicting_credentials: { status: HttpStatus.BAD_REQUEST, title: 'Bad request', when: '`Authorization` and `X-API-Key` both came, naming different credentials: send one' },
  unknown_tier: { status: HttpStatus.BAD_REQUEST, title: 'Bad request', when: 'There is no tier of that name' },
  unauthorized: { status: HttpStatus.UNAUTHORIZED, title: 'Unauthorized', generic: true, when: 'No credential, or a key that is malformed, unknown, revoked or expired' },
  forbidden: { status: HttpStatus.FORBIDDEN, title: 'Forbidden', generic: true, when: 'The key lacks the scope the route needs (`requiredScope`)' },
  account_suspended: { status: HttpStatus.FORBIDDEN, title: 'Account suspended', when: "The key's account is suspended" },
  scope_not_held: { status: HttpStatus.FORBIDDEN, title: 'Scope not held', when: 'The key acted on holds scopes the calling key lacks (`missingScopes`)' },
  key_required: { status: HttpStatus.FORBIDDEN, title: 'API key required', when: 'The route acts on the calling key and its account: the admin token cannot call it' },
  not_found: { status: HttpStatus.NOT_FOUND, title: 'Not found', generic: true, when: 'Nothing of that id (or name) exists for the caller' },
  unknown_module_name: { status: HttpStatus.NOT_FOUND, title: 'Unknown module name', when: 'The account has no module of that `name`' },
  unknown_module_version: { status: HttpStatus.NOT_FOUND, title: 'Unknown module version', when: 'The module `name` exists but has no such `version` (`latestVersion` says which is newest)' },
  key_retired: { status: HttpStatus.CONFLICT, title: 'Key retired', when: 'The key is revoked, expired or replaced (`keyState`, `replacedBy`): it cannot be rotated, revoked again, or given a later expiry; and a calling key replaced by a rotation, in its grace, manages no key, webhook secret or account' },
  execution_final: { status: HttpStatus.CONFLICT, title: 'Execution already ended', when: 'The execution has ended (`executionStatus`): only a queued or running run can be cancelled' },
  method_not_allowed: { status: HttpStatus.METHOD_NOT_ALLOWED, title: 'Method not allowed', generic: true, when: 'The route does not take this method' },
  not_acceptable: { status: HttpStatus.NOT_ACCEPTABLE, title: 'Not acceptable', generic: true, when: 'No answer in a media type the `Accept` header allows' },
  payload_too_large: { status: HttpStatus.PAYLOAD_TOO_LARGE, title: 'Request body too large', generic: true, when: "The JSON body is over the server's body limit (`limitBytes`), set by `MAX_INPUT_SIZE` (`setting`)" },
  module_too_large: { status: HttpStatus.PAYLOAD_TOO_LARGE, title: 'Module too large', when: "The module is over the module limit (`limitBytes`): the tier's `maxModuleBytes` or the server's `MAX_WASM_SIZE` (`limitSource`, `tier` or `setting`)" },
  input_too_large: {
    status: HttpStatus.PAYLOAD_TOO_LARGE,
    title: 'Input too large',
    when: "stdin, files, args and env together are over the input limit (`limitBytes`): the tier's `maxInputBytes` (`limitSource` tier, `tier`) or the server's `MAX_INPUT_SIZE` (`limitSource` server, `setting`)",
  },
  unsupported_media_type: { status: HttpStatus.UNSUPPORTED_MEDIA_TYPE, title: 'Unsupported media type', generic: true, when: 'The body is in a media type the route does not take' },
  multipart_required: { status: HttpStatus.UNSUPPORTED_MEDIA_TYPE, title: 'Unsupported media type', when: 'The route takes multipart/form-data only' },
  unsupported_content_encoding: { status: HttpStatus.UNSUPPORTED_MEDIA_TYPE, title: 'Unsupported media type', when: 'The body came with a `Content-Encoding` (gzip, br, ...): bodies are read as sent, so send it unencoded' },
  request_timeout: { status: HttpStatus.REQUEST_TIMEOUT, title: 'Request timeout', generic: true, when: 'The request was not received within REQUEST_TIMEOUT; the connection is closed' },
  headers_too_large: { status: REQUEST_HEADER_FIELDS_TOO_LARGE, title: 'Request header fields too large', generic: true, when: 'The request line and headers are over the 16 KiB the server reads; the connection is closed' },
  module_empty: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'Invalid WebAssembly module', when: 'The module has 0 bytes' },
  module_not_wasm: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'Invalid WebAssembly module', when: 'The upload does not start with the WebAssembly magic bytes' },
  module_malformed: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'Invalid WebAssembly module', when: 'The binary cannot be read as a WebAssembly module' },
  module_invalid: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'Invalid WebAssembly module', when: 'The engine refused the module at compilation' },
  module_import_not_allowed: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'Invalid WebAssembly module', when: 'The module imports what the sandbox does not provide (`imports`)' },
  module_missing_start: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'Invalid WebAssembly module', when: 'The module exports no `_start`: it is not a WASI command' },
  module_multiple_memories: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'Invalid WebAssembly module', when: 'The module declares more than one linear memory' },
  module_memory64: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'Invalid WebAssembly module', when: 'The module uses 64-bit memory' },
  module_memory_too_large: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'Module needs too much memory', when: "The module's initial memory is over the tier's memory limit" },
  stored_modules_full: {
    status: HttpStatus.CONFLICT,
    title: 'Module storage full',
    when: "The account's stored modules (`usedBytes`) and this one (`moduleBytes`) would pass the tier's `maxStoredModuleBytes` (`limitBytes`); delete modules or versions first",
  },
  batch_too_large: { status: HttpStatus.PAYLOAD_TOO_LARGE, title: 'Batch too large', when: "A batch carries more `runs` than the tier's `maxBatchRuns` (`limit`, `runs`); nothing was charged" },
  module_structure_too_large: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    title: 'Module structure over the tier limit',
    when: 'The module declares more of a structure (functions, locals, types...: `limit`) than the tier allows (`declared`, `allowed`)',
  },
  module_too_complex: {
    status: HttpStatus.UNPROCESSABLE_ENTITY,
    title: 'Module too complex to check',
    when: 'Checking and rewriting the module needed more memory than the module checker has (`limitBytes`)',
  },
  module_table_too_large: { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'Invalid WebAssembly module', when: 'The module declares a table larger than the sandbox allows' },
  rate_limited: { status: HttpStatus.TOO_MANY_REQUESTS, title: 'Too many requests', generic: true, when: 'A window of the account (`policy` minute, day, concurrency) or the failed-login budget of the address (`auth`) is used up; see Retry-After' },
  client_closed_request: { status: CLIENT_CLOSED_REQUEST, title: 'Client closed request', when: 'The client hung up before its request was read (never read by anyone)' },
  internal_error: { status: HttpStatus.INTERNAL_SERVER_ERROR, title: 'Internal server error', generic: true, when: 'The service failed; nothing the client did' },
  capacity_exhausted: { status: HttpStatus.SERVICE_UNAVAILABLE, title: 'Service at capacity', when: 'Every sandbox worker is busy and the queue is full; see Retry-After' },
  database_unavailable: { status: HttpStatus.SERVICE_UNAVAILABLE, title: 'Database unavailable', when: 'The database cannot be reached at the moment; see Retry-After' },
  recording_unavailable: { status: HttpStatus.SERVICE_UNAVAILABLE, title: 'Executions cannot be recorded', when: 'Execution records cannot be written to the database; see Retry-After' },
} as const satisfies Record<string, { status: HttpStatus; title: string; generic?: true; when: string }>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

export type StatusOf<C extends ProblemCode> = (typeof PROBLEM_CODES)[C]['status'];

/** The codes given with `status`. */
export type ProblemCodeOf<S extends HttpStatus> = { [C in ProblemCode]: StatusOf<C> extends S ? C : never }[ProblemCode];

export const ALL_PROBLEM_CODES = Object.keys(PROBLEM_CODES) as ProblemCode[];

/** The code of an answer of `status` the service did not choose itself: the generic one of that status. */
export function genericCodeOf(status: number): ProblemCode {
  const generic = ALL_PROBLEM_CODES.find((code) => 'generic' in PROBLEM_CODES[code] && PROBLEM_CODES[code].status === status);
  return generic ?? (status >= 500 ? 'internal_error' : 'bad_request');
}

/** The codes of a module refused at validation: each such attempt is recorded as `invalid_module`. */
export const MODULE_REFUSALS: readonly ProblemCode[] = ALL_PROBLEM_CODES.filter((code) => code.startsWith('module_'));
