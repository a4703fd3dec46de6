// The test console: choose a module (bundled sample, uploaded file or stored module), give it
// stdin, args and env, run it, and show what came back.
import { api, execute, localProblem, quotaFromHeaders, request, session } from './api.js';
import { $, bytes, copyButton, el, ms, num, problemParts } from './ui.js';

let samples = [];
let limits = null;
let downloadUrls = [];
let ticker = null;

const SUMMARIES = {
  success: () => 'The module ran to the end and exited with code 0.',
  exit_error: (r) => `The module exited with code ${r.exitCode}.`,
  trap: () => 'The module stopped on a runtime error (a trap).',
  time_limit_exceeded: (r) => `Stopped: the run went past the time limit of ${ms(r.limits.timeoutMs)}.`,
  memory_limit_exceeded: (r) => `Stopped: the module wanted more than the memory limit of ${bytes(r.limits.memoryLimitBytes)}.`,
  output_limit_exceeded: (r) => `Stopped: the module wrote more than ${bytes(r.limits.maxOutputBytes)} of output; what it wrote up to the limit is shown.`,
  internal_error: () => 'The service could not complete the run. Trying again may help.',
};

export async function initConsole() {
  $('run-form').addEventListener('submit', (event) => { event.preventDefault(); void run(); });
  $('run-form').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); $('run-form').requestSubmit(); }
  });
  $('sample').addEventListener('change', () => { choose('sample'); pickSample($('sample').value); });
  $('stored-module').addEventListener('change', () => choose('stored'));
  $('wasm-file').addEventListener('change', () => { choose('upload'); describeFile(); });
  $('stdin-file').addEventListener('change', describeStdinFile);
  wireDropZone();
  try {
    const response = await fetch('/samples.json');
    samples = response.ok ? await response.json() : [];
  } catch { samples = []; }
  $('sample').replaceChildren(...samples.map((s) => new Option(s.title, s.file)));
  if (samples.length) pickSample(samples[0].file);
}

/** Limits of the key in use (from /me), to catch an oversized file before uploading it. */
export function setLimits(value) { limits = value; }

function choose(source) { $(`source-${source}`).checked = true; }
const chosenSource = () => document.querySelector('input[name="source"]:checked').value;

function pickSample(file) {
  const sample = samples.find((s) => s.file === file);
  $('sample-help').textContent = sample?.description ?? '';
  if (!sample) return;
  $('stdin').value = sample.stdin ?? '';
  $('args').value = (sample.args ?? []).join('\n');
  $('env').value = Object.entries(sample.env ?? {}).map(([k, v]) => `${k}=${v}`).join('\n');
}

function describeFile() {
  const file = $('wasm-file').files[0];
  $('wasm-file-help').textContent = file ? `${file.name} · ${bytes(file.size)}` : '';
  if (!file) $('wasm-file-help').append('or drop a ', el('code', {}, '.wasm'), ' file here');
}

function describeStdinFile() {
  const file = $('stdin-file').files[0];
  $('stdin').disabled = Boolean(file);
  $('stdin').placeholder = file ? `stdin comes from ${file.name} (${bytes(file.size)})` : 'Text the module reads on standard input';
  const holder = $('stdin-file').parentElement;
  holder.querySelector('.clear')?.remove();
  if (file) {
    holder.append(el('button', { type: 'button', class: 'small ghost clear', onclick: () => { $('stdin-file').value = ''; describeStdinFile(); } }, 'Use the text box'));
  }
}

