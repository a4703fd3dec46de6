// Administration, after entering the admin token: accounts, keys, tiers, usage across accounts
// and the audit log.
import { admin, api, session } from './api.js';
import { graceSelect } from './account.js';
import { STATUS_COLORS, STATUS_ORDER } from './chart.js';
import { $, badge, busy, bytes, confirmDialog, el, loadInto, mono, ms, notify, num, secretCard, showError, table, when } from './ui.js';

/** Tier limits as edited: [field, heading, unit formatter or null]. */
const TIER_FIELDS = [
  ['requestsPerMinute', 'Requests per minute', null], ['executionsPerDay', 'Executions per day', null], ['maxConcurrency', 'Concurrent runs', null],
  ['timeoutMs', 'Timeout (ms)', ms], ['memoryLimitBytes', 'Memory (bytes)', bytes], ['maxModuleBytes', 'Module size (bytes)', bytes],
  ['maxInputBytes', 'Input (bytes)', bytes], ['maxOutputBytes', 'Output (bytes)', bytes],
];

let tiers = [];
let accounts = [];
let onUseKey = () => {};

export function initAdmin(useKey) {
  onUseKey = useKey;
  $('admin-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = $('admin-token').value.trim();
    if (!token) return;
    session.admin = token;
    $('admin-token').value = '';
    void loadAdmin();
  });
  $('admin-signout').addEventListener('click', () => { session.admin = ''; void loadAdmin(); notify('Signed out of administration.'); });
  $('account-form').addEventListener('submit', (event) => { event.preventDefault(); void busy(event.submitter, createAccount); });
  $('key-create-form').addEventListener('submit', (event) => { event.preventDefault(); void busy(event.submitter, createKeyFromForm); });
  $('admin-keys-filter').addEventListener('change', () => void loadInto('admin-keys-table', renderKeys));
  $('admin-usage-range').addEventListener('change', () => void loadInto('admin-usage', renderUsage));
}

function signedIn(on) {
  $('admin-form').hidden = on;
  $('admin').hidden = !on;
  $('admin-signout').hidden = !on;
}

export async function loadAdmin() {
  if (!session.admin) { signedIn(false); return; }
  let page;
  try {
    [tiers, page] = await Promise.all([api('/api/v1/tiers', { token: '' }), admin('/accounts?limit=200')]);
  } catch (error) {
    if (error.status === 401 || error.status === 403) session.admin = '';
    signedIn(false);
    showError(error);
    return;
  }
  accounts = page.items;
  signedIn(true);
  renderAccountChoices();
  renderAccounts();
  renderTiers();
  await Promise.all([loadInto('admin-keys-table', renderKeys), loadInto('admin-usage', renderUsage), loadInto('audit-table', renderAudit)]);
}

const accountName = (id) => accounts.find((a) => a.id === id)?.name ?? id.slice(0, 8);

function renderAccountChoices() {
  const keep = { tier: $('new-account-tier').value, account: $('new-key-account').value, filter: $('admin-keys-filter').value };
  $('new-account-tier').replaceChildren(...tiers.map((t) => new Option(`${t.name} — ${num(t.executionsPerDay)} runs a day`, t.name)));
  if (keep.tier) $('new-account-tier').value = keep.tier;
  $('new-key-account').replaceChildren(...(accounts.length ? accounts.map((a) => new Option(a.name, a.id)) : [new Option('Create an account first', '')]));
  if (keep.account && accounts.some((a) => a.id === keep.account)) $('new-key-account').value = keep.account;
  $('admin-keys-filter').replaceChildren(new Option('All accounts', ''), ...accounts.map((a) => new Option(a.name, a.id)));
  $('admin-keys-filter').value = accounts.some((a) => a.id === keep.filter) ? keep.filter : '';
}

async function refreshAccounts() {
  accounts = (await admin('/accounts?limit=200')).items;
  renderAccountChoices();
  renderAccounts();
}

