// "My account": the tier and quota of the key in use, usage charts, keys, stored modules, recent
// jobs (executions, with the result of an async one) and batches. It loads when shown.
import { html, render, useEffect, useRef, useState } from '../html.js';
import { api, request } from '../api.js';
import { modulesChanged, notify, runStoredModule, showError, useKey } from '../actions.js';
import { useStore } from '../store.js';
import { drawDurations, drawUsage, slotLabel, slotsOf, STATUS_ORDER } from '../chart.js';
import { bytes, ms, num, problemParts } from '../format.js';
import { Badge, BusyButton, confirmDialog, DataTable, Facts, Field, GraceSelect, Loaded, Mono, SecretCard, useLoad, When } from '../ui.js';
import { ResultView } from './result.js';

export function mount(root) {
  render(html`<${AccountView} />`, root);
}

function AccountView() {
  const { view, key } = useStore((s) => ({ view: s.view, key: s.key }));
  const [me, setMe] = useState({ state: 'none' });
  const [version, setVersion] = useState(0);
  const shown = view === 'account';
  useEffect(() => {
    if (!shown) return;
    if (!key) { setMe({ state: 'none' }); return; }
    let live = true;
    api('/api/v1/me').then((value) => live && setMe({ state: 'ok', value }), (error) => live && setMe({ state: 'error', error }));
    return () => { live = false; };
  }, [shown, key, version]);
  const refresh = () => setVersion((v) => v + 1);
  return html`
    <div class="view-head">
      <h1 id="account-title" tabindex="-1">My account</h1>
      ${me.state === 'ok' && html`<button type="button" class="ghost small" onClick=${refresh}>Refresh</button>`}
    </div>
    ${me.state === 'none' && html`<${Empty} title="No key entered" text="Enter an API key at the top of the page to see your tier, quota, keys, modules and usage." />`}
    ${me.state === 'error' && html`<${Empty} title=${me.error.status === 401 ? 'That key was not accepted' : problemParts(me.error).title} text=${problemParts(me.error).detail} />`}
    ${me.state === 'ok' && html`<${Account} me=${me.value} version=${version} refresh=${refresh} />`}`;
}

const Empty = ({ title, text }) => html`<div class="card empty account-empty"><p class="empty-title">${title}</p><p>${text}</p></div>`;

function Account({ me, version, refresh }) {
  return html`<div class="account">
    <div class="grid-2">
      <${Plan} me=${me} />
      <section class="card" aria-label="Limits of a run"><h2>Limits of a run</h2><${Facts} class="facts tight" facts=${limitFacts(me)} /></section>
    </div>
    <${Usage} version=${version} />
    <${Keys} me=${me} version=${version} refresh=${refresh} />
    <${Modules} version=${version} />
    <${Jobs} version=${version} />
    <${Batches} version=${version} />
  </div>`;
}

function Meter({ label, remaining, limit, note }) {
  const used = limit > 0 ? Math.min(1, Math.max(0, (limit - remaining) / limit)) : 0;
  return html`<div class="meter">
    <div class="meter-head"><span>${label}</span><strong>${num(remaining)} left of ${num(limit)}</strong></div>
    <div class="bar" aria-hidden="true"><span class=${used > 0.9 ? 'high' : used > 0.6 ? 'mid' : ''} style=${{ width: `${(used * 100).toFixed(1)}%` }}></span></div>
    ${note && html`<p class="hint">${note}</p>`}
  </div>`;
}

function resetsIn(resetMs) {
  if (!resetMs) return 'nothing used yet';
  const minutes = Math.ceil(resetMs / 60_000);
  return `back to full in ${minutes < 60 ? `${minutes} min` : `${Math.round(minutes / 60)} h`}`;
}

function Plan({ me }) {
  const { account, tier, quota } = me;
  return html`<section class="card plan" aria-label="Plan">
    <div class="card-head">
      <h2 class="plan-title">${account.name}</h2>
      <${Badge} status=${tier.name} extra="tier account-tier" />
      ${account.status !== 'active' && html`<${Badge} status=${account.status} />`}
    </div>
    <div class="meters quota-meters">
      ${quota ? html`
        <${Meter} label="Executions today" remaining=${quota.day.remaining} limit=${quota.day.limit} note=${resetsIn(quota.day.resetMs)} />
        <${Meter} label="Requests this minute" remaining=${quota.minute.remaining} limit=${quota.minute.limit} note=${resetsIn(quota.minute.resetMs)} />
        <${Meter} label="Runs at the same time" remaining=${quota.concurrency.limit - quota.concurrency.inFlight} limit=${quota.concurrency.limit} note=${`${quota.concurrency.inFlight} running now`} />`
      : html`<p class="hint">${num(tier.executionsPerDay)} executions a day, ${num(tier.requestsPerMinute)} requests a minute.</p>`}
    </div>
  </section>`;
}

