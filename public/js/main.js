// Entry point: the header with the API key, the toasts, and the three views (#console, #account,
// #admin), each mounted into its own root. They share nothing but the store (store.js) and the
// actions on it (actions.js).
import { html, render } from './html.js';
import { notify, showError, useKey, VIEWS } from './actions.js';
import { store, useStore } from './store.js';
import { Badge, Toasts, useFieldId } from './ui.js';
import * as consoleView from './views/console.js';
import * as accountView from './views/account.js';
import * as adminView from './views/admin.js';

const TITLES = { console: 'Console', account: 'My account', admin: 'Administration' };
const viewFromHash = () => (VIEWS.includes(location.hash.slice(1)) ? location.hash.slice(1) : 'console');

function KeyStatus() {
  const { keyState, me, keyError } = useStore((s) => ({ keyState: s.keyState, me: s.me, keyError: s.keyError }));
  const content = {
    none: null,
    checking: html`<span class="dot"></span>checking…`,
    ok: me && html`<span class="dot ok"></span><span class="who">${me.account.name}</span> <${Badge} status=${me.tier.name} extra="tier" />`,
    bad: html`<span class="dot bad"></span>${keyError?.status === 401 ? 'key not accepted' : 'key not usable'}`,
  }[keyState];
  return html`<p class="key-status" role="status" aria-live="polite">${content}</p>`;
}

function Header() {
  const { view, draftKey, key } = useStore((s) => ({ view: s.view, draftKey: s.draftKey, key: s.key }));
  const id = useFieldId();
  const submit = (event) => { event.preventDefault(); void useKey(draftKey.trim()); };
  const forget = () => { void useKey(''); notify('The key was removed from this tab.'); };
  return html`<div class="top-inner">
    <a class="brand" href="#console"><img src="/favicon.svg" alt="" width="26" height="26" /> <span>WasmWiz</span></a>
    <nav class="tabs" aria-label="Sections">
      ${VIEWS.map((name) => html`<a class="tab" href=${`#${name}`} aria-current=${view === name ? 'page' : undefined}>${name === 'admin' ? 'Admin' : TITLES[name]}</a>`)}
    </nav>
    <${KeyStatus} />
    <!-- The input carries no name: nothing of it can end up in a URL even if scripts fail. -->
    <form class="key-form" autocomplete="off" onSubmit=${submit}>
      <label for=${id}>API key</label>
      <input id=${id} type="password" autocomplete="off" placeholder="ww_live_…" spellcheck="false" value=${draftKey}
        onInput=${(e) => store.set({ draftKey: e.currentTarget.value })} />
      <button type="submit">Use key</button>
      <button type="button" class="ghost" hidden=${!key} onClick=${forget}>Forget</button>
    </form>
  </div>`;
}

const roots = Object.fromEntries(VIEWS.map((name) => [name, document.querySelector(`main > [data-view="${name}"]`)]));

function show(view, focus) {
  for (const [name, root] of Object.entries(roots)) root.hidden = name !== view;
  document.title = `${TITLES[view]} · WasmWiz`;
  store.set({ view });
  if (focus) roots[view].querySelector('h1')?.focus();
}

window.addEventListener('unhandledrejection', (event) => { event.preventDefault(); showError(event.reason); });
window.addEventListener('hashchange', () => show(viewFromHash(), true));

render(html`<${Header} />`, document.getElementById('top'));
render(html`<${Toasts} />`, document.getElementById('toasts'));
consoleView.mount(roots.console);
accountView.mount(roots.account);
adminView.mount(roots.admin);
show(viewFromHash(), false);
if (store.get().key) void useKey(store.get().key, { quiet: true });
