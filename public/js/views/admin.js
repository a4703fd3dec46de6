// Administration, after entering the admin token: accounts, keys, tiers, usage across accounts
// and the audit log. After each change the sections reload through one version counter.
import { html, render, useEffect, useState } from '../html.js';
import { admin, api, session } from '../api.js';
import { navigate, notify, setAdminToken, showError, useKey } from '../actions.js';
import { useStore } from '../store.js';
import { STATUS_COLORS, STATUS_ORDER } from '../chart.js';
import { bytes, ms, num } from '../format.js';
import { Badge, BusyButton, confirmDialog, DataTable, Facts, Field, GraceSelect, Loaded, Mono, SecretCard, useFieldId, useLoad, When } from '../ui.js';

/** Tier limits as edited: [field, heading, unit formatter or null]. */
const TIER_FIELDS = [
  ['requestsPerMinute', 'Requests per minute', null], ['executionsPerDay', 'Executions per day', null], ['maxConcurrency', 'Concurrent runs', null],
  ['timeoutMs', 'Timeout (ms)', ms], ['memoryLimitBytes', 'Memory (bytes)', bytes], ['maxModuleBytes', 'Module size (bytes)', bytes],
  ['maxInputBytes', 'Input (bytes)', bytes], ['maxOutputBytes', 'Output (bytes)', bytes],
];

export function mount(root) {
  render(html`<${AdminView} />`, root);
}

function AdminView() {
  const { view, token } = useStore((s) => ({ view: s.view, token: s.admin }));
  const [data, setData] = useState(null);
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  useEffect(() => {
    if (view !== 'admin' || !token) { if (!token) setData(null); return; }
    let live = true;
    Promise.all([api('/api/v1/tiers', { token: '' }), admin('/accounts?limit=200')]).then(
      ([tiers, page]) => live && setData({ tiers, accounts: page.items }),
      (error) => {
        if (!live) return;
        if (error.status === 401 || error.status === 403) setAdminToken('');
        setData(null);
        showError(error);
      });
    return () => { live = false; };
  }, [view, token, version]);
  const signOut = () => { setAdminToken(''); notify('Signed out of administration.'); };
  return html`
    <div class="view-head">
      <h1 id="admin-title" tabindex="-1">Administration</h1>
      ${token && data && html`<button type="button" class="ghost small" onClick=${signOut}>Sign out</button>`}
    </div>
    ${!token && html`<${SignIn} />`}
    ${token && data && html`<${Admin} ...${data} version=${version} changed=${changed} />`}`;
}

function SignIn() {
  const [token, setToken] = useState('');
  const id = useFieldId();
  const submit = (event) => {
    event.preventDefault();
    if (!token.trim()) return;
    setAdminToken(token.trim());
    setToken('');
  };
  return html`<form class="card inline-form admin-form" autocomplete="off" onSubmit=${submit}>
    <div class="field grow">
      <label for=${id}>Admin token</label>
      <input id=${id} type="password" autocomplete="off" spellcheck="false" placeholder="ADMIN_TOKEN, or a key with the admin scope" value=${token} onInput=${(e) => setToken(e.currentTarget.value)} />
    </div>
    <button type="submit" class="primary">Sign in</button>
  </form>`;
}

