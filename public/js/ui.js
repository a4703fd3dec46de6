// Shared pieces of the views. Every value from the server is rendered as text (preact sets text
// nodes and attributes), never parsed as HTML.
import { cloneElement, html, render, useCallback, useEffect, useRef, useState } from './html.js';
import { dismiss } from './actions.js';
import { problemParts, relativeTime } from './format.js';
import { useStore } from './store.js';

/** Status pill; the class colours it by kind (success, exit_error, trap, limits, ...). */
export const Badge = ({ status, extra = '', big = false }) => html`<span class=${`badge ${status} ${extra} ${big ? 'big' : ''}`.trim()}>${status}</span>`;

export const Mono = ({ text, title }) => html`<span class="mono" title=${title}>${text}</span>`;

/** A <time> showing "3 min ago" with the full date as its tooltip. */
export function When({ value }) {
  if (!value) return '—';
  const date = new Date(value);
  return html`<time datetime=${date.toISOString()} title=${date.toLocaleString()}>${relativeTime(date)}</time>`;
}

/**
 * A table from column headings and rows of cells (a cell is text, a node, or a <td>). Every cell
 * carries its column's heading, so narrow screens can show each row as a labelled card.
 */
export function DataTable({ headings, rows, empty = 'Nothing here yet.', class: className = 'responsive', rowKey }) {
  return html`<table class=${className}>
    <thead><tr>${headings.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
    <tbody>
      ${rows.map((cells, r) => html`<tr key=${rowKey ? rowKey(r) : r}>${cells.map((cell, i) => (cell?.type === 'td'
        ? cloneElement(cell, { 'data-label': headings[i] || undefined })
        : html`<td data-label=${headings[i] || undefined}>${cell}</td>`))}</tr>`)}
      ${rows.length === 0 && html`<tr class="empty-row"><td colspan=${headings.length}>${empty}</td></tr>`}
    </tbody>
  </table>`;
}

/** Label/value pairs as a <dl class="facts">. */
export const Facts = ({ facts, class: className = 'facts' }) => html`<dl class=${className}>${facts.map(([name, value]) => html`<div><dt>${name}</dt><dd>${value}</dd></div>`)}</dl>`;

let fieldCount = 0;

/**
 * An id unique on the page, to bind a label to its control. (Preact's useId counts per render
 * root, and each view is a root of its own, so two views would get the same ids.)
 */
export function useFieldId() {
  const [id] = useState(() => `field-${++fieldCount}`);
  return id;
}

/** A labelled form control: the label is bound to the control by a generated id. */
export function Field({ label, hint, class: className = 'field', children, control }) {
  const id = useFieldId();
  return html`<div class=${className}><label for=${id}>${label}${hint && html` <span class="hint">${hint}</span>`}</label>${control(id)}${children}</div>`;
}

/** A button that copies text, with a fallback for pages served over plain http. */
export function CopyButton({ text, label = 'Copy' }) {
  const [shown, setShown] = useState(label);
  const copy = async () => {
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch {
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.append(area);
      area.select();
      ok = document.execCommand('copy');
      area.remove();
    }
    setShown(ok ? 'Copied ✓' : 'Select and copy by hand');
    setTimeout(() => setShown(label), 2000);
  };
  return html`<button type="button" class="small" onClick=${copy}>${shown}</button>`;
}

/** The one time a key is shown: the secret, a copy button, and what to do next. */
export function SecretCard({ title, secret, children, class: className = '', focus = false }) {
  const code = useRef(null);
  useEffect(() => {
    if (!focus) return;
    code.current?.closest('section')?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    code.current?.focus({ preventScroll: true });
  }, [secret]);
  return html`<section class=${`card secret-card ${className}`} aria-label=${title}>
    <h2>${title}</h2>
    <p class="hint">Copy it now: only a hash is stored, so it cannot be shown again.</p>
    <div class="secret-row"><code class="secret-value" tabindex="0" ref=${code}>${secret}</code><${CopyButton} text=${secret} />${children}</div>
  </section>`;
}

