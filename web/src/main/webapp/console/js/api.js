// The console's only way to Mandate: the public JSON API with the user's bearer token. Problems (RFC 9457)
// become ApiError with the server's own words, so a refusal reads as the API states it.
import { accessToken } from './auth.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }

  /** Every line the problem carries: its detail, then each violation as "field: message". */
  lines() {
    const violations = (this.problem.violations || []).map(v => `${v.field}: ${v.message}`);
    return [this.message, ...violations.filter(v => !this.message.includes(v))];
  }
}

export let onUnauthorized = () => {};
export function whenUnauthorized(callback) {
  onUnauthorized = callback;
}

export async function api(path, { method = 'GET', body, headers = {}, accept = 'application/json' } = {}) {
  const token = accessToken();
  const init = { method, headers: { Accept: accept, ...headers } };
  if (token) init.headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(`/api${path}`, init);
  if (response.status === 401) {
    onUnauthorized();
    throw new ApiError(401, { detail: 'Your login has expired; log in again.' });
  }
  const type = response.headers.get('Content-Type') || '';
  if (!response.ok) {
    const problem = type.includes('json') ? await response.json().catch(() => null) : null;
    throw new ApiError(response.status, problem);
  }
  if (response.status === 204) return null;
  if (type.includes('json')) {
    const json = await response.json();
    const etag = response.headers.get('ETag');
    if (etag && json && typeof json === 'object') Object.defineProperty(json, 'etag', { value: etag });
    return json;
  }
  return response.text();
}

export const get = (path, options) => api(path, options);
export const post = (path, body, options = {}) => api(path, { ...options, method: 'POST', body });
export const put = (path, body, options = {}) => api(path, { ...options, method: 'PUT', body });

/** Every page of a cursor-paged list, up to a bound. */
export async function all(path, max = 5000) {
  const items = [];
  let cursor = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page = await get(`${path}${separator}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...(page.items || []));
    cursor = page.nextCursor;
  } while (cursor && items.length < max);
  return items;
}

/** Every page of an offset-paged list (reports, evals), up to a bound; with the list's total. */
export async function allByOffset(path, max = 5000) {
  const items = [];
  let total = 0;
  const separator = path.includes('?') ? '&' : '?';
  do {
    const page = await get(`${path}${separator}offset=${items.length}&limit=200`);
    items.push(...page.items);
    total = page.total;
    if (page.items.length === 0) break;
  } while (items.length < total && items.length < max);
  return { items, total };
}
