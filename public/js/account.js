// "My account": the tier and quota of the key in use, usage charts, keys, stored modules and
// recent executions.
import { api, request, session } from './api.js';
import { drawDurations, drawUsage, slotLabel, slotsOf, STATUS_ORDER } from './chart.js';
import { loadStoredModules } from './console.js';
import { $, badge, busy, bytes, confirmDialog, el, loadInto, mono, ms, notify, num, problemParts, secretCard, showError, table, when } from './ui.js';

let me = null;
let hooks = { onKeyReplaced: () => {}, onKeyRevoked: () => {}, onRunModule: () => {} };
let executionsCursor = null;

export function initAccount(callbacks) {
  hooks = { ...hooks, ...callbacks };
  $('usage-range').addEventListener('change', () => void loadInto('usage-totals', loadUsage));
  $('account-refresh').addEventListener('click', () => void loadAccount());
  $('store-form').addEventListener('submit', (event) => { event.preventDefault(); void storeModule(event.submitter); });
  $('store-file').addEventListener('change', () => {
    const file = $('store-file').files[0];
    if (file && !$('store-name').value) $('store-name').placeholder = file.name;
  });
}

export function accountSummary() { return me; }

function showEmpty(title, text) {
  $('account').hidden = true;
  $('account-refresh').hidden = true;
  $('account-empty').hidden = false;
  $('account-empty').querySelector('.empty-title').textContent = title;
  $('account-empty-text').textContent = text;
}

export async function loadAccount() {
  if (!session.key) {
    showEmpty('No key entered', 'Enter an API key at the top of the page to see your tier, quota, keys, modules and usage.');
    return;
  }
  try {
    me = await api('/api/v1/me');
  } catch (error) {
    const { title, detail } = problemParts(error);
    showEmpty(error.status === 401 ? 'That key was not accepted' : title, detail);
    return;
  }
  $('account-empty').hidden = true;
  $('account').hidden = false;
  $('account-refresh').hidden = false;
  renderOverview(me);
  await Promise.all([
    loadInto('usage-totals', loadUsage),
    loadInto('keys-table', loadKeys),
    loadInto('modules-table', loadModules),
    loadInto('executions-table', () => loadExecutions(false)),
  ]);
}

function meter(label, remaining, limit, note) {
  const used = limit > 0 ? Math.min(1, Math.max(0, (limit - remaining) / limit)) : 0;
  const fill = el('span', { class: used > 0.9 ? 'high' : used > 0.6 ? 'mid' : '' });
  fill.style.width = `${(used * 100).toFixed(1)}%`;
  return el('div', { class: 'meter' },
    el('div', { class: 'meter-head' }, el('span', {}, label), el('strong', {}, `${num(remaining)} left of ${num(limit)}`)),
    el('div', { class: 'bar', 'aria-hidden': 'true' }, fill),
    note && el('p', { class: 'hint' }, note));
}

const resetsIn = (resetMs) => {
  if (!resetMs) return 'nothing used yet';
  const minutes = Math.ceil(resetMs / 60_000);
  return `back to full in ${minutes < 60 ? `${minutes} min` : `${Math.round(minutes / 60)} h`}`;
};

function renderOverview(data) {
  const { account, tier, limits, quota } = data;
  $('account-name').textContent = account.name;
  $('account-tier').textContent = tier.name;
  $('account-status').replaceChildren(account.status === 'active' ? '' : badge(account.status));
  const meters = quota
    ? [
        meter('Executions today', quota.day.remaining, quota.day.limit, resetsIn(quota.day.resetMs)),
        meter('Requests this minute', quota.minute.remaining, quota.minute.limit, resetsIn(quota.minute.resetMs)),
        meter('Runs at the same time', quota.concurrency.limit - quota.concurrency.inFlight, quota.concurrency.limit, `${quota.concurrency.inFlight} running now`),
      ]
    : [el('p', { class: 'hint' }, `${num(tier.executionsPerDay)} executions a day, ${num(tier.requestsPerMinute)} requests a minute.`)];
  $('quota-meters').replaceChildren(...meters);
  const facts = [
    ['Time per run', ms(limits.timeoutMs)], ['Memory', bytes(limits.memoryLimitBytes)], ['Output', bytes(limits.maxOutputBytes)],
    ['Module size', bytes(limits.maxModuleBytes)], ['Input', bytes(limits.maxInputBytes)], ['Concurrent runs', num(tier.maxConcurrency)],
    ['Requests / minute', num(tier.requestsPerMinute)], ['Executions / day', num(tier.executionsPerDay)],
  ];
  $('account-limits').replaceChildren(...facts.map(([name, value]) => el('div', {}, el('dt', {}, name), el('dd', {}, value))));
}

function usageRange() {
  const range = $('usage-range').value;
  if (range === '24h') return { bucket: 'hour', from: new Date(Date.now() - 86_400_000) };
  const days = range === '7d' ? 7 : 30;
  const today = Math.floor(Date.now() / 86_400_000) * 86_400_000;
  return { bucket: 'day', from: new Date(today - (days - 1) * 86_400_000) };
}