const limitFacts = ({ limits, tier }) => [
  ['Time per run', ms(limits.timeoutMs)], ['Memory', bytes(limits.memoryLimitBytes)], ['Output', bytes(limits.maxOutputBytes)],
  ['Module size', bytes(limits.maxModuleBytes)], ['Input', bytes(limits.maxInputBytes)], ['Concurrent runs', num(tier.maxConcurrency)],
  ['Requests / minute', num(tier.requestsPerMinute)], ['Executions / day', num(tier.executionsPerDay)],
];

const RANGES = [['24h', 'last 24 hours, per hour'], ['7d', 'last 7 days, per day'], ['30d', 'last 30 days, per day']];

function usageRange(range) {
  if (range === '24h') return { bucket: 'hour', from: new Date(Date.now() - 86_400_000) };
  const days = range === '7d' ? 7 : 30;
  const today = Math.floor(Date.now() / 86_400_000) * 86_400_000;
  return { bucket: 'day', from: new Date(today - (days - 1) * 86_400_000) };
}

/** A chart drawn by chart.js into its own container. */
function Chart({ draw, report, class: className }) {
  const box = useRef(null);
  useEffect(() => { draw(box.current, report); }, [report]);
  return html`<div class=${className} ref=${box}></div>`;
}

function Usage({ version }) {
  const [range, setRange] = useState('24h');
  const state = useLoad(() => {
    const { bucket, from } = usageRange(range);
    return api(`/api/v1/usage?bucket=${bucket}&from=${encodeURIComponent(from.toISOString())}`);
  }, [range, version]);
  return html`<section class="card usage" aria-label="Usage">
    <div class="card-head">
      <h2>Usage</h2>
      <${Field} class="control" label="Range" control=${(id) => html`<select id=${id} value=${range} onChange=${(e) => setRange(e.currentTarget.value)}>
        ${RANGES.map(([value, label]) => html`<option value=${value}>${label}</option>`)}</select>`} />
    </div>
    <${Loaded} state=${state}>${(report) => html`<${UsageReport} report=${report} />`}<//>
  </section>`;
}

function UsageReport({ report }) {
  const t = report.totals;
  const success = t.executions ? `${Math.round((100 * (t.byStatus.success ?? 0)) / t.executions)}%` : '—';
  const rows = slotsOf(report).filter((s) => s.point).reverse().map(({ start, point }) => [
    slotLabel(start, report.bucket, true), num(point.executions),
    STATUS_ORDER.filter((status) => point.byStatus[status]).map((status) => `${point.byStatus[status]} ${status}`).join(', '),
    ms(point.durationMs.p50), ms(point.durationMs.p95), ms(point.durationMs.p99),
  ]);
  return html`
    <${Facts} class="facts usage-totals" facts=${[['Executions', num(t.executions)], ['Succeeded', success], ['p50', ms(t.durationMs.p50)], ['p95', ms(t.durationMs.p95)],
      ['p99', ms(t.durationMs.p99)], ['Input', bytes(t.inputBytes)], ['Output', bytes(t.outputBytes)]]} />
    <h3 class="chart-title">Executions by status</h3>
    <${Chart} class="chart usage-chart" draw=${drawUsage} report=${report} />
    <h3 class="chart-title">Duration percentiles</h3>
    <${Chart} class="chart small duration-chart" draw=${drawDurations} report=${report} />
    <details class="data-table">
      <summary>Show the numbers</summary>
      <div class="table-wrap"><${DataTable} class="" headings=${[report.bucket === 'day' ? 'Day' : 'Hour', 'Executions', 'By status', 'p50', 'p95', 'p99']} rows=${rows} empty="No executions in this range." /></div>
    </details>`;
}

/** The server's rule: a key manages itself, and other keys of its account with the `keys` scope and every scope they hold. */
function mayManage(own, key) {
  if (!own) return false;
  if (own.id === key.id || own.scopes.includes('admin')) return true;
  return own.scopes.includes('keys') && key.scopes.every((scope) => own.scopes.includes(scope));
}

