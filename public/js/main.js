import { session } from './api.js';
import { loadAccount, loadUsage } from './account.js';
import { initAdmin, loadAdmin } from './admin.js';
import { initConsole } from './console.js';
import { $, clearNotice } from './ui.js';

function show(view) {
  for (const tab of document.querySelectorAll('.tab')) {
    if (tab.dataset.view === view) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  for (const section of document.querySelectorAll('.view')) section.hidden = section.id !== `view-${view}`;
  clearNotice();
  if (view === 'account') void loadAccount();
  if (view === 'admin') void loadAdmin();
}

function useKey(key) {
  session.key = key;
  $('api-key').value = key;
  $('key-status').textContent = key ? `using ${key.slice(0, 14)}…` : '';
}

document.addEventListener('DOMContentLoaded', () => {
  useKey(session.key);
  for (const tab of document.querySelectorAll('.tab')) tab.addEventListener('click', () => show(tab.dataset.view));
  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    useKey($('api-key').value.trim());
    if (!$('view-account').hidden) void loadAccount();
  });
  $('usage-bucket').addEventListener('change', () => void loadUsage());
  initAdmin((key) => { useKey(key); show('console'); });
  void initConsole();
});