export async function loadUsage() {
  const { bucket, from } = usageRange();
  const report = await api(`/api/v1/usage?bucket=${bucket}&from=${encodeURIComponent(from.toISOString())}`);
  const t = report.totals;
  const success = t.executions ? `${Math.round((100 * (t.byStatus.success ?? 0)) / t.executions)}%` : '—';
  const facts = [['Executions', num(t.executions)], ['Succeeded', success], ['p50', ms(t.durationMs.p50)], ['p95', ms(t.durationMs.p95)],
    ['p99', ms(t.durationMs.p99)], ['Input', bytes(t.inputBytes)], ['Output', bytes(t.outputBytes)]];
  $('usage-totals').replaceChildren(...facts.map(([name, value]) => el('div', {}, el('dt', {}, name), el('dd', {}, value))));
  drawUsage($('usage-chart'), report);
  drawDurations($('duration-chart'), report);
  const rows = slotsOf(report).filter((s) => s.point).reverse().map(({ start, point }) => [
    slotLabel(start, report.bucket, true), num(point.executions),
    STATUS_ORDER.filter((status) => point.byStatus[status]).map((status) => `${point.byStatus[status]} ${status}`).join(', '),
    ms(point.durationMs.p50), ms(point.durationMs.p95), ms(point.durationMs.p99),
  ]);
  table($('usage-table'), [report.bucket === 'day' ? 'Day' : 'Hour', 'Executions', 'By status', 'p50', 'p95', 'p99'], rows, 'No executions in this range.');
}

async function loadKeys() {
  const keys = (await api('/api/v1/keys?limit=200')).items;
  const current = me?.key.id;
  table($('keys-table'), ['Key', 'Name', 'Scopes', 'Status', 'Created', 'Last used', 'Expires', ''], keys.map((key) => [
    el('td', {}, mono(`${key.prefix}…`), key.id === current ? el('span', { class: 'tag' }, 'in use') : ''),
    key.name ?? '—', key.scopes.join(', '), badge(key.status), when(key.createdAt), when(key.lastUsedAt), when(key.expiresAt),
    el('td', { class: 'row-actions' }, key.status === 'active' && mayManage(key) && [
      !key.replacedBy && el('button', { type: 'button', class: 'small', onclick: (e) => void busy(e.currentTarget, () => rotate(key, key.id === current)) }, 'Rotate'),
      el('button', { type: 'button', class: 'small danger', onclick: (e) => void busy(e.currentTarget, () => revoke(key, key.id === current)) }, 'Revoke'),
    ]),
  ]), 'No keys.');
}

/** The server's rule: a key manages itself, and other keys of its account with the `keys` scope and every scope they hold. */
function mayManage(key) {
  const own = me?.key;
  if (!own) return false;
  if (own.id === key.id || own.scopes.includes('admin')) return true;
  return own.scopes.includes('keys') && key.scopes.every((scope) => own.scopes.includes(scope));
}

export const GRACE_CHOICES = [['0', 'at once'], ['3600', 'in 1 hour'], ['86400', 'in 24 hours'], ['604800', 'in 7 days']];

export function graceSelect() {
  return el('div', { class: 'field' }, el('label', { for: 'grace' }, 'The old key stops working'),
    el('select', { id: 'grace', name: 'grace' }, GRACE_CHOICES.map(([value, label]) => new Option(label, value))));
}

async function rotate(key, isCurrent) {
  const answer = await confirmDialog({
    title: `Rotate ${key.prefix}…?`,
    text: `A new key with the same name and scopes replaces it.${isCurrent ? ' This is the key this page is using; the page switches to the new one.' : ''}`,
    confirm: 'Rotate key',
    extra: [graceSelect()],
  });
  if (!answer) return;
  try {
    const fresh = await api(`/api/v1/keys/${key.id}/rotate`, { method: 'POST', body: { graceSeconds: Number(answer.grace) } });
    const actions = isCurrent ? [] : [el('button', { type: 'button', class: 'small', onclick: () => hooks.onKeyReplaced(fresh.key) }, 'Use this key')];
    $('rotated-key').replaceChildren(secretCard('New key — shown once', fresh.key, actions));
    if (isCurrent) hooks.onKeyReplaced(fresh.key);
    notify(`Key ${key.prefix}… was rotated.`);
    await loadAccount();
  } catch (error) { showError(error); }
}

async function revoke(key, isCurrent) {
  const answer = await confirmDialog({
    title: `Revoke ${key.prefix}…?`,
    text: `Requests with this key are refused from now on. This cannot be undone.${isCurrent ? ' It is the key this page is using.' : ''}`,
    confirm: 'Revoke key',
    danger: true,
  });
  if (!answer) return;
  try {
    await api(`/api/v1/keys/${key.id}`, { method: 'DELETE' });
    notify(`Key ${key.prefix}… was revoked.`);
    if (isCurrent) hooks.onKeyRevoked();
    else await loadInto('keys-table', loadKeys);
  } catch (error) { showError(error); }
}

