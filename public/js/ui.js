// Small DOM helpers. Every value from the server is set as text (textContent, text nodes,
// attributes), never parsed as HTML.
export const $ = (id) => document.getElementById(id);

/** el('button', { class: 'x', onclick: fn, 'aria-label': '…' }, 'text', node, …) */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (value === true) node.setAttribute(name, '');
    else node.setAttribute(name, String(value));
  }
  node.append(...nodes(children));
  return node;
}

const nodes = (children) => children.flat().filter((c) => c !== undefined && c !== null && c !== false)
  .map((c) => (c instanceof Node ? c : document.createTextNode(String(c))));

/**
 * A table from column headings and rows of cells (a cell is text, a node, or a <td>). Every cell
 * carries its column's heading, so narrow screens can show each row as a labelled card.
 */
export function table(node, headings, rows, empty = 'Nothing here yet.') {
  const head = el('thead', {}, el('tr', {}, headings.map((h) => el('th', { scope: 'col' }, h))));
  const body = el('tbody');
  for (const cells of rows) {
    body.append(el('tr', {}, cells.map((cell, i) => {
      const td = cell instanceof Node && cell.tagName === 'TD' ? cell : el('td', {}, cell);
      if (headings[i]) td.dataset.label = headings[i];
      return td;
    })));
  }
  if (rows.length === 0) body.append(el('tr', { class: 'empty-row' }, el('td', { colspan: headings.length }, empty)));
  node.replaceChildren(head, body);
}

/** A toast: errors stay until dismissed, information fades after a few seconds. */
export function notify(message, kind = 'info') {
  const toast = el('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    el('div', { class: 'toast-body' }, typeof message === 'string' ? el('p', {}, message) : message),
    el('button', { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss', onclick: () => toast.remove() }, '×'));
  $('toasts').append(toast);
  while ($('toasts').children.length > 4) $('toasts').firstElementChild.remove();
  if (kind !== 'error') setTimeout(() => toast.remove(), 6000);
  return toast;
}

export function clearNotices() { $('toasts').replaceChildren(); }

/** The readable parts of a problem: title, detail, field errors, when to retry. */
export function problemParts(error) {
  const problem = error?.problem ?? { title: 'Something went wrong', detail: String(error?.message ?? error), errors: [] };
  const fields = (problem.errors ?? []).map((e) => `${e.field}: ${(e.messages ?? []).join(', ')}`);
  const retry = error?.retryAfter ? `Try again in ${error.retryAfter} s.` : '';
  return { title: problem.title, detail: problem.detail, fields, retry, code: problem.code };
}

export function showError(error) {
  const { title, detail, fields, retry } = problemParts(error);
  notify([el('p', { class: 'toast-title' }, title), detail && el('p', {}, detail),
    fields.length > 1 && el('ul', {}, fields.map((f) => el('li', {}, f))), retry && el('p', {}, retry)], 'error');
}

const numberFormat = new Intl.NumberFormat('en');
export const num = (value) => (value === null || value === undefined ? '—' : numberFormat.format(value));

export function bytes(value) {
  if (value === null || value === undefined) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let n = Number(value);
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return `${i === 0 ? n : n.toFixed(n < 10 && n % 1 !== 0 ? 1 : 0)} ${units[i]}`;
}

export function ms(value) {
  if (value === null || value === undefined) return '—';
  const n = Number(value);
  if (n >= 1000) return `${(n / 1000).toFixed(n >= 10_000 ? 1 : 2)} s`;
  return `${n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n)} ms`;
}

/** A <time> showing "3 min ago" with the full date as its tooltip. */
export function when(value) {
  if (!value) return '—';
  const date = new Date(value);
  const seconds = Math.round((Date.now() - date.getTime()) / 1000);
  const abs = Math.abs(seconds);
  const [n, unit] = abs < 45 ? [0, 'now'] : abs < 3600 ? [Math.round(abs / 60), 'min'] : abs < 86_400 ? [Math.round(abs / 3600), 'h'] : [Math.round(abs / 86_400), 'd'];
  const text = unit === 'now' ? 'just now' : seconds >= 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`;
  return el('time', { datetime: date.toISOString(), title: date.toLocaleString() }, text);
}

/** Status pill; the class colours it by kind (success, exit_error, trap, limits, ...). */
export const badge = (status, extra = '') => el('span', { class: `badge ${status} ${extra}`.trim() }, status);

export const mono = (text, title) => el('span', { class: 'mono', title }, text);

/** A button that copies text, with a fallback for pages served over plain http. */
export function copyButton(getText, label = 'Copy') {
  const button = el('button', { type: 'button', class: 'small', onclick: async () => {
    const text = getText();
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch {
      const area = el('textarea', { readonly: true, 'aria-hidden': 'true' });
      area.value = text;
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.append(area);
      area.select();
      ok = document.execCommand('copy');
      area.remove();
    }
    button.textContent = ok ? 'Copied ✓' : 'Select and copy by hand';
    setTimeout(() => { button.textContent = label; }, 2000);
  } }, label);
  return button;
}

/** The one time a key is shown: the secret, a copy button, and what to do next. */
export function secretCard(title, secret, actions = []) {
  const code = el('code', { class: 'secret-value', tabindex: '0' }, secret);
  return el('section', { class: 'card secret-card', 'aria-label': title },
    el('h2', {}, title),
    el('p', { class: 'hint' }, 'Copy it now: only a hash is stored, so it cannot be shown again.'),
    el('div', { class: 'secret-row' }, code, copyButton(() => secret), actions));
}

/**
 * An in-page confirmation (a modal <dialog>: focus stays inside, Escape cancels). Resolves with
 * the values of any inputs in `extra` when confirmed, or null when cancelled.
 */
export function confirmDialog({ title, text, confirm = 'OK', danger = false, extra = [] }) {
  const dialog = $('confirm-dialog');
  $('confirm-title').textContent = title;
  $('confirm-text').textContent = text;
  $('confirm-extra').replaceChildren(...nodes(extra));
  $('confirm-ok').textContent = confirm;
  $('confirm-ok').className = danger ? 'danger-solid' : 'primary';
  dialog.returnValue = '';
  dialog.showModal();
  $('confirm-cancel').focus();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      if (dialog.returnValue !== 'ok') return resolve(null);
      const values = {};
      for (const input of $('confirm-extra').querySelectorAll('input, select')) values[input.name || input.id] = input.value;
      resolve(values);
    }, { once: true });
  });
}

/** Runs one section's loader; a failure shows in that section instead of blanking the page. */
export async function loadInto(id, loader) {
  try {
    await loader();
  } catch (error) {
    const { title, detail } = problemParts(error);
    const message = el('p', { class: 'section-error', role: 'alert' }, el('strong', {}, title), detail ? ` — ${detail}` : '');
    const node = $(id);
    if (node.tagName === 'TABLE') node.replaceChildren(el('tbody', {}, el('tr', { class: 'empty-row' }, el('td', {}, message))));
    else node.replaceChildren(message);
  }
}

/** Runs `task` with `button` disabled, so a double click does not send twice. */
export async function busy(button, task) {
  button.disabled = true;
  try { return await task(); } finally { button.disabled = false; }
}
