import { UsageRecorder } from '../../src/usage/usage-recorder.service';
import { example } from '../support/fixtures';
import { uploadModule } from '../support/http';
import { call, startTestApp, TestApp } from '../support/test-app';
import { apiFetch } from '../support/contract';
import { connect } from 'node:net';

/**
 * Sends `text` on a fresh connection; everything the server wrote before closing it. `keepOpen`:
 * the connection is not half-closed after it (a request the server answers only once it has
 * parsed the body, with `Connection: close`: a server seeing the client's end first may close
 * without answering).
 */
function rawRequest(url: string, text: string | Buffer, keepOpen = false): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => (keepOpen ? socket.write(text) : socket.end(text)));
    let received = '';
    socket.on('data', (chunk) => (received += chunk));
    socket.on('error', (error) => (received ? resolve(received) : reject(error)));
    socket.on('close', () => resolve(received));
  });
}

/** Who sends a case: an enterprise key, a free-tier key (64 KiB of input), or the admin token. */
type Caller = 'key' | 'free' | 'admin';

interface Sent {
  method: string;
  /** `:module`, `:freeModule`, `:account` and `:key` stand for ids made in beforeAll. */
  path: string;
  caller: Caller;
  contentType?: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
}

interface Case {
  sent: Sent;
  status: number;
  code: string;
  /** The field the problem names: its `field`, or one of its `errors` for validation_failed. */
  field?: string;
  /** What its detail says. */
  mentions: string;
  /** More of the problem to match. */
  also?: Record<string, unknown>;
}

const UUID = '0b7a1c2e-3d4f-4a5b-8c6d-7e8f9a0b1c2d';
const cursorOf = (text: string) => Buffer.from(text).toString('base64url');
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

const get = (path: string, caller: Caller = 'key'): Sent => ({ method: 'GET', path, caller });
const json = (method: string, path: string, body: unknown, caller: Caller = 'admin'): Sent => ({
  method,
  path,
  caller,
  contentType: 'application/json',
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

const BOUNDARY = 'wasmwizboundary';
const wasmPart = (filename = 'm.wasm') =>
  Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="wasm"; filename="${filename}"\r\nContent-Type: application/wasm\r\n\r\n`);
const textPart = (name: string, value: string) => Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
const END = Buffer.from(`--${BOUNDARY}--\r\n`);
const wellFormed = (...parts: Buffer[]) => Buffer.concat([wasmPart(), example('hello'), Buffer.from('\r\n'), ...parts, END]);
const multipart = (path: string, body: Buffer, contentType = `multipart/form-data; boundary=${BOUNDARY}`, caller: Caller = 'key'): Sent => ({
  method: 'POST',
  path,
  caller,
  contentType,
  body,
});

const invalid = (sent: Sent, field: string): Case => ({ sent, status: 400, code: 'validation_failed', field, mentions: field });
/** A member, field or parameter the route does not take: the same code on every kind of request. */
const unknown = (sent: Sent, field: string): Case => ({ sent, status: 400, code: 'unknown_field', field, mentions: `\`${field}\`` });
const invalidAt = (sent: Sent, field: string, mentions: string): Case => ({ sent, status: 400, code: 'validation_failed', field, mentions });
const tooDeep = (sent: Sent, field: string): Case => ({ sent, status: 400, code: 'body_too_deep', field, mentions: field, also: { maxDepth: 32 } });
const tooWide = (sent: Sent, field: string | undefined, mentions: string, maxProperties = 2048): Case => ({ sent, status: 400, code: 'body_too_wide', field, mentions, also: { maxProperties } });
const wideObject = (properties: number) => JSON.stringify(Object.fromEntries(Array.from({ length: properties }, (_, i) => [`k${i}`, 1])));
const badCursor = (sent: Sent): Case => ({ sent, status: 400, code: 'invalid_cursor', field: 'cursor', mentions: 'cursor' });
const badMultipart = (sent: Sent, code: string, field: string, mentions: string): Case => ({ sent, status: 400, code, field, mentions });
const runWithFiles = (files: Record<string, string>) => json('POST', '/api/v1/modules/:module/executions', { files }, 'key');
const badFiles = (files: Record<string, string>, path: string, why: string): Case => ({
  sent: runWithFiles(files),
  status: 400,
  code: 'invalid_files',
  field: `files.${path}`,
  mentions: `"${path}" ${why}`,
});
const tooMuchInput = (sent: Sent): Case => ({
  sent,
  status: 413,
  code: 'input_too_large',
  mentions: "the limit of 65536 bytes set by the free tier's maxInputBytes",
  also: { limitBytes: 64 * 1024, limitSource: 'tier', tier: 'free' },
});
const freeRun = (body: unknown) => json('POST', '/api/v1/modules/:freeModule/executions', body, 'free');
const freeExecute = (...parts: Buffer[]) => multipart('/api/v1/execute', wellFormed(...parts), undefined, 'free');