function Admin({ tiers, accounts, version, changed }) {
  const [secret, setSecret] = useState(null);
  const [keyAccount, setKeyAccount] = useState('');
  const [filter, setFilter] = useState('');
  const accountName = (id) => accounts.find((a) => a.id === id)?.name ?? id.slice(0, 8);
  const createKey = async (account, body) => {
    try {
      const key = await admin(`/accounts/${account.id}/keys`, { method: 'POST', body });
      setSecret({ title: `New key for ${account.name} — shown once`, value: key.key });
      changed();
      return true;
    } catch (error) {
      showError(error);
      return false;
    }
  };
  const shared = { tiers, accounts, version, changed, accountName, createKey, setSecret };
  return html`<div class="admin">
    <div class="grid-2">
      <${NewAccount} ...${shared} onCreated=${(account) => setKeyAccount(account.id)} />
      <${NewKey} ...${shared} account=${keyAccount} setAccount=${setKeyAccount} />
    </div>
    ${secret && html`<${SecretCard} class="new-key-card" title=${secret.title} secret=${secret.value} focus>
      <button type="button" class="small primary" onClick=${() => useInConsole(secret.value)}>Use in console</button>
      <button type="button" class="small ghost" onClick=${() => setSecret(null)}>Done</button><//>`}
    <${Accounts} ...${shared} showKeys=${(id) => setFilter(id)} />
    <${AdminKeys} ...${shared} filter=${filter} setFilter=${setFilter} />
    <${Tiers} ...${shared} />
    <${AdminUsage} ...${shared} />
    <${Audit} ...${shared} />
  </div>`;
}

function useInConsole(secret) {
  void useKey(secret, { quiet: true });
  navigate('console');
  notify('The console now uses the new key.');
}

function NewAccount({ tiers, changed, onCreated }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [tier, setTier] = useState(tiers[0]?.name ?? '');
  const submit = async (event) => {
    event.preventDefault();
    try {
      const account = await admin('/accounts', { method: 'POST', body: { name: name.trim(), tier, ...(email.trim() ? { email: email.trim() } : {}) } });
      setName(''); setEmail('');
      onCreated(account);
      changed();
      notify(`Account ${account.name} created on ${account.tier}. Give it a key under "New key".`);
    } catch (error) { showError(error); }
  };
  return html`<form class="card stacked-form account-form" onSubmit=${submit}>
    <h2>New account</h2>
    <${Field} label="Name" control=${(id) => html`<input id=${id} required maxlength="200" value=${name} onInput=${(e) => setName(e.currentTarget.value)} />`} />
    <${Field} label="Email" hint="optional" control=${(id) => html`<input id=${id} type="email" maxlength="320" value=${email} onInput=${(e) => setEmail(e.currentTarget.value)} />`} />
    <${Field} label="Tier" control=${(id) => html`<select id=${id} value=${tier} onChange=${(e) => setTier(e.currentTarget.value)}>
      ${tiers.map((t) => html`<option value=${t.name}>${t.name} — ${num(t.executionsPerDay)} runs a day</option>`)}</select>`} />
    <button type="submit" class="primary">Create account</button>
  </form>`;
}

const SCOPES = [['execute', true], ['modules', true], ['keys', false], ['admin', false]];

function NewKey({ accounts, account, setAccount, createKey }) {
  const [name, setName] = useState('');
  const [through, setThrough] = useState('');
  const [scopes, setScopes] = useState(Object.fromEntries(SCOPES));
  const chosen = accounts.find((a) => a.id === account) ?? accounts[0];
  const submit = async (event) => {
    event.preventDefault();
    if (!chosen) { showError({ problem: { title: 'No account chosen', detail: 'Create an account first, then give it a key.', errors: [] } }); return; }
    const body = { scopes: SCOPES.map(([scope]) => scope).filter((scope) => scopes[scope]) };
    if (name.trim()) body.name = name.trim();
    // A date means "valid through that day": the key ends at the following midnight, local time.
    if (through) body.expiresAt = new Date(new Date(`${through}T00:00:00`).getTime() + 86_400_000).toISOString();
    if (await createKey(chosen, body)) { setName(''); setThrough(''); }
  };
  return html`<form class="card stacked-form key-create-form" onSubmit=${submit}>
    <h2>New key</h2>
    <${Field} label="Account" control=${(id) => html`<select id=${id} required value=${chosen?.id ?? ''} onChange=${(e) => setAccount(e.currentTarget.value)}>
      ${accounts.length ? accounts.map((a) => html`<option value=${a.id}>${a.name}</option>`) : html`<option value="">Create an account first</option>`}</select>`} />
    <${Field} label="Key name" hint="optional" control=${(id) => html`<input id=${id} maxlength="200" value=${name} onInput=${(e) => setName(e.currentTarget.value)} />`} />
    <fieldset class="scopes"><legend>Scopes</legend>
      ${SCOPES.map(([scope]) => html`<label><input type="checkbox" value=${scope} checked=${scopes[scope]} onChange=${(e) => setScopes({ ...scopes, [scope]: e.currentTarget.checked })} /> ${scope}</label>`)}
    </fieldset>
    <${Field} label="Expires" hint="optional" control=${(id) => html`<input id=${id} type="date" value=${through} onInput=${(e) => setThrough(e.currentTarget.value)} />`} />
    <button type="submit" class="primary">Create key</button>
  </form>`;
}

function Accounts({ tiers, accounts, changed, createKey, showKeys }) {
  const changeTier = async (account, select) => {
    try {
      await admin(`/accounts/${account.id}`, { method: 'PATCH', body: { tier: select.value } });
      notify(`${account.name} is now on ${select.value}.`);
      changed();
    } catch (error) {
      select.value = account.tier;
      showError(error);
    }
  };
  const setStatus = async (account, status) => {
    if (status === 'suspended') {
      const answer = await confirmDialog({ title: `Suspend ${account.name}?`, text: 'Every key of the account is refused until it is activated again. Nothing is deleted.', confirm: 'Suspend account', danger: true });
      if (!answer) return;
    }
    try {
      await admin(`/accounts/${account.id}`, { method: 'PATCH', body: { status } });
      notify(`${account.name} is ${status}.`);
      changed();
    } catch (error) { showError(error); }
  };
  const rows = accounts.map((account) => {
    const active = account.status === 'active';
    return [
      html`<td><span class="name">${account.name}</span>${account.email && html`<span class="hint block">${account.email}</span>`}</td>`,
      html`<select aria-label=${`Tier of ${account.name}`} value=${account.tier} onChange=${(e) => void changeTier(account, e.currentTarget)}>${tiers.map((t) => html`<option value=${t.name}>${t.name}</option>`)}</select>`,
      html`<${Badge} status=${account.status} />`, html`<${When} value=${account.createdAt} />`,
      html`<td class="row-actions">
        <${BusyButton} task=${() => createKey(account, {})}>New key<//>
        <button type="button" class="small" onClick=${() => { showKeys(account.id); document.querySelector('.admin-keys')?.scrollIntoView({ behavior: 'smooth' }); }}>Keys</button>
        <${BusyButton} class=${`small ${active ? 'danger' : ''}`} task=${() => setStatus(account, active ? 'suspended' : 'active')}>${active ? 'Suspend' : 'Activate'}<//></td>`,
    ];
  });
  return html`<section class="card" aria-label="Accounts"><h2>Accounts</h2>
    <div class="table-wrap accounts-table"><${DataTable} headings=${['Account', 'Tier', 'Status', 'Created', '']} rows=${rows} rowKey=${(i) => accounts[i].id} empty="No accounts yet. Create the first one above." /></div>
  </section>`;
}

