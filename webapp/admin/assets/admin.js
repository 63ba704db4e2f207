// The admin console: sign-in, the live stats feed, and the wiring between the panels.
import * as api from './api.js';
import { t, toggleLang, translatePage, fmtClock } from './i18n.js';
import { Overview } from './overview.js';
import { Moderation } from './moderation.js';
import { Rooms } from './rooms.js';

const WATCHDOG_MS = 5000;
const HISTORY_WAIT_MS = 4000;
const $ = (id) => document.getElementById(id);
let overview = null;
let rooms = null;
let moderation = null;
let feed = null;
let toastTimer = null;
// What the texts outside the panels say, kept so that a language switch can say it again.
const shown = { view: null, live: 'connecting', loginError: [], toast: null };

translatePage();
for (const button of document.querySelectorAll('.lang-switch')) {
  button.addEventListener('click', () => {
    toggleLang();
    translatePage();
    overview?.render();
    rooms?.render();
    moderation?.render();
    relabel();
  });
}
$('login-form').addEventListener('submit', signIn);
$('logout').addEventListener('click', () => signOut(null));
if (api.signedIn()) showDashboard(null);
else showLogin(null);

async function signIn(event) {
  event.preventDefault();
  const user = $('login-user').value.trim();
  const password = $('login-password').value;
  if (!user || !password) {
    loginError('wrongCredentials');
    return;
  }
  const button = $('login-button');
  button.disabled = true;
  button.textContent = t('signingIn');
  try {
    const view = await api.signIn(user, password);
    $('login-password').value = '';
    showDashboard(view);
  } catch (err) {
    if (err instanceof api.AuthError) loginError('wrongCredentials');
    else if (err instanceof api.ThrottledError) loginError('throttled', { s: err.seconds });
    else if (err instanceof api.AdminOffError) loginError('adminOff');
    else loginError('unreachable');
  } finally {
    button.disabled = false;
    button.textContent = t('signIn');
  }
}

function relabel() {
  loginError(...shown.loginError);
  if (shown.view) showUpdated(shown.view);
  setLive(shown.live);
  if (shown.toast) $('toast').textContent = t(...shown.toast);
  if (!$('login-button').disabled) $('login-button').textContent = t('signIn');
}

function loginError(key, params) {
  shown.loginError = [key, params];
  $('login-error').textContent = key ? t(key, params) : '';
}

function showLogin(reasonKey) {
  $('dash').hidden = true;
  $('login').hidden = false;
  loginError(reasonKey);
  $(api.currentUser() ? 'login-password' : 'login-user').focus();
}

function showDashboard(view) {
  $('login').hidden = true;
  $('dash').hidden = false;
  $('whoami').textContent = api.currentUser();
  overview ??= new Overview();
  moderation ??= new Moderation(toast, () => signOut('sessionEnded'));
  rooms ??= new Rooms(toast, () => signOut('sessionEnded'), (name) => moderation.prefill(name));
  if (view) show(view);
  const starting = new Feed();
  feed = starting;
  openCharts().then(() => { if (feed === starting && api.signedIn()) starting.run(); });
}

// The charts open filled from the nodes' history; the live feed starts after it (or without it
// when it takes too long), and only appends what is newer.
async function openCharts() {
  const tooLong = new Promise((resolve) => setTimeout(resolve, HISTORY_WAIT_MS));
  try {
    await Promise.race([overview.loadHistory(true), tooLong]);
  } catch (err) {
    if (err instanceof api.AuthError || err instanceof api.AdminOffError) signOut(err instanceof api.AuthError ? 'sessionEnded' : 'adminOff');
  }
}

function signOut(reasonKey) {
  feed?.stop();
  api.signOut();
  showLogin(reasonKey);
}

function show(view) {
  overview.update(view);
  rooms.update(view);
  showUpdated(view);
  $('live').dataset.partial = String(view.partial);
}

function showUpdated(view) {
  shown.view = view;
  $('updated').textContent = t('updated', { time: fmtClock(view.at) });
}

function setLive(state) {
  shown.live = state;
  $('live').dataset.state = state;
  $('live-text').textContent = t(state);
}

function toast(key, params = {}, bad = false) {
  const box = $('toast');
  shown.toast = [key, params];
  box.textContent = t(key, params);
  box.classList.toggle('bad', bad);
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    box.hidden = true;
    shown.toast = null;
  }, 4000);
}

// Reads the stats feed and reconnects with backoff; a feed quiet for WATCHDOG_MS counts as lost.
class Feed {
  run() {
    this.running = true;
    this.loop();
  }

  stop() {
    this.running = false;
    this.controller?.abort();
  }

  async loop() {
    let failures = 0;
    while (this.running) {
      setLive(failures ? 'reconnecting' : 'connecting');
      this.controller = new AbortController();
      let watchdog = setTimeout(() => this.controller.abort(), WATCHDOG_MS);
      try {
        for await (const view of api.statsFeed(this.controller.signal)) {
          clearTimeout(watchdog);
          watchdog = setTimeout(() => this.controller.abort(), WATCHDOG_MS);
          failures = 0;
          setLive('live');
          show(view);
        }
      } catch (err) {
        if (err instanceof api.AuthError || err instanceof api.AdminOffError) {
          if (this.running) signOut(err instanceof api.AuthError ? 'sessionEnded' : 'adminOff');
          return;
        }
      } finally {
        clearTimeout(watchdog);
      }
      if (!this.running) return;
      failures += 1;
      setLive('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 250 * 2 ** failures)));
    }
  }
}
