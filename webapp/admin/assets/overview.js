// The cluster at a glance: summary tiles, live charts per node, and a table of every node.
import { LineChart, WINDOW_MS } from './chart.js';
import { t, fmtInt, fmtDec, fmtUptime } from './i18n.js';

const PALETTE = ['#6366f1', '#10b981', '#f59e0b', '#ef4444', '#06b6d4', '#d946ef', '#84cc16', '#f97316'];
const KEEP_MS = WINDOW_MS + 5000;
const MIB = 1024 * 1024;
const TILES = ['tileNodes', 'tileStreams', 'tileUsers', 'tilePublished', 'tileDelivered', 'tileP99', 'tileDropped', 'tileRedis'];
const COLUMNS = ['colNode', 'colUptime', 'colStreams', 'colUsers', 'colPublished', 'colDelivered', 'colLatency',
  'colDropped', 'colRedis', 'colHeap'];

const byId = (id) => document.getElementById(id);
const sum = (nodes, f) => nodes.reduce((total, n) => total + f(n), 0);

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

export class Overview {
  constructor() {
    this.history = new Map(); // node id -> [{ at, stats }], oldest first
    this.colors = new Map();
    this.view = null;
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
    for (const stats of view.nodes) this.record(stats);
    for (const [node, samples] of this.history) {
      while (samples.length && samples[0].at < view.at - KEEP_MS) samples.shift();
      if (!samples.length) this.history.delete(node);
    }
    this.render();
  }

  render() {
    if (!this.view) return;
    this.renderTiles(this.view);
    this.renderCharts(this.view.at);
    this.renderTable(this.view);
  }

  record(stats) {
    if (!this.colors.has(stats.node)) this.colors.set(stats.node, PALETTE[this.colors.size % PALETTE.length]);
    const samples = this.history.get(stats.node) || [];
    if (!samples.length || samples[samples.length - 1].at < stats.at) samples.push({ at: stats.at, stats });
    this.history.set(stats.node, samples);
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
      points: this.history.get(node).map(({ at, stats }) => [at, value(stats)]).filter(([, v]) => v !== null),
    }));
  }

  renderCharts(now) {
    const { charts } = this;
    charts.messages.update([...this.series((s) => s.messages.publishedPerSecond, 'solid', t('published')),
      ...this.series((s) => s.messages.deliveredPerSecond, 'dashed', t('delivered'))], now);
    charts.streams.update(this.series((s) => s.streams.total), now);
    charts.latency.update([...this.series((s) => s.latencyMillis.p99, 'solid', 'p99'),
      ...this.series((s) => s.latencyMillis.p90, 'dashed', 'p90'), ...this.series((s) => s.latencyMillis.p50, 'dotted', 'p50')], now);
    charts.users.update(this.series((s) => s.onlineUsers), now);
    charts.heap.update(this.series((s) => s.heap.usedBytes / MIB), now);
    charts.redis.update(this.series((s) => s.redis.roundTripMillis ?? null), now);
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
