// The test console: choose a module (bundled sample, uploaded file or stored module), give it
// stdin, args, env and files, run it (waiting, or in the background and polled), and show what
// came back. Its state is its own; from the store it reads the key and the module to run.
import { html, render, useEffect, useRef, useState } from '../html.js';
import { api, execute, localProblem, request } from '../api.js';
import { keyForRequest } from '../actions.js';
import { store, useStore } from '../store.js';
import { base64FromBytes, bytes, lines, parseEnv, parseOutputFiles, pollDelay, problemParts } from '../format.js';
import { FINAL_STATUSES } from '../vocabulary.js';
import { ResultView } from './result.js';

export function mount(root) {
  render(html`<${ConsoleView} />`, root);
}

/** A problem found before sending, with what the person has to change for it to go away. */
const blamed = (cause, error) => Object.assign(error, { cause });

/** What an API problem is about, so it clears once that is changed. */
function causeOf(error) {
  if (error.cause) return error.cause;
  if (error.status === 401 || error.status === 403) return 'key';
  if (error.problem?.code?.startsWith('module') || error.problem?.code === 'invalid_module') return 'module';
  return null;
}

function useSamples() {
  const [samples, setSamples] = useState([]);
  useEffect(() => {
    fetch('/samples.json').then((r) => (r.ok ? r.json() : [])).catch(() => []).then(setSamples);
  }, []);
  return samples;
}

/** The stored modules of the key in use, for the "Stored module" list. */
function useStoredModules() {
  const { key, keyState, modulesVersion } = useStore((s) => ({ key: s.key, keyState: s.keyState, modulesVersion: s.modulesVersion }));
  const [state, setState] = useState({ items: [], note: 'Enter a key to list your modules' });
  useEffect(() => {
    if (!key) { setState({ items: [], note: 'Enter a key to list your modules' }); return; }
    if (keyState !== 'ok' && keyState !== 'bad') return;
    let live = true;
    api('/api/v1/modules?limit=200')
      .then((page) => live && setState({ items: page.items, note: page.items.length ? null : 'No stored modules yet (store one under My account)' }))
      .catch(() => live && setState({ items: [], note: 'Not available with this key' }));
    return () => { live = false; };
  }, [key, keyState, modulesVersion]);
  return state;
}

