// Rooms with open streams (from the stats), or any room by name, and for the chosen room who is
// online and its history, newest first, paged backwards on demand, filtered by user, with message
// ids shown only when asked; with moderation: delete a message, disconnect a user, ban a user (the
// ban form of moderation.js, filled in). Each button asks to be pressed twice (the second press
// within a few seconds confirms). Lists are updated in place, keyed by id, so that a refresh never
// swaps a button out from under the pointer.
import * as api from './api.js';
import { t, fmtInt, fmtStamp } from './i18n.js';
import { twoStep } from './moderation.js';
import { byId, el } from './dom.js';

const ROOM = /^[a-z0-9][a-z0-9_-]{0,31}$/;
const REFRESH_MS = 2000;
const LATEST = 30;
const OLDER = 50;

export class Rooms {
  constructor(toast, onAuthLost, onBan) {
    this.toast = toast;
    this.onAuthLost = onAuthLost;
    this.onBan = onBan;
    this.selected = null;
    this.counts = new Map();
    this.users = [];
    this.messages = []; // newest first: the latest page, then the older pages loaded
    this.reachedStart = false;
    this.loadingOlder = false;
    this.filter = '';
    byId('room-form').addEventListener('submit', (e) => this.open(e));
    byId('msg-filter').addEventListener('input', (e) => { this.filter = e.target.value; this.renderDetail(); });
    byId('show-ids').addEventListener('change', (e) => byId('msg-list').classList.toggle('show-ids', e.target.checked));
    byId('load-older').addEventListener('click', () => this.loadOlder());
    this.timer = setInterval(() => this.refresh(), REFRESH_MS);
  }

  update(view) {
    this.counts = new Map();
    for (const node of view.nodes) {
      for (const [room, n] of Object.entries(node.streams.byRoom)) this.counts.set(room, (this.counts.get(room) || 0) + n);
    }
    if (!this.selected && this.counts.size) this.select(this.sortedRooms()[0]);
    this.renderList();
  }

  // After a language switch: every text again, items made anew.
  render() {
    byId('room-list').replaceChildren();
    byId('user-list').replaceChildren();
    byId('msg-list').replaceChildren();
    this.renderList();
    this.renderDetail();
  }

  sortedRooms() {
    return [...this.counts.keys()].sort((a, b) => this.counts.get(b) - this.counts.get(a) || a.localeCompare(b));
  }

  renderList() {
    const rooms = this.sortedRooms();
    if (this.selected && !this.counts.has(this.selected)) rooms.push(this.selected);
    reconcile(byId('room-list'), rooms, (room) => room, (room) => this.roomItem(room));
    for (const li of byId('room-list').children) {
      const n = this.counts.get(li.dataset.key) || 0;
      const button = li.firstChild;
      if (li.dataset.key === this.selected) button.setAttribute('aria-current', 'true');
      else button.removeAttribute('aria-current');
      button.lastChild.textContent = n === 1 ? t('stream1') : t('streams', { n: fmtInt(n) });
    }
    byId('no-rooms').hidden = rooms.length > 0;
  }

  roomItem(room) {
    const li = el('li');
    const button = el('button', 'room');
    button.type = 'button';
    button.append(el('span', 'hash', '#'), el('span', 'name', room), el('span', 'count'));
    button.addEventListener('click', () => this.select(room));
    li.append(button);
    return li;
  }