function Keys({ me, version, refresh }) {
  const [rotated, setRotated] = useState(null);
  const [local, setLocal] = useState(0);
  const state = useLoad(() => api('/api/v1/keys?limit=200').then((page) => page.items), [version, local]);
  const current = me.key.id;

  const rotate = async (key) => {
    const isCurrent = key.id === current;
    const answer = await confirmDialog({
      title: `Rotate ${key.prefix}…?`,
      text: `A new key with the same name and scopes replaces it.${isCurrent ? ' This is the key this page is using; the page switches to the new one.' : ''}`,
      confirm: 'Rotate key',
      extra: html`<${GraceSelect} />`,
    });
    if (!answer) return;
    try {
      const fresh = await api(`/api/v1/keys/${key.id}/rotate`, { method: 'POST', body: { graceSeconds: Number(answer.grace) } });
      setRotated({ secret: fresh.key, isCurrent });
      notify(`Key ${key.prefix}… was rotated.`);
      if (isCurrent) replaceKey(fresh.key);
      else refresh();
    } catch (error) { showError(error); }
  };
  const revoke = async (key) => {
    const isCurrent = key.id === current;
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
      if (isCurrent) { void useKey(''); notify('The key this page used is revoked. Enter another key to go on.'); } else setLocal((n) => n + 1);
    } catch (error) { showError(error); }
  };

  return html`<section class="card keys" aria-label="My keys">
    <h2>My keys</h2>
    ${rotated && html`<${SecretCard} class="rotated-key" title="New key — shown once" secret=${rotated.secret}>
      ${!rotated.isCurrent && html`<button type="button" class="small" onClick=${() => replaceKey(rotated.secret)}>Use this key</button>`}<//>`}
    <div class="table-wrap keys-table">
      <${Loaded} state=${state}>${(keys) => html`<${DataTable} headings=${['Key', 'Name', 'Scopes', 'Status', 'Created', 'Last used', 'Expires', '']} empty="No keys." rows=${keys.map((key) => [
        html`<td><${Mono} text=${`${key.prefix}…`} />${key.id === current && html`<span class="tag">in use</span>`}</td>`,
        key.name ?? '—', key.scopes.join(', '), html`<${Badge} status=${key.status} />`, html`<${When} value=${key.createdAt} />`, html`<${When} value=${key.lastUsedAt} />`, html`<${When} value=${key.expiresAt} />`,
        html`<td class="row-actions">${key.status === 'active' && mayManage(me.key, key) && html`
          ${!key.replacedBy && html`<${BusyButton} task=${() => rotate(key)}>Rotate<//>`}
          <${BusyButton} class="small danger" task=${() => revoke(key)}>Revoke<//>`}</td>`,
      ])} />`}<//>
    </div>
  </section>`;
}

function replaceKey(key) {
  void useKey(key, { quiet: true });
  notify('This page now uses the new key.');
}

function Modules({ version }) {
  const modulesVersion = useStore((s) => s.modulesVersion);
  const state = useLoad(() => api('/api/v1/modules?limit=200'), [version, modulesVersion]);
  const remove = async (module) => {
    const answer = await confirmDialog({ title: `Delete ${module.name}?`, text: 'Runs by its id stop working. Past executions stay in your history.', confirm: 'Delete module', danger: true });
    if (!answer) return;
    try {
      await api(`/api/v1/modules/${module.id}`, { method: 'DELETE' });
      notify(`Deleted ${module.name}.`);
      modulesChanged();
    } catch (error) { showError(error); }
  };
  return html`<section class="card modules" aria-label="Stored modules">
    <div class="card-head"><h2>Stored modules</h2></div>
    <${StoreForm} />
    <div class="table-wrap modules-table">
      <${Loaded} state=${state}>${(page) => html`<${DataTable} headings=${['Name', 'Version', 'sha256', 'Size', 'Memory declared', 'Stored', '']} empty="No stored modules yet. Store one above to run it by id." rows=${page.items.map((module) => [
        html`<td><span class="name">${module.name}</span>${module.description && html`<span class="hint block">${module.description}</span>`}</td>`,
        html`<td title=${`runs as ${module.name}@${module.version}`}>${module.version}</td>`,
        html`<${Mono} text=${module.sha256.slice(0, 16)} title=${module.sha256} />`,
        bytes(module.sizeBytes),
        module.memory.min === null ? 'imports its memory' : `${bytes(module.memory.min)} – ${module.memory.max === null ? 'no max' : bytes(module.memory.max)}`,
        html`<${When} value=${module.createdAt} />`,
        html`<td class="row-actions">
          <button type="button" class="small" onClick=${() => runStoredModule(module.id)}>Run in console</button>
          <${BusyButton} class="small danger" task=${() => remove(module)}>Delete<//></td>`,
      ])} />`}<//>
    </div>
  </section>`;
}

