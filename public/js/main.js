// Entry point: the API key in the header, the three views (#console, #account, #admin) and the
// wiring between them.
import { api, session } from './api.js';
import { initAccount, loadAccount } from './account.js';
import { initAdmin, loadAdmin } from './admin.js';
import { initConsole, loadStoredModules, setLimits, useStoredModule } from './console.js';
import { $, badge, el, notify, showError } from './ui.js';

const VIEWS = ['console', 'account', 'admin'];
let current = null;

const viewFromHash = () => (VIEWS.includes(location.hash.slice(1)) ? location.hash.slice(1) : 'console');

function show(view, focus = false) {
  current = view;
  for (const tab of document.querySelectorAll('.tab')) {
    if (tab.dataset.view === view) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  for (const section of document.querySelectorAll('.view')) section.hidden = section.id !== `view-${view}`;
  document.title = `${{ console: 'Console', account: 'My account', admin: 'Administration' }[view]} · WasmWiz`;
  if (view === 'account') void loadAccount();
  if (view === 'admin') void loadAdmin();
  if (focus) $(`${view}-title`).focus();
}

function go(view) {
  if (location.hash === `#${view}`) show(view, true);
  else location.hash = view;
}

/** Switches the page to `key` (kept in sessionStorage) and checks it against /api/v1/me. */
async function useKey(key, { quiet = false, reload = true } = {}) {
  session.key = key;
  $('api-key').value = key;
  $('forget-key').hidden = !key;
  setLimits(null);
  if (!key) {
    $('key-status').replaceChildren();
  } else {
    $('key-status').replaceChildren(el('span', { class: 'dot' }), 'checking…');
    try {
      const me = await api('/api/v1/me');
      if (session.key !== key) return;
      setLimits(me.limits);
      $('key-status').replaceChildren(el('span', { class: 'dot ok' }), el('span', { class: 'who' }, me.account.name), ' ', badge(me.tier.name, 'tier'));
    } catch (error) {
      if (session.key !== key) return;
      $('key-status').replaceChildren(el('span', { class: 'dot bad' }), error.status === 401 ? 'key not accepted' : 'key not usable');
      if (!quiet) showError(error);
    }
  }
  void loadStoredModules();
  if (reload && current === 'account') void loadAccount();
}

window.addEventListener('unhandledrejection', (event) => { event.preventDefault(); showError(event.reason); });
window.addEventListener('hashchange', () => show(viewFromHash(), true));

$('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void useKey($('api-key').value.trim());
});
$('forget-key').addEventListener('click', () => { void useKey(''); notify('The key was removed from this tab.'); });

initAccount({
  onKeyReplaced: (key) => { void useKey(key, { quiet: true }); notify('This page now uses the new key.'); },
  onKeyRevoked: () => { void useKey(''); notify('The key this page used is revoked. Enter another key to go on.'); },
  onRunModule: (id) => { useStoredModule(id); go('console'); },
});
initAdmin((key) => {
  void useKey(key, { quiet: true });
  go('console');
  notify('The console now uses the new key.');
});
show(viewFromHash());
void initConsole();
if (session.key) void useKey(session.key, { quiet: true, reload: false });
