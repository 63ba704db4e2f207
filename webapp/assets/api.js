// The HTTP contract (shared/spec/http-api.md), with relative URLs so the page works at any context root.
export const ROOM_RE = /^[a-z0-9][a-z0-9_-]{0,31}$/;
export const MAX_TEXT = 2000;
const SESSION_KEY = 'ssechat.session';

export class ApiError extends Error {
  // status 0 means the request never got an answer (network down, server gone).
  constructor(status, body, retryAfter) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.retryAfter = retryAfter;
  }
}

export const session = {
  key: SESSION_KEY,
  get() {
    try {
      const s = JSON.parse(localStorage.getItem(SESSION_KEY));
      return s && s.token && !(Date.parse(s.expiresAt) < Date.now()) ? s : null;
    } catch {
      return null;
    }
  },
  set: (s) => localStorage.setItem(SESSION_KEY, JSON.stringify(s)),
  clear: () => localStorage.removeItem(SESSION_KEY),
};

export async function api(method, path, { body, token, headers = {} } = {}) {
  const init = { method, cache: 'no-store', headers: { Accept: 'application/json', ...headers } };
  if (token) init.headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError(0, null, 0);
  }
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data, retryAfter(res.headers.get('Retry-After')));
  return data;
}

function retryAfter(value) {
  if (!value) return 0;
  const secs = /^\d+$/.test(value.trim()) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  return Number.isFinite(secs) ? Math.max(1, Math.ceil(secs)) : 0;
}

export const roomUrl = (room, tail) => `api/rooms/${encodeURIComponent(room)}/${tail}`;

export function fetchHistory(room, before) {
  const q = new URLSearchParams({ count: '50' });
  if (before) q.set('before', before);
  return api('GET', roomUrl(room, `messages?${q}`));
}

// Ids are Redis stream ids ("1732170000000-3"): compare part by part as numbers, not as strings.
export function compareIds(a, b) {
  const pa = a.split('-');
  const pb = b.split('-');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const c = compareDigits(pa[i] || '0', pb[i] || '0');
    if (c) return c;
  }
  return 0;
}

function compareDigits(x, y) {
  if (!/^\d+$/.test(x) || !/^\d+$/.test(y)) return x < y ? -1 : x > y ? 1 : 0;
  x = x.replace(/^0+(?=\d)/, '');
  y = y.replace(/^0+(?=\d)/, '');
  return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
}

export const codePoints = (text) => Array.from(text).length;

export function randomKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