function StoreForm() {
  const [file, setFile] = useState(null);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useRef(null);
  const submit = async (event) => {
    event.preventDefault();
    if (!file) { showError({ problem: { title: 'No file chosen', detail: 'Choose a .wasm file to store.', errors: [] } }); return; }
    const body = new FormData();
    body.append('wasm', file, file.name);
    if (name.trim()) body.append('name', name.trim());
    if (description.trim()) body.append('description', description.trim());
    setBusy(true);
    try {
      const { body: stored, status } = await request('/api/v1/modules', { method: 'POST', body });
      notify(status === 201 ? `Stored ${stored.name}.` : `You already had these bytes, stored as ${stored.name}.`);
      form.current.reset();
      setFile(null); setName(''); setDescription('');
      modulesChanged();
    } catch (error) { showError(error); } finally { setBusy(false); }
  };
  return html`<form class="inline-form store-form" ref=${form} onSubmit=${submit}>
    <${Field} label="Module file" control=${(id) => html`<input id=${id} type="file" accept=".wasm,application/wasm" required onChange=${(e) => setFile(e.currentTarget.files[0] ?? null)} />`} />
    <${Field} label="Module name" control=${(id) => html`<input id=${id} maxlength="200" placeholder=${file?.name ?? 'from the file name'} value=${name} onInput=${(e) => setName(e.currentTarget.value)} />`} />
    <${Field} class="field grow" label="Description" control=${(id) => html`<input id=${id} maxlength="2000" value=${description} onInput=${(e) => setDescription(e.currentTarget.value)} />`} />
    <button type="submit" disabled=${busy}>Store module</button>
  </form>`;
}

/** Pages of a `?limit&cursor` list, the next one appended on demand. */
function usePages(path, deps) {
  const [pages, setPages] = useState({ items: [], nextCursor: null, error: null, loaded: false });
  const first = useLoad(() => api(`${path}?limit=20`), deps);
  useEffect(() => {
    if (first.error) setPages({ items: [], nextCursor: null, error: first.error, loaded: true });
    else if (first.value) setPages({ ...first.value, error: null, loaded: true });
  }, [first.value, first.error]);
  const more = async () => {
    try {
      const page = await api(`${path}?limit=20&cursor=${encodeURIComponent(pages.nextCursor)}`);
      setPages((p) => ({ ...p, items: [...p.items, ...page.items], nextCursor: page.nextCursor }));
    } catch (error) { showError(error); }
  };
  return { ...pages, more };
}

/** How a run can be replayed: its clock (`fixed` or the host's) and the seed of its random bytes. */
function replayOf(run) {
  const seed = run.randomSeed === null || run.randomSeed === undefined ? null : `seed ${run.randomSeed}`;
  const clock = run.clock === 'fixed' ? 'fixed clock' : null;
  return [clock, seed].filter(Boolean).join(', ') || '—';
}

/** A job's record with its result, fetched when opened (kept by the service for async runs). */
function JobResult({ id }) {
  const state = useLoad(() => api(`/api/v1/executions/${encodeURIComponent(id)}`), [id]);
  return html`<${Loaded} state=${state}>${(detail) => (detail.stdout === undefined
    ? html`<p class="hint">No output kept for this run: only runs in the background keep their result.</p>`
    : html`<${ResultView} result=${detail} headers=${null} />`)}<//>`;
}

const JOB_HEADINGS = ['When', 'Status', 'Exit', 'Duration', 'Peak memory', 'In / out', 'Clock / seed', 'Module', ''];

