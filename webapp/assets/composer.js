// The message box: Enter sends, Shift+Enter breaks the line. Sent text leaves the box at once and
// is posted in order; text the server did not take comes back into the box (drafts also survive
// reloads and room switches), and a retry of the same text reuses its Idempotency-Key, so nothing
// is posted twice.
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
  const outbox = []; // { text, room, key } in the order written; the first one is in flight
  let failed = null; // the one message that came back, so that resending it reuses its key
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
    button.disabled = !text.value.trim() || n > MAX_TEXT || Date.now() < blockedUntil;
    const shown = error.dataset.key;
    if ((shown === 'tooLong' && n <= MAX_TEXT) || (!text.value && shown && shown !== 'rateLimited')) showError();
  }

  function send() {
    const value = text.value;
    const n = codePoints(value);
    if (!value.trim() || Date.now() < blockedUntil) return;
    if (n > MAX_TEXT) return showError('tooLong', { n });
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
