// The message box: Enter sends, Shift+Enter breaks the line. Sent text leaves the box at once and
// is posted in order; text the server did not take comes back into the box (drafts also survive
// reloads and room switches), and a retry of the same text reuses its Idempotency-Key, so nothing
// is posted twice. It also edits one's own messages (the message's menu, or Up in an empty box) and
// completes @names of the people online.
import { api, codePoints, randomKey, roomUrl, MAX_TEXT } from './api.js';
import { say, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const draftKey = (room) => `ssechat.draft.${room}`;
const TYPING_EVERY_MS = 2000;

// ctx: me() -> session, room() -> current room, sent(message), sessionEnded(),
//      edited(message), lastOwn() -> element of my newest message, online() -> names
export function initComposer(ctx) {
  const text = $('text');
  const button = $('send');
  const error = $('send-error');
  const counter = $('counter');
  const outbox = []; // { text, room, key } in the order written; the first one is in flight
  let failed = null; // the one message that came back, so that resending it reuses its key
  let blockedUntil = 0;
  let blockTimer = 0;
  let lastTyping = 0;
  let editing = null; // { id, room, draft }: the message being edited and the text the box held before
  const picker = $('mentions');
  let choices = [];
  let chosen = 0;

  const showError = (key, params) => say(error, key, params);

  function update() {
    text.style.height = 'auto';
    text.style.height = `${Math.min(text.scrollHeight + 2, 200)}px`;
    const n = codePoints(text.value);
    counter.hidden = n < 1500;
    counter.textContent = `${n} / ${MAX_TEXT}`;
    counter.classList.toggle('over', n > MAX_TEXT);
    button.disabled = !text.value.trim() || n > MAX_TEXT || Date.now() < blockedUntil;
    const shown = error.dataset.key;
    if ((shown === 'tooLong' && n <= MAX_TEXT) || (!text.value && shown && shown !== 'rateLimited')) showError();
  }

  function send() {
    const value = text.value;
    const n = codePoints(value);
    if (!value.trim() || Date.now() < blockedUntil) return;
    if (n > MAX_TEXT) return showError('tooLong', { n });
    if (editing) return saveEdit(value);
    const room = ctx.room();
    const again = failed && failed.text === value && failed.room === room;
    outbox.push({ text: value, room, key: again ? failed.key : randomKey() });
    failed = null;
    text.value = '';
    saveDraft();
    update();
    if (outbox.length === 1) flush();
  }

  async function flush() {
    while (outbox.length) {
      const m = outbox[0];
      try {
        const posted = await api('POST', roomUrl(m.room, 'messages'), {
          token: (ctx.me() || {}).token, body: { text: m.text }, headers: { 'Idempotency-Key': m.key },
        });
        outbox.shift();
        showError();
        if (m.room === ctx.room()) ctx.sent(posted);
      } catch (err) {
        const unsent = outbox.splice(0);
        failed = unsent.length === 1 ? unsent[0] : null;
        giveBack(unsent);
        return refused(err, codePoints(m.text));
      }
    }
  }

  // Unsent text goes back where it was written, ahead of whatever was typed since.
  function giveBack(unsent) {
    for (const room of new Set(unsent.map((m) => m.room))) {
      const texts = unsent.filter((m) => m.room === room).map((m) => m.text);
      if (room === ctx.room()) {
        text.value = [...texts, text.value].filter(Boolean).join('\n');
        saveDraft();
        update();
      } else {
        localStorage.setItem(draftKey(room), [...texts, localStorage.getItem(draftKey(room))].filter(Boolean).join('\n'));
      }
    }
  }

  function refused(err, n) {
    if (err.status === 401) return ctx.me() && ctx.sessionEnded(); // not after a deliberate logout
    if (err.status === 429) return block(err.retryAfter || 5);
    if (err.status === 413 || (err.status === 400 && n > MAX_TEXT)) return showError('tooLong', { n });
    if (err.status === 0 || err.status >= 500) return showError('unavailable');
    return showError('rejected', { msg: err.message });
  }

  function block(secs) {
    blockedUntil = Date.now() + secs * 1000;
    clearInterval(blockTimer);
    const tick = () => {
      const left = Math.ceil((blockedUntil - Date.now()) / 1000);
      if (left > 0) showError('rateLimited', { s: left });
      else {
        clearInterval(blockTimer);
        showError();
      }
      update();
    };
    tick();
    blockTimer = setInterval(tick, 1000);
  }

  function edit(el) {
    if (!editing) editing = { draft: text.value };
    Object.assign(editing, { id: el.dataset.id, room: ctx.room() });
    text.value = el.dataset.text;
    $('editing').hidden = false;
    update();
    text.focus();
  }

  function endEdit() {
    if (!editing) return;
    text.value = editing.draft;
    editing = null;
    $('editing').hidden = true;
    update();
  }

  async function saveEdit(value) {
    const { id, room } = editing;
    try {
      const m = await api('PATCH', roomUrl(room, `messages/${encodeURIComponent(id)}`), { token: ctx.me().token, body: { text: value } });
      if (editing && editing.id === id) endEdit();
      showError();
      if (room === ctx.room()) ctx.edited(m);
    } catch (err) {
      if (err.status === 409) showError('editTooLate');
      else if (err.status === 404) (endEdit(), showError('goneAlready'));
      else refused(err, codePoints(value));
    }
  }

  async function remove(id) {
    try {
      await api('DELETE', roomUrl(ctx.room(), `messages/${encodeURIComponent(id)}`), { token: ctx.me().token });
    } catch (err) {
      if (err.status !== 404) refused(err, 0);
    }
  }

  // @name completion: the word being typed before the caret, matched against the people online.
  function complete() {
    const before = text.value.slice(0, text.selectionStart);
    const m = /(?:^|\s)@([\p{L}\p{N}_.-]*)$/u.exec(before);
    const me = (ctx.me() || {}).name;
    const prefix = m ? m[1].toLowerCase() : null;
    choices = prefix === null ? [] : ctx.online().filter((n) => n !== me && n.toLowerCase().startsWith(prefix)).slice(0, 6);
    chosen = 0;
    renderChoices();
  }

  function renderChoices() {
    picker.hidden = !choices.length;
    picker.replaceChildren(...choices.map((name, i) => {
      const li = document.createElement('li');
      li.textContent = `@${name}`;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', String(i === chosen));
      li.addEventListener('mousedown', (e) => (e.preventDefault(), pick(name)));
      return li;
    }));
  }

  function pick(name) {
    const caret = text.selectionStart;
    const start = text.value.slice(0, caret).lastIndexOf('@');
    text.value = `${text.value.slice(0, start)}@${name} ${text.value.slice(caret)}`;
    text.selectionStart = text.selectionEnd = start + name.length + 2;
    choices = [];
    renderChoices();
    update();
  }

  // Keys of the completion list and of editing; true when the key was used.
  function specialKey(e) {
    if (choices.length) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        chosen = (chosen + (e.key === 'ArrowDown' ? 1 : choices.length - 1)) % choices.length;
        renderChoices();
        return true;
      }
      if (e.key === 'Tab' || (e.key === 'Enter' && !e.shiftKey)) return pick(choices[chosen]), true;
      if (e.key === 'Escape') return (choices = []), renderChoices(), true;
    }
    if (e.key === 'Escape' && editing) return endEdit(), true;
    if (e.key === 'ArrowUp' && !text.value && !editing) {
      const el = ctx.lastOwn();
      if (el) return edit(el), true;
    }
    return false;
  }

  function typing() {
    const me = ctx.me();
    if (!me || !text.value.trim() || Date.now() - lastTyping < TYPING_EVERY_MS) return;
    lastTyping = Date.now();
    api('POST', roomUrl(ctx.room(), 'typing'), { token: me.token }).catch(() => {});
  }

  function saveDraft() {
    const room = ctx.room();
    if (!room || editing) return;
    if (text.value) localStorage.setItem(draftKey(room), text.value);
    else localStorage.removeItem(draftKey(room));
  }

  text.addEventListener('keydown', (e) => {
    if (!e.isComposing && specialKey(e)) {
      e.preventDefault();
      e.stopPropagation();
    } else if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      send();
    }
  });
  text.addEventListener('input', () => {
    update();
    saveDraft();
    if (!editing) typing();
    complete();
  });
  text.addEventListener('blur', () => setTimeout(() => ((choices = []), renderChoices()), 150));
  $('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    send();
    text.focus();
  });

  return {
    saveDraft,
    edit,
    remove,
    roomChanged() {
      editing = null;
      $('editing').hidden = true;
      choices = [];
      renderChoices();
      text.value = localStorage.getItem(draftKey(ctx.room())) || '';
      failed = null;
      lastTyping = 0;
      if (error.dataset.key !== 'rateLimited') showError();
      update();
      if (matchMedia('(pointer: fine)').matches) text.focus();
    },
    relabel() {
      text.placeholder = t('composerPh', { room: ctx.room() });
      text.setAttribute('aria-label', text.placeholder);
      update();
    },
  };
}
