// The message list: ordered by id, each message once, grouped by author, bounded in size.
// Everything user-supplied goes in through textContent only.
import { compareIds } from './api.js';
import { fmtDay, fmtFull, fmtTime, t } from './i18n.js';

export const MAX_NODES = 500;
const GROUP_MS = 5 * 60 * 1000;

export function h(tag, cls, text) {
  const el = document.createElement(tag);
  if (cls) el.className = cls;
  if (text !== undefined) el.textContent = text;
  return el;
}

function hue(name) {
  let x = 0;
  for (const ch of name) x = (x * 31 + ch.codePointAt(0)) % 360;
  return x;
}

export function avatar(name) {
  const el = h('span', 'av', Array.from(name)[0].toUpperCase());
  el.style.setProperty('--h', hue(name));
  el.setAttribute('aria-hidden', 'true');
  return el;
}

function timeEl(ts) {
  const el = h('time', '', fmtTime(ts));
  el.dateTime = new Date(ts).toISOString();
  el.title = fmtFull(ts);
  return el;
}

export class MessageLog {
  constructor(list, me) {
    this.list = list; // the element holding message and notice nodes
    this.me = me;
    this.byId = new Map();
    this.hasOlder = false; // older messages exist before the first node
    this.detached = false; // newer messages exist after the last node (dropped while reading old ones)
  }

  get size() {
    return this.byId.size;
  }

  first() {
    return this.list.querySelector('.msg');
  }

  last() {
    const all = this.list.querySelectorAll('.msg');
    return all[all.length - 1];
  }

  replace(msgs, hasOlder) {
    this.list.replaceChildren();
    this.byId.clear();
    this.detached = false;
    this.hasOlder = hasOlder;
    for (const m of msgs) this.append(this.render(m));
    this.regroupAll();
  }

  prepend(msgs, hasOlder) {
    const first = this.list.firstChild;
    for (const m of msgs) if (!this.byId.has(m.id)) this.list.insertBefore(this.render(m), first);
    this.hasOlder = hasOlder;
    this.regroupAll();
  }

  // A live (or just-sent) message: 'added', 'duplicate', or outside the loaded range: 'older'
  // (before the first node while older ones are not loaded) or 'later' (after the last while detached).
  add(m) {
    if (this.byId.has(m.id)) return 'duplicate';
    const first = this.first();
    if (this.hasOlder && first && compareIds(m.id, first.dataset.id) < 0) return 'older';
    const last = this.last();
    if (this.detached && last && compareIds(m.id, last.dataset.id) > 0) return 'later';
    let before = null;
    for (let el = this.list.lastElementChild; el; el = el.previousElementSibling) {
      if (!el.dataset.id) continue;
      if (compareIds(el.dataset.id, m.id) > 0) before = el;
      else break;
    }
    const el = this.render(m);
    this.list.insertBefore(el, before);
    this.regroup(el);
    this.regroup(el.nextElementSibling);
    return 'added';
  }

  remove(id) {
    const el = this.byId.get(id);
    if (!el) return;
    const next = el.nextElementSibling;
    this.byId.delete(id);
    el.remove();
    this.regroup(next);
  }

  // A quiet notice ("alice joined"); key and name are kept so a language switch can re-render it.
  // (data-note: data-key belongs to say() and resay().)
  note(key, name, ts) {
    const el = h('p', 'note');
    el.dataset.note = key;
    el.dataset.name = name;
    el.dataset.ts = ts;
    this.list.append(el);
    this.relabel(el);
    this.regroup(el);
  }

  // Keep the DOM bounded: drop the oldest nodes (reloadable with before=) ...
  trimOldest() {
    while (this.size > MAX_NODES) {
      const first = this.first();
      while (this.list.firstChild !== first) this.list.firstChild.remove();
      this.byId.delete(first.dataset.id);
      first.remove();
      this.hasOlder = true;
    }
    this.regroup(this.list.firstElementChild);
  }

  // ... or, while the reader is far up in history, the newest ones (the latest page is reloaded on return).
  trimNewest() {
    while (this.size > MAX_NODES) {
      const last = this.last();
      while (this.list.lastChild !== last) this.list.lastChild.remove();
      this.byId.delete(last.dataset.id);
      last.remove();
      this.detached = true;
    }
  }

  render(m) {
    const el = h('article', m.user === this.me ? 'msg own' : 'msg');
    el.dataset.id = m.id;
    el.dataset.user = m.user;
    el.dataset.ts = m.ts;
    const head = h('div', 'head');
    head.append(h('span', 'who', m.user), timeEl(m.ts));
    const text = h('div', 'text', m.text);
    text.title = fmtFull(m.ts);
    el.append(avatar(m.user), head, text);
    this.byId.set(m.id, el);
    return el;
  }

  append(el) {
    this.list.append(el);
  }

  // Continuation of the previous author's group (no avatar and name), and day separators.
  regroup(el) {
    if (!el) return;
    const prev = el.previousElementSibling;
    const ts = Number(el.dataset.ts);
    const sameDay = prev && new Date(Number(prev.dataset.ts)).toDateString() === new Date(ts).toDateString();
    const cont = sameDay && el.dataset.id && prev.dataset.id && prev.dataset.user === el.dataset.user
      && ts - Number(prev.dataset.ts) < GROUP_MS;
    el.classList.toggle('cont', Boolean(cont));
    if (sameDay) delete el.dataset.day;
    else el.dataset.day = fmtDay(ts);
  }

  regroupAll() {
    for (const el of this.list.children) this.regroup(el);
  }

  // After a language switch: times (and their full-date titles), day labels and notices in the new locale.
  relabelAll() {
    for (const el of this.list.querySelectorAll('.msg')) {
      const ts = Number(el.dataset.ts);
      const time = el.querySelector('time');
      time.textContent = fmtTime(ts);
      time.title = fmtFull(ts);
      el.querySelector('.text').title = fmtFull(ts);
    }
    for (const el of this.list.querySelectorAll('.note')) this.relabel(el);
    this.regroupAll();
  }

  relabel(note) {
    note.replaceChildren(h('span', '', t(note.dataset.note, { name: note.dataset.name })), timeEl(Number(note.dataset.ts)));
  }
}