function AdminKeys({ accounts, version, changed, accountName, setSecret, filter, setFilter }) {
  const state = useLoad(() => admin(`/keys?limit=200${filter ? `&accountId=${encodeURIComponent(filter)}` : ''}`).then((page) => page.items), [filter, version]);
  const rotate = async (key) => {
    const answer = await confirmDialog({ title: `Rotate ${key.prefix}…?`, text: `A new key for ${accountName(key.accountId)} with the same name and scopes replaces it.`, confirm: 'Rotate key', extra: html`<${GraceSelect} />` });
    if (!answer) return;
    try {
      const fresh = await api(`/api/v1/keys/${key.id}/rotate`, { method: 'POST', body: { graceSeconds: Number(answer.grace) }, token: session.admin });
      setSecret({ title: `Rotated key for ${accountName(key.accountId)} — shown once`, value: fresh.key });
      changed();
    } catch (error) { showError(error); }
  };
  const revoke = async (key) => {
    const answer = await confirmDialog({ title: `Revoke ${key.prefix}…?`, text: `Requests with this key of ${accountName(key.accountId)} are refused from now on. This cannot be undone.`, confirm: 'Revoke key', danger: true });
    if (!answer) return;
    try {
      await api(`/api/v1/keys/${key.id}`, { method: 'DELETE', token: session.admin });
      notify(`Key ${key.prefix}… was revoked.`);
      changed();
    } catch (error) { showError(error); }
  };
  return html`<section class="card admin-keys" aria-label="Keys">
    <div class="card-head">
      <h2>Keys</h2>
      <${Field} class="control" label="Show keys of" control=${(id) => html`<select id=${id} value=${filter} onChange=${(e) => setFilter(e.currentTarget.value)}>
        <option value="">All accounts</option>${accounts.map((a) => html`<option value=${a.id}>${a.name}</option>`)}</select>`} />
    </div>
    <div class="table-wrap admin-keys-table">
      <${Loaded} state=${state}>${(keys) => html`<${DataTable} headings=${['Key', 'Account', 'Name', 'Scopes', 'Status', 'Last used', 'Expires', '']} empty="No keys." rows=${keys.map((key) => [
        html`<${Mono} text=${`${key.prefix}…`} title=${key.id} />`, accountName(key.accountId), key.name ?? '—', key.scopes.join(', '), html`<${Badge} status=${key.status} />`,
        html`<${When} value=${key.lastUsedAt} />`, html`<${When} value=${key.expiresAt} />`,
        html`<td class="row-actions">${key.status === 'active' && html`
          ${!key.replacedBy && html`<${BusyButton} task=${() => rotate(key)}>Rotate<//>`}
          <${BusyButton} class="small danger" task=${() => revoke(key)}>Revoke<//>`}</td>`,
      ])} />`}<//>
    </div>
  </section>`;
}