function ConsoleView() {
  const samples = useSamples();
  const stored = useStoredModules();
  const { key, runModuleId } = useStore((s) => ({ key: s.key, runModuleId: s.runModuleId }));
  const [source, setSource] = useState('sample');
  const [sample, setSample] = useState('');
  const [wasmFile, setWasmFile] = useState(null);
  const [storedId, setStoredId] = useState('');
  const [stdin, setStdin] = useState('');
  const [stdinFile, setStdinFile] = useState(null);
  const [args, setArgs] = useState('');
  const [env, setEnv] = useState('');
  const [inputFiles, setInputFiles] = useState([]);
  const [outputFiles, setOutputFiles] = useState('');
  const [background, setBackground] = useState(false);
  const [outcome, setOutcome] = useState({ kind: 'empty' });
  const [upload, setUpload] = useState(null);
  const [phase, setPhase] = useState(null);

  const pickSample = (file) => {
    setSample(file);
    const chosen = samples.find((s) => s.file === file);
    if (!chosen) return;
    setStdin(chosen.stdin ?? '');
    setArgs((chosen.args ?? []).join('\n'));
    setEnv(Object.entries(chosen.env ?? {}).map(([k, v]) => `${k}=${v}`).join('\n'));
  };
  useEffect(() => { if (samples.length && !sample) pickSample(samples[0].file); }, [samples]);
  useEffect(() => {
    if (!runModuleId) return;
    setStoredId(runModuleId);
    setSource('stored');
    store.set({ runModuleId: null });
  }, [runModuleId]);

  // A problem goes once what it is about has changed.
  const clearIf = (cause) => setOutcome((o) => (o.kind === 'problem' && o.cause === cause ? { kind: 'empty' } : o));
  useEffect(() => clearIf('key'), [key]);
  useEffect(() => clearIf('module'), [source, sample, wasmFile, storedId]);
  useEffect(() => clearIf('env'), [env]);
  useEffect(() => clearIf('input'), [stdinFile, stdin]);
  useEffect(() => clearIf('files'), [inputFiles, outputFiles]);

  const running = phase !== null;
  const run = async () => {
    setPhase('Starting…');
    try {
      const result = await submit({ source, sample, wasmFile, storedId, stdin, stdinFile, args, env, inputFiles, outputFiles, background }, { setUpload, setPhase, setOutcome });
      setOutcome(result);
    } catch (error) {
      setOutcome({ kind: 'problem', error, cause: causeOf(error) });
    } finally {
      setPhase(null);
      setUpload(null);
    }
  };
  const onSubmit = (event) => { event.preventDefault(); if (!running) void run(); };
  const onKeyDown = (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); event.currentTarget.requestSubmit(); }
  };

  return html`
    <div class="view-head">
      <h1 id="console-title" tabindex="-1">Run a module</h1>
      <p class="lead">Pick a bundled sample, upload a <code>.wasm</code> file or use one of your stored modules, then run it in the sandbox.</p>
    </div>
    <form class="card run-form" novalidate onSubmit=${onSubmit} onKeyDown=${onKeyDown}>
      <${ModulePick} ...${{ samples, stored, source, setSource, sample, pickSample, wasmFile, setWasmFile, storedId, setStoredId }} />
      <${Inputs} ...${{ stdin, setStdin, stdinFile, setStdinFile, args, setArgs, env, setEnv }} />
      <${FilesSection} ...${{ inputFiles, setInputFiles, outputFiles, setOutputFiles }} />
      <div class="actions">
        <button type="submit" class="primary run-button" disabled=${running}>${running ? 'Running…' : 'Run'}</button>
        <label class="inline-check"><input type="checkbox" checked=${background} onChange=${(e) => setBackground(e.currentTarget.checked)} /> Run in the background</label>
        <span class="hint kbd-hint">or <kbd>Ctrl</kbd>+<kbd>Enter</kbd> in a text box</span>
        <${UploadProgress} upload=${upload} />
        <${RunState} phase=${phase} />
      </div>
    </form>
    <${ResultPanel} outcome=${outcome} running=${running} />`;
}

function ModulePick({ samples, stored, source, setSource, sample, pickSample, wasmFile, setWasmFile, storedId, setStoredId }) {
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef(null);
  const takeFile = (file) => { setWasmFile(file ?? null); setSource('upload'); };
  const description = samples.find((s) => s.file === sample)?.description ?? '';
  const radio = (value, label) => html`<input type="radio" name="source" id=${`source-${value}`} value=${value} checked=${source === value} onChange=${() => setSource(value)} />
    <label for=${`source-${value}`}>${label}</label>`;
  const onDrop = (event) => {
    event.preventDefault();
    setDragging(false);
    const files = event.dataTransfer?.files;
    if (!files?.length) return;
    fileInput.current.files = files;
    takeFile(files[0]);
  };
  return html`<fieldset class=${`module-pick ${dragging ? 'dragging' : ''}`} onDragOver=${(e) => { e.preventDefault(); setDragging(true); }} onDragLeave=${() => setDragging(false)} onDrop=${onDrop}>
    <legend>Module</legend>
    <div class="source">
      ${radio('sample', 'Bundled sample')}
      <select class="sample" aria-label="Sample module" value=${sample} onChange=${(e) => { setSource('sample'); pickSample(e.currentTarget.value); }}>
        ${samples.map((s) => html`<option value=${s.file}>${s.title}</option>`)}
      </select>
      <p class="hint">${description}</p>
    </div>
    <div class="source">
      ${radio('upload', 'Upload a file')}
      <div class="drop">
        <input ref=${fileInput} type="file" accept=".wasm,application/wasm" aria-label="Module file (.wasm)" onChange=${(e) => takeFile(e.currentTarget.files[0])} />
        <p class="hint">${wasmFile ? `${wasmFile.name} · ${bytes(wasmFile.size)}` : html`or drop a <code>.wasm</code> file here`}</p>
      </div>
    </div>
    <div class="source">
      ${radio('stored', 'Stored module')}
      <select class="stored-module" aria-label="Your stored module" value=${storedId} onChange=${(e) => { setStoredId(e.currentTarget.value); setSource('stored'); }}>
        ${stored.note && html`<option value="">${stored.note}</option>`}
        ${!stored.note && !storedId && html`<option value="">Choose a stored module</option>`}
        ${stored.items.map((m) => html`<option value=${m.id}>${m.name}@${m.version} · ${bytes(m.sizeBytes)}</option>`)}
      </select>
    </div>
  </fieldset>`;
}

