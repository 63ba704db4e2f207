// The cluster at a glance: summary tiles, charts per node (opened from the nodes' history, then
// live), and a table of every node.
import * as api from './api.js';
import { LineChart } from './chart.js';
import { t, fmtInt, fmtDec, fmtUptime } from './i18n.js';
import { byId, el } from './dom.js';

const PALETTE = ['#6366f1', '#10b981', '#f59e0b', '#ef4444', '#06b6d4', '#d946ef', '#84cc16', '#f97316'];
const RANGES = [{ minutes: 1.5, key: 'range90s' }, { minutes: 15, key: 'range15m' }, { minutes: 60, key: 'range60m' }];
const MIB = 1024 * 1024;
const TILES = ['tileNodes', 'tileStreams', 'tileUsers', 'tilePublished', 'tileDelivered', 'tileP99', 'tileDropped', 'tileRedis'];
const COLUMNS = ['colNode', 'colUptime', 'colStreams', 'colUsers', 'colPublished', 'colDelivered', 'colLatency',
  'colDropped', 'colRedis', 'colHeap'];

const sum = (nodes, f) => nodes.reduce((total, n) => total + f(n), 0);

export class Overview {
  constructor() {
    this.history = new Map(); // node id -> [{ at, point }], oldest first: the charts' figures
    this.colors = new Map();
    this.view = null;
    this.minutes = 15;
    this.loaded = 0; // the most minutes of history loaded so far
    this.rangeButtons = this.makeRanges();
    this.charts = {
      messages: new LineChart(byId('chart-messages'), { format: fmtDec }),
      streams: new LineChart(byId('chart-streams'), { format: fmtInt, minTop: 5 }),
      latency: new LineChart(byId('chart-latency'), { format: fmtInt, minTop: 5 }),
      users: new LineChart(byId('chart-users'), { format: fmtInt, minTop: 5 }),
      heap: new LineChart(byId('chart-heap'), { format: fmtInt, minTop: 5 }),
      redis: new LineChart(byId('chart-redis'), { format: fmtDec }),
    };
    this.tiles = new Map(TILES.map((key) => [key, this.makeTile(key)]));
  }

  update(view) {
    this.view = view;
    for (const stats of view.nodes) this.record(stats.node, stats.at, livePoint(stats));
    this.prune(view.at);
    this.render();
  }

  // Fills the charts from every node's samples (GET stats/history), gone nodes included: samples
  // before and after what the charts hold are added; the live feed's own points are kept.
  // `again`: after a new sign-in, as the charts may have missed a while.
  async loadHistory(again = false) {
    const minutes = Math.ceil(this.minutes);
    if (!again && minutes <= this.loaded) return;
    const history = await api.statsHistory(minutes);
    this.loaded = Math.max(this.loaded, minutes);
    for (const { node, samples } of history.nodes) {
      this.colorOf(node);
      const held = this.history.get(node) || [];
      const points = samples.map((s) => ({ at: s.at, point: samplePoint(s) }));
      if (!held.length) {
        this.history.set(node, points);
      } else {
        const first = held[0].at;
        const last = held[held.length - 1].at;
        this.history.set(node, [...points.filter((p) => p.at < first), ...held, ...points.filter((p) => p.at > last)]);
      }
    }
    this.prune(this.view ? this.view.at : history.at);
    this.renderCharts(this.view ? this.view.at : history.at);
  }

  prune(now) {
    const keep = this.minutes * 60_000 + 10_000;
    for (const [node, samples] of this.history) {
      while (samples.length && samples[0].at < now - keep) samples.shift();
      if (!samples.length) this.history.delete(node);
    }
  }

  // The charts' time range: buttons above them, the history loaded again when it reaches further.
  makeRanges() {
    const group = el('div', 'ranges');
    group.setAttribute('role', 'group');
    group.id = 'chart-range';
    const buttons = RANGES.map(({ minutes, key }) => {
      const button = el('button', 'chip', t(key));
      button.type = 'button';
      button.dataset.minutes = String(minutes);
      button.dataset.key = key;
      button.addEventListener('click', () => this.setRange(minutes));
      return button;
    });
    group.append(...buttons);
    document.querySelector('.charts').before(group);
    return buttons;
  }

