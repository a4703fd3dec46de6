import { admin, api, session } from './api.js';
import { $, badge, el, notify, showError, table, when } from './ui.js';

const LIMIT_FIELDS = ['requestsPerMinute', 'executionsPerDay', 'maxModuleBytes', 'maxInputBytes', 'memoryLimitBytes', 'timeoutMs', 'maxOutputBytes', 'maxConcurrency'];
let tiers = [];

export function initAdmin(onUseKey) {
  $('admin-token').value = session.admin;
  $('admin-form').addEventListener('submit', (event) => {
    event.preventDefault();
    session.admin = $('admin-token').value.trim();
    void loadAdmin();
  });
  $('account-form').addEventListener('submit', (event) => { event.preventDefault(); void createAccount(); });
  $('copy-key').addEventListener('click', () => navigator.clipboard?.writeText($('new-key-value').textContent).then(() => notify('Copied.', 'info')));
  $('use-key').addEventListener('click', () => onUseKey($('new-key-value').textContent));
}

export async function loadAdmin() {
  if (!session.admin) return;
  try {
    tiers = await api('/api/v1/tiers');
    const accounts = await admin('/accounts?limit=100');
    $('admin').hidden = false;
    $('new-account-tier').replaceChildren(...tiers.map((tier) => new Option(tier.name, tier.name)));
    renderAccounts(accounts.items);
    renderTiers();
    await Promise.all([renderKeys(), renderUsage()]);
  } catch (error) {
    $('admin').hidden = true;
    showError(error);
  }
}

async function createAccount() {
  try {
    const account = await admin('/accounts', { method: 'POST', body: { name: $('new-account-name').value, tier: $('new-account-tier').value, ...($('new-account-email').value ? { email: $('new-account-email').value } : {}) } });
    notify(`Account ${account.name} created.`, 'info');
    $('new-account-name').value = '';
    await loadAdmin();
  } catch (error) { showError(error); }
}

function renderAccounts(accounts) {
  table($('accounts-table'), ['Name', 'Tier', 'Status', 'Created', ''], accounts.map((account) => {
    const tier = el('select', { 'aria-label': `tier of ${account.name}`, onchange: (e) => update(account, { tier: e.target.value }) }, ...tiers.map((t) => new Option(t.name, t.name, false, t.name === account.tier)));
    const suspend = account.status === 'active' ? 'Suspend' : 'Activate';
    return [account.name, el('td', {}, tier), badge(account.status), when(account.createdAt), el('td', {},
      el('button', { type: 'button', onclick: () => createKey(account) }, 'New key'), ' ',
      el('button', { type: 'button', class: account.status === 'active' ? 'danger' : '', onclick: () => update(account, { status: account.status === 'active' ? 'suspended' : 'active' }) }, suspend))];
  }));
}

async function update(account, patch) {
  try { await admin(`/accounts/${account.id}`, { method: 'PATCH', body: patch }); await loadAdmin(); } catch (error) { showError(error); }
}

async function createKey(account) {
  try {
    const key = await admin(`/accounts/${account.id}/keys`, { method: 'POST', body: { name: `console ${new Date().toLocaleDateString()}` } });
    $('new-key').hidden = false;
    $('new-key-value').textContent = key.key;
    await renderKeys();
  } catch (error) { showError(error); }
}

async function renderKeys() {
  const keys = await admin('/keys');
  table($('admin-keys-table'), ['Prefix', 'Account', 'Scopes', 'Status', 'Last used', ''], keys.map((key) => [
    el('td', { class: 'mono' }, `${key.prefix}…`), key.accountId.slice(0, 8), key.scopes.join(', '), badge(key.status), when(key.lastUsedAt),
    key.status === 'active' ? el('td', {},
      el('button', { type: 'button', onclick: () => rotateKey(key) }, 'Rotate'), ' ',
      el('button', { type: 'button', class: 'danger', onclick: () => revokeKey(key) }, 'Revoke')) : '',
  ]));
}

async function rotateKey(key) {
  if (!confirm(`Rotate ${key.prefix}…? The old key stops working at once.`)) return;
  try {
    const fresh = await api(`/api/v1/keys/${key.id}/rotate`, { method: 'POST', body: {}, token: session.admin });
    $('new-key').hidden = false;
    $('new-key-value').textContent = fresh.key;
    await renderKeys();
  } catch (error) { showError(error); }
}

async function revokeKey(key) {
  if (!confirm(`Revoke ${key.prefix}…? This cannot be undone.`)) return;
  try { await api(`/api/v1/keys/${key.id}`, { method: 'DELETE', token: session.admin }); await renderKeys(); } catch (error) { showError(error); }
}

function renderTiers() {
  table($('tiers-table'), ['Tier', ...LIMIT_FIELDS, ''], tiers.map((tier) => {
    const values = { ...tier.configured, requestsPerMinute: tier.requestsPerMinute, executionsPerDay: tier.executionsPerDay, maxConcurrency: tier.maxConcurrency };
    const inputs = LIMIT_FIELDS.map((field) => el('input', { type: 'number', min: '1', value: String(values[field]), 'aria-label': `${tier.name} ${field}`, 'data-field': field }));
    const save = el('button', { type: 'button', onclick: () => saveTier(tier.name, inputs) }, 'Save');
    return [tier.name, ...inputs.map((input) => el('td', {}, input)), el('td', {}, save)];
  }));
}

async function saveTier(name, inputs) {
  const patch = Object.fromEntries(inputs.map((input) => [input.dataset.field, Number(input.value)]));
  try { await admin(`/tiers/${name}`, { method: 'PATCH', body: patch }); notify(`Tier ${name} saved.`, 'info'); await loadAdmin(); } catch (error) { showError(error); }
}

async function renderUsage() {
  const usage = await admin('/usage');
  $('admin-usage').replaceChildren(
    el('p', {}, `${usage.totals.executions} executions · `, ...Object.entries(usage.totals.byStatus).flatMap(([status, count]) => [badge(status), ` ${count}  `])),
  );
  const rows = el('table');
  table(rows, ['Account', 'Tier', 'Executions'], usage.topAccounts.map((row) => [row.name ?? row.accountId, row.tier ?? '', row.executions]));
  $('admin-usage').append(rows);
}
