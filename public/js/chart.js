// Executions per bucket by status, as stacked bars drawn with SVG elements (no library).
const NS = 'http://www.w3.org/2000/svg';
const COLORS = { success: '#16a34a', exit_error: '#d97706', trap: '#dc2626', internal_error: '#991b1b', invalid_module: '#f87171', time_limit_exceeded: '#7c3aed', memory_limit_exceeded: '#a855f7', output_limit_exceeded: '#c084fc' };

const svg = (tag, attributes) => {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
};

export function drawUsage(container, report) {
  const series = report.series;
  const width = 720; const height = 200; const left = 36; const bottom = 20;
  const max = Math.max(1, ...series.map((point) => point.executions));
  const root = svg('svg', { viewBox: `0 0 ${width} ${height + 10}`, preserveAspectRatio: 'none' });
  root.append(svg('line', { x1: left, y1: height - bottom, x2: width, y2: height - bottom, stroke: '#cbd5e1' }));
  const label = svg('text', { x: 0, y: 12 }); label.textContent = String(max); root.append(label);
  // One slot per bucket of the whole range, so empty hours or days show as gaps.
  const bucketMs = report.bucket === 'day' ? 86_400_000 : 3_600_000;
  const first = Math.floor(new Date(report.from).getTime() / bucketMs) * bucketMs;
  const slots = Math.max(1, Math.ceil((new Date(report.to).getTime() - first) / bucketMs));
  const slot = (width - left) / slots;
  series.forEach((point) => {
    const i = Math.min(slots - 1, Math.round((new Date(point.start).getTime() - first) / bucketMs));
    let y = height - bottom;
    for (const [status, count] of Object.entries(point.byStatus)) {
      const h = ((height - bottom - 16) * count) / max;
      y -= h;
      const bar = svg('rect', { x: left + i * slot + 2, y, width: Math.max(2, slot - 4), height: h, fill: COLORS[status] ?? '#64748b' });
      const title = svg('title', {}); title.textContent = `${new Date(point.start).toLocaleString()}: ${count} ${status}, p50 ${point.durationMs.p50 ?? '—'} ms`;
      bar.append(title); root.append(bar);
    }
  });
  const legend = document.createElement('div');
  legend.className = 'legend';
  for (const status of new Set(series.flatMap((point) => Object.keys(point.byStatus)))) {
    const item = document.createElement('span');
    const swatch = document.createElement('span'); swatch.className = 'swatch'; swatch.style.background = COLORS[status] ?? '#64748b';
    item.append(swatch, status); legend.append(item);
  }
  container.replaceChildren(root, legend);
}