  async setRange(minutes) {
    this.minutes = minutes;
    this.render();
    try {
      await this.loadHistory();
    } catch (err) {
      // the charts go on with what they hold; the live feed shows the connection state
    }
  }

  render() {
    const group = this.rangeButtons[0].parentElement;
    group.setAttribute('aria-label', t('chartRange'));
    for (const button of this.rangeButtons) {
      button.textContent = t(button.dataset.key);
      button.setAttribute('aria-pressed', String(Number(button.dataset.minutes) === this.minutes));
    }
    if (!this.view) return;
    this.renderTiles(this.view);
    this.renderCharts(this.view.at);
    this.renderTable(this.view);
  }

  colorOf(node) {
    if (!this.colors.has(node)) this.colors.set(node, PALETTE[this.colors.size % PALETTE.length]);
    return this.colors.get(node);
  }

  record(node, at, point) {
    this.colorOf(node);
    const samples = this.history.get(node) || [];
    if (!samples.length || samples[samples.length - 1].at < at) samples.push({ at, point });
    this.history.set(node, samples);
  }

  makeTile(key) {
    const tile = el('div', 'tile');
    tile.dataset.tile = key;
    const label = el('span', 'label');
    label.dataset.i18n = key;
    label.textContent = t(key);
    tile.append(label, el('strong', 'value', '–'), el('span', 'sub', ''));
    byId('tiles').append(tile);
    return tile;
  }

  setTile(key, value, sub = '', state = '') {
    const tile = this.tiles.get(key);
    tile.querySelector('.value').textContent = value;
    tile.querySelector('.sub').textContent = sub;
    tile.dataset.state = state;
  }

  renderTiles(view) {
    const nodes = view.nodes;
    const down = nodes.filter((n) => n.redis.state !== 'UP').length;
    const slowest = Math.max(...nodes.map((n) => n.redis.roundTripMillis || 0));
    this.setTile('tileNodes', fmtInt(nodes.length), view.partial ? t('partial') : '', view.partial ? 'warn' : '');
    this.setTile('tileStreams', fmtInt(sum(nodes, (n) => n.streams.total)));
    this.setTile('tileUsers', fmtInt(sum(nodes, (n) => n.onlineUsers)));
    this.setTile('tilePublished', fmtDec(sum(nodes, (n) => n.messages.publishedPerSecond)), `Σ ${fmtInt(sum(nodes, (n) => n.messages.published))}`);
    this.setTile('tileDelivered', fmtDec(sum(nodes, (n) => n.messages.deliveredPerSecond)), `Σ ${fmtInt(sum(nodes, (n) => n.messages.delivered))}`);
    this.setTile('tileP99', t('ms', { n: fmtInt(Math.max(...nodes.map((n) => n.latencyMillis.p99))) }),
      `p50 ${t('ms', { n: fmtInt(Math.max(...nodes.map((n) => n.latencyMillis.p50))) })}`);
    const dropped = sum(nodes, (n) => n.droppedStreams);
    this.setTile('tileDropped', fmtInt(dropped), '', dropped ? 'warn' : '');
    this.setTile('tileRedis', down ? t('redisDown', { n: down }) : t('redisAllUp'), t('ms', { n: fmtDec(slowest) }), down ? 'bad' : 'ok');
  }

  series(value, style = 'solid', suffix = '') {
    return [...this.history.keys()].sort().map((node) => ({
      label: suffix ? `${node} · ${suffix}` : node,
      color: this.colors.get(node),
      style,
      points: this.history.get(node).map(({ at, point }) => [at, value(point)]).filter(([, v]) => v !== null),
    }));
  }