/** Both multipart routes answer a body that is not the multipart it says the same way. */
const malformedMultipart = (path: string): [string, Case][] => [
  [`${path}: multipart without a boundary`, badMultipart(multipart(path, wellFormed(), 'multipart/form-data'), 'invalid_multipart', 'Content-Type', 'no usable boundary')],
  [`${path}: a boundary the body does not use`, badMultipart(multipart(path, wellFormed(), 'multipart/form-data; boundary=other'), 'invalid_multipart', 'body', 'boundary "other"')],
  [`${path}: a body cut off inside the wasm part`, badMultipart(multipart(path, Buffer.concat([wasmPart(), example('hello').subarray(0, 100)])), 'invalid_multipart', 'wasm', 'inside the part `wasm`')],
  [`${path}: a file name of 2 MB`, badMultipart(multipart(path, Buffer.concat([wasmPart(`${'a'.repeat(2_000_000)}.wasm`), example('hello'), Buffer.from('\r\n'), END])), 'invalid_filename', 'wasm', 'at most 255 are taken')],
  [`${path}: a file name with a NUL`, badMultipart(multipart(path, Buffer.concat([wasmPart('a\0b.wasm'), example('hello'), Buffer.from('\r\n'), END])), 'invalid_filename', 'wasm', 'The file name of `wasm`')],
];

