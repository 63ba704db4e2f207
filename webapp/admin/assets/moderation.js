// Bans (list, lift, ban a name for some minutes with a reason) and the moderation log, newest
// first, paged backwards. Everything from the server is set as text, never as markup.
import * as api from './api.js';
import { t, fmtStamp } from './i18n.js';
import { byId, el } from './dom.js';

const NAME = /^[\p{L}\p{N}_.-]{1,32}$/u;
const MAX_MINUTES = 525600;
const PAGE = 20;
const REFRESH_MS = 5000;
const CONFIRM_MS = 4000;

export class Moderation {
  constructor(toast, onAuthLost) {
    this.toast = toast;
    this.onAuthLost = onAuthLost;
    this.bans = [];
    this.entries = [];
    this.more = false;
    byId('ban-form').addEventListener('submit', (e) => this.submitBan(e));
    byId('audit-older').addEventListener('click', () => this.loadAudit(false));
    byId('audit-refresh').addEventListener('click', () => this.loadAudit(true));
    this.refresh();
    this.loadAudit(true);
    this.timer = setInterval(() => !document.hidden && this.refresh(), REFRESH_MS);
  }

  // From a room's user list: the ban form, filled in with the name.
  prefill(name) {
    byId('ban-name').value = name;
    byId('ban-error').textContent = '';
    byId('ban-form').scrollIntoView({ block: 'center' });
    byId('ban-minutes').focus();
  }

  async refresh() {
    if (!api.signedIn()) return;
    try {
      this.bans = await api.bans();
      this.renderBans();
    } catch (err) {
      this.failed(err, false);
    }
  }

  async loadAudit(fresh) {
    const before = fresh ? null : this.entries.at(-1)?.id;
    try {
      const page = await api.audit(PAGE, before);
      this.entries = fresh ? page : [...this.entries, ...page];
      this.more = page.length === PAGE;
      this.renderAudit();
    } catch (err) {
      this.failed(err, true);
    }
  }

  // After a language switch.
  render() {
    this.renderBans();
    this.renderAudit();
  }

  renderBans() {
    const list = byId('ban-list');
    list.replaceChildren(...this.bans.map((b) => this.banItem(b)));
    byId('no-bans').hidden = this.bans.length > 0;
  }

  banItem(b) {
    const li = el('li');
    const who = el('div', 'ban-who');
    who.append(el('span', 'name', b.name), el('span', 'muted small', t('banUntil', { until: fmtStamp(Date.parse(b.until)) })));
    const why = el('div', 'ban-why muted small', b.reason ? t('banReasonBy', { reason: b.reason, admin: b.admin }) : t('banBy', { admin: b.admin }));
    const lift = twoStep(t('lift'), () => t('confirmLift', { name: b.name }), async () => {
      try {
        await api.unban(b.name);
        this.toast('lifted', { name: b.name });
      } catch (err) {
        if (!(err instanceof api.HttpError && err.status === 404)) throw err;
        this.toast('notBanned', { name: b.name });
      }
      await Promise.all([this.refresh(), this.loadAudit(true)]);
    }, (err) => this.failed(err, true));
    li.append(who, why, lift);
    return li;
  }

  renderAudit() {
    byId('audit-list').replaceChildren(...this.entries.map((e) => auditItem(e)));
    byId('no-audit').hidden = this.entries.length > 0;
    byId('audit-older').hidden = !this.more;
  }

  async submitBan(event) {
    event.preventDefault();
    const name = byId('ban-name').value.trim();
    const minutes = Number(byId('ban-minutes').value);
    const reason = byId('ban-reason').value.trim();
    const error = byId('ban-error');
    if (!NAME.test(name)) return void (error.textContent = t('banNameInvalid'));
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_MINUTES) return void (error.textContent = t('banMinutesInvalid'));
    if ([...reason].length > 200) return void (error.textContent = t('banReasonInvalid'));
    error.textContent = '';
    const button = byId('ban-button');
    button.disabled = true;
    try {
      const ban = await api.ban(name, minutes, reason);
      this.toast('bannedToast', { name: ban.name, until: fmtStamp(Date.parse(ban.until)) });
      byId('ban-name').value = '';
      byId('ban-reason').value = '';
      await Promise.all([this.refresh(), this.loadAudit(true)]);
    } catch (err) {
      if (err instanceof api.HttpError && err.status === 400) error.textContent = t('actionFailed', { msg: err.message });
      else this.failed(err, true);
    } finally {
      button.disabled = false;
    }
  }

  failed(err, loud) {
    if (err instanceof api.AuthError || err instanceof api.AdminOffError) this.onAuthLost(err);
    else if (loud) this.toast('actionFailed', { msg: err.message }, true);
  }
}

function auditItem(e) {
  const li = el('li');
  const time = el('time', 'muted', fmtStamp(e.ts));
  time.dateTime = new Date(e.ts).toISOString();
  const line = el('p', 'what');
  line.append(el('span', 'who', e.admin), ' ', t(`act_${e.action}`) || e.action, ' ', el('span', 'target', e.target));
  if (e.room) line.append(' ', t('inRoom', { room: e.room }));
  li.append(time, line);
  if (e.detail) li.append(el('p', 'detail muted small', e.detail));
  return li;
}

// A button pressed twice: the second press within a few seconds confirms.
export function twoStep(label, confirmLabel, action, onError) {
  const button = el('button', 'danger', label);
  button.type = 'button';
  let timer = null;
  button.addEventListener('click', async () => {
    if (!button.classList.contains('armed')) {
      button.classList.add('armed');
      button.textContent = confirmLabel();
      timer = setTimeout(() => { button.classList.remove('armed'); button.textContent = label; }, CONFIRM_MS);
      return;
    }
    clearTimeout(timer);
    button.disabled = true;
    try {
      await action();
    } catch (err) {
      onError(err);
    } finally {
      button.disabled = false;
      button.classList.remove('armed');
      button.textContent = label;
    }
  });
  return button;
}
