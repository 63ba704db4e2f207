// The message list: ordered by id, each message once, grouped by author, bounded in size.
// Everything user-supplied goes in through textContent only.
import { compareIds } from './api.js';
import { fmtDay, fmtFull, fmtTime, t } from './i18n.js';

export const MAX_NODES = 500;
const GROUP_MS = 5 * 60 * 1000;
const NOTES_MS = 2 * 60 * 1000; // join and leave notices this close together share one line
const TOKEN_RE = /https?:\/\/[^\s<>"]+|@[\p{L}\p{N}_.-]+/gu;
const TRAILING_RE = /[.,;:!?'")\]}>]+$/u; // "see https://x.org." : the dot ends the sentence, not the link

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

// Does the text mention @name (as a whole name, not a longer one that starts with it)?
export function mentions(text, name) {
  for (const m of text.matchAll(TOKEN_RE)) if (m[0][0] === '@' && m[0].slice(1).replace(/\.+$/, '') === name) return true;
  return false;
}

// The text as DOM nodes: http(s) links become anchors and @names are marked; nothing is parsed as markup.
export function richText(el, text, me) {
  let at = 0;
  for (const m of text.matchAll(TOKEN_RE)) {
    let token = m[0];
    if (token[0] === '@') token = token.replace(/\.+$/, '');
    else token = token.replace(TRAILING_RE, '');
    const node = token[0] === '@' ? mention(token, me) : link(token);
    if (!node) continue;
    el.append(text.slice(at, m.index), node);
    at = m.index + token.length;
  }
  el.append(text.slice(at));
}

function mention(token, me) {
  return h('span', token.slice(1) === me ? 'mention mention-me' : 'mention', token);
}

function link(token) {
  let url;
  try {
    url = new URL(token);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const a = h('a', '', token);
  a.href = url.href;
  a.target = '_blank';
  a.rel = 'noopener noreferrer';
  return a;
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

  // A deleted message leaves a small trace where it was, for those who saw it.
  remove(id) {
    const el = this.byId.get(id);
    if (!el) return;
    this.byId.delete(id);
    const trace = this.noteEl('deleted', '', el.dataset.ts);
    el.replaceWith(trace);
    this.regroup(trace);
    this.regroup(trace.nextElementSibling);
  }

  // The message as its author edited it: new text, and an "edited" mark.
  update(m) {
    const el = this.byId.get(m.id);
    if (!el || !m.editedTs) return;
    const text = el.querySelector('.text');
    text.replaceChildren();
    richText(text, m.text, this.me);
    el.dataset.text = m.text;
    this.markEdited(el, m.editedTs);
  }

  markEdited(el, ts) {
    let mark = el.querySelector('.edited');
    if (!mark) el.append((mark = h('span', 'edited')));
    mark.dataset.ts = ts;
    mark.textContent = t('edited');
    mark.title = fmtFull(ts);
  }

  // The newest message of mine still shown (Up arrow edits it).
  lastOwn() {
    const own = this.list.querySelectorAll('.msg.own');
    return own[own.length - 1];
  }

  // A quiet notice ("message deleted", "alice joined"); key and name are kept so a language switch
  // can re-render it. (data-note: data-key belongs to say() and resay().)
  noteEl(key, name, ts) {
    const el = h('p', 'note');
    el.dataset.note = key;
    el.dataset.name = name;
    el.dataset.ts = ts;
    this.relabel(el);
    return el;
  }

  // Joins and leaves (key 'joined' or 'left') that come together collapse into one line.
  presence(key, name, ts) {
    let el = this.list.lastElementChild;
    if (!el || el.dataset.note !== 'presence' || ts - Number(el.dataset.ts) > NOTES_MS) {
      el = this.noteEl('presence', '', ts);
      el.dataset.joined = el.dataset.left = '[]';
      this.list.append(el);
      this.regroup(el);
    }
    const names = JSON.parse(el.dataset[key]);
    if (!names.includes(name)) el.dataset[key] = JSON.stringify([...names, name]);
    el.dataset.ts = ts;
    this.relabel(el);
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
    const text = h('div', 'text');
    richText(text, m.text, this.me);
    text.title = fmtFull(m.ts);
    el.append(avatar(m.user), head, text);
    if (m.user === this.me) {
      el.dataset.text = m.text;
      const menu = h('span', 'actions');
      for (const key of ['edit', 'delete']) {
        const b = h('button', key, t(key));
        b.type = 'button';
        b.dataset.i18n = key;
        b.dataset.act = key;
        menu.append(b);
      }
      el.append(menu);
    } else if (mentions(m.text, this.me)) {
      el.classList.add('mentions-me');
    }
    if (m.editedTs) this.markEdited(el, m.editedTs);
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
      const mark = el.querySelector('.edited');
      if (mark) this.markEdited(el, Number(mark.dataset.ts));
    }
    for (const el of this.list.querySelectorAll('.note')) this.relabel(el);
    this.regroupAll();
  }

  relabel(note) {
    const d = note.dataset;
    const text = d.note !== 'presence' ? t(d.note, { name: d.name }) : ['joined', 'left']
      .map((key) => JSON.parse(d[key] || '[]'))
      .map((names, i) => names.length && t(i ? 'left' : 'joined', { name: names.join(t('sep')) }))
      .filter(Boolean).join(' · ');
    note.replaceChildren(h('span', '', text), timeEl(Number(d.ts)));
  }
}