function wireDropZone() {
  const zone = $('module-pick');
  zone.addEventListener('dragover', (event) => { event.preventDefault(); zone.classList.add('dragging'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    if (!event.dataTransfer?.files.length) return;
    $('wasm-file').files = event.dataTransfer.files;
    choose('upload');
    describeFile();
  });
}

/** Fills the "Stored module" list for the key in use. */
export async function loadStoredModules() {
  const select = $('stored-module');
  if (!session.key) {
    select.replaceChildren(new Option('Enter a key to list your modules', ''));
    return;
  }
  try {
    const page = await api('/api/v1/modules?limit=200');
    select.replaceChildren(...(page.items.length
      ? page.items.map((m) => new Option(`${m.name} · ${bytes(m.sizeBytes)}`, m.id))
      : [new Option('No stored modules yet (store one under My account)', '')]));
  } catch {
    select.replaceChildren(new Option('Not available with this key', ''));
  }
}

/** Selects a stored module to run (from the My account view). */
export function useStoredModule(id) {
  $('stored-module').value = id;
  choose('stored');
}

const lines = (text) => text.split('\n').map((line) => line.replace(/\r$/, '')).filter((line) => line.trim() !== '');

function parseEnv(text) {
  const env = {};
  lines(text).forEach((line, i) => {
    const at = line.indexOf('=');
    if (at <= 0) throw localProblem('Check the environment', `Line ${i + 1} ("${line.slice(0, 40)}") is not NAME=value.`);
    env[line.slice(0, at).trim()] = line.slice(at + 1);
  });
  return env;
}

async function uploadedModule(source) {
  if (source === 'upload') {
    const file = $('wasm-file').files[0];
    if (!file) throw localProblem('No file chosen', 'Choose a .wasm file to upload, or pick a bundled sample.');
    if (limits && file.size > limits.maxModuleBytes) {
      throw localProblem('Module too large', `${file.name} is ${bytes(file.size)}; your tier allows modules up to ${bytes(limits.maxModuleBytes)}.`);
    }
    return { blob: file, name: file.name };
  }
  const sample = $('sample').value;
  if (!sample) throw localProblem('No sample chosen', 'Pick one of the bundled samples.');
  const response = await fetch(`/samples/${encodeURIComponent(sample)}`);
  if (!response.ok) throw localProblem('Sample not available', `The service did not serve ${sample} (HTTP ${response.status}).`);
  return { blob: await response.blob(), name: sample };
}

function base64(buffer) {
  const view = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function run() {
  const source = chosenSource();
  try {
    if (!session.key) throw localProblem('Enter an API key first', 'Paste your API key into the box at the top of the page and press "Use key".');
    const args = lines($('args').value);
    const env = parseEnv($('env').value);
    const stdinFile = $('stdin-file').files[0];
    if (limits && stdinFile && stdinFile.size > limits.maxInputBytes) {
      throw localProblem('Input too large', `${stdinFile.name} is ${bytes(stdinFile.size)}; your tier allows up to ${bytes(limits.maxInputBytes)} of input.`);
    }
    setRunning(true);
    let response;
    if (source === 'stored') {
      const id = $('stored-module').value;
      if (!id) throw localProblem('No stored module chosen', 'Pick one of your stored modules, or store one under My account.');
      const body = { args, env, ...(stdinFile ? { stdinBase64: base64(await stdinFile.arrayBuffer()) } : { stdin: $('stdin').value }) };
      runState('Running…');
      response = await request(`/api/v1/modules/${encodeURIComponent(id)}/executions`, { method: 'POST', body });
    } else {
      const { blob, name } = await uploadedModule(source);
      const form = new FormData();
      form.append('wasm', blob, name);
      // stdin goes as a file part: byte for byte, no newline conversion.
      form.append('input', stdinFile ?? new Blob([$('stdin').value]), stdinFile?.name ?? 'stdin');
      form.append('args', JSON.stringify(args));
      form.append('env', JSON.stringify(env));
      response = await execute(form, (share) => progress(share, blob.size));
    }
    showResult(response.body, response.headers);
  } catch (error) {
    showProblem(error);
  } finally {
    setRunning(false);
  }
}

function runState(text) {
  const started = performance.now();
  clearInterval(ticker);
  const paint = () => { $('run-state').textContent = `${text} ${((performance.now() - started) / 1000).toFixed(1)} s`; };
  paint();
  ticker = setInterval(paint, 100);
}

function progress(share, size) {
  if (share >= 1) {
    $('upload').hidden = true;
    if (!$('run-state').textContent.startsWith('Running')) runState('Running…');
    return;
  }
  $('upload').hidden = false;
  $('upload-progress').value = Math.round(share * 100);
  $('upload-label').textContent = `Uploading ${Math.round(share * 100)}% of ${bytes(size)}`;
  if (!$('run-state').textContent.startsWith('Uploading')) runState('Uploading…');
}

function setRunning(on) {
  $('run-button').disabled = on;
  $('run-button').textContent = on ? 'Running…' : 'Run';
  $('result-panel').setAttribute('aria-busy', String(on));
  if (on) {
    show('result-running');
    runState('Starting…');
  } else {
    clearInterval(ticker);
    $('run-state').textContent = '';
    $('upload').hidden = true;
  }
}

function show(part) {
  for (const id of ['result-empty', 'result-running', 'result-problem', 'result']) $(id).hidden = id !== part;
}

function reveal() {
  const box = $('result-panel').getBoundingClientRect();
  if (box.top > window.innerHeight - 80) $('result-panel').scrollIntoView({ block: 'start', behavior: 'smooth' });
}

/** A problem from the API (or found before sending) shown where the result would be. */
function showProblem(error) {
  const { title, detail, fields, retry, code } = problemParts(error);
  $('problem-title').textContent = title;
  $('problem-detail').textContent = [detail, retry].filter(Boolean).join(' ');
  $('problem-fields').replaceChildren(...(fields.length > 1 ? fields.map((f) => el('li', {}, f)) : []));
  const hint = error?.status === 401 ? 'Check the API key at the top of the page.' : '';
  $('problem-code').textContent = [code && `code: ${code}`, error?.status ? `HTTP ${error.status}` : '', hint].filter(Boolean).join(' · ');
  show('result-problem');
  reveal();
}

/** One line per rate-limit window: "299 of 300 this minute", "19,996 of 20,000 today". */
export function quotaLines(windows) {
  const names = { minute: 'this minute', day: 'today', window: 'in this window' };
  return windows.map((w) => `${num(w.remaining)}${w.limit ? ` of ${num(w.limit)}` : ''} ${names[w.name] ?? w.name}`);
}

function showResult(result, headers) {
  show('result');
  const status = $('result-status');
  status.className = `badge big ${result.status}`;
  status.textContent = result.status;
  $('result-summary').textContent = (SUMMARIES[result.status] ?? (() => ''))(result);
  $('result-id').textContent = `run ${result.id.slice(0, 8)} · module ${result.moduleSha256.slice(0, 12)}`;
  $('result-id').title = `execution ${result.id}\nmodule sha256 ${result.moduleSha256}`;
  $('result-exit').textContent = result.exitCode ?? '—';
  $('result-duration').textContent = ms(result.durationMs);
  $('result-queue').textContent = result.queueMs >= 1 ? `+ ${ms(result.queueMs)} queued` : `of ${ms(result.limits.timeoutMs)} allowed`;
  const share = result.limits.memoryLimitBytes ? result.memoryPeakBytes / result.limits.memoryLimitBytes : 0;
  $('result-memory').textContent = bytes(result.memoryPeakBytes);
  $('result-memory-limit').textContent = `of ${bytes(result.limits.memoryLimitBytes)} allowed`;
  $('result-memory-bar').style.width = `${Math.min(100, Math.max(share * 100, share > 0 ? 1 : 0)).toFixed(1)}%`;
  $('result-memory-bar').className = share > 0.9 ? 'high' : share > 0.6 ? 'mid' : '';
  const quota = quotaLines(quotaFromHeaders(headers));
  $('result-quota').replaceChildren(...(quota.length ? quota.map((line) => el('span', {}, line)) : ['—']));
  $('result-error').hidden = !result.error;
  $('result-error').textContent = result.error ?? '';
  downloadUrls.forEach((url) => URL.revokeObjectURL(url));
  downloadUrls = [];
  stream('stdout', result.stdout, result.stdoutEncoding, result.stdoutTruncated, result);
  stream('stderr', result.stderr, result.stderrEncoding, result.stderrTruncated, result);
  reveal();
}

function stream(name, text, encoding, truncated, result) {
  $(name).textContent = text;
  $(name).classList.toggle('binary', encoding === 'base64');
  const size = encoding === 'base64' ? Math.floor((text.length * 3) / 4) - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0) : new TextEncoder().encode(text).length;
  $(`${name}-note`).textContent = [text ? bytes(size) : 'empty', encoding === 'base64' ? 'binary, shown as base64' : '', truncated ? 'truncated at the output limit' : ''].filter(Boolean).join(' · ');
  const tools = [];
  if (text) tools.push(copyButton(() => text, 'Copy'));
  if (encoding === 'base64') {
    const raw = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([raw], { type: 'application/octet-stream' }));
    downloadUrls.push(url);
    tools.push(el('a', { class: 'button small', href: url, download: `${name}-${result.id.slice(0, 8)}.bin` }, `Download ${name}`));
  }
  $(`${name}-tools`).replaceChildren(...tools);
}