function Jobs({ version }) {
  const pages = usePages('/api/v1/executions', [version]);
  const [open, setOpen] = useState(null);
  const rows = pages.items.map((run) => [
    html`<${When} value=${run.createdAt} />`, html`<${Badge} status=${run.status} />`, run.exitCode ?? '—', ms(run.durationMs), bytes(run.memoryPeakBytes),
    html`<td>${bytes(run.inputBytes)} / ${bytes((run.stdoutBytes ?? 0) + (run.stderrBytes ?? 0))}${run.outputFileCount > 0 && html`<span class="hint block">+ ${run.outputFileCount} file${run.outputFileCount === 1 ? '' : 's'}, ${bytes(run.outputFileBytes)}</span>`}</td>`,
    replayOf(run),
    html`<td>${run.moduleSha256 ? html`<${Mono} text=${run.moduleSha256.slice(0, 12)} title=${run.moduleSha256} />` : '—'}${run.error && html`<span class="hint block">${run.error}</span>`}</td>`,
    html`<td class="row-actions"><button type="button" class="small" aria-expanded=${String(open === run.id)} onClick=${() => setOpen(open === run.id ? null : run.id)}>${open === run.id ? 'Hide result' : 'Result'}</button></td>`,
  ]);
  return html`<section class="card jobs" aria-label="Recent jobs">
    <h2>Recent jobs</h2>
    <div class="table-wrap executions-table">
      ${pages.error ? html`<p class="section-error" role="alert"><strong>${problemParts(pages.error).title}</strong></p>`
        : pages.loaded && html`<${DataTable} headings=${JOB_HEADINGS} rows=${rows} empty="No executions yet. Run something in the console." />`}
    </div>
    ${pages.nextCursor && html`<${BusyButton} class="small ghost more" task=${pages.more}>Show older executions<//>`}
    ${open && html`<div class="card job-result" aria-label="Result of the job"><h3>Job <span class="mono">${open.slice(0, 8)}</span></h3><${JobResult} id=${open} /></div>`}
  </section>`;
}

function BatchResults({ id }) {
  const state = useLoad(() => api(`/api/v1/batches/${encodeURIComponent(id)}`), [id]);
  return html`<${Loaded} state=${state}>${(batch) => html`<ol class="batch-results">
    ${(batch.results ?? []).map((result, i) => html`<li key=${i}><h4>Run ${i + 1}</h4>${result?.id ? html`<${ResultView} result=${result} headers=${null} />` : html`<${Badge} status=${result?.status ?? 'queued'} />`}</li>`)}
  </ol>`}<//>`;
}

/** Batches, loaded when the section is opened. */
function Batches({ version }) {
  const [opened, setOpened] = useState(false);
  return html`<details class="card batches" aria-label="Batches" onToggle=${(e) => setOpened(e.currentTarget.open)}>
    <summary><h2>Batches</h2></summary>
    ${opened && html`<${BatchList} version=${version} />`}
  </details>`;
}

function BatchList({ version }) {
  const pages = usePages('/api/v1/batches', [version]);
  const [open, setOpen] = useState(null);
  const counts = (byStatus) => Object.entries(byStatus ?? {}).filter(([, n]) => n).map(([status, n]) => `${n} ${status}`).join(', ') || '—';
  const rows = pages.items.map((batch) => [
    html`<${When} value=${batch.createdAt} />`, html`<${Badge} status=${batch.status} />`, `${num(batch.completed)} of ${num(batch.total)}`, counts(batch.byStatus),
    html`<${Mono} text=${batch.id.slice(0, 8)} title=${batch.id} />`,
    html`<td class="row-actions"><button type="button" class="small" aria-expanded=${String(open === batch.id)} onClick=${() => setOpen(open === batch.id ? null : batch.id)}>${open === batch.id ? 'Hide results' : 'Results'}</button></td>`,
  ]);
  return html`
    <div class="table-wrap batches-table">
      ${pages.error ? html`<p class="section-error" role="alert"><strong>${problemParts(pages.error).title}</strong>${pages.error.status === 404 ? ' — this server does not list batches.' : ''}</p>`
        : pages.loaded && html`<${DataTable} headings=${['When', 'Status', 'Done', 'By status', 'Batch', '']} rows=${rows} empty="No batches yet. Send one with POST /api/v1/modules/{id}/batches." />`}
    </div>
    ${pages.nextCursor && html`<${BusyButton} class="small ghost more" task=${pages.more}>Show older batches<//>`}
    ${open && html`<div class="card job-result" aria-label="Results of the batch"><h3>Batch <span class="mono">${open.slice(0, 8)}</span></h3><${BatchResults} id=${open} /></div>`}`;
}
