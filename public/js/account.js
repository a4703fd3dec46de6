import { api } from './api.js';
import { drawUsage } from './chart.js';
import { $, badge, bytes, el, notify, showError, table, when } from './ui.js';

export async function loadAccount() {
  $('account').hidden = true;
  $('account-empty').hidden = false;
  try {
    const me = await api('/api/v1/me');
    $('account-empty').hidden = true;
    $('account').hidden = false;
    $('account-tier').textContent = me.tier.name;
    const limits = [
      ['Requests / minute', me.tier.requestsPerMinute], ['Executions / day', me.tier.executionsPerDay],
      ['Left today', me.quota ? `${me.quota.day.remaining} of ${me.quota.day.limit}` : '—'],
      ['Left this minute', me.quota ? me.quota.minute.remaining : '—'], ['Concurrent runs', me.tier.maxConcurrency],
      ['Timeout', `${me.limits.timeoutMs} ms`], ['Memory', bytes(me.limits.memoryLimitBytes)], ['Module size', bytes(me.limits.maxModuleBytes)],
      ['Input', bytes(me.limits.maxInputBytes)], ['Output', bytes(me.limits.maxOutputBytes)],
    ];
    $('account-limits').replaceChildren(...limits.map(([name, value]) => el('div', {}, el('dt', {}, name), el('dd', {}, value))));
    await Promise.all([loadUsage(), loadKeys(me.key.id), loadModules(), loadExecutions()]);
  } catch (error) {
    if (error.status === 401) $('account-empty').textContent = 'That key was not accepted.';
    showError(error);
  }
}

export async function loadUsage() {
  const bucket = $('usage-bucket').value;
  const from = new Date(Date.now() - (bucket === 'day' ? 30 : 1) * 86_400_000).toISOString();
  const usage = await api(`/api/v1/usage?bucket=${bucket}&from=${encodeURIComponent(from)}`);
  const t = usage.totals;
  $('usage-totals').replaceChildren(
    ...[['Executions', t.executions], ['p50', fmt(t.durationMs.p50)], ['p95', fmt(t.durationMs.p95)], ['p99', fmt(t.durationMs.p99)], ['In', bytes(t.inputBytes)], ['Out', bytes(t.outputBytes)]]
      .map(([name, value]) => el('div', {}, el('dt', {}, name), el('dd', {}, value))),
  );
  drawUsage($('usage-chart'), usage);
}

const fmt = (ms) => (ms === null ? '—' : `${ms} ms`);

async function loadKeys(currentKeyId) {
  const keys = await api('/api/v1/keys');
  table($('keys-table'), ['Prefix', 'Name', 'Status', 'Last used', ''], keys.map((key) => [
    el('td', { class: 'mono' }, `${key.prefix}…`), key.name ?? '', badge(key.status), when(key.lastUsedAt),
    key.status === 'active'
      ? el('td', {}, el('button', { type: 'button', onclick: () => rotate(key) }, 'Rotate'), ' ',
          el('button', { type: 'button', class: 'danger', onclick: () => revoke(key, key.id === currentKeyId) }, 'Revoke'))
      : '',
  ]));
}

async function rotate(key) {
  if (!confirm(`Rotate ${key.prefix}…? The old key stops working at once.`)) return;
  try {
    const fresh = await api(`/api/v1/keys/${key.id}/rotate`, { method: 'POST', body: {} });
    $('rotated-key').hidden = false;
    $('rotated-key').textContent = `New key (shown once): ${fresh.key}`;
    notify('The key was rotated. Copy the new key now: it is not shown again.', 'info');
  } catch (error) { showError(error); }
}

async function revoke(key, isCurrent) {
  if (!confirm(`Revoke ${key.prefix}…?${isCurrent ? ' This is the key you are using.' : ''} This cannot be undone.`)) return;
  try {
    await api(`/api/v1/keys/${key.id}`, { method: 'DELETE' });
    notify(`Key ${key.prefix}… was revoked.`, 'info');
    if (!isCurrent) await loadKeys();
  } catch (error) { showError(error); }
}

async function loadModules() {
  const page = await api('/api/v1/modules?limit=20');
  table($('modules-table'), ['Name', 'sha256', 'Size', 'Stored', ''], page.items.map((module) => [
    module.name, el('td', { class: 'mono' }, module.sha256.slice(0, 16)), bytes(module.sizeBytes), when(module.createdAt),
    el('td', {}, el('button', { type: 'button', class: 'danger', onclick: () => removeModule(module) }, 'Delete')),
  ]));
}

async function removeModule(module) {
  if (!confirm(`Delete the module ${module.name}?`)) return;
  try { await api(`/api/v1/modules/${module.id}`, { method: 'DELETE' }); await loadModules(); } catch (error) { showError(error); }
}

async function loadExecutions() {
  const page = await api('/api/v1/executions?limit=15');
  table($('executions-table'), ['When', 'Status', 'Exit', 'Duration', 'Memory'], page.items.map((run) => [
    when(run.createdAt), badge(run.status), run.exitCode ?? '—', `${Number(run.durationMs).toFixed(2)} ms`, bytes(run.memoryPeakBytes),
  ]));
}
