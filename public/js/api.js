// Talking to the WasmWiz API. The key and the admin token live in sessionStorage only:
// never in a URL, never in localStorage, gone when the tab closes.
const KEY = 'wasmwiz.key';
const ADMIN = 'wasmwiz.admin';

export const session = {
  get key() { return sessionStorage.getItem(KEY) ?? ''; },
  set key(value) { value ? sessionStorage.setItem(KEY, value) : sessionStorage.removeItem(KEY); },
  get admin() { return sessionStorage.getItem(ADMIN) ?? ''; },
  set admin(value) { value ? sessionStorage.setItem(ADMIN, value) : sessionStorage.removeItem(ADMIN); },
};

const STATUS_TITLES = { 0: 'The service could not be reached', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not found', 413: 'Too large', 429: 'Too many requests', 500: 'Server error', 502: 'Bad gateway', 503: 'Service unavailable' };

/** An API error carrying the RFC 9457 problem (title, detail, code, field errors). */
export class ApiError extends Error {
  constructor(status, problem, headers) {
    const body = problem && typeof problem === 'object' ? problem : {};
    const title = typeof body.title === 'string' && body.title ? body.title : STATUS_TITLES[status] ?? `HTTP ${status}`;
    const detail = typeof body.detail === 'string' ? body.detail : '';
    super(detail || title);
    this.status = status;
    this.problem = { title, detail, code: body.code ?? null, errors: Array.isArray(body.errors) ? body.errors : [] };
    this.retryAfter = headers?.get('retry-after') ?? null;
  }
}

/** A problem found before anything was sent (no module chosen, a bad env line, ...): no HTTP status. */
export const localProblem = (title, detail) => new ApiError(null, { title, detail });

function parse(text, status) {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON (a proxy's error page, say): keep a readable excerpt, shown as text.
    return status >= 400 ? { detail: text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300) } : text;
  }
}

/** One call; resolves with { body, headers, status } or throws ApiError. */
export async function request(path, { method = 'GET', body, token = session.key } = {}) {
  const headers = { accept: 'application/json, application/problem+json' };
  if (token) headers.authorization = `Bearer ${token}`;
  let payload;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload, cache: 'no-store' });
  } catch {
    throw new ApiError(0, { detail: 'Check the connection and try again.' });
  }
  const parsed = parse(await response.text(), response.status);
  if (!response.ok) throw new ApiError(response.status, parsed, response.headers);
  return { body: parsed, headers: response.headers, status: response.status };
}

export const api = async (path, options) => (await request(path, options)).body;
export const admin = (path, options = {}) => api(`/api/v1/admin${path}`, { ...options, token: session.admin });

/**
 * POST /api/v1/execute through XMLHttpRequest, the one browser API that reports upload progress.
 * `onProgress(share)` gets 0..1 while the request body is sent. Resolves with { body, headers }.
 */
export function execute(form, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/execute');
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    if (session.key) xhr.setRequestHeader('authorization', `Bearer ${session.key}`);
    xhr.upload.addEventListener('progress', (event) => { if (event.lengthComputable) onProgress(event.loaded / event.total); });
    xhr.upload.addEventListener('load', () => onProgress(1));
    xhr.addEventListener('load', () => {
      const headers = { get: (name) => xhr.getResponseHeader(name) };
      const body = parse(xhr.responseText, xhr.status);
      if (xhr.status >= 400) reject(new ApiError(xhr.status, body, headers));
      else resolve({ body, headers });
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, { detail: 'The upload did not reach the service. Check the connection and try again.' })));
    xhr.send(form);
  });
}

/**
 * The quota left after a request, from the rate-limit headers: every window of the IETF
 * `RateLimit` header (`"minute";r=299;t=60, "day";r=19996;t=86400`), else the X-RateLimit trio.
 */
export function quotaFromHeaders(headers) {
  const windows = [];
  const draft = headers.get('ratelimit');
  if (draft) {
    for (const match of draft.matchAll(/"?([\w-]+)"?\s*;\s*r=(\d+)(?:\s*;\s*t=(\d+))?/g)) {
      windows.push({ name: match[1], remaining: Number(match[2]), resetSeconds: match[3] === undefined ? null : Number(match[3]) });
    }
  }
  const policy = headers.get('ratelimit-policy');
  if (policy) {
    for (const match of policy.matchAll(/"?([\w-]+)"?\s*;\s*q=(\d+)/g)) {
      const window = windows.find((w) => w.name === match[1]);
      if (window) window.limit = Number(match[2]);
    }
  }
  if (windows.length === 0 && headers.get('x-ratelimit-remaining') !== null) {
    windows.push({ name: 'window', remaining: Number(headers.get('x-ratelimit-remaining')), limit: Number(headers.get('x-ratelimit-limit')), resetSeconds: null });
  }
  return windows;
}