async function createAccount() {
  const email = $('new-account-email').value.trim();
  try {
    const account = await admin('/accounts', { method: 'POST', body: { name: $('new-account-name').value.trim(), tier: $('new-account-tier').value, ...(email ? { email } : {}) } });
    $('account-form').reset();
    await refreshAccounts();
    $('new-key-account').value = account.id;
    notify(`Account ${account.name} created on ${account.tier}. Give it a key under "New key".`);
    $('new-key-name').focus();
    await loadInto('audit-table', renderAudit);
  } catch (error) { showError(error); }
}

function renderAccounts() {
  table($('accounts-table'), ['Account', 'Tier', 'Status', 'Created', ''], accounts.map((account) => {
    const tier = el('select', { 'aria-label': `Tier of ${account.name}`, onchange: (e) => void changeTier(account, e.target) },
      tiers.map((t) => new Option(t.name, t.name, false, t.name === account.tier)));
    const active = account.status === 'active';
    return [
      el('td', {}, el('span', { class: 'name' }, account.name), account.email && el('span', { class: 'hint block' }, account.email)),
      el('td', {}, tier), badge(account.status), when(account.createdAt),
      el('td', { class: 'row-actions' },
        el('button', { type: 'button', class: 'small', onclick: (e) => void busy(e.currentTarget, () => createKey(account, {})) }, 'New key'),
        el('button', { type: 'button', class: 'small', onclick: () => { $('admin-keys-filter').value = account.id; void loadInto('admin-keys-table', renderKeys); $('admin-keys-title').scrollIntoView({ behavior: 'smooth' }); } }, 'Keys'),
        el('button', { type: 'button', class: `small ${active ? 'danger' : ''}`, onclick: (e) => void busy(e.currentTarget, () => setStatus(account, active ? 'suspended' : 'active')) }, active ? 'Suspend' : 'Activate')),
    ];
  }), 'No accounts yet. Create the first one above.');
}

async function changeTier(account, select) {
  try {
    await admin(`/accounts/${account.id}`, { method: 'PATCH', body: { tier: select.value } });
    notify(`${account.name} is now on ${select.value}.`);
    await refreshAccounts();
    await loadInto('audit-table', renderAudit);
  } catch (error) {
    select.value = account.tier;
    showError(error);
  }
}

async function setStatus(account, status) {
  if (status === 'suspended') {
    const answer = await confirmDialog({ title: `Suspend ${account.name}?`, text: 'Every key of the account is refused until it is activated again. Nothing is deleted.', confirm: 'Suspend account', danger: true });
    if (!answer) return;
  }
  try {
    await admin(`/accounts/${account.id}`, { method: 'PATCH', body: { status } });
    notify(`${account.name} is ${status}.`);
    await refreshAccounts();
    await loadInto('audit-table', renderAudit);
  } catch (error) { showError(error); }
}

async function createKeyFromForm() {
  const account = accounts.find((a) => a.id === $('new-key-account').value);
  if (!account) { showError({ problem: { title: 'No account chosen', detail: 'Create an account first, then give it a key.' } }); return; }
  const scopes = [...$('key-create-form').querySelectorAll('.scopes input:checked')].map((input) => input.value);
  const body = { scopes };
  if ($('new-key-name').value.trim()) body.name = $('new-key-name').value.trim();
  // A date means "valid through that day": the key ends at the following midnight, local time.
  const through = $('new-key-expires').value;
  if (through) body.expiresAt = new Date(new Date(`${through}T00:00:00`).getTime() + 86_400_000).toISOString();
  if (await createKey(account, body)) {
    $('new-key-name').value = '';
    $('new-key-expires').value = '';
  }
}

async function createKey(account, body) {
  try {
    const key = await admin(`/accounts/${account.id}/keys`, { method: 'POST', body });
    showSecret(`New key for ${account.name} — shown once`, key.key);
    await Promise.all([loadInto('admin-keys-table', renderKeys), loadInto('audit-table', renderAudit)]);
    return true;
  } catch (error) {
    showError(error);
    return false;
  }
}

function showSecret(title, secret) {
  const card = secretCard(title, secret, [
    el('button', { type: 'button', class: 'small primary', onclick: () => onUseKey(secret) }, 'Use in console'),
    el('button', { type: 'button', class: 'small ghost', onclick: () => $('new-key').replaceChildren() }, 'Done'),
  ]);
  card.id = 'new-key-card';
  $('new-key').replaceChildren(card);
  card.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  card.querySelector('.secret-value').focus({ preventScroll: true });
}

