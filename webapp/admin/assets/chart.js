// A small line chart on a canvas: time on x (the last `windowMs`), one line per series, a legend of
// DOM elements (text only, never markup). Redraws itself when its box changes size.
import { t } from './i18n.js';

// A history sample covers the 5 s before it: a line may start that far left of the window.
const LEAD_MS = 6000;
const PAD = { left: 46, right: 10, top: 10, bottom: 22 };
const DASHES = { solid: [], dashed: [6, 4], dotted: [2, 3] };

export class LineChart {
  // figure: a <figure> with a <canvas> and a <ul class="legend">; format: y value -> label;
  // minTop: the y axis reaches at least this far (5 for whole numbers, so that ticks are whole).
  constructor(figure, { format, minTop = 1, windowMs = 90_000 }) {
    this.figure = figure;
    this.canvas = figure.querySelector('canvas');
    this.legend = figure.querySelector('.legend');
    this.format = format;
    this.minTop = minTop;
    this.windowMs = windowMs;
    this.series = [];
    this.now = Date.now();
    new ResizeObserver(() => this.draw()).observe(this.canvas);
  }

  // series: [{ label, color, style: 'solid'|'dashed'|'dotted', points: [[time, value], ...] }]
  update(series, now, windowMs = this.windowMs) {
    this.series = series;
    this.now = now;
    this.windowMs = windowMs;
    const from = now - windowMs - LEAD_MS;
    this.figure.dataset.points = String(Math.max(0, ...series.map((s) => s.points.filter(([time]) => time >= from).length)));
    this.renderLegend();
    this.draw();
  }

  renderLegend() {
    const items = this.series.map((s) => {
      const li = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = `swatch ${s.style}`;
      swatch.style.borderTopColor = s.color;
      li.append(swatch, document.createTextNode(s.label));
      return li;
    });
    this.legend.replaceChildren(...items);
  }

  draw() {
    const { canvas } = this;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (!width || !height) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const style = getComputedStyle(canvas);
    const css = { getPropertyValue: (name) => style.getPropertyValue(name).trim() };
    const box = { x: PAD.left, y: PAD.top, w: width - PAD.left - PAD.right, h: height - PAD.top - PAD.bottom };
    const from = this.now - this.windowMs;
    const visible = this.series.map((s) => ({ ...s, points: s.points.filter(([time]) => time >= from - LEAD_MS) }));
    const top = niceCeiling(Math.max(this.minTop, ...visible.flatMap((s) => s.points.map(([, v]) => v)).filter(Number.isFinite)));
    const x = (time) => box.x + ((time - from) / this.windowMs) * box.w;
    const y = (value) => box.y + box.h - (value / top) * box.h;
    this.drawGrid(ctx, css, box, top, y);
    this.drawTimes(ctx, css, box, x);
    ctx.save();
    ctx.beginPath();
    ctx.rect(box.x, box.y - 2, box.w, box.h + 4);
    ctx.clip();
    for (const s of visible) drawLine(ctx, s, x, y, box);
    ctx.restore();
    if (!visible.some((s) => s.points.length)) {
      ctx.fillStyle = css.getPropertyValue('--muted');
      ctx.textAlign = 'center';
      ctx.fillText(t('noData'), box.x + box.w / 2, box.y + box.h / 2);
    }
  }

  drawGrid(ctx, css, box, top, y) {
    ctx.font = '11px system-ui, sans-serif';
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.lineWidth = 1;
    const ticks = top / 10 ** Math.floor(Math.log10(top)) === 2 ? 4 : 5; // steps of 1, 2 or 5 times a power of ten
    for (let i = 0; i <= ticks; i++) {
      const value = (top * i) / ticks;
      const line = Math.round(y(value)) + 0.5;
      ctx.strokeStyle = css.getPropertyValue(i === 0 ? '--axis' : '--grid');
      ctx.beginPath();
      ctx.moveTo(box.x, line);
      ctx.lineTo(box.x + box.w, line);
      ctx.stroke();
      ctx.fillStyle = css.getPropertyValue('--muted');
      ctx.fillText(this.format(value), box.x - 6, line);
    }
  }

  drawTimes(ctx, css, box, x) {
    ctx.textBaseline = 'top';
    ctx.fillStyle = css.getPropertyValue('--muted');
    const step = this.windowMs / 3;
    for (let ago = this.windowMs; ago >= 0; ago -= step) {
      ctx.textAlign = ago === this.windowMs ? 'left' : ago === 0 ? 'right' : 'center';
      ctx.fillText(ago === 0 ? t('now') : agoText(ago), x(this.now - ago), box.y + box.h + 6);
    }
  }
}

function drawLine(ctx, s, x, y, box) {
  if (!s.points.length) return;
  ctx.setLineDash(DASHES[s.style] || []);
  ctx.lineWidth = s.style === 'solid' ? 2 : 1.6;
  ctx.lineJoin = 'round';
  ctx.strokeStyle = s.color;
  ctx.beginPath();
  s.points.forEach(([time, value], i) => (i ? ctx.lineTo(x(time), y(value)) : ctx.moveTo(x(time), y(value))));
  ctx.stroke();
  ctx.setLineDash([]);
  if (s.style === 'solid') {
    const [lastTime, lastValue] = s.points[s.points.length - 1];
    ctx.lineTo(x(lastTime), box.y + box.h);
    ctx.lineTo(x(s.points[0][0]), box.y + box.h);
    ctx.closePath();
    ctx.globalAlpha = 0.08;
    ctx.fillStyle = s.color;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.beginPath();
    ctx.arc(x(lastTime), y(lastValue), 2.5, 0, 2 * Math.PI);
    ctx.fill();
  }
}

function agoText(ms) {
  return ms < 120_000 ? t('ago', { s: Math.round(ms / 1000) }) : t('agoMin', { m: Math.round(ms / 60_000) });
}

// The smallest of 1, 2, 2.5 or 5 times a power of ten at or above the maximum.
function niceCeiling(max) {
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((v) => v >= max * (1 - 1e-9));
}
