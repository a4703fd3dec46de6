import { execute } from './api.js';
import { $, badge, bytes, clearNotice, showError } from './ui.js';

let samples = [];

export async function initConsole() {
  samples = await fetch('/samples.json').then((r) => r.json());
  for (const sample of samples) $('sample').append(new Option(`${sample.title} — ${sample.description}`, sample.file));
  $('sample').addEventListener('change', () => pickSample($('sample').value));
  $('wasm-file').addEventListener('change', () => { if ($('wasm-file').files.length) $('sample').value = ''; });
  $('run-form').addEventListener('submit', (event) => { event.preventDefault(); void run(); });
}

function pickSample(file) {
  const sample = samples.find((s) => s.file === file);
  $('sample-help').textContent = sample?.description ?? '';
  if (!sample) return;
  $('wasm-file').value = '';
  $('stdin').value = sample.stdin ?? '';
  $('args').value = (sample.args ?? []).join('\n');
  $('env').value = Object.entries(sample.env ?? {}).map(([k, v]) => `${k}=${v}`).join('\n');
}

async function moduleBlob() {
  const file = $('wasm-file').files[0];
  if (file) return { blob: file, name: file.name };
  const sample = $('sample').value;
  if (!sample) throw { problem: { title: 'No module chosen', detail: 'Choose a bundled sample or upload a .wasm file.' } };
  const response = await fetch(`/samples/${sample}`);
  return { blob: await response.blob(), name: sample };
}

const lines = (text) => text.split('\n').map((line) => line.trimEnd()).filter((line) => line !== '');

async function run() {
  clearNotice();
  const button = $('run-button');
  const progress = $('upload-progress');
  try {
    const { blob, name } = await moduleBlob();
    const form = new FormData();
    form.append('wasm', blob, name);
    // stdin goes as a file part: byte for byte, no newline conversion.
    form.append('input', new Blob([$('stdin').value]), 'stdin');
    form.append('args', JSON.stringify(lines($('args').value)));
    form.append('env', JSON.stringify(Object.fromEntries(lines($('env').value).map((line) => {
      const at = line.indexOf('=');
      return at < 0 ? [line, ''] : [line.slice(0, at), line.slice(at + 1)];
    }))));
    button.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    $('run-state').textContent = 'Uploading…';
    const { body, headers } = await execute(form, (share) => {
      progress.value = Math.round(share * 100);
      if (share >= 1) $('run-state').replaceChildren(badge('running'), ' waiting for the result…');
    });
    showResult(body, headers);
    $('run-state').textContent = '';
  } catch (error) {
    $('run-state').textContent = '';
    showError(error);
  } finally {
    button.disabled = false;
    progress.hidden = true;
  }
}

function output(id, text, encoding, truncated) {
  $(id).textContent = text;
  $(`${id}-note`).textContent = [encoding === 'base64' ? '(binary, shown as base64)' : '', truncated ? '(truncated at the output limit)' : ''].join(' ');
}

function showResult(result, headers) {
  $('result').hidden = false;
  $('result-status').replaceWith(Object.assign(badge(result.status), { id: 'result-status' }));
  $('result-exit').textContent = result.exitCode ?? '—';
  $('result-duration').textContent = `${result.durationMs.toFixed(2)} ms`;
  $('result-memory').textContent = `${bytes(result.memoryPeakBytes)} of ${bytes(result.limits.memoryLimitBytes)}`;
  $('result-memory-meter').value = result.memoryPeakBytes / result.limits.memoryLimitBytes;
  $('result-quota').textContent = headers.remaining !== null ? `${headers.remaining} of ${headers.limit} this window` : '—';
  $('result-error').hidden = !result.error;
  $('result-error').textContent = result.error ?? '';
  output('stdout', result.stdout, result.stdoutEncoding, result.stdoutTruncated);
  output('stderr', result.stderr, result.stderrEncoding, result.stderrTruncated);
  const link = $('stdout-download');
  link.hidden = result.stdoutEncoding !== 'base64';
  if (!link.hidden) {
    const raw = Uint8Array.from(atob(result.stdout), (c) => c.charCodeAt(0));
    link.href = URL.createObjectURL(new Blob([raw], { type: 'application/octet-stream' }));
    link.download = `stdout-${result.id}.bin`;
  }
}
