// Usage charts drawn as SVG with DOM calls (no library, nothing fetched): executions per
// bucket stacked by status, and duration percentiles per bucket. Each chart is sized to its
// container and redrawn when the container's width changes.
import { EXECUTION_STATUSES } from './vocabulary.js';

const NS = 'http://www.w3.org/2000/svg';

/** The statuses in display order, as the service defines them (/js/vocabulary.js). */
export const STATUS_ORDER = EXECUTION_STATUSES;
/** A colour per status; one the page does not know yet is drawn grey. */
export const STATUS_COLORS = {
  cancelled: '#94a3b8', queued: '#cbd5e1', running: '#38bdf8',
  success: '#16a34a', exit_error: '#f59e0b', trap: '#dc2626', internal_error: '#7f1d1d', invalid_module: '#fb7185',
  time_limit_exceeded: '#7c3aed', memory_limit_exceeded: '#a855f7', output_limit_exceeded: '#ea580c',
};
const PERCENTILES = [['p50', '#4f46e5'], ['p95', '#0891b2'], ['p99', '#db2777']];
const HEIGHT = { usage: 220, durations: 160 };
const MARGIN = { top: 12, right: 12, bottom: 26, left: 48 };

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Every bucket of the report's range, so quiet hours or days show as gaps. */
export function slotsOf(report) {
  const size = report.bucket === 'day' ? 86_400_000 : 3_600_000;
  const first = Math.floor(new Date(report.from).getTime() / size) * size;
  const last = new Date(report.to).getTime();
  const byStart = new Map(report.series.map((point) => [new Date(point.start).getTime(), point]));
  const slots = [];
  for (let start = first; start < last && slots.length < 1000; start += size) slots.push({ start, point: byStart.get(start) ?? null });
  return slots;
}

export function slotLabel(start, bucket, long = false) {
  const date = new Date(start);
  if (bucket === 'day') return date.toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' }) + (long ? ' (UTC)' : '');
  return long ? date.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }) : date.toLocaleTimeString(undefined, { hour: 'numeric' });
}

/** A round axis maximum and its ticks (0, step, 2·step, ...). */
function ticks(max, integer) {
  if (max <= 0) return { top: integer ? 4 : 1, values: integer ? [0, 1, 2, 3, 4] : [0, 0.5, 1] };
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  let step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough);
  if (integer) step = Math.max(1, Math.ceil(step));
  const top = Math.ceil(max / step) * step;
  const values = [];
  for (let v = 0; v <= top + step / 2; v += step) values.push(Number(v.toFixed(6)));
  return { top, values };
}

function frame(container, kind, max, integer, format, slots, bucket) {
  const width = Math.max(300, Math.floor(container.clientWidth || 720));
  const height = HEIGHT[kind];
  const plot = { x: MARGIN.left, y: MARGIN.top, w: width - MARGIN.left - MARGIN.right, h: height - MARGIN.top - MARGIN.bottom };
  const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'chart-svg' });
  const axis = ticks(max, integer);
  const y = (value) => plot.y + plot.h - (plot.h * value) / axis.top;
  for (const value of axis.values) {
    root.append(svg('line', { x1: plot.x, x2: plot.x + plot.w, y1: y(value), y2: y(value), class: value === 0 ? 'axis' : 'grid' }));
    root.append(svg('text', { x: plot.x - 6, y: y(value) + 4, 'text-anchor': 'end', class: 'tick' }, format(value)));
  }
  const slot = plot.w / Math.max(1, slots.length);
  const every = Math.max(1, Math.ceil(slots.length / Math.max(1, Math.floor(plot.w / 64))));
  slots.forEach((s, i) => {
    if (i % every !== 0) return;
    root.append(svg('text', { x: plot.x + i * slot + slot / 2, y: height - 8, 'text-anchor': 'middle', class: 'tick' }, slotLabel(s.start, bucket)));
  });
  return { root, plot, y, slot, width, height };
}

function legend(items) {
  const box = document.createElement('ul');
  box.className = 'legend';
  for (const [label, color, extra] of items) {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = color; // CSSOM, allowed by style-src 'self'
    item.append(swatch, label);
    if (extra !== undefined) {
      const count = document.createElement('strong');
      count.textContent = ` ${extra}`;
      item.append(count);
    }
    box.append(item);
  }
  return box;
}

function emptyNote(root, width, height, text) {
  root.append(svg('text', { x: width / 2, y: height / 2 - 6, 'text-anchor': 'middle', class: 'empty-note' }, text));
}