  open(event) {
    event.preventDefault();
    const input = byId('room-input');
    const room = input.value.trim().replace(/^#/, '').toLowerCase();
    if (!ROOM.test(room)) {
      byId('room-error').textContent = t('roomInvalid');
      return;
    }
    byId('room-error').textContent = '';
    input.value = '';
    this.select(room);
  }

  select(room) {
    if (room !== this.selected) {
      this.selected = room;
      this.users = [];
      this.messages = [];
      this.reachedStart = false;
      this.filter = '';
      byId('msg-filter').value = '';
      byId('user-list').replaceChildren();
      byId('msg-list').replaceChildren();
    }
    this.renderList();
    this.renderDetail();
    this.refresh();
  }

  async refresh() {
    const room = this.selected;
    if (!room || document.hidden) return;
    try {
      const [users, page] = await Promise.all([api.roomUsers(room), api.roomMessages(room, LATEST)]);
      if (room !== this.selected) return;
      this.users = users;
      const latest = page.reverse();
      if (latest.length < LATEST) {
        this.messages = latest;
        this.reachedStart = true;
      } else {
        const oldest = latest[latest.length - 1].id;
        const older = this.messages.filter((m) => compareIds(m.id, oldest) < 0);
        if (!older.length) this.reachedStart = false;
        this.messages = [...latest, ...older];
      }
      this.renderDetail();
    } catch (err) {
      // the stats feed shows the connection state; the next refresh tries again
    }
  }

  // The page before the oldest message held (GET .../messages?before=).
  async loadOlder() {
    const room = this.selected;
    const oldest = this.messages[this.messages.length - 1];
    if (!room || !oldest || this.loadingOlder) return;
    this.loadingOlder = true;
    this.renderDetail();
    try {
      const page = await api.roomMessages(room, OLDER, oldest.id);
      if (room !== this.selected) return;
      const held = new Set(this.messages.map((m) => m.id));
      this.messages.push(...page.reverse().filter((m) => !held.has(m.id)));
      this.reachedStart = page.length < OLDER;
    } catch (err) {
      if (err instanceof api.AuthError || err instanceof api.AdminOffError) this.onAuthLost(err);
      else this.toast('actionFailed', { msg: err.message }, true);
    } finally {
      this.loadingOlder = false;
      this.renderDetail();
    }
  }

  renderDetail() {
    byId('room-detail').hidden = !this.selected;
    byId('pick-room').hidden = Boolean(this.selected);
    if (!this.selected) return;
    byId('room-title').textContent = `#${this.selected}`;
    byId('user-count').textContent = fmtInt(this.users.length);
    byId('no-users').hidden = this.users.length > 0;
    byId('no-messages').hidden = this.messages.length > 0;
    reconcile(byId('user-list'), this.users, (name) => name, (name) => this.userItem(name));
    const wanted = this.filter.trim().toLowerCase();
    const shown = wanted ? this.messages.filter((m) => m.user.toLowerCase().includes(wanted)) : this.messages;
    reconcile(byId('msg-list'), shown, (m) => m.id, (m) => this.messageItem(m));
    const count = byId('msg-shown');
    count.hidden = !wanted || !this.messages.length;
    count.textContent = shown.length ? t('shownOf', { n: fmtInt(shown.length), total: fmtInt(this.messages.length) })
      : t('noMatch', { name: this.filter.trim() });
    const older = byId('load-older');
    older.hidden = this.reachedStart || !this.messages.length;
    older.disabled = this.loadingOlder;
    older.textContent = t(this.loadingOlder ? 'loadingOlder' : 'loadOlder');
    byId('all-loaded').hidden = !this.reachedStart || this.messages.length <= LATEST;
  }

  userItem(name) {
    const li = el('li');
    const avatar = el('span', 'av', [...name][0].toUpperCase());
    avatar.style.setProperty('--h', String(hue(name)));
    const button = this.twoStep(t('disconnect'), () => t('confirmDisconnect', { name }), async () => {
      await api.disconnect(this.selected, name);
      this.toast('disconnected', { name, room: this.selected });
    });
    button.classList.add('disconnect');
    const ban = el('button', 'danger ban', t('banUser'));
    ban.type = 'button';
    ban.addEventListener('click', () => this.onBan(name));
    li.append(avatar, el('span', 'name', name), button, ban);
    return li;
  }

  messageItem(message) {
    const li = el('li');
    const meta = el('div', 'meta');
    const time = el('time', '', fmtStamp(message.ts));
    time.dateTime = new Date(message.ts).toISOString();
    meta.append(el('span', 'who', message.user), time, el('code', 'id', message.id));
    const button = this.twoStep(t('delete'), () => t('confirmDelete'), async () => {
      try {
        await api.deleteMessage(this.selected, message.id);
        this.toast('deleted');
      } catch (err) {
        if (!(err instanceof api.HttpError && err.status === 404)) throw err;
        this.toast('alreadyGone');
      }
      this.messages = this.messages.filter((m) => m.id !== message.id);
      this.renderDetail();
    });
    button.classList.add('delete');
    li.append(meta, el('p', 'text', message.text), button);
    return li;
  }

  twoStep(label, confirmLabel, action) {
    return twoStep(label, confirmLabel, action, (err) => {
      if (err instanceof api.AuthError || err instanceof api.AdminOffError) this.onAuthLost(err);
      else this.toast('actionFailed', { msg: err.message }, true);
    });
  }
}

// Makes `list` show one <li data-key> per item in order, reusing the elements it already has.
function reconcile(list, items, key, make) {
  const existing = new Map([...list.children].map((li) => [li.dataset.key, li]));
  const wanted = items.map((item) => {
    const k = key(item);
    let li = existing.get(k);
    if (!li) {
      li = make(item);
      li.dataset.key = k;
    }
    existing.delete(k);
    return li;
  });
  existing.forEach((li) => li.remove());
  wanted.forEach((li, i) => {
    if (list.children[i] !== li) list.insertBefore(li, list.children[i] || null);
  });
}

// Message ids are Redis stream ids, "<ms>-<seq>": compared as two numbers.
function compareIds(a, b) {
  const [aMs, aSeq] = a.split('-').map(Number);
  const [bMs, bSeq] = b.split('-').map(Number);
  return aMs - bMs || aSeq - bSeq;
}

function hue(name) {
  let h = 0;
  for (const c of name) h = (h * 31 + c.codePointAt(0)) % 360;
  return h;
}