async function renderKeys() {
  const filter = $('admin-keys-filter').value;
  const keys = (await admin(`/keys?limit=200${filter ? `&accountId=${encodeURIComponent(filter)}` : ''}`)).items;
  table($('admin-keys-table'), ['Key', 'Account', 'Name', 'Scopes', 'Status', 'Last used', 'Expires', ''], keys.map((key) => [
    el('td', {}, mono(`${key.prefix}…`, key.id)), accountName(key.accountId), key.name ?? '—', key.scopes.join(', '), badge(key.status),
    when(key.lastUsedAt), when(key.expiresAt),
    el('td', { class: 'row-actions' }, key.status === 'active' && [
      !key.replacedBy && el('button', { type: 'button', class: 'small', onclick: (e) => void busy(e.currentTarget, () => rotateKey(key)) }, 'Rotate'),
      el('button', { type: 'button', class: 'small danger', onclick: (e) => void busy(e.currentTarget, () => revokeKey(key)) }, 'Revoke'),
    ]),
  ]), 'No keys.');
}

async function rotateKey(key) {
  const answer = await confirmDialog({ title: `Rotate ${key.prefix}…?`, text: `A new key for ${accountName(key.accountId)} with the same name and scopes replaces it.`, confirm: 'Rotate key', extra: [graceSelect()] });
  if (!answer) return;
  try {
    const fresh = await api(`/api/v1/keys/${key.id}/rotate`, { method: 'POST', body: { graceSeconds: Number(answer.grace) }, token: session.admin });
    showSecret(`Rotated key for ${accountName(key.accountId)} — shown once`, fresh.key);
    await Promise.all([loadInto('admin-keys-table', renderKeys), loadInto('audit-table', renderAudit)]);
  } catch (error) { showError(error); }
}

async function revokeKey(key) {
  const answer = await confirmDialog({ title: `Revoke ${key.prefix}…?`, text: `Requests with this key of ${accountName(key.accountId)} are refused from now on. This cannot be undone.`, confirm: 'Revoke key', danger: true });
  if (!answer) return;
  try {
    await api(`/api/v1/keys/${key.id}`, { method: 'DELETE', token: session.admin });
    notify(`Key ${key.prefix}… was revoked.`);
    await Promise.all([loadInto('admin-keys-table', renderKeys), loadInto('audit-table', renderAudit)]);
  } catch (error) { showError(error); }
}

/** Limits as rows and tiers as columns, so the four tiers fit side by side; Save per tier. */
function renderTiers() {
  const columns = tiers.map((tier) => {
    const values = { ...tier.configured, requestsPerMinute: tier.requestsPerMinute, executionsPerDay: tier.executionsPerDay, maxConcurrency: tier.maxConcurrency };
    const save = el('button', { type: 'button', class: 'small primary', disabled: true, 'aria-label': `Save ${tier.name}` }, 'Save');
    const cells = TIER_FIELDS.map(([field, heading, format]) => ({
      field, format,
      input: el('input', { type: 'number', min: field === 'maxInputBytes' ? '0' : '1', step: '1', value: values[field], 'aria-label': `${tier.name}: ${heading}` }),
      hint: el('span', { class: 'hint block' }),
    }));
    const refresh = () => {
      for (const { field, format, input, hint } of cells) {
        // A server-wide ceiling shows as an effective value below the configured one.
        const ceiling = tier.effective[field] !== undefined && tier.effective[field] < values[field] ? tier.effective[field] : null;
        const capped = ceiling !== null && Number(input.value) > ceiling;
        hint.textContent = format ? format(Number(input.value)) + (capped ? ` · runs get ${format(ceiling)}` : '') : '';
        hint.classList.toggle('capped', capped);
      }
      save.disabled = cells.every(({ field, input }) => Number(input.value) === values[field]);
    };
    cells.forEach(({ input }) => input.addEventListener('input', refresh));
    refresh();
    save.addEventListener('click', () => void busy(save, () => saveTier(tier.name, cells, values)));
    return { tier, cells, save };
  });
  $('tiers-table').replaceChildren(
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Limit'), columns.map(({ tier }) => el('th', { scope: 'col' }, badge(tier.name, 'tier'))))),
    el('tbody', {}, TIER_FIELDS.map(([, heading], row) => el('tr', {}, el('th', { scope: 'row' }, heading),
      columns.map(({ cells }) => el('td', {}, cells[row].input, cells[row].hint))))),
    el('tfoot', {}, el('tr', {}, el('td'), columns.map(({ save }) => el('td', {}, save)))),
  );
}