function redrawOnResize(container, draw) {
  container.redraw = draw;
  if (container.observer) return;
  let lastWidth = container.clientWidth;
  container.observer = new ResizeObserver(() => {
    if (container.clientWidth === lastWidth || container.clientWidth === 0) return;
    lastWidth = container.clientWidth;
    container.redraw();
  });
  container.observer.observe(container);
}

/** Executions per bucket, stacked by status. */
export function drawUsage(container, report) {
  const draw = () => {
    const slots = slotsOf(report);
    const max = Math.max(0, ...slots.map((s) => s.point?.executions ?? 0));
    const f = frame(container, 'usage', max, true, (v) => String(v), slots, report.bucket);
    const total = report.totals.executions;
    f.root.setAttribute('role', 'img');
    f.root.setAttribute('aria-label', `Executions per ${report.bucket} by status: ${total} in all`);
    slots.forEach((s, i) => {
      if (!s.point) return;
      const column = svg('g', { class: 'column' });
      const parts = STATUS_ORDER.filter((status) => s.point.byStatus[status]).map((status) => `${s.point.byStatus[status]} ${status}`);
      column.append(svg('title', {}, `${slotLabel(s.start, report.bucket, true)}: ${parts.join(', ')}`));
      let top = f.plot.y + f.plot.h;
      const known = [...STATUS_ORDER, ...Object.keys(s.point.byStatus).filter((k) => !STATUS_ORDER.includes(k))];
      for (const status of known) {
        const count = s.point.byStatus[status];
        if (!count) continue;
        const h = f.plot.y + f.plot.h - f.y(count);
        top -= h;
        column.append(svg('rect', { x: f.plot.x + i * f.slot + Math.min(2, f.slot * 0.15), y: top, width: Math.max(1.5, f.slot - 2 * Math.min(2, f.slot * 0.15)), height: h, fill: STATUS_COLORS[status] ?? '#64748b' }));
      }
      f.root.append(column);
    });
    if (total === 0) emptyNote(f.root, f.width, f.height, 'No executions in this range yet');
    const present = STATUS_ORDER.filter((status) => report.totals.byStatus[status]);
    container.replaceChildren(f.root, legend(present.map((status) => [status, STATUS_COLORS[status], report.totals.byStatus[status]])));
  };
  draw();
  redrawOnResize(container, draw);
}

/** p50 / p95 / p99 of run time per bucket, as lines (broken where a bucket had no runs). */
export function drawDurations(container, report) {
  const draw = () => {
    const slots = slotsOf(report);
    const values = slots.flatMap((s) => PERCENTILES.map(([p]) => s.point?.durationMs?.[p] ?? 0));
    const max = Math.max(0, ...values);
    const format = (v) => (v >= 1000 ? `${+(v / 1000).toFixed(1)} s` : `${+v.toFixed(v < 10 ? 1 : 0)} ms`);
    const f = frame(container, 'durations', max, false, format, slots, report.bucket);
    f.root.setAttribute('role', 'img');
    const t = report.totals.durationMs;
    f.root.setAttribute('aria-label', `Duration percentiles per ${report.bucket}; over the range p50 ${t.p50 ?? '—'} ms, p95 ${t.p95 ?? '—'} ms, p99 ${t.p99 ?? '—'} ms`);
    for (const [p, color] of PERCENTILES) {
      let path = '';
      let previous = false;
      slots.forEach((s, i) => {
        const value = s.point?.durationMs?.[p];
        if (value === null || value === undefined) { previous = false; return; }
        const x = f.plot.x + i * f.slot + f.slot / 2;
        path += `${previous ? 'L' : 'M'}${x.toFixed(1)},${f.y(value).toFixed(1)}`;
        previous = true;
        const dot = svg('circle', { cx: x, cy: f.y(value), r: 3, fill: color });
        dot.append(svg('title', {}, `${slotLabel(s.start, report.bucket, true)}: ${p} ${value} ms`));
        f.root.append(dot);
      });
      if (path) f.root.append(svg('path', { d: path, fill: 'none', stroke: color, 'stroke-width': 2, 'stroke-linejoin': 'round' }));
    }
    if (t.p50 === null) emptyNote(f.root, f.width, f.height, 'No completed runs in this range yet');
    container.replaceChildren(f.root, legend(PERCENTILES.map(([p, color]) => [p, color, t[p] === null ? '—' : format(t[p])])));
  };
  draw();
  redrawOnResize(container, draw);
}
