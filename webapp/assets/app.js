// sse-chat page: session, rooms, the live room view, presence and typing.
import { api, compareIds, fetchHistory, roomUrl, session, ROOM_RE } from './api.js';
import { initComposer } from './composer.js';
import { compareNames, fmtFull, getLang, resay, say, setLang, t, translatePage } from './i18n.js';
import { Directory, READ_KEY } from './directory.js';
import { RoomStream } from './hub.js';
import { MessageLog, MAX_NODES, avatar, h, mentions } from './log.js';

const $ = (id) => document.getElementById(id);
const ROOMS_KEY = 'ssechat.rooms';
const LAST_ROOM_KEY = 'ssechat.room';
const ASKED_KEY = 'ssechat.notifyAsked';
const DIRECTORY_EVERY_MS = 5000;
const wide = matchMedia('(min-width: 1024px)');

let me = null; // { name, token, expiresAt }
let room = null;
let gen = 0; // bumped on every room switch; async work of an older room is dropped
let stream = null;
let log = null;
let ready = false; // history is in place; until then stream events wait in the queue
let queue = [];
let streamLast = null; // newest id held with no gap before it: the stream resumes after it
let loadingOlder = false;
let loads = 0; // only the newest history reload applies
let gotWelcome = false;
let online = new Set();
const unseen = new Set();
const typers = new Map();
let conn = { state: 'connecting', retryAt: 0 };
let hiddenUnread = 0;
let pinned = true; // the reader is at the newest message: whatever makes the log grow keeps it in view
let lastScrollTop = 0;

const directory = new Directory(() => me && renderRooms());

const composer = initComposer({
  me: () => me,
  room: () => room,
  sessionEnded,
  sent: (m) => (addMessage(m, false), askForNotifications()),
  edited: (m) => log.update(m),
  lastOwn: () => log.lastOwn(),
  online: () => [...online],
});

// ---- session

function showJoin(key, name, params) {
  leaveRoom();
  me = null;
  room = null;
  $('chat').hidden = true;
  $('join').hidden = false;
  say($('join-error'), key, params);
  if (name) $('join-name').value = name;
  $('join-name').focus();
}

async function onJoin(e) {
  e.preventDefault();
  const name = $('join-name').value.trim();
  if (!name || /\s/.test(name) || Array.from(name).length > 32) return say($('join-error'), 'nameInvalid');
  const button = $('join-button');
  button.disabled = true;
  say(button, 'joining');
  let s;
  try {
    s = await api('POST', 'api/sessions', { body: { name } });
  } catch (err) {
    say($('join-error'), ...joinErrorText(err, name));
  }
  button.disabled = false;
  say(button, 'join');
  if (!s) return;
  session.set(s);
  enterChat(s);
}

function joinErrorText(err, name) {
  if (err.status === 409) return ['nameTaken', { name }];
  if (err.status === 403 && err.body && err.body.error === 'banned') return bannedText(err.body.until);
  if (err.status === 400) return ['nameInvalid'];
  if (err.status === 429) return ['rateLimited', { s: err.retryAfter || 5 }];
  if (err.status === 0 || err.status >= 500) return ['serverDown'];
  return ['rejected', { msg: err.message }];
}

function enterChat(s) {
  leaveRoom();
  me = s;
  $('join').hidden = true;
  $('chat').hidden = false;
  $('me-name').textContent = s.name;
  $('me-avatar').replaceChildren(avatar(s.name));
  const wanted = roomFromHash() || localStorage.getItem(LAST_ROOM_KEY) || '';
  openRoom(ROOM_RE.test(wanted) ? wanted : 'lobby');
}

function sessionEnded() {
  const name = me && me.name;
  session.clear();
  showJoin('sessionEnded', name);
}

function bannedText(until) {
  const ts = Date.parse(until);
  return ['banned', { until: Number.isNaN(ts) ? '' : fmtFull(ts) }];
}

