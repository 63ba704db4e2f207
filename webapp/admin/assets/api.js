// The admin API with HTTP Basic. The credentials live in sessionStorage (gone when the tab closes)
// and go with each request as an Authorization header; requests are marked X-Requested-With so
// that a 401 does not make the browser show its own login dialog.
// EventSource cannot send headers, so the stats feed is read with fetch() as a stream and parsed
// here: no credentials ever appear in a URL (nor in proxy or access logs).
const AUTH_KEY = 'ssechat.admin.auth';
const USER_KEY = 'ssechat.admin.user';

export class AuthError extends Error {}
export class AdminOffError extends Error {}
// Too many failed sign-ins: the server answers 429 until `seconds` have passed.
export class ThrottledError extends Error {
  constructor(seconds) {
    super(`Retry after ${seconds} s`);
    this.seconds = seconds;
  }
}
export class HttpError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : `HTTP ${status}`);
    this.status = status;
  }
}

let auth = sessionStorage.getItem(AUTH_KEY);

export const signedIn = () => auth !== null;
export const currentUser = () => sessionStorage.getItem(USER_KEY) || '';

export async function signIn(user, password) {
  const header = basic(user, password);
  const response = await send('api/admin/stats', {}, header);
  sessionStorage.setItem(AUTH_KEY, header);
  sessionStorage.setItem(USER_KEY, user);
  auth = header;
  return response.json();
}

export function signOut() {
  sessionStorage.removeItem(AUTH_KEY);
  sessionStorage.removeItem(USER_KEY);
  auth = null;
}

export async function deleteMessage(room, id) {
  await send(`api/admin/rooms/${encodeURIComponent(room)}/messages/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

export async function disconnect(room, name) {
  await send(`api/admin/rooms/${encodeURIComponent(room)}/users/${encodeURIComponent(name)}`, { method: 'DELETE' });
}

// Bans and the moderation log.
export async function bans() {
  return (await send('api/admin/bans')).json();
}

export async function ban(name, minutes, reason) {
  const body = JSON.stringify({ name, minutes, reason });
  return (await send('api/admin/bans', { method: 'POST', body, headers: { 'Content-Type': 'application/json' } })).json();
}

export async function unban(name) {
  await send(`api/admin/bans/${encodeURIComponent(name)}`, { method: 'DELETE' });
}

export async function audit(count, before) {
  const query = new URLSearchParams({ count: String(count) });
  if (before) query.set('before', before);
  return (await send(`api/admin/audit?${query}`)).json();
}

// Public chat API: who is online, and the latest messages (oldest first).
export async function roomUsers(room) {
  return (await send(`api/rooms/${encodeURIComponent(room)}/users`, {}, null)).json();
}

// `before`: a message id, to page backwards from it.
export async function roomMessages(room, count, before = null) {
  const page = before ? `&before=${encodeURIComponent(before)}` : '';
  return (await send(`api/rooms/${encodeURIComponent(room)}/messages?count=${count}${page}`, {}, null)).json();
}

// Every node's samples of the last `minutes`, one per 5 s (GET /api/admin/stats/history).
export async function statsHistory(minutes) {
  return (await send(`api/admin/stats/history?minutes=${minutes}`)).json();
}

// Yields each `stats` event of GET /api/admin/stats/stream until the stream ends or `signal` aborts.
export async function* statsFeed(signal) {
  const response = await send('api/admin/stats/stream', { signal, headers: { Accept: 'text/event-stream' } });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new SseParser();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    for (const event of parser.push(value)) {
      if (event.name === 'stats') yield JSON.parse(event.data);
    }
  }
}

// The event-stream format: lines end at CR, LF or CRLF; a blank line ends an event.
class SseParser {
  constructor() { this.rest = ''; this.skipLf = false; this.name = ''; this.data = []; }

  push(chunk) {
    const events = [];
    const text = this.skipLf && chunk.startsWith('\n') ? chunk.slice(1) : chunk;
    this.skipLf = text.endsWith('\r'); // a CRLF split between two chunks ends one line, not two
    const lines = (this.rest + text).split(/\r\n|\r|\n/);
    this.rest = lines.pop();
    for (const line of lines) {
      if (line === '') {
        if (this.data.length) events.push({ name: this.name || 'message', data: this.data.join('\n') });
        this.name = ''; this.data = [];
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') this.name = value;
        else if (field === 'data') this.data.push(value);
      }
    }
    return events;
  }
}

function basic(user, password) {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

async function send(path, init = {}, header = auth) {
  const headers = { 'X-Requested-With': 'XMLHttpRequest', ...(init.headers || {}) };
  if (header) headers.Authorization = header;
  const response = await fetch(new URL(`../${path}`, document.baseURI), { ...init, headers, cache: 'no-store', credentials: 'omit' });
  if (response.ok) return response;
  const body = await response.json().catch(() => null);
  if (response.status === 401) throw new AuthError();
  if (response.status === 429 && body && body.error === 'login_throttled') {
    throw new ThrottledError(Number(response.headers.get('Retry-After')) || 1);
  }
  if (response.status === 404 && body && body.error === 'admin_off') throw new AdminOffError();
  throw new HttpError(response.status, body);
}