function Inputs({ stdin, setStdin, stdinFile, setStdinFile, args, setArgs, env, setEnv }) {
  const stdinFileInput = useRef(null);
  const useText = () => { stdinFileInput.current.value = ''; setStdinFile(null); };
  return html`<fieldset class="inputs">
    <legend>Input</legend>
    <label for="stdin">stdin</label>
    <textarea id="stdin" rows="5" spellcheck="false" value=${stdin} disabled=${Boolean(stdinFile)} onInput=${(e) => setStdin(e.currentTarget.value)}
      placeholder=${stdinFile ? `stdin comes from ${stdinFile.name} (${bytes(stdinFile.size)})` : 'Text the module reads on standard input'}></textarea>
    <div class="stdin-file">
      <label for="stdin-file">or read stdin from a file</label>
      <input id="stdin-file" ref=${stdinFileInput} type="file" onChange=${(e) => setStdinFile(e.currentTarget.files[0] ?? null)} />
      ${stdinFile && html`<button type="button" class="small ghost clear" onClick=${useText}>Use the text box</button>`}
    </div>
    <div class="pair">
      <div>
        <label for="args">Arguments <span class="hint">one per line</span></label>
        <textarea id="args" rows="3" spellcheck="false" value=${args} onInput=${(e) => setArgs(e.currentTarget.value)}></textarea>
      </div>
      <div>
        <label for="env">Environment <span class="hint">NAME=value per line</span></label>
        <textarea id="env" rows="3" spellcheck="false" value=${env} onInput=${(e) => setEnv(e.currentTarget.value)}></textarea>
      </div>
    </div>
  </fieldset>`;
}

/** Files put into the guest's directory before the run, and the paths or globs to send back after it. */
function FilesSection({ inputFiles, setInputFiles, outputFiles, setOutputFiles }) {
  const add = (event) => {
    const added = [...event.currentTarget.files].map((file) => ({ path: file.name, file }));
    event.currentTarget.value = '';
    setInputFiles([...inputFiles, ...added]);
  };
  const rename = (i, path) => setInputFiles(inputFiles.map((f, j) => (j === i ? { ...f, path } : f)));
  const remove = (i) => setInputFiles(inputFiles.filter((_, j) => j !== i));
  return html`<fieldset class="files">
    <legend>Files</legend>
    <div class="pair">
      <div>
        <label for="input-files">Input files <span class="hint">placed in the guest's directory</span></label>
        <input id="input-files" type="file" multiple onChange=${add} />
        <ul class="input-file-list">
          ${inputFiles.map((f, i) => html`<li key=${i}>
            <input class="mono" value=${f.path} aria-label=${`Path of ${f.file.name} in the guest`} onInput=${(e) => rename(i, e.currentTarget.value)} />
            <span class="hint">${bytes(f.file.size)}</span>
            <button type="button" class="small ghost" aria-label=${`Remove ${f.path}`} onClick=${() => remove(i)}>Remove</button>
          </li>`)}
        </ul>
      </div>
      <div>
        <label for="output-files">Output files <span class="hint">paths or globs, one per line</span></label>
        <textarea id="output-files" rows="3" spellcheck="false" placeholder=${"out.wav\ndist/**/*.js"} value=${outputFiles} onInput=${(e) => setOutputFiles(e.currentTarget.value)}></textarea>
      </div>
    </div>
  </fieldset>`;
}

function UploadProgress({ upload }) {
  if (!upload) return html`<div class="upload" hidden></div>`;
  const percent = Math.round(upload.share * 100);
  return html`<div class="upload">
    <label for="upload-progress" class="upload-label">Uploading ${percent}% of ${bytes(upload.size)}</label>
    <progress id="upload-progress" max="100" value=${percent}></progress>
  </div>`;
}

