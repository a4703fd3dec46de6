// The page's shared state, the one thing views share: the key in use and what /api/v1/me says of it,
// the view shown, the toasts, and the few requests one view makes of another (run this stored
// module, the stored modules changed). Views read it with useStore() and change it with set().
import { useEffect, useState } from './html.js';
import { session } from './api.js';

export function createStore(initial) {
  let state = initial;
  const listeners = new Set();
  return {
    get: () => state,
    set(patch) {
      state = { ...state, ...(typeof patch === 'function' ? patch(state) : patch) };
      for (const listener of listeners) listener(state);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const store = createStore({
  view: 'console',
  /** The key in use (kept in sessionStorage) and the text in the key box, which may differ. */
  key: session.key,
  draftKey: session.key,
  /** none | checking | ok | bad; `me` is /api/v1/me of the key when ok, `keyError` the problem when bad. */
  keyState: 'none',
  me: null,
  keyError: null,
  admin: session.admin,
  /** A stored module another view asked the console to run. */
  runModuleId: null,
  /** Bumped whenever the stored modules change, so every list of them reloads. */
  modulesVersion: 0,
  toasts: [],
  toastSeq: 0,
});

/** The part of the store `select` picks, re-rendering the component when it changes. */
export function useStore(select = (state) => state) {
  const [value, setValue] = useState(() => select(store.get()));
  useEffect(() => store.subscribe((state) => setValue(() => select(state))), []);
  return value;
}
