// What any view may ask of the page: switch the key, go to a view, show a toast. Each is a change of
// the shared store; the views and the shell re-render from it.
import { api, session } from './api.js';
import { problemParts } from './format.js';
import { store } from './store.js';

export const VIEWS = ['console', 'account', 'admin'];

export function navigate(view) {
  // The shell shows the view of the hash on each hashchange; the same hash again still focuses it.
  if (location.hash === `#${view}`) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = view;
}

/** A toast: errors stay until dismissed (or their cause is fixed), information fades after a few seconds. */
export function notify(message, kind = 'info', about = null) {
  const toast = { id: store.get().toastSeq + 1, kind, message, about };
  store.set((state) => ({ toastSeq: toast.id, toasts: [...state.toasts, toast].slice(-4) }));
  if (kind !== 'error') setTimeout(() => dismiss(toast.id), 6000);
  return toast.id;
}

export const dismiss = (id) => store.set((state) => ({ toasts: state.toasts.filter((t) => t.id !== id) }));

/** Error toasts raised about `topic` (the key, say) go once it is fixed. */
export const clearErrorsAbout = (topic) => store.set((state) => ({ toasts: state.toasts.filter((t) => t.about !== topic) }));

export function showError(error, about = null) {
  notify({ ...problemParts(error), error: true }, 'error', about);
}

/** Switches the page to `key` (kept in sessionStorage) and checks it against /api/v1/me. */
export async function useKey(key, { quiet = false } = {}) {
  session.key = key;
  store.set({ key, draftKey: key, me: null, keyError: null, keyState: key ? 'checking' : 'none' });
  if (!key) return;
  try {
    const me = await api('/api/v1/me');
    if (session.key !== key) return;
    store.set({ me, keyState: 'ok' });
    clearErrorsAbout('key');
  } catch (error) {
    if (session.key !== key) return;
    store.set({ keyState: 'bad', keyError: error });
    if (!quiet) showError(error, 'key');
  }
}

/** The key a request should use: the text in the key box, taken into use first when it changed. */
export async function keyForRequest() {
  const { draftKey, key } = store.get();
  const typed = draftKey.trim();
  if (typed && typed !== key) await useKey(typed, { quiet: true });
  return store.get().key;
}

export function setAdminToken(token) {
  session.admin = token;
  store.set({ admin: token });
}

/** A stored module to run in the console (from My account). */
export function runStoredModule(id) {
  store.set({ runModuleId: id });
  navigate('console');
}

export const modulesChanged = () => store.set((state) => ({ modulesVersion: state.modulesVersion + 1 }));