/** "Uploading… 1.2 s": what the run is doing and for how long. */
function RunState({ phase }) {
  const [started, setStarted] = useState(0);
  const [, tick] = useState(0);
  useEffect(() => { setStarted(performance.now()); }, [phase]);
  useEffect(() => {
    if (!phase) return;
    const ticker = setInterval(() => tick((n) => n + 1), 100);
    return () => clearInterval(ticker);
  }, [phase]);
  return html`<span class="run-state" role="status" aria-live="polite">${phase ? `${phase} ${((performance.now() - started) / 1000).toFixed(1)} s` : ''}</span>`;
}

function ResultPanel({ outcome, running }) {
  const panel = useRef(null);
  useEffect(() => {
    const box = panel.current.getBoundingClientRect();
    if (outcome.kind !== 'empty' && box.top > window.innerHeight - 80) panel.current.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [outcome]);
  const part = running && outcome.kind !== 'job' ? 'running' : outcome.kind;
  return html`<section class="card result" aria-labelledby="result-title" aria-live="polite" aria-busy=${String(running)} ref=${panel}>
    <h2 id="result-title" class="visually-hidden">Result</h2>
    ${part === 'empty' && html`<div class="empty result-empty">
      <p class="empty-title">No run yet</p>
      <p>Choose a module and press <strong>Run</strong>: the status, exit code, output, time and memory of the run appear here.</p>
    </div>`}
    ${part === 'running' && html`<div class="empty running result-running"><span class="spinner" aria-hidden="true"></span><p class="empty-title">Running…</p></div>`}
    ${part === 'problem' && html`<${Problem} error=${outcome.error} />`}
    ${part === 'job' && html`<${JobState} job=${outcome.job} />`}
    ${part === 'result' && html`<${ResultView} result=${outcome.result} headers=${outcome.headers} />`}
  </section>`;
}

/** A problem from the API (or found before sending) shown where the result would be. */
function Problem({ error }) {
  const { title, detail, fields, retry, code } = problemParts(error);
  const hint = error?.status === 401 ? 'Check the API key at the top of the page.' : '';
  return html`<div class="problem result-problem" role="alert">
    <p class="problem-title">${title}</p>
    <p class="problem-detail">${[detail, retry].filter(Boolean).join(' ')}</p>
    <ul class="problem-fields">${fields.length > 1 && fields.map((f) => html`<li>${f}</li>`)}</ul>
    <p class="problem-code hint">${[code && `code: ${code}`, error?.status ? `HTTP ${error.status}` : '', hint].filter(Boolean).join(' · ')}</p>
  </div>`;
}

/** An async run before it ends: its id and status as polled, and a way to cancel it. */
function JobState({ job }) {
  const cancel = () => api(`/api/v1/executions/${encodeURIComponent(job.id)}`, { method: 'DELETE' }).catch(() => {});
  return html`<div class="job-state">
    <div class="result-head">
      <span class=${`badge big job-status ${job.status}`}>${job.status}</span>
      <p class="result-summary">${job.status === 'queued' ? 'Waiting in the queue for a sandbox.' : 'Running in a sandbox.'}</p>
      <p class="hint mono" title=${`execution ${job.id}`}>job ${job.id.slice(0, 8)}</p>
    </div>
    <p class="hint">Accepted in the background: <code>GET /api/v1/executions/${job.id}</code> is polled until the run ends.</p>
    <button type="button" class="small danger" onClick=${cancel}>Cancel run</button>
  </div>`;
}

async function uploadedModule(input) {
  const limits = store.get().me?.limits;
  if (input.source === 'upload') {
    const file = input.wasmFile;
    if (!file) throw blamed('module', localProblem('No file chosen', 'Choose a .wasm file to upload, or pick a bundled sample.'));
    if (limits && file.size > limits.maxModuleBytes) {
      throw blamed('module', localProblem('Module too large', `${file.name} is ${bytes(file.size)}; your tier allows modules up to ${bytes(limits.maxModuleBytes)}.`));
    }
    return { blob: file, name: file.name };
  }
  if (!input.sample) throw blamed('module', localProblem('No sample chosen', 'Pick one of the bundled samples.'));
  const response = await fetch(`/samples/${encodeURIComponent(input.sample)}`);
  if (!response.ok) throw localProblem('Sample not available', `The service did not serve ${input.sample} (HTTP ${response.status}).`);
  return { blob: await response.blob(), name: input.sample };
}

/** The fields both run routes take, read from the form; a mistake is refused before sending, naming its box. */
function runFields(input) {
  const limits = store.get().me?.limits;
  const blame = (cause, read) => { try { return read(); } catch (error) { throw blamed(cause, error); } };
  const env = blame('env', () => parseEnv(input.env));
  const outputFiles = blame('files', () => parseOutputFiles(input.outputFiles));
  const paths = input.inputFiles.map((f) => f.path.trim());
  const bad = paths.find((p) => !p || p.startsWith('/') || p.split('/').includes('..'));
  if (bad !== undefined) throw blamed('files', localProblem('Check the input files', `"${bad}" must be a path relative to the guest root, without "..".`));
  if (limits && input.stdinFile && input.stdinFile.size > limits.maxInputBytes) {
    throw blamed('input', localProblem('Input too large', `${input.stdinFile.name} is ${bytes(input.stdinFile.size)}; your tier allows up to ${bytes(limits.maxInputBytes)} of input.`));
  }
  return { args: lines(input.args), env, outputFiles, files: input.inputFiles.map((f, i) => ({ path: paths[i], file: f.file })) };
}

const base64Of = async (blob) => base64FromBytes(new Uint8Array(await blob.arrayBuffer()));

async function runStored(input, fields) {
  if (!input.storedId) throw blamed('module', localProblem('No stored module chosen', 'Pick one of your stored modules, or store one under My account.'));
  const files = Object.fromEntries(await Promise.all(fields.files.map(async (f) => [f.path, await base64Of(f.file)])));
  const body = {
    args: fields.args, env: fields.env,
    ...(input.stdinFile ? { stdinBase64: await base64Of(input.stdinFile) } : { stdin: input.stdin }),
    ...(fields.files.length ? { files } : {}),
    ...(fields.outputFiles.length ? { outputFiles: fields.outputFiles } : {}),
    ...(input.background ? { wait: false } : {}),
  };
  return request(`/api/v1/modules/${encodeURIComponent(input.storedId)}/executions`, { method: 'POST', body });
}

async function runUpload(input, fields, setUpload) {
  const { blob, name } = await uploadedModule(input);
  const form = new FormData();
  form.append('wasm', blob, name);
  // stdin goes as a file part: byte for byte, no newline conversion.
  form.append('input', input.stdinFile ?? new Blob([input.stdin]), input.stdinFile?.name ?? 'stdin');
  form.append('args', JSON.stringify(fields.args));
  form.append('env', JSON.stringify(fields.env));
  if (fields.outputFiles.length) form.append('outputFiles', JSON.stringify(fields.outputFiles));
  if (input.background) form.append('wait', 'false');
  // Input files are streamed as file parts, one per path.
  for (const f of fields.files) form.append(`files[${f.path}]`, f.file, f.file.name);
  return execute(form, (share) => setUpload(share >= 1 ? null : { share, size: blob.size }));
}

/** Sends the run; an async one (202) is polled until it ends. Resolves with the outcome to show. */
async function submit(input, { setUpload, setPhase, setOutcome }) {
  const key = await keyForRequest();
  if (!key) throw blamed('key', localProblem('Enter an API key first', 'Paste your API key into the box at the top of the page, then press Run.'));
  const fields = runFields(input);
  const uploading = input.source !== 'stored';
  setPhase(uploading ? 'Uploading…' : 'Running…');
  const response = input.source === 'stored'
    ? await runStored(input, fields)
    : await runUpload(input, fields, (progress) => { setUpload(progress); if (!progress) setPhase('Running…'); });
  if (response.body?.status !== 'queued' || !input.background) return { kind: 'result', result: response.body, headers: response.headers };
  return poll(response.body.id, (job) => { setPhase(job.status === 'queued' ? 'Queued…' : 'Running…'); setOutcome({ kind: 'job', job }); });
}

async function poll(id, onStatus) {
  onStatus({ id, status: 'queued' });
  for (let attempt = 0; ; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, pollDelay(attempt)));
    const detail = await api(`/api/v1/executions/${encodeURIComponent(id)}`);
    if (FINAL_STATUSES.includes(detail.status)) return { kind: 'result', result: detail, headers: null };
    onStatus({ id, status: detail.status });
  }
}
