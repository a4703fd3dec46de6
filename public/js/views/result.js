// A run's answer as the console shows it: status, exit code, time, memory, quota left, stdout and
// stderr, and the files the guest left. Used for a run waited for and for a polled async one.
import { html, useEffect, useMemo } from '../html.js';
import { quotaFromHeaders } from '../api.js';
import { base64Size, baseName, bytes, bytesFromBase64, ms, quotaLines, streamSize, summaryOf } from '../format.js';
import { Badge, CopyButton } from '../ui.js';

/** Object URLs for downloads, revoked when the answer shown changes. */
function useDownloads(result) {
  const urls = useMemo(() => {
    const blobUrl = (base64) => URL.createObjectURL(new Blob([bytesFromBase64(base64)], { type: 'application/octet-stream' }));
    const streams = Object.fromEntries(['stdout', 'stderr'].filter((name) => result[`${name}Encoding`] === 'base64' && result[name]).map((name) => [name, blobUrl(result[name])]));
    const files = Object.fromEntries(Object.entries(result.files ?? {}).map(([path, base64]) => [path, blobUrl(base64)]));
    return { streams, files };
  }, [result]);
  useEffect(() => () => [...Object.values(urls.streams), ...Object.values(urls.files)].forEach((url) => URL.revokeObjectURL(url)), [urls]);
  return urls;
}

export function ResultView({ result, headers }) {
  const urls = useDownloads(result);
  const limits = result.limits ?? null;
  const share = limits?.memoryLimitBytes ? (result.memoryPeakBytes ?? 0) / limits.memoryLimitBytes : 0;
  const quota = headers ? quotaLines(quotaFromHeaders(headers)) : [];
  const short = result.id.slice(0, 8);
  return html`<div class="run-result">
    <div class="result-head">
      <${Badge} status=${result.status} extra="result-status" big />
      <p class="result-summary">${summaryOf(result)}</p>
      <p class="hint mono result-id" title=${`execution ${result.id}\nmodule sha256 ${result.moduleSha256}`}>run ${short} · module ${result.moduleSha256?.slice(0, 12)}</p>
    </div>
    <dl class="facts result-facts">
      <div><dt>Exit code</dt><dd class="result-exit">${result.exitCode ?? '—'}</dd></div>
      <div><dt>Duration</dt><dd>${ms(result.durationMs)}</dd><p class="fact-note">${result.queueMs >= 1 ? `+ ${ms(result.queueMs)} queued` : limits ? `of ${ms(limits.timeoutMs)} allowed` : ''}</p></div>
      <div><dt>Peak memory</dt><dd class="result-memory">${bytes(result.memoryPeakBytes)}</dd><p class="fact-note result-memory-limit">${limits ? `of ${bytes(limits.memoryLimitBytes)} allowed` : ''}</p>
        <div class="bar" aria-hidden="true"><span class=${share > 0.9 ? 'high' : share > 0.6 ? 'mid' : ''} style=${{ width: `${Math.min(100, Math.max(share * 100, share > 0 ? 1 : 0)).toFixed(1)}%` }}></span></div></div>
      <div><dt>Quota left</dt><dd class="quota result-quota">${quota.length ? quota.map((line) => html`<span>${line}</span>`) : '—'}</dd></div>
    </dl>
    ${result.error && html`<p class="result-error">${result.error}</p>`}
    <${Stream} name="stdout" result=${result} url=${urls.streams.stdout} />
    <${Stream} name="stderr" result=${result} url=${urls.streams.stderr} />
    <${ResultFiles} result=${result} urls=${urls.files} />
  </div>`;
}

function Stream({ name, result, url }) {
  const text = result[name] ?? '';
  const encoding = result[`${name}Encoding`];
  const note = [text ? bytes(streamSize(text, encoding)) : 'empty', encoding === 'base64' ? 'binary, shown as base64' : '', result[`${name}Truncated`] ? 'truncated at the output limit' : ''];
  return html`<div class="stream">
    <div class="stream-head">
      <h3>${name}</h3>
      <span class=${`hint ${name}-note`}>${note.filter(Boolean).join(' · ')}</span>
      <span class="stream-tools">
        ${text && html`<${CopyButton} text=${text} />`}
        ${url && html`<a class="button small" href=${url} download=${`${name}-${result.id.slice(0, 8)}.bin`}>Download ${name}</a>`}
      </span>
    </div>
    <pre class=${`output ${name} ${encoding === 'base64' ? 'binary' : ''}`} tabindex="0" aria-label=${name}>${text}</pre>
  </div>`;
}

/** The files the guest left that matched `outputFiles`, each to download, and those that did not fit. */
function ResultFiles({ result, urls }) {
  const files = Object.entries(result.files ?? {});
  const omitted = result.filesOmitted ?? [];
  if (!files.length && !omitted.length) return null;
  return html`<div class="stream result-files">
    <div class="stream-head"><h3>Files</h3><span class="hint">${files.length} returned${omitted.length ? `, ${omitted.length} omitted` : ''}</span></div>
    <ul class="file-list">
      ${files.map(([path, base64]) => html`<li key=${path}>
        <span class="mono">${path}</span> <span class="hint">${bytes(base64Size(base64))}</span>
        <a class="button small" href=${urls[path]} download=${baseName(path)} aria-label=${`Download ${path}`}>Download</a>
      </li>`)}
    </ul>
    ${omitted.length > 0 && html`<p class="files-omitted" role="note"><strong>Not returned</strong> (over the output limit of ${result.limits ? bytes(result.limits.maxOutputBytes) : 'the tier'}): ${omitted.map((path, i) => html`${i ? ', ' : ''}<span class="mono">${path}</span>`)}</p>`}
  </div>`;
}