async function loadModules() {
  const page = await api('/api/v1/modules?limit=200');
  table($('modules-table'), ['Name', 'sha256', 'Size', 'Memory declared', 'Stored', ''], page.items.map((module) => [
    el('td', {}, el('span', { class: 'name' }, module.name), module.description && el('span', { class: 'hint block' }, module.description)),
    el('td', {}, mono(module.sha256.slice(0, 16), module.sha256)),
    bytes(module.sizeBytes),
    module.memory.min === null ? 'imports its memory' : `${bytes(module.memory.min)} – ${module.memory.max === null ? 'no max' : bytes(module.memory.max)}`,
    when(module.createdAt),
    el('td', { class: 'row-actions' },
      el('button', { type: 'button', class: 'small', onclick: () => hooks.onRunModule(module.id) }, 'Run in console'),
      el('button', { type: 'button', class: 'small danger', onclick: (e) => void busy(e.currentTarget, () => removeModule(module)) }, 'Delete')),
  ]), 'No stored modules yet. Store one above to run it by id.');
}

async function storeModule(button) {
  const file = $('store-file').files[0];
  if (!file) { showError({ problem: { title: 'No file chosen', detail: 'Choose a .wasm file to store.' } }); return; }
  const form = new FormData();
  form.append('wasm', file, file.name);
  if ($('store-name').value.trim()) form.append('name', $('store-name').value.trim());
  if ($('store-description').value.trim()) form.append('description', $('store-description').value.trim());
  await busy(button, async () => {
    try {
      const { body, status } = await request('/api/v1/modules', { method: 'POST', body: form });
      notify(status === 201 ? `Stored ${body.name}.` : `You already had these bytes, stored as ${body.name}.`);
      $('store-form').reset();
      $('store-name').placeholder = 'from the file name';
      await Promise.all([loadInto('modules-table', loadModules), loadStoredModules()]);
    } catch (error) { showError(error); }
  });
}

async function removeModule(module) {
  const answer = await confirmDialog({ title: `Delete ${module.name}?`, text: 'Runs by its id stop working. Past executions stay in your history.', confirm: 'Delete module', danger: true });
  if (!answer) return;
  try {
    await api(`/api/v1/modules/${module.id}`, { method: 'DELETE' });
    notify(`Deleted ${module.name}.`);
    await Promise.all([loadInto('modules-table', loadModules), loadStoredModules()]);
  } catch (error) { showError(error); }
}

/** The files a run brought back (`outputFiles`), under its output. */
function filesBack(run) {
  if (!run.outputFileCount) return null;
  return el('span', { class: 'hint block' }, `+ ${run.outputFileCount} file${run.outputFileCount === 1 ? '' : 's'}, ${bytes(run.outputFileBytes)}`);
}

async function loadExecutions(more) {
  const query = `/api/v1/executions?limit=20${more && executionsCursor ? `&cursor=${encodeURIComponent(executionsCursor)}` : ''}`;
  const page = await api(query);
  const rows = page.items.map((run) => [
    when(run.createdAt), badge(run.status), run.exitCode ?? '—', ms(run.durationMs), bytes(run.memoryPeakBytes),
    el('td', {}, `${bytes(run.inputBytes)} / ${bytes(run.stdoutBytes + run.stderrBytes)}`, filesBack(run)),
    replayOf(run),
    el('td', {}, run.moduleSha256 ? mono(run.moduleSha256.slice(0, 12), run.moduleSha256) : '—', run.error && el('span', { class: 'hint block' }, run.error)),
  ]);
  const tableNode = $('executions-table');
  if (more && tableNode.tBodies[0]) {
    const scratch = el('table');
    table(scratch, HEADINGS, rows);
    tableNode.tBodies[0].append(...scratch.tBodies[0].rows);
  } else {
    table(tableNode, HEADINGS, rows, 'No executions yet. Run something in the console.');
  }
  executionsCursor = page.nextCursor;
  tableNode.parentElement.parentElement.querySelector('.more')?.remove();
  if (executionsCursor) {
    tableNode.parentElement.after(el('button', { type: 'button', class: 'small ghost more', onclick: (e) => void busy(e.currentTarget, () => loadInto('executions-table', () => loadExecutions(true))) }, 'Show older executions'));
  }
}
const HEADINGS = ['When', 'Status', 'Exit', 'Duration', 'Peak memory', 'In / out', 'Clock / seed', 'Module'];

/** How a run can be replayed: its clock (`fixed` or the host's) and the seed of its random bytes. */
function replayOf(run) {
  const seed = run.randomSeed === null || run.randomSeed === undefined ? null : `seed ${run.randomSeed}`;
  const clock = run.clock === 'fixed' ? 'fixed clock' : null;
  return [clock, seed].filter(Boolean).join(', ') || '—';
}