  renderCharts(now) {
    const { charts } = this;
    const range = this.minutes * 60_000;
    charts.messages.update([...this.series((p) => p.published, 'solid', t('published')),
      ...this.series((p) => p.delivered, 'dashed', t('delivered'))], now, range);
    charts.streams.update(this.series((p) => p.streams), now, range);
    charts.latency.update([...this.series((p) => p.latency.p99, 'solid', 'p99'),
      ...this.series((p) => p.latency.p90, 'dashed', 'p90'), ...this.series((p) => p.latency.p50, 'dotted', 'p50')], now, range);
    charts.users.update(this.series((p) => p.users), now, range);
    charts.heap.update(this.series((p) => p.heapMiB), now, range);
    charts.redis.update(this.series((p) => p.redis), now, range);
  }

  renderTable(view) {
    const head = byId('node-table').tHead.rows[0];
    head.replaceChildren(...COLUMNS.map((key) => el('th', '', t(key))));
    byId('node-table').tBodies[0].replaceChildren(...view.nodes.map((n) => this.row(n, n.node === view.node)));
  }

  row(n, self) {
    const tr = el('tr');
    tr.dataset.node = n.node;
    const name = el('td', 'node');
    const swatch = el('span', 'dot');
    swatch.style.background = this.colors.get(n.node);
    name.append(swatch, el('span', 'name', n.node));
    if (self) name.append(el('span', 'tag', t('thisNode')));
    const redis = el('td');
    redis.append(el('span', `badge ${n.redis.state === 'UP' ? 'ok' : 'bad'}`, t(n.redis.state === 'UP' ? 'up' : 'down')),
      el('span', 'muted', n.redis.roundTripMillis == null ? '' : ` ${t('ms', { n: fmtDec(n.redis.roundTripMillis) })}`));
    tr.append(name, el('td', 'num', fmtUptime(n.uptimeSeconds)), el('td', 'num', fmtInt(n.streams.total)),
      el('td', 'num', fmtInt(n.onlineUsers)), rate(n.messages.published, n.messages.publishedPerSecond),
      rate(n.messages.delivered, n.messages.deliveredPerSecond),
      el('td', 'num', `${n.latencyMillis.p50} / ${n.latencyMillis.p90} / ${t('ms', { n: n.latencyMillis.p99 })}`),
      el('td', `num${n.droppedStreams ? ' warn' : ''}`, fmtInt(n.droppedStreams)), redis, heap(n.heap));
    return tr;
  }
}

// A chart point from a live figure: latency over the last 5 s, as in the samples, not since start.
function livePoint(s) {
  return { published: s.messages.publishedPerSecond, delivered: s.messages.deliveredPerSecond, streams: s.streams.total,
    users: s.onlineUsers, latency: s.recentLatencyMillis || s.latencyMillis, heapMiB: s.heap.usedBytes / MIB,
    redis: s.redis.roundTripMillis ?? null };
}

// A chart point from a history sample: rates and latency over the 5 s before it.
function samplePoint(s) {
  return { published: s.messages.publishedPerSecond, delivered: s.messages.deliveredPerSecond, streams: s.streams,
    users: s.onlineUsers, latency: s.latencyMillis, heapMiB: s.heap.usedBytes / MIB, redis: s.redis.roundTripMillis ?? null };
}

function rate(total, perSecond) {
  const td = el('td', 'num', fmtInt(total));
  td.append(el('span', 'muted', ` ${t('perSecond', { n: fmtDec(perSecond) })}`));
  return td;
}

function heap({ usedBytes, maxBytes }) {
  const td = el('td', 'heap');
  const bar = el('span', 'bar');
  const fill = el('span', 'fill');
  const share = maxBytes > 0 ? Math.min(1, usedBytes / maxBytes) : 0;
  fill.style.width = `${Math.round(share * 100)}%`;
  if (share > 0.85) fill.classList.add('high');
  bar.append(fill);
  td.append(bar, el('span', 'num', `${fmtInt(usedBytes / MIB)} / ${maxBytes > 0 ? fmtInt(maxBytes / MIB) : '∞'} MiB`));
  return td;
}
