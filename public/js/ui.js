// Small DOM helpers. Every value from the server is set as text, never as HTML.
export const $ = (id) => document.getElementById(id);

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child ?? '')));
  return node;
}

export function table(node, headings, rows) {
  node.replaceChildren(el('thead', {}, el('tr', {}, ...headings.map((h) => el('th', { scope: 'col' }, h)))), el('tbody', {}, ...rows.map((cells) => el('tr', {}, ...cells.map((c) => (c instanceof Node && c.tagName === 'TD' ? c : el('td', {}, c)))))));
  if (rows.length === 0) node.append(el('tbody', {}, el('tr', {}, el('td', { colspan: String(headings.length), class: 'muted' }, 'Nothing yet.'))));
}

export function notify(message, kind = 'error') {
  const box = $('notice');
  box.className = `notice ${kind === 'error' ? '' : 'info'}`;
  box.replaceChildren(...(typeof message === 'string' ? [message] : message));
  box.hidden = false;
}

export function clearNotice() { $('notice').hidden = true; }

/** A problem from the API as a readable message: its title and detail. */
export function showError(error) {
  const problem = error?.problem;
  if (problem) notify([el('strong', {}, problem.title ?? 'Error'), problem.detail ?? '']);
  else notify([el('strong', {}, 'Something went wrong'), String(error?.message ?? error)]);
}

export function bytes(value) {
  if (value === null || value === undefined) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let n = Number(value); let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return `${n.toFixed(n < 10 && i ? 1 : 0)} ${units[i]}`;
}

export const when = (value) => (value ? new Date(value).toLocaleString() : '—');

export function badge(status) { return el('span', { class: `badge ${status}` }, status); }