async function saveTier(name, cells, before) {
  const patch = {};
  for (const { field, input } of cells) {
    if (Number(input.value) !== before[field]) patch[field] = Number(input.value);
  }
  try {
    await admin(`/tiers/${encodeURIComponent(name)}`, { method: 'PATCH', body: patch });
    notify(`Tier ${name} saved.`);
    tiers = await api('/api/v1/tiers', { token: '' });
    renderTiers();
    await loadInto('audit-table', renderAudit);
  } catch (error) { showError(error); }
}

async function renderUsage() {
  const days = Number($('admin-usage-range').value);
  const from = new Date(Date.now() - days * 86_400_000).toISOString();
  const usage = await admin(`/usage?top=10&from=${encodeURIComponent(from)}`);
  const t = usage.totals;
  const facts = el('dl', { class: 'facts' }, [['Executions', num(t.executions)], ['p50', ms(t.durationMs.p50)], ['p95', ms(t.durationMs.p95)], ['p99', ms(t.durationMs.p99)],
    ['Input', bytes(t.inputBytes)], ['Output', bytes(t.outputBytes)]].map(([name, value]) => el('div', {}, el('dt', {}, name), el('dd', {}, value))));
  const present = STATUS_ORDER.filter((s) => t.byStatus[s]);
  const strip = el('div', { class: 'status-strip', role: 'img', 'aria-label': present.map((s) => `${t.byStatus[s]} ${s}`).join(', ') || 'no executions' });
  for (const status of present) {
    const part = el('span', { title: `${t.byStatus[status]} ${status}` });
    part.style.flexGrow = String(t.byStatus[status]);
    part.style.background = STATUS_COLORS[status];
    strip.append(part);
  }
  const legend = el('p', { class: 'status-counts' }, present.length ? present.map((s) => el('span', {}, badge(s), ` ${num(t.byStatus[s])}`)) : el('span', { class: 'hint' }, 'No executions in this range.'));
  const top = el('table', { class: 'responsive' });
  table(top, ['Account', 'Tier', 'Executions', 'Run time'], usage.topAccounts.map((row) => [row.name ?? row.accountId, row.tier ? badge(row.tier, 'tier') : '—', num(row.executions), ms(row.totalDurationMs)]), 'No executions in this range.');
  const keys = el('table', { class: 'responsive' });
  table(keys, ['Key', 'Account', 'Executions'], usage.topKeys.map((row) => [row.prefix ? mono(`${row.prefix}…`) : '—', accountName(row.accountId), num(row.executions)]), 'No executions in this range.');
  $('admin-usage').replaceChildren(facts, strip, legend,
    el('div', { class: 'grid-2' }, el('div', {}, el('h3', {}, 'Busiest accounts'), el('div', { class: 'table-wrap' }, top)), el('div', {}, el('h3', {}, 'Busiest keys'), el('div', { class: 'table-wrap' }, keys))));
}

async function renderAudit() {
  const entries = (await admin('/audit?limit=20')).items;
  table($('audit-table'), ['When', 'Actor', 'Action', 'Target', 'Details'], entries.map((entry) => [
    when(entry.createdAt), entry.actor, mono(entry.action), el('td', {}, `${entry.targetType} `, mono(entry.targetType === 'account' ? accountName(entry.targetId) : entry.targetId.slice(0, 8), entry.targetId)),
    el('td', { class: 'details' }, Object.keys(entry.details ?? {}).length ? JSON.stringify(entry.details) : '—'),
  ]), 'No administrative actions yet.');
}

