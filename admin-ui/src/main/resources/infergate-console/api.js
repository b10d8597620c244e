// The console's only way to the gateway: the admin API, with the session cookie and, on writes,
// the CSRF token the session endpoint handed out.
const BASE = '/admin/api';
let csrf = null;

export class ApiError extends Error {
  constructor(status, problem, etag) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.etag = etag;
  }
  get problems() {
    return this.problem.problems || [];
  }
}

async function request(method, path, { body, etag, contentType = 'application/json', comment } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = contentType;
  if (etag) headers['If-Match'] = etag;
  if (comment) headers['Infergate-Comment'] = comment;
  if (method !== 'GET' && csrf) headers[csrf.header] = csrf.token;
  const response = await fetch(BASE + path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    window.location.assign('/admin/login');
    throw new ApiError(401, { title: 'Signed out' });
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, data, response.headers.get('ETag'));
  return { data, etag: response.headers.get('ETag'), version: response.headers.get('Infergate-Version') };
}

export const api = {
  async session() {
    const { data } = await request('GET', '/session');
    csrf = data.csrf || null;
    return data;
  },
  csrf: () => csrf,
  get: (path) => request('GET', path),
  post: (path, body, options = {}) => request('POST', path, { ...options, body }),
  put: (path, body, options = {}) => request('PUT', path, { ...options, body }),
  patch: (path, body, options = {}) =>
    request('PATCH', path, { ...options, body, contentType: 'application/merge-patch+json' }),
};

/** Problems of a 422 (or of a dry run) as {pointer, message}, pointers relative to the resource. */
export function problemsOf(error, prefix) {
  if (!(error instanceof ApiError)) return [{ pointer: '', message: String(error.message || error) }];
  const problems = error.problems.length ? error.problems : [{ pointer: '', message: error.message }];
  return problems.map((p) => ({
    pointer: prefix && p.pointer.startsWith(prefix) ? p.pointer.slice(prefix.length) : p.pointer,
    message: p.message,
  }));
}