// The server ended this room's stream for good (hub.js): say why, and do not reconnect.
function onEnded(d) {
  const name = me && me.name;
  if (d.reason === 'banned') {
    session.clear();
    const [key, params] = bannedText(d.until);
    showJoin(key, name, params);
  } else if (d.reason === 'logout') {
    const s = session.get();
    if (s && s.token !== me.token) return enterChat(s); // signed in again meanwhile
    session.clear();
    showJoin('signedOutElsewhere', name);
  } else {
    setConn('removed', 0);
    setOnline([]); // no longer hears who comes and goes
    say($('removed-text'), 'kicked', { room });
    $('removed').hidden = false;
    $('composer').hidden = true;
    $('rejoin').focus();
  }
}

function rejoin() {
  const r = room;
  stream = null;
  openRoom(r);
  $('text').focus();
}

async function logout() {
  const token = me.token;
  leaveRoom();
  await api('DELETE', 'api/sessions/current', { token }).catch(() => {});
  session.clear();
  showJoin();
}

// Another tab joined, switched user or logged out.
function onStorage(e) {
  if ((e.key === ROOMS_KEY || e.key === READ_KEY) && me) renderRooms();
  if (e.key !== session.key && e.key !== null) return;
  const s = session.get();
  if (!s && me) showJoin('signedOutElsewhere', me.name);
  else if (s && (!me || s.token !== me.token)) enterChat(s);
}

// ---- rooms

function savedRooms() {
  let list;
  try {
    list = JSON.parse(localStorage.getItem(ROOMS_KEY));
  } catch {
    list = null;
  }
  list = Array.isArray(list) ? list.filter((r) => ROOM_RE.test(r) && r !== 'lobby') : [];
  return ['lobby', ...new Set(list)];
}

function rememberRoom(r) {
  const list = savedRooms();
  if (!list.includes(r)) localStorage.setItem(ROOMS_KEY, JSON.stringify([...list, r].slice(1)));
}

function forgetRoom(r) {
  localStorage.setItem(ROOMS_KEY, JSON.stringify(savedRooms().filter((x) => x !== r).slice(1)));
  if (r === room) location.hash = 'lobby';
  else renderRooms();
}

// The open room first, then the server's directory (most recently active first), then rooms visited here.
function renderRooms() {
  const saved = savedRooms();
  const listed = new Map(directory.rooms.map((d) => [d.room, d]));
  const names = [...new Set([room, ...listed.keys(), ...saved])].filter(Boolean);
  $('room-list').replaceChildren(...names.map((r) => roomItem(r, listed.get(r), saved.includes(r))));
}

function roomItem(r, listed, saved) {
  const li = h('li');
  const a = h('a');
  a.href = `#${r}`;
  a.append(h('span', 'hash', '#'), h('span', 'name', r));
  if (r === room) a.setAttribute('aria-current', 'page');
  const unread = r === room ? 0 : directory.unread.get(r) || 0;
  if (unread) {
    const badge = h('span', 'unread', unread >= 50 ? '50+' : String(unread));
    badge.title = t('unread', { n: badge.textContent });
    a.append(badge);
  }
  if (listed && listed.online) {
    const count = h('span', 'count', String(listed.online));
    count.title = t('onlineCount', { n: listed.online });
    a.append(count);
  }
  li.append(a);
  if (saved && r !== 'lobby' && r !== room && !listed) {
    const x = iconButton(t('removeRoom', { room: r }));
    x.addEventListener('click', () => forgetRoom(r));
    li.append(x);
  }
  return li;
}

// The close icon of the page's own markup, reused: no markup is ever built from strings.
function iconButton(label) {
  const b = h('button', 'icon');
  b.type = 'button';
  b.setAttribute('aria-label', label);
  b.title = label;
  b.append(document.querySelector('.close-drawer svg').cloneNode(true));
  return b;
}