/** Every one of these answered 500 (or ran as 200 internal_error, or ran at all) before. */
const CASES: [string, Case][] = [
  ...malformedMultipart('/api/v1/execute'),
  ...malformedMultipart('/api/v1/modules'),
  ['a module name with a NUL', badMultipart(multipart('/api/v1/modules', wellFormed(textPart('name', 'a\0b'))), 'invalid_name', 'name', 'The field `name`')],
  ['a module description with a NUL', badMultipart(multipart('/api/v1/modules', wellFormed(textPart('description', 'a\0b'))), 'invalid_description', 'description', 'The field `description`')],
  ['a randomSeed with a NUL', badMultipart(multipart('/api/v1/execute', wellFormed(textPart('randomSeed', '4\u00002'))), 'invalid_random_seed', 'randomSeed', 'The field `randomSeed`')],

  ['a JSON body nested 10,000 deep (run)', tooDeep(json('POST', '/api/v1/modules/:module/executions', `{"env":${deepObject(10_000)}}`, 'key'), 'env')],
  ['a JSON body nested 10,000 deep (admin)', tooDeep(json('POST', '/api/v1/admin/accounts', `{"name":${deepObject(10_000)}}`), 'name')],
  ['a JSON array nested 10,000 deep', tooDeep(json('POST', '/api/v1/modules/:module/executions', `{"args":${'['.repeat(10_000)}${']'.repeat(10_000)}}`, 'key'), 'args')],
  ['a JSON body of null (run)', invalid(json('POST', '/api/v1/modules/:module/executions', 'null', 'key'), 'body')],
  ['a JSON body that is an array (admin)', invalid(json('POST', '/api/v1/admin/accounts', '[1, 2]'), 'body')],
  ['a JSON body that is a string', invalid(json('POST', '/api/v1/modules/:module/executions', '"stdin"', 'key'), 'body')],
  ['a JSON body with __proto__', { sent: json('POST', '/api/v1/modules/:module/executions', '{"stdin":"x","__proto__":{"a":1}}', 'key'), status: 400, code: 'bad_request', mentions: '`__proto__`' }],
  ['a text/plain body', { sent: { ...json('POST', '/api/v1/modules/:module/executions', '{"stdin":"x"}', 'key'), contentType: 'text/plain' }, status: 415, code: 'unsupported_media_type', mentions: 'Content-Type (text/plain)' }],
  ['a run body with a member the route does not take', unknown(json('POST', '/api/v1/modules/:module/executions', '{"stdn":"x"}', 'key'), 'stdn')],
  ['a batch run with a member the route does not take', unknown(json('POST', '/api/v1/modules/:module/batches', '{"runs":[{"stdin":"x","arg":["a"]}]}', 'key'), 'runs.0.arg')],
  // Names Object.prototype has passed class-validator's whitelist (and shadowed the DTO's methods).
  ['a run body member named toString', unknown(json('POST', '/api/v1/modules/:module/executions', '{"stdin":"x","toString":"x"}', 'key'), 'toString')],
  ['a run body member named constructor', unknown(json('POST', '/api/v1/modules/:module/executions', '{"constructor":1}', 'key'), 'constructor')],
  ['an env variable named prototype (Nest deleted it unseen: the guest ran without it)', unknown(json('POST', '/api/v1/modules/:module/executions', '{"env":{"prototype":"x"}}', 'key'), 'env.prototype')],
  ['a batch run member named hasOwnProperty', unknown(json('POST', '/api/v1/modules/:module/batches', '{"runs":[{"hasOwnProperty":1}]}', 'key'), 'runs.0.hasOwnProperty')],
  ['a query parameter named valueOf', unknown({ method: 'POST', path: '/api/v1/modules/:module/executions?valueOf=1', caller: 'key', contentType: 'application/octet-stream', body: 'x' }, 'valueOf')],
  ['a query parameter named __proto__ (stripped unseen)', unknown({ method: 'POST', path: '/api/v1/modules/:module/executions?__proto__=1', caller: 'key', contentType: 'application/octet-stream', body: 'x' }, '__proto__')],
  ["a batch run's own wait (the batch's wait decides; it was ignored)", unknown(json('POST', '/api/v1/modules/:module/batches', '{"runs":[{"stdin":"x","wait":false}]}', 'key'), 'runs.0.wait')],
  ["a batch run's own callbackUrl (the batch's is called; it was ignored)", unknown(json('POST', '/api/v1/modules/:module/batches', '{"runs":[{"callbackUrl":"https://example.com/hook"}]}', 'key'), 'runs.0.callbackUrl')],
  ['an unknown member beside a wrong one is a validation problem listing both', { sent: json('POST', '/api/v1/modules/:module/executions', '{"stdn":"x","args":5}', 'key'), status: 400, code: 'validation_failed', field: 'args', mentions: 'stdn' }],
  ['an HTML form posted to a JSON route', { sent: { ...json('POST', '/api/v1/admin/accounts', 'name=x&tier=free'), contentType: 'application/x-www-form-urlencoded' }, status: 415, code: 'unsupported_media_type', mentions: 'Content-Type (application/x-www-form-urlencoded)' }],
  ['a multipart form posted to a stored run (it ran with no stdin)', {
    sent: multipart('/api/v1/modules/:module/executions', Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="stdin"\r\n\r\nhello\r\n--${BOUNDARY}--\r\n`)),
    status: 415,
    code: 'unsupported_media_type',
    mentions: 'send application/json or application/octet-stream',
    also: { mediaType: 'multipart/form-data', accepted: ['application/json', 'application/octet-stream'] },
  }],
  ['a multipart form posted to an admin JSON route (its fields were reported missing)', {
    sent: multipart('/api/v1/admin/accounts', Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="name"\r\n\r\nZed\r\n--${BOUNDARY}--\r\n`), undefined, 'admin'),
    status: 415,
    code: 'unsupported_media_type',
    mentions: 'does not take multipart/form-data bodies',
  }],
  ['a multipart body sent with a DELETE, which takes none', { sent: { ...multipart('/api/v1/modules/:module', Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="x"\r\n\r\ny\r\n--${BOUNDARY}--\r\n`)), method: 'DELETE' }, status: 415, code: 'unsupported_media_type', mentions: 'DELETE /api/v1/modules/:id takes no body: send none', also: { accepted: [] } }],
  ['an octet-stream body posted to a JSON route (read as an empty body)', { sent: { ...json('POST', '/api/v1/admin/accounts', 'abc'), contentType: 'application/octet-stream' }, status: 415, code: 'unsupported_media_type', mentions: 'send application/json' }],
  ['a JSON body that is not UTF-8 (it was "Request body size did not match Content-Length")', {
    sent: { method: 'POST', path: '/api/v1/modules/:module/executions', caller: 'key', contentType: 'application/json', body: Buffer.concat([Buffer.from('{"stdin":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]) },
    status: 400,
    code: 'bad_request',
    field: 'body',
    mentions: 'The JSON body is not valid UTF-8 (at byte 10)',
  }],
  ['stdin with an unpaired surrogate escape (it ran with U+FFFD)', invalidAt(json('POST', '/api/v1/modules/:module/executions', '{"stdin":"\\ud800"}', 'key'), 'stdin', 'unpaired UTF-16 surrogate')],
  ['a JSON body of whitespace only is no body, so a route that needs one names what is missing', { sent: json('POST', '/api/v1/admin/accounts', ' \n\t '), status: 400, code: 'validation_failed', field: 'name', mentions: 'name' }],
  ['a JSON body declared as UTF-16', { sent: { ...json('POST', '/api/v1/modules/:module/executions', '{"stdin":"x"}', 'key'), contentType: 'application/json; charset=utf-16' }, status: 415, code: 'unsupported_media_type', mentions: 'charset=utf-16' }],
  ['an admin JSON body declared as latin1', { sent: { ...json('POST', '/api/v1/admin/accounts', '{"name":"x","tier":"free"}'), contentType: 'application/json;charset="ISO-8859-1"' }, status: 415, code: 'unsupported_media_type', mentions: 'charset=ISO-8859-1' }],
  ['a gzip-encoded JSON body (it was read as sent)', { sent: { ...json('POST', '/api/v1/modules/:module/executions', '{"stdin":"x"}', 'key'), headers: { 'content-encoding': 'gzip' } }, status: 415, code: 'unsupported_content_encoding', mentions: 'Content-Encoding: gzip', also: { encoding: 'gzip' } }],
  ['a br-encoded multipart body', { sent: { ...multipart('/api/v1/execute', wellFormed()), headers: { 'content-encoding': 'br' } }, status: 415, code: 'unsupported_content_encoding', mentions: 'Content-Encoding: br' }],
  ['Authorization and a different X-API-Key (Authorization won, silently)', { sent: { ...get('/api/v1/me'), headers: { 'x-api-key': 'ww_live_other' } }, status: 400, code: 'conflicting_credentials', mentions: 'Authorization and X-API-Key' }],
  ['a multipart part named toString (it was a bare bad_request)', { sent: multipart('/api/v1/execute', wellFormed(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="toString"\r\n\r\n1\r\n`))), status: 400, code: 'unknown_field', mentions: 'named after a member of Object.prototype' }],
  ['a multipart part that names no field', { sent: multipart('/api/v1/execute', wellFormed(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data\r\n\r\nx\r\n`))), status: 400, code: 'invalid_multipart', mentions: 'names no field' }],
  ['a query parameter given twice (it was "must be a string")', { sent: get('/api/v1/executions?limit=5&limit=6'), status: 400, code: 'duplicate_field', field: 'limit', mentions: 'The query parameter `limit` was given 2 times' }],
  ['/executions with from after to', { sent: get('/api/v1/executions?from=2026-02-02T00:00:00Z&to=2026-02-01T00:00:00Z'), status: 400, code: 'invalid_range', field: 'from', mentions: 'before `to`' }],
  ['a static path with an empty segment', { sent: get('//index.html'), status: 404, code: 'not_found', mentions: 'No file is served at //index.html' }],
  ['a sample path with an empty segment', { sent: get('/samples//hello.wasm'), status: 404, code: 'not_found', mentions: 'segment is refused' }],
  ["/usage?keyId= another account's key", { sent: get('/api/v1/usage?keyId=:key'), status: 404, code: 'not_found', mentions: 'does not exist' }],
  // Each of these held the event loop for 16–24 s in class-transformer before it was refused.
  ['a run body of 150,000 properties', tooWide(json('POST', '/api/v1/modules/:module/executions', wideObject(150_000), 'key'), undefined, 'The body has 150,000 properties; an object may have at most 2,048')],
  ['an env of 150,000 variables', tooWide(json('POST', '/api/v1/modules/:module/executions', `{"env":${wideObject(150_000)}}`, 'key'), 'env', '`env` has 150,000 properties')],
  ['an admin body of 150,000 properties', tooWide(json('POST', '/api/v1/admin/accounts', wideObject(150_000)), undefined, 'The body has 150,000 properties')],
  ['a batch whose run has files of 3,000 entries', tooWide(json('POST', '/api/v1/modules/:module/batches', `{"runs":[{},{"files":${wideObject(3000)}}]}`, 'key'), 'runs[1].files', '`runs[1].files` has 3,000 properties')],
  ['a batch of 60 runs of 2,000 env variables each', tooWide(json('POST', '/api/v1/modules/:module/batches', `{"runs":[${Array(60).fill(`{"env":${wideObject(2000)}}`).join(',')}]}`, 'key'), undefined, 'more than 100,000 properties and array elements in all', 100_000)],
  ['an unauthenticated body of an array of 1,000,000 elements', tooWide(json('POST', '/api/v1/admin/accounts', `{"a":[${Array(1_000_000).fill(0).join(',')}]}`), undefined, 'more than 100,000 properties and array elements in all', 100_000)],

  ['cursor=1|<uuid>', badCursor(get(`/api/v1/executions?cursor=${cursorOf(`1|${UUID}`)}`))],
  ['cursor=1|<uuid> unencoded', badCursor(get(`/api/v1/executions?cursor=1|${UUID}`))],
  ['a cursor whose id is 36 dashes', badCursor(get(`/api/v1/executions?cursor=${cursorOf(`2020-01-01T00:00:00Z|${'-'.repeat(36)}`)}`))],
  ['a cursor dated 271821 BC', badCursor(get(`/api/v1/executions?cursor=${cursorOf(`-271821-04-20T00:00:00Z|${UUID}`)}`))],
  ['a module cursor=1|<uuid>', badCursor(get(`/api/v1/modules?cursor=${cursorOf(`1|${UUID}`)}`))],

  ['/executions?from=-271821-04-20T00:00:00Z', invalid(get('/api/v1/executions?from=-271821-04-20T00:00:00Z'), 'from')],
  ['/executions?to=-271821-04-20T00:00:00Z', invalid(get('/api/v1/executions?to=-271821-04-20T00:00:00Z'), 'to')],
  ['/executions?from=+275760-09-13T00:00:00Z', invalid(get('/api/v1/executions?from=%2B275760-09-13T00:00:00Z'), 'from')],
  ['/usage from and to in 271821 BC', invalid(get('/api/v1/usage?from=-271821-04-20T00:00:00Z&to=-271821-04-21T00:00:00Z'), 'from')],
  ['/usage?to=-271821-04-20T00:00:00Z (from defaults to a day before)', invalid(get('/api/v1/usage?to=-271821-04-20T00:00:00Z'), 'to')],
  ['/usage?from=+275760-09-13T00:00:01Z', invalid(get('/api/v1/usage?from=%2B275760-09-13T00:00:01Z'), 'from')],
  ['/usage?from=1 (V8 reads it as 2001)', invalid(get('/api/v1/usage?from=1'), 'from')],
  ['/usage?from=2026-02-30 (V8 rolls it over to March 2)', invalid(get('/api/v1/usage?from=2026-02-30T00:00:00Z'), 'from')],
  ['/executions?to=2025-02-29 (not a leap year)', invalid(get('/api/v1/executions?to=2025-02-29T12:00:00Z'), 'to')],
  ['/admin/usage?from=2026-04-31 (April has 30 days)', invalid(get('/api/v1/admin/usage?from=2026-04-31T00:00:00Z', 'admin'), 'from')],
  ['/admin/usage from and to in 271821 BC', invalid(get('/api/v1/admin/usage?from=-271821-04-20T00:00:00Z&to=-271821-04-21T00:00:00Z', 'admin'), 'from')],
  ['/admin/usage up to +275760-09-13T00:00:00Z', invalid(get('/api/v1/admin/usage?from=%2B275760-09-12T00:00:00Z&to=%2B275760-09-13T00:00:00Z', 'admin'), 'to')],

  ['/admin/audit?before=1e26 (pages go by cursor)', unknown(get('/api/v1/admin/audit?before=1e26', 'admin'), 'before')],
  ['an audit cursor of a uuid (a cursor of another list)', badCursor(get(`/api/v1/admin/audit?cursor=${cursorOf(`2020-01-01T00:00:00Z|${UUID}`)}`, 'admin'))],
  ['an audit cursor of id 99999999999999999999', badCursor(get(`/api/v1/admin/audit?cursor=${cursorOf('2020-01-01T00:00:00Z|99999999999999999999')}`, 'admin'))],
  ['an audit cursor of id 1.5', badCursor(get(`/api/v1/admin/audit?cursor=${cursorOf('2020-01-01T00:00:00Z|1.5')}`, 'admin'))],
  ['/admin/audit?limit=501', invalid(get('/api/v1/admin/audit?limit=501', 'admin'), 'limit')],
  ['/admin/audit?targetId=%00', invalid(get('/api/v1/admin/audit?targetId=%00', 'admin'), 'targetId')],
  ['/admin/audit?action=%00', invalid(get('/api/v1/admin/audit?action=%00', 'admin'), 'action')],
  ['/admin/accounts?offset=1e30 (pages go by cursor)', unknown(get('/api/v1/admin/accounts?offset=1e30', 'admin'), 'offset')],
  ['an account cursor=1|<uuid>', badCursor(get(`/api/v1/admin/accounts?cursor=${cursorOf(`1|${UUID}`)}`, 'admin'))],
  ['an admin key cursor of an audit id', badCursor(get(`/api/v1/admin/keys?cursor=${cursorOf('2020-01-01T00:00:00Z|12')}`, 'admin'))],
  ['a key cursor=1|<uuid>', badCursor(get(`/api/v1/keys?cursor=${cursorOf(`1|${UUID}`)}`))],
  ['/keys?limit=0', invalid(get('/api/v1/keys?limit=0'), 'limit')],
  ['/admin/accounts?limit=1e30', invalid(get('/api/v1/admin/accounts?limit=1e30', 'admin'), 'limit')],

  ['an account name with a NUL', invalid(json('POST', '/api/v1/admin/accounts', { name: 'a\0b', tier: 'free' }), 'name')],
  ['a tier name with a NUL', invalid(json('POST', '/api/v1/admin/accounts', { name: 'ab', tier: 'fr\0ee' }), 'tier')],
  ['an account renamed to an unpaired surrogate', invalid(json('PATCH', '/api/v1/admin/accounts/:account', '{"name":"\\ud800"}'), 'name')],
  ['a key name with a NUL', invalid(json('POST', '/api/v1/admin/accounts/:account/keys', { name: 'a\0b' }), 'name')],
  ['a key renamed to an unpaired surrogate', invalid(json('PATCH', '/api/v1/admin/keys/:key', '{"name":"\\udfff"}'), 'name')],
  ['a key expiring in 271821 BC', invalid(json('PATCH', '/api/v1/admin/keys/:key', { expiresAt: '-271821-04-20T00:00:00Z' }), 'expiresAt')],
  ['a key expiring at -8.64e15 ms', invalid(json('PATCH', '/api/v1/admin/keys/:key', { expiresAt: -8.64e15 }), 'expiresAt')],
  ['a key expiring at `true`', invalid(json('PATCH', '/api/v1/admin/keys/:key', { expiresAt: true }), 'expiresAt')],
  ['PATCH /admin/tiers/%00', { sent: json('PATCH', '/api/v1/admin/tiers/%00', { timeoutMs: 1000 }), status: 404, code: 'not_found', mentions: 'Tier "\\u0000" does not exist' }],

  ['files {"./": ""}', badFiles({ './': '' }, './', 'names a directory, not a file')],
  ['files of a path 20,000 levels deep', badFiles({ ['a/'.repeat(20_000) + 'f']: 'aGk=' }, `${'a/'.repeat(32)}…`, 'is 40001 bytes long; a path may have at most 4096')],
  ['files of a name of 256 bytes', badFiles({ [`d/${'n'.repeat(256)}`]: '' }, `d/${'n'.repeat(256)}`, 'has a name of 256 bytes; a name may have at most 255')],
  ['files {"a": "", "a/b": ""}', badFiles({ a: '', 'a/b': '' }, 'a/b', 'needs "a" to be a directory, but "a" makes it a file')],
  ['files {"a/b": "", "a": ""}', badFiles({ 'a/b': '', a: '' }, 'a/b', 'needs "a" to be a directory, but "a" makes it a file')],
  ['files {"d/a": "", "/d/./a": ""}', badFiles({ 'd/a': '', '/d/./a': '' }, '/d/./a', 'names the same file as "d/a"')],

  ['2 MB of args on the free tier (stored module)', tooMuchInput(freeRun({ args: ['x'.repeat(2 * 1024 * 1024)] }))],
  ['70 KB of env on the free tier (stored module)', tooMuchInput(freeRun({ env: { BIG: 'x'.repeat(70_000) } }))],
  ['stdin and args past the limit together (stored module)', tooMuchInput(freeRun({ stdin: 'x'.repeat(40_000), args: ['y'.repeat(30_000)] }))],
  ['2 MB of args on the free tier (one-shot)', tooMuchInput(freeExecute(textPart('args', JSON.stringify(['x'.repeat(2 * 1024 * 1024)]))))],
  ['input and args past the limit together (one-shot)', tooMuchInput(freeExecute(textPart('input', 'x'.repeat(40_000)), textPart('args', JSON.stringify(['y'.repeat(30_000)]))))],
];

describe('bad input is a 4xx problem naming the field, never a 5xx', () => {
  let service: TestApp;
  const credentials: Record<Caller, string> = { key: '', free: '', admin: '' };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    service = await startTestApp({ WORKER_THREADS: '1', MAX_INPUT_SIZE: '1MB' });
    const [enterprise, free, target] = await Promise.all([service.createKey('enterprise'), service.createKey('free'), service.createKey('basic')]);
    Object.assign(credentials, { key: enterprise.key, free: free.key, admin: service.config.adminToken! });
    ids.module = (await uploadModule(service.url, enterprise.key, example('echo'), 'echo')).body.id;
    ids.freeModule = (await uploadModule(service.url, free.key, example('echo'), 'echo')).body.id;
    Object.assign(ids, { account: target.accountId, key: target.id });
  });
  afterAll(() => service.close());

  it.each(CASES)('%s', async (_name, { sent, status, code, field, mentions, also }) => {
    const path = sent.path.replace(/:(module|freeModule|account|key)\b/g, (_, name: string) => ids[name]);
    const headers: Record<string, string> = { authorization: `Bearer ${credentials[sent.caller]}` };
    if (sent.contentType) headers['content-type'] = sent.contentType;
    Object.assign(headers, sent.headers);
    const body = typeof sent.body === 'string' || sent.body === undefined ? sent.body : new Uint8Array(sent.body);
    const response = await apiFetch(`${service.url}${path}`, { method: sent.method, headers, body });
    const problem = await response.json();
    expect({ status: response.status, code: problem.code }).toEqual({ status, code });
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    if (field) expect(code === 'validation_failed' ? problem.errors.map((error: { field: string }) => error.field) : [problem.field]).toContain(field);
    expect(problem.detail).toContain(mentions);
    if (also) expect(problem).toMatchObject(also);
  });

  it('reads chunked JSON that is not UTF-8 as refused too, where it was run with U+FFFD in its stdin', async () => {
    const bytes = Buffer.concat([Buffer.from('{"stdin":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const head = `POST /api/v1/modules/${ids.module}/executions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${credentials.key}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${bytes.length.toString(16)}\r\n`;
    const raw = await rawRequest(service.url, Buffer.concat([Buffer.from(head), bytes, Buffer.from('\r\n0\r\n\r\n')]), true);
    expect(raw).toMatch(/^HTTP\/1.1 400 /);
    expect(raw).toContain('The JSON body is not valid UTF-8 (at byte 10)');
  });

  it('takes an empty body declared as JSON as no body: a DELETE from a client that always sends the header', async () => {
    const { key } = await service.createKey('pro', ['execute', 'modules']);
    const id = (await uploadModule(service.url, key, example('echo'), 'deleted')).body.id;
    const deleted = await fetch(`${service.url}/api/v1/modules/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' } });
    expect(deleted.status).toBe(204);
    // A route that needs a body says which fields are missing, not that the body is empty.
    const account = await apiFetch(`${service.url}/api/v1/admin/accounts`, { method: 'POST', headers: { authorization: `Bearer ${credentials.admin}`, 'content-type': 'application/json' } });
    expect(account.status).toBe(400);
    expect(await account.json()).toMatchObject({ code: 'validation_failed', errors: expect.arrayContaining([expect.objectContaining({ field: 'name' })]) });
  });

  it("answers what Fastify's router and Node's parser refuse as problems too", async () => {
    const answer = async (response: Response) => ({ status: response.status, type: response.headers.get('content-type'), body: await response.json() });
    const badEscape = await answer(await fetch(`${service.url}/api/v1/modules/%zz`, { headers: { authorization: `Bearer ${credentials.key}` } }));
    expect(badEscape).toMatchObject({ status: 400, type: expect.stringContaining('application/problem+json'), body: { code: 'bad_request', detail: expect.stringContaining('percent-escape') } });
    const longSegment = await answer(await fetch(`${service.url}/api/v1/modules/${'m'.repeat(300)}/executions`, { method: 'POST', headers: { authorization: `Bearer ${credentials.key}` } }));
    expect(longSegment).toMatchObject({ status: 404, type: expect.stringContaining('application/problem+json'), body: { code: 'not_found', detail: expect.stringContaining('longer than 256') } });
    const raw = await rawRequest(service.url, `GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(raw).toMatch(/^HTTP\/1.1 431 Request Header Fields Too Large\r\n/);
    expect(raw).toContain('Content-Type: application/problem+json');
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 431, code: 'headers_too_large', detail: expect.stringContaining('16 KiB') });
  });

  it('reads repeated slashes in a path as one, as nginx does (//api/v1/me was a bare 403)', async () => {
    for (const path of ['//api/v1/me', '/api/v1//me']) {
      const response = await fetch(`${service.url}${path}`, { headers: { authorization: `Bearer ${credentials.key}` } });
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
    }
  });

  it('takes a module name of 128 characters wherever a route names a module', async () => {
    const name = `n${'x'.repeat(127)}`;
    expect((await uploadModule(service.url, credentials.key, example('echo'), name)).status).toBe(201);
    const run = await call(service.url, 'POST', `/api/v1/modules/${name}@1/executions`, credentials.key, { stdin: 'long' });
    expect(run.body).toMatchObject({ status: 'success', stdout: 'long' });
    expect((await call(service.url, 'GET', `/api/v1/modules/${name}`, credentials.key)).status).toBe(200);
  });

  it('names where the input limit comes from: the tier, or the server-wide MAX_INPUT_SIZE below it', async () => {
    const tier = await call(service.url, 'POST', `/api/v1/modules/${ids.freeModule}/executions`, credentials.free, { args: ['x'.repeat(65_536)] });
    expect(tier.body.detail).toBe("The input (stdin, files, args and env) is 65537 bytes, over the limit of 65536 bytes set by the free tier's maxInputBytes");
    // The enterprise tier allows 10 MiB of input; MAX_INPUT_SIZE (1 MiB here) holds it lower.
    const server = await call(service.url, 'POST', `/api/v1/modules/${ids.module}/executions`, credentials.key, { env: { A: 'x'.repeat(1024 * 1024) } });
    expect(server.status).toBe(413);
    expect(server.body).toMatchObject({ code: 'input_too_large', limitBytes: 1024 * 1024, limitSource: 'server' });
    expect(server.body.detail).toContain("set by the server's MAX_INPUT_SIZE");
    const within = await call(service.url, 'POST', `/api/v1/modules/${ids.freeModule}/executions`, credentials.free, { stdin: 'x'.repeat(30_000), args: ['y'.repeat(30_000)] });
    expect(within.body.status).toBe('success');
  });

  it("keeps recording after a module whose import names hold a NUL (PostgreSQL's text cannot)", async () => {
    const namespace = Buffer.from('wasi_snapshot_preview1');
    const imports = Buffer.concat([Buffer.from([1, namespace.length]), namespace, Buffer.from([1, 0, 0, 0])]);
    const module = Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0, 2, imports.length]), imports]);
    const form = new FormData();
    form.append('wasm', new Blob([module]), 'nul-import.wasm');
    const refused = await apiFetch(`${service.url}/api/v1/execute`, { method: 'POST', body: form, headers: { authorization: `Bearer ${credentials.key}` } });
    expect(refused.status).toBe(422);
    const recorder = service.app.get(UsageRecorder);
    await recorder.flush();
    expect(recorder.pending).toBe(0);
    const records = await call(service.url, 'GET', '/api/v1/executions?status=invalid_module', credentials.key);
    expect(records.body.items[0].error).toContain('wasi_snapshot_preview1.\ufffd');
  });
});
