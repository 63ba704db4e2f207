// One event stream per room per browser: the tabs elect a leader, which holds the EventSource and
// relays every event to the other tabs over a BroadcastChannel. Without BroadcastChannel each tab
// keeps its own stream. A stream the server ends on purpose says why first (`ended`): after a kick,
// a ban or a logout elsewhere it stays closed; after `shutdown` the browser reconnects as usual.
const EVENTS = ['welcome', 'message', 'edit', 'join', 'leave', 'delete', 'typing', 'reset', 'ended'];
const FINAL = ['kicked', 'banned', 'logout'];
const canShare = typeof BroadcastChannel === 'function';

export class RoomStream {
  // opts: room, user, token, lastId() -> newest id held, onEvent(type, data), onState(state, retryAt), onAuthFailed(),
  // onEnded({room, reason, until}) when the server ends the stream for good
  constructor(opts) {
    Object.assign(this, opts);
    this.name = `ssechat:${encodeURIComponent(opts.user)}:${opts.room}`;
    this.state = 'connecting';
    this.attempts = 0;
  }

  // Start hearing the leader's relays at once (so nothing is missed while history loads)...
  listen() {
    if (!canShare) return;
    this.channel = new BroadcastChannel(this.name);
    this.channel.onmessage = (e) => this.fromChannel(e.data);
    this.channel.postMessage({ t: 'hello' });
  }

  // ...and take part in the election once history is in place.
  run() {
    if (!canShare) return this.lead();
    this.cancelElection = elect(this.name, () => this.lead());
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.endProbe();
    if (this.es) this.es.close();
    if (this.cancelElection) this.cancelElection();
    if (this.channel) this.channel.close();
  }

  fromChannel(m) {
    if (this.leading) {
      if (m.t === 'hello') this.relay({ t: 'state', state: this.state, retryAt: this.retryAt });
    } else if (m.t === 'ev') {
      if (m.type === 'ended') this.ended(m.data);
      else this.onEvent(m.type, m.data);
    } else if (m.t === 'state') {
      this.setState(m.state, m.retryAt);
    }
  }

  relay(m) {
    if (this.channel) this.channel.postMessage(m);
  }

  lead() {
    if (this.stopped) return;
    this.leading = true;
    this.connect();
  }

  url() {
    const q = new URLSearchParams({ token: this.token });
    const last = this.lastId();
    if (last) q.set('lastEventId', last);
    return `api/rooms/${this.room}/events?${q}`;
  }

  connect() {
    const es = (this.es = new EventSource(this.url()));
    es.onopen = () => {
      this.attempts = 0;
      this.endProbe();
      this.setState('connected');
    };
    // While CONNECTING the browser retries by itself, sending Last-Event-ID; CLOSED means it gave up
    // (any non-200 answer) and the reconnection is ours.
    es.onerror = () => {
      this.endProbe();
      if (es.readyState === EventSource.CLOSED) this.retryLater();
      else this.setState('reconnecting');
    };
    for (const type of EVENTS) es.addEventListener(type, (e) => this.dispatch(type, e.data));
  }

  dispatch(type, raw) {
    let data;
    try {
      data = JSON.parse(raw);
    } catch {
      return;
    }
    this.relay({ t: 'ev', type, data });
    if (type === 'ended') this.ended(data);
    else this.onEvent(type, data);
  }

  // Kicked, banned or logged out: no reconnecting, in this tab or the others sharing the stream.
  ended(data) {
    if (!FINAL.includes(data.reason) || this.stopped) return;
    this.stop();
    this.onEnded(data);
  }

  retryLater() {
    if (this.es) this.es.close();
    this.es = null;
    const delay = Math.min(30000, 1000 * 2 ** this.attempts++) * (0.5 + Math.random() / 2);
    const state = this.attempts > 3 || !navigator.onLine ? 'offline' : 'reconnecting';
    this.setState(state, Date.now() + delay);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.probe(), delay);
  }

  // Called when the browser comes back online: skip the rest of the wait.
  retryNow() {
    if (this.leading && !this.es && !this.probing && !this.stopped) {
      clearTimeout(this.timer);
      this.probe();
    }
  }

  // EventSource hides the status of a failed answer; a fetch of the same URL tells a lost session
  // (401) from an unavailable server. When it answers 200 it stays open until the new EventSource
  // is open, so the user never drops out of the room in between.
  async probe() {
    const ctl = (this.probing = new AbortController());
    try {
      const res = await fetch(this.url(), { headers: { Accept: 'text/event-stream' }, cache: 'no-store', signal: ctl.signal });
      if (this.stopped) return this.endProbe();
      if (res.status === 401) {
        this.endProbe();
        this.onAuthFailed();
      } else if (res.ok) {
        this.connect();
      } else {
        this.endProbe();
        this.retryLater();
      }
    } catch {
      if (this.probing === ctl) {
        this.probing = null;
        this.retryLater();
      }
    }
  }

  endProbe() {
    if (this.probing) this.probing.abort();
    this.probing = null;
  }

  setState(state, retryAt = 0) {
    this.state = state;
    this.retryAt = retryAt;
    this.onState(state, retryAt);
    if (this.leading) this.relay({ t: 'state', state, retryAt });
  }
}

// Leader election: Web Locks where available (secure contexts), else a renewed lease in localStorage.
function elect(name, onLead) {
  if (navigator.locks) {
    const abort = new AbortController();
    let release;
    navigator.locks
      .request(name, { signal: abort.signal }, () => new Promise((resolve) => {
        release = resolve;
        onLead();
      }))
      .catch(() => {}); // AbortError: we left before our turn came
    return () => (release ? release() : abort.abort());
  }
  return leaseElection(name, onLead);
}

function leaseElection(name, onLead) {
  const me = Math.random().toString(36).slice(2);
  const key = `${name}:lease`;
  const read = () => {
    try {
      return JSON.parse(localStorage.getItem(key)) || {};
    } catch {
      return {};
    }
  };
  const write = () => localStorage.setItem(key, JSON.stringify({ id: me, until: Date.now() + 5000 }));
  let leading = false;
  const tick = () => {
    const lease = read();
    if (leading || !lease.id || lease.until < Date.now()) {
      write();
      if (!leading && read().id === me) {
        leading = true;
        onLead();
      }
    }
  };
  const release = () => {
    if (leading && read().id === me) localStorage.removeItem(key);
  };
  tick();
  const timer = setInterval(tick, 2000);
  addEventListener('pagehide', release);
  return () => {
    clearInterval(timer);
    removeEventListener('pagehide', release);
    release();
  };
}
