// The message box: Enter sends, Shift+Enter breaks the line; drafts survive errors, reloads and room
// switches; a retried send reuses its Idempotency-Key so nothing is posted twice.
import { api, codePoints, randomKey, roomUrl, MAX_TEXT } from './api.js';
import { say, t } from './i18n.js';

const $ = (id) => document.getElementById(id);
const draftKey = (room) => `ssechat.draft.${room}`;
const TYPING_EVERY_MS = 2000;

// ctx: me() -> session, room() -> current room, sent(message), sessionEnded()
export function initComposer(ctx) {
  const text = $('text');
  const button = $('send');
  const error = $('send-error');
  const counter = $('counter');
  let pending = null; // { text, room, key } of the message in flight or last failed
  let sending = false;
  let blockedUntil = 0;
  let blockTimer = 0;
  let lastTyping = 0;

  const showError = (key, params) => say(error, key, params);

  function update() {
    text.style.height = 'auto';
    text.style.height = `${Math.min(text.scrollHeight + 2, 200)}px`;
    const n = codePoints(text.value);
    counter.hidden = n < 1500;
    counter.textContent = `${n} / ${MAX_TEXT}`;
    counter.classList.toggle('over', n > MAX_TEXT);
    button.disabled = !text.value.trim() || n > MAX_TEXT || sending || Date.now() < blockedUntil;
    const shown = error.dataset.key;
    if ((shown === 'tooLong' && n <= MAX_TEXT) || (!text.value && shown && shown !== 'rateLimited')) showError();
  }

  async function send() {
    const value = text.value;
    const n = codePoints(value);
    if (!value.trim() || sending || Date.now() < blockedUntil) return;
    if (n > MAX_TEXT) return showError('tooLong', { n });
    const room = ctx.room();
    if (!pending || pending.text !== value || pending.room !== room) pending = { text: value, room, key: randomKey() };
    sending = true;
    update();
    try {
      const m = await api('POST', roomUrl(room, 'messages'), {
        token: ctx.me().token, body: { text: value }, headers: { 'Idempotency-Key': pending.key },
      });
      pending = null;
      showError();
      delivered(m, room, value);
    } catch (err) {
      failed(err, n);
    } finally {
      sending = false;
      update();
    }
  }

  function delivered(m, room, value) {
    if (ctx.room() !== room) {
      if (localStorage.getItem(draftKey(room)) === value) localStorage.removeItem(draftKey(room));
      return;
    }
    if (text.value === value) {
      text.value = '';
      saveDraft();
    }
    ctx.sent(m);
  }

  function failed(err, n) {
    if (err.status === 401) return ctx.sessionEnded();
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

  function typing() {
    const me = ctx.me();
    if (!me || !text.value.trim() || Date.now() - lastTyping < TYPING_EVERY_MS) return;
    lastTyping = Date.now();
    api('POST', roomUrl(ctx.room(), 'typing'), { token: me.token }).catch(() => {});
  }

  function saveDraft() {
    const room = ctx.room();
    if (!room) return;
    if (text.value) localStorage.setItem(draftKey(room), text.value);
    else localStorage.removeItem(draftKey(room));
  }

  text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      send();
    }
  });
  text.addEventListener('input', () => {
    update();
    saveDraft();
    typing();
  });
  $('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    send();
    text.focus();
  });

  return {
    saveDraft,
    roomChanged() {
      text.value = localStorage.getItem(draftKey(ctx.room())) || '';
      pending = null;
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