function roomFromHash() {
  try {
    return decodeURIComponent(location.hash.slice(1));
  } catch {
    return '';
  }
}

function onHashChange() {
  if (!me) return;
  const r = roomFromHash();
  if (ROOM_RE.test(r)) openRoom(r);
  else history.replaceState(null, '', `#${room}`);
}

function onRoomForm(e) {
  e.preventDefault();
  const input = $('room-input');
  const r = input.value.trim().toLowerCase().replace(/^#/, '');
  if (!ROOM_RE.test(r)) return say($('room-error'), 'roomInvalid');
  say($('room-error'));
  input.value = '';
  location.hash = r;
  closeDrawers();
}

// ---- entering a room: subscribe, load history, then go live

function openRoom(r) {
  if (r === room && stream) return;
  leaveRoom();
  room = r;
  gen++;
  localStorage.setItem(LAST_ROOM_KEY, r);
  rememberRoom(r);
  if (!directory.marks()[r]) directory.markRead(r, '0-0');
  renderRooms();
  directory.refresh(r);
  if (roomFromHash() !== r) history.replaceState(null, '', `#${r}`);
  resetRoomView();
  const s = (stream = new RoomStream({
    room: r, user: me.name, token: me.token, lastId: () => streamLast,
    onEvent, onState: setConn, onAuthFailed: sessionEnded, onEnded,
  }));
  s.listen();
  loadUsers();
  loadLatest().then(() => s === stream && s.run());
  closeDrawers();
}

function resetRoomView() {
  log = new MessageLog($('items'), me.name);
  log.replace([], false);
  ready = false;
  queue = [];
  streamLast = null;
  gotWelcome = false;
  online = new Set();
  unseen.clear();
  for (const timer of typers.values()) clearTimeout(timer);
  typers.clear();
  conn = { state: 'connecting', retryAt: 0 };
  pinned = true;
  $('removed').hidden = true;
  $('composer').hidden = false;
  composer.roomChanged();
  relabel();
}

function leaveRoom() {
  if (stream) stream.stop();
  stream = null;
  composer.saveDraft();
}

async function loadUsers() {
  const g = gen;
  const list = await api('GET', roomUrl(room, 'users')).catch(() => null);
  if (g === gen && list && !gotWelcome) setOnline(list);
}

// Latest page of history; stream events that arrive meanwhile are queued, then applied (deduped by id).
async function loadLatest() {
  const g = gen;
  const seq = ++loads;
  ready = false;
  const msgs = await retrying(() => fetchHistory(room), g);
  if (g !== gen || seq !== loads || !msgs) return;
  log.replace(msgs, msgs.length === 50);
  if (msgs.length) seen(msgs[msgs.length - 1].id);
  unseen.clear();
  ready = true;
  const pending = queue;
  queue = [];
  for (const [type, data] of pending) handle(type, data);
  scrollToBottom();
  afterChange();
}

async function loadOlder() {
  const g = gen;
  const anchor = log.first();
  if (!anchor) return;
  loadingOlder = true;
  afterChange();
  const msgs = await retrying(() => fetchHistory(room, anchor.dataset.id), g);
  loadingOlder = false;
  if (g !== gen || !msgs) return;
  const top = anchor.getBoundingClientRect().top;
  log.prepend(msgs, msgs.length === 50);
  if (log.size > MAX_NODES) log.trimNewest();
  $('log').scrollTop += anchor.getBoundingClientRect().top - top; // keep the view where it was
  afterChange();
}

async function retrying(fn, g) {
  for (let attempt = 0; g === gen; attempt++) {
    try {
      const result = await fn();
      say($('log-error'));
      return result;
    } catch (err) {
      if (err.status === 401) return sessionEnded();
      if (g === gen) say($('log-error'), 'historyFailed');
      await new Promise((r) => setTimeout(r, Math.min(30000, 1000 * 2 ** attempt) * (0.5 + Math.random() / 2)));
    }
  }
  return null;
}

function seen(id) {
  if (!streamLast || compareIds(id, streamLast) > 0) streamLast = id;
  directory.markRead(room, id);
}

// ---- events

function onEvent(type, data) {
  if (data.room && data.room !== room) return;
  if (!ready && type !== 'typing') queue.push([type, data]);
  else handle(type, data);
}

const handlers = {
  welcome(d) {
    gotWelcome = true;
    setOnline(d.online || []);
    if (d.lastId && !streamLast) loadLatest(); // we connected to an empty room that no longer is
  },
  message(d) {
    seen(d.id);
    addMessage(d, true);
  },
  edit(d) {
    log.update(d);
  },
  join(d) {
    if (online.has(d.user)) return;
    online.add(d.user);
    renderUsers();
    if (d.user !== me.name) addNote('joined', d.user, d.ts);
  },
  leave(d) {
    stopTyping(d.user);
    if (!online.delete(d.user)) return;
    renderUsers();
    if (d.user !== me.name) addNote('left', d.user, d.ts);
  },
  delete(d) {
    log.remove(d.id);
    afterChange();
  },
  typing(d) {
    if (d.user !== me.name) showTyping(d.user);
  },
  reset() {
    streamLast = null;
    loadLatest();
  },
};

function handle(type, data) {
  if (handlers[type]) handlers[type](data);
}

function addMessage(m, live) {
  const own = m.user === me.name;
  const stick = own || atBottom();
  const result = log.add(m);
  if (result === 'later') {
    if (own && !live) loadLatest(); // just sent while reading old history: go to the latest
    else unseen.add(m.id);
  }
  if (result !== 'added') return afterChange();
  if (live && !own) {
    stopTyping(m.user);
    $('announce').textContent = `${m.user}: ${m.text.slice(0, 300)}`;
    const mentioned = mentions(m.text, me.name);
    if (document.hidden || (mentioned && !document.hasFocus())) {
      hiddenUnread++;
      notify(m, mentioned);
    }
    if (mentioned) askForNotifications();
  }
  if (stick) {
    log.trimOldest();
    scrollToBottom();
  } else if (!own) {
    unseen.add(m.id);
  }
  afterChange();
}

function addNote(key, name, ts) {
  if (log.detached) return;
  const stick = atBottom();
  log.presence(key, name, ts);
  if (stick) scrollToBottom();
}

// ---- own messages' menu (hover, focus or long-press) and notifications

function onLogClick(e) {
  const b = e.target.closest('[data-act]');
  if (!b) return;
  const el = b.closest('.msg');
  el.classList.remove('menu-open');
  if (b.dataset.act === 'edit') composer.edit(el);
  else composer.remove(el.dataset.id);
}

// A long press on a touch screen opens the context menu: there it shows the message's own menu.
function onLogContextMenu(e) {
  const el = e.target.closest('.msg.own');
  if (!el || e.target.closest('a')) return;
  e.preventDefault();
  for (const open of document.querySelectorAll('.menu-open')) if (open !== el) open.classList.remove('menu-open');
  el.classList.toggle('menu-open');
}

function notify(m, mentioned) {
  if (!('Notification' in window) || Notification.permission !== 'granted') return;
  const n = new Notification(t(mentioned ? 'mentionedYou' : 'newIn', { user: m.user, room }), { body: m.text.slice(0, 200), tag: room });
  n.onclick = () => (focus(), n.close());
}

// Asked once, when it makes sense (after the first message sent or mention received), never on load.
function askForNotifications() {
  if (!('Notification' in window) || Notification.permission !== 'default' || localStorage.getItem(ASKED_KEY)) return;
  $('notify-ask').hidden = false;
}

function answerNotifications(yes) {
  localStorage.setItem(ASKED_KEY, '1');
  $('notify-ask').hidden = true;
  if (yes) Notification.requestPermission();
}

// ---- scrolling and the view's chrome

function atBottom() {
  const l = $('log');
  return l.scrollHeight - l.scrollTop - l.clientHeight < 80;
}

function scrollToBottom() {
  pinned = true;
  $('log').scrollTop = $('log').scrollHeight;
}

// Only a move up unpins, and only reaching the bottom pins again: a scroll event that reports a
// position from before the content grew (our own scrollToBottom) must not unpin.
function updatePinned() {
  const l = $('log');
  const bottom = l.scrollHeight - l.scrollTop - l.clientHeight < 2;
  if (bottom) pinned = true;
  else if (l.scrollTop < lastScrollTop) pinned = false;
  lastScrollTop = l.scrollTop;
}

// Any growth of the log's content (history, notices, the "beginning of #room" line, late fonts) or
// shrinking of its box (the composer grows, a phone keyboard opens): stay at the bottom if pinned.
function keepPinned() {
  if (pinned && !$('chat').hidden) {
    scrollToBottom();
    lastScrollTop = $('log').scrollTop;
  }
  if (log) renderJump();
}

function onScroll() {
  updatePinned();
  if (!ready || !log) return;
  const l = $('log');
  if (l.scrollTop < 400 && log.hasOlder && !loadingOlder) loadOlder();
  if (atBottom()) {
    if (log.detached) loadLatest();
    else if (unseen.size) unseen.clear();
  }
  renderJump();
}

function jumpToLatest() {
  if (log.detached) loadLatest();
  else scrollToBottom();
  unseen.clear();
  renderJump();
  $('text').focus();
}

function afterChange() {
  const empty = ready && log.size === 0 && !log.hasOlder;
  $('empty').hidden = !empty;
  if (empty) say($('empty-title'), 'emptyTitle', { room });
  const top = loadingOlder ? ['loadingOlder'] : ready && !log.hasOlder && log.size ? ['start', { room }] : [];
  say($('log-top'), ...top);
  renderJump();
  renderTitle();
  if (ready && log.hasOlder && !loadingOlder && $('log').scrollTop < 400) onScroll();
}

function renderJump() {
  const jump = $('jump');
  const far = $('log').scrollHeight - $('log').scrollTop - $('log').clientHeight > 600;
  jump.hidden = !(unseen.size || far || (log && log.detached));
  const n = unseen.size;
  say($('jump-text'), ...(n === 1 ? ['newOne'] : n ? ['newN', { n }] : ['latest']));
}

function renderTitle() {
  document.title = `${hiddenUnread ? `(${hiddenUnread}) ` : ''}#${room} · sse-chat`;
}

// ---- presence and typing

function setOnline(names) {
  online = new Set(names);
  renderUsers();
}

function renderUsers() {
  const names = [...online].sort((a, b) => (b === me.name) - (a === me.name) || compareNames(a, b));
  $('user-list').replaceChildren(...names.map((n) => {
    const li = h('li');
    li.append(avatar(n), h('span', 'name', n));
    if (n === me.name) li.append(h('span', 'tag', t('you')));
    return li;
  }));
  say($('online-count'), 'onlineCount', { n: names.length });
  $('users-count').textContent = names.length;
}

function showTyping(user) {
  clearTimeout(typers.get(user));
  typers.set(user, setTimeout(() => stopTyping(user), 3000));
  renderTyping();
}

function stopTyping(user) {
  if (!typers.has(user)) return;
  clearTimeout(typers.get(user));
  typers.delete(user);
  renderTyping();
}

function renderTyping() {
  const [a, b] = [...typers.keys()];
  const n = typers.size;
  const el = $('typing');
  el.classList.toggle('on', n > 0);
  if (n) say($('typing-text'), ...(n === 1 ? ['typing1', { a }] : n === 2 ? ['typing2', { a, b }] : ['typingN', { a, n: n - 1 }]));
}

// ---- connection pill

function setConn(state, retryAt) {
  conn = { state, retryAt };
  renderConn();
}

function renderConn() {
  const state = navigator.onLine ? conn.state : 'offline';
  $('conn').dataset.state = state;
  if ($('conn-text').dataset.key !== state) say($('conn-text'), state); // role=status: speak changes only
  const secs = Math.ceil((conn.retryAt - Date.now()) / 1000);
  $('conn-retry').textContent = state !== 'connected' && secs > 0 ? t('seconds', { s: secs }) : '';
}

// ---- language, drawers, small helpers

function relabel() {
  translatePage();
  resay();
  for (const b of document.querySelectorAll('.lang-switch')) {
    b.textContent = t('otherLang');
    b.setAttribute('aria-label', t('langLabel'));
  }
  if (!me) return;
  $('room-label').textContent = room;
  $('log').setAttribute('aria-label', t('messages', { room }));
  composer.relabel();
  log.relabelAll();
  renderRooms();
  renderUsers();
  renderTyping();
  renderConn();
  afterChange();
}

function switchLang() {
  setLang(getLang() === 'en' ? 'zh' : 'en');
  relabel();
}

function toggleUsers() {
  const chat = $('chat');
  if (wide.matches) chat.classList.toggle('users-collapsed');
  else openDrawer('users');
  $('open-users').setAttribute('aria-expanded', String(wide.matches ? !chat.classList.contains('users-collapsed') : true));
}

function openDrawer(which) {
  $('chat').classList.add(`${which}-open`);
  $('scrim').hidden = false;
  const target = $(which).querySelector('a, button, input');
  if (target) target.focus();
}

function closeDrawers() {
  const chat = $('chat');
  const wasOpen = chat.matches('.rooms-open, .users-open');
  chat.classList.remove('rooms-open', 'users-open');
  $('scrim').hidden = true;
  if (!wide.matches) $('open-users').setAttribute('aria-expanded', 'false');
  return wasOpen;
}

function boot() {
  relabel();
  $('join-form').addEventListener('submit', onJoin);
  $('room-form').addEventListener('submit', onRoomForm);
  $('logout').addEventListener('click', logout);
  $('rejoin').addEventListener('click', rejoin);
  $('log').addEventListener('scroll', onScroll, { passive: true });
  const grows = new ResizeObserver(keepPinned);
  for (const id of ['log', 'log-top', 'log-error', 'items', 'empty']) grows.observe($(id));
  $('jump').addEventListener('click', jumpToLatest);
  $('items').addEventListener('click', onLogClick);
  $('items').addEventListener('contextmenu', onLogContextMenu);
  $('notify-yes').addEventListener('click', () => answerNotifications(true));
  $('notify-no').addEventListener('click', () => answerNotifications(false));
  setInterval(() => me && !document.hidden && directory.refresh(room), DIRECTORY_EVERY_MS);
  $('open-rooms').addEventListener('click', () => openDrawer('rooms'));
  $('open-users').addEventListener('click', toggleUsers);
  $('scrim').addEventListener('click', closeDrawers);
  for (const b of document.querySelectorAll('.close-drawer')) b.addEventListener('click', closeDrawers);
  for (const b of document.querySelectorAll('.lang-switch')) b.addEventListener('click', switchLang);
  document.addEventListener('keydown', (e) => e.key === 'Escape' && closeDrawers() && $('text').focus());
  addEventListener('hashchange', onHashChange);
  addEventListener('storage', onStorage);
  addEventListener('online', () => (stream && stream.retryNow(), renderConn()));
  addEventListener('offline', () => renderConn());
  document.addEventListener('visibilitychange', () => !document.hidden && ((hiddenUnread = 0), me && renderTitle()));
  addEventListener('focus', () => ((hiddenUnread = 0), me && renderTitle()));
  setInterval(() => me && renderConn(), 1000);
  $('open-users').setAttribute('aria-expanded', String(wide.matches));
  const s = session.get();
  if (s) enterChat(s);
  else showJoin();
}

boot();