/** Limits as rows and tiers as columns, so the four tiers fit side by side; Save per tier. */
function Tiers({ tiers, changed }) {
  const configured = (tier) => ({ ...tier.configured, requestsPerMinute: tier.requestsPerMinute, executionsPerDay: tier.executionsPerDay, maxConcurrency: tier.maxConcurrency });
  const [edits, setEdits] = useState({});
  useEffect(() => setEdits({}), [tiers]);
  const valueOf = (tier, field) => edits[tier.name]?.[field] ?? String(configured(tier)[field]);
  const edit = (tier, field, value) => setEdits({ ...edits, [tier.name]: { ...edits[tier.name], [field]: value } });
  const patchOf = (tier) => Object.fromEntries(TIER_FIELDS.map(([field]) => [field, Number(valueOf(tier, field))]).filter(([field, value]) => value !== configured(tier)[field]));
  const save = async (tier) => {
    try {
      await admin(`/tiers/${encodeURIComponent(tier.name)}`, { method: 'PATCH', body: patchOf(tier) });
      notify(`Tier ${tier.name} saved.`);
      changed();
    } catch (error) { showError(error); }
  };
  const hint = (tier, field, format) => {
    if (!format) return '';
    const value = Number(valueOf(tier, field));
    // A server-wide ceiling shows as an effective value below the configured one.
    const ceiling = tier.effective[field] !== undefined && tier.effective[field] < configured(tier)[field] ? tier.effective[field] : null;
    const capped = ceiling !== null && value > ceiling;
    return html`<span class=${`hint block ${capped ? 'capped' : ''}`}>${format(value)}${capped ? ` · runs get ${format(ceiling)}` : ''}</span>`;
  };
  return html`<section class="card" aria-label="Tiers"><h2>Tiers</h2>
    <p class="hint">Sizes in bytes, times in milliseconds. Runs get the smaller of a tier's limit and the server-wide ceiling.</p>
    <div class="table-wrap"><table class="tiers">
      <thead><tr><th scope="col">Limit</th>${tiers.map((tier) => html`<th scope="col"><${Badge} status=${tier.name} extra="tier" /></th>`)}</tr></thead>
      <tbody>${TIER_FIELDS.map(([field, heading, format]) => html`<tr><th scope="row">${heading}</th>${tiers.map((tier) => html`<td>
        <input type="number" min=${field === 'maxInputBytes' ? '0' : '1'} step="1" aria-label=${`${tier.name}: ${heading}`} value=${valueOf(tier, field)} onInput=${(e) => edit(tier, field, e.currentTarget.value)} />
        ${hint(tier, field, format)}</td>`)}</tr>`)}</tbody>
      <tfoot><tr><td></td>${tiers.map((tier) => html`<td><${BusyButton} class="small primary" aria-label=${`Save ${tier.name}`} disabled=${Object.keys(patchOf(tier)).length === 0} task=${() => save(tier)}>Save<//></td>`)}</tr></tfoot>
    </table></div>
  </section>`;
}

const USAGE_RANGES = [['1', 'last 24 hours'], ['7', 'last 7 days'], ['30', 'last 30 days']];

function AdminUsage({ version, accountName }) {
  const [days, setDays] = useState('1');
  const state = useLoad(() => admin(`/usage?top=10&from=${encodeURIComponent(new Date(Date.now() - Number(days) * 86_400_000).toISOString())}`), [days, version]);
  return html`<section class="card" aria-label="Usage across accounts">
    <div class="card-head">
      <h2>Usage across accounts</h2>
      <${Field} class="control" label="Range" control=${(id) => html`<select id=${id} value=${days} onChange=${(e) => setDays(e.currentTarget.value)}>
        ${USAGE_RANGES.map(([value, label]) => html`<option value=${value}>${label}</option>`)}</select>`} />
    </div>
    <${Loaded} state=${state}>${(usage) => html`<${UsageAcross} usage=${usage} accountName=${accountName} />`}<//>
  </section>`;
}

function UsageAcross({ usage, accountName }) {
  const t = usage.totals;
  const present = STATUS_ORDER.filter((s) => t.byStatus[s]);
  return html`
    <${Facts} facts=${[['Executions', num(t.executions)], ['p50', ms(t.durationMs.p50)], ['p95', ms(t.durationMs.p95)], ['p99', ms(t.durationMs.p99)], ['Input', bytes(t.inputBytes)], ['Output', bytes(t.outputBytes)]]} />
    <div class="status-strip" role="img" aria-label=${present.map((s) => `${t.byStatus[s]} ${s}`).join(', ') || 'no executions'}>
      ${present.map((status) => html`<span title=${`${t.byStatus[status]} ${status}`} style=${{ flexGrow: String(t.byStatus[status]), background: STATUS_COLORS[status] }}></span>`)}
    </div>
    <p class="status-counts">${present.length ? present.map((s) => html`<span><${Badge} status=${s} /> ${num(t.byStatus[s])}</span>`) : html`<span class="hint">No executions in this range.</span>`}</p>
    <div class="grid-2">
      <div><h3>Busiest accounts</h3><div class="table-wrap"><${DataTable} headings=${['Account', 'Tier', 'Executions', 'Run time']} empty="No executions in this range."
        rows=${usage.topAccounts.map((row) => [row.name ?? row.accountId, row.tier ? html`<${Badge} status=${row.tier} extra="tier" />` : '—', num(row.executions), ms(row.totalDurationMs)])} /></div></div>
      <div><h3>Busiest keys</h3><div class="table-wrap"><${DataTable} headings=${['Key', 'Account', 'Executions']} empty="No executions in this range."
        rows=${usage.topKeys.map((row) => [row.prefix ? html`<${Mono} text=${`${row.prefix}…`} />` : '—', accountName(row.accountId), num(row.executions)])} /></div></div>
    </div>`;
}

function Audit({ version, accountName }) {
  const state = useLoad(() => admin('/audit?limit=20').then((page) => page.items), [version]);
  return html`<section class="card" aria-label="Recent administrative actions"><h2>Recent administrative actions</h2>
    <div class="table-wrap audit-table">
      <${Loaded} state=${state}>${(entries) => html`<${DataTable} headings=${['When', 'Actor', 'Action', 'Target', 'Details']} empty="No administrative actions yet." rows=${entries.map((entry) => [
        html`<${When} value=${entry.createdAt} />`, entry.actor, html`<${Mono} text=${entry.action} />`,
        html`<td>${entry.targetType} <${Mono} text=${entry.targetType === 'account' ? accountName(entry.targetId) : entry.targetId.slice(0, 8)} title=${entry.targetId} /></td>`,
        html`<td class="details">${Object.keys(entry.details ?? {}).length ? JSON.stringify(entry.details) : '—'}</td>`,
      ])} />`}<//>
    </div>
  </section>`;
}