/** A button disabled while its task runs, so a double click does not send twice. */
export function BusyButton({ task, class: className = 'small', children, ...rest }) {
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try { await task(); } finally { setBusy(false); }
  };
  return html`<button type="button" class=${className} disabled=${busy} onClick=${onClick} ...${rest}>${children}</button>`;
}

/** A problem shown inside the section it broke, instead of blanking the page. */
export function SectionError({ error }) {
  const { title, detail } = problemParts(error);
  return html`<p class="section-error" role="alert"><strong>${title}</strong>${detail ? ` — ${detail}` : ''}</p>`;
}

/**
 * Loads data for a section: { value, error, reload }. Runs again when a value of `deps` changes;
 * a late answer to an earlier load is dropped.
 */
export function useLoad(loader, deps) {
  const [state, setState] = useState({ value: undefined, error: null });
  const generation = useRef(0);
  const reload = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const value = await loader();
      if (mine === generation.current) setState({ value, error: null });
    } catch (error) {
      if (mine === generation.current) setState({ value: undefined, error });
    }
  }, deps);
  useEffect(() => { void reload(); }, [reload]);
  return { ...state, reload };
}

/** The section's content once loaded, its error in its place if the load failed. */
export const Loaded = ({ state, children }) => (state.error ? html`<${SectionError} error=${state.error} />` : state.value === undefined ? null : children(state.value));

export const GRACE_CHOICES = [['0', 'at once'], ['3600', 'in 1 hour'], ['86400', 'in 24 hours'], ['604800', 'in 7 days']];

/** The choice asked for when rotating a key: how long the old one keeps working. */
export const GraceSelect = () => html`<div class="field"><label for="grace">The old key stops working</label>
  <select id="grace" name="grace">${GRACE_CHOICES.map(([value, label]) => html`<option value=${value}>${label}</option>`)}</select></div>`;

/** The toasts of the store, newest last. */
export function Toasts() {
  const toasts = useStore((state) => state.toasts);
  return toasts.map((toast) => html`<div key=${toast.id} class=${`toast ${toast.kind}`} role=${toast.kind === 'error' ? 'alert' : 'status'}>
    <div class="toast-body">${typeof toast.message === 'string' ? html`<p>${toast.message}</p>` : html`<${ProblemToast} ...${toast.message} />`}</div>
    <button type="button" class="toast-close" aria-label="Dismiss" onClick=${() => dismiss(toast.id)}>×</button>
  </div>`);
}

const ProblemToast = ({ title, detail, fields, retry }) => html`<p class="toast-title">${title}</p>${detail && html`<p>${detail}</p>`}
  ${fields.length > 1 && html`<ul>${fields.map((f) => html`<li>${f}</li>`)}</ul>`}${retry && html`<p>${retry}</p>`}`;

/**
 * An in-page confirmation (a modal <dialog>: focus stays inside, Escape cancels). Resolves with
 * the values of any inputs in `extra` when confirmed, or null when cancelled.
 */
export function confirmDialog({ title, text, confirm = 'OK', danger = false, extra = null }) {
  const dialog = document.createElement('dialog');
  document.body.append(dialog);
  render(html`<form method="dialog">
    <h2 class="confirm-title">${title}</h2>
    <p class="confirm-text">${text}</p>
    <div class="confirm-extra">${extra}</div>
    <div class="dialog-actions">
      <button type="submit" value="cancel" class="confirm-cancel">Cancel</button>
      <button type="submit" value="ok" class=${danger ? 'danger-solid' : 'primary'}>${confirm}</button>
    </div>
  </form>`, dialog);
  dialog.setAttribute('aria-label', title);
  dialog.showModal();
  dialog.querySelector('.confirm-cancel').focus();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      const values = {};
      for (const input of dialog.querySelectorAll('.confirm-extra input, .confirm-extra select')) values[input.name || input.id] = input.value;
      render(null, dialog);
      dialog.remove();
      resolve(dialog.returnValue === 'ok' ? values : null);
    }, { once: true });
  });
}
