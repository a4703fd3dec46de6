// Talking to the WasmWiz API. Keys live in sessionStorage only, never in a URL.
const KEY = 'wasmwiz.key';
const ADMIN = 'wasmwiz.admin';

export const session = {
  get key() { return sessionStorage.getItem(KEY) ?? ''; },
  set key(value) { value ? sessionStorage.setItem(KEY, value) : sessionStorage.removeItem(KEY); },
  get admin() { return sessionStorage.getItem(ADMIN) ?? ''; },
  set admin(value) { value ? sessionStorage.setItem(ADMIN, value) : sessionStorage.removeItem(ADMIN); },
};

/** An API error carrying the problem+json body (title, detail, code). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? { title: `HTTP ${status}`, detail: '' };
  }
}

async function parse(response) {
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = { title: `HTTP ${response.status}`, detail: text.slice(0, 300) }; }
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

export async function api(path, { method = 'GET', body, token = session.key } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return parse(response);
}

export const admin = (path, options = {}) => api(`/api/v1/admin${path}`, { ...options, token: session.admin });

/** POST /api/v1/execute with upload progress; resolves with { body, headers }. */
export function execute(form, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/execute');
    if (session.key) xhr.setRequestHeader('authorization', `Bearer ${session.key}`);
    xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { body = { title: `HTTP ${xhr.status}`, detail: xhr.responseText.slice(0, 300) }; }
      const headers = { remaining: xhr.getResponseHeader('x-ratelimit-remaining'), limit: xhr.getResponseHeader('x-ratelimit-limit'), rateLimit: xhr.getResponseHeader('ratelimit') };
      if (xhr.status >= 400) reject(new ApiError(xhr.status, body));
      else resolve({ body, headers });
    };
    xhr.onerror = () => reject(new ApiError(0, { title: 'Network error', detail: 'The service could not be reached' }));
    xhr.send(form);
  });
}
