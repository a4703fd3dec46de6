// The one place the page takes its rendering library from (vendored, see public/vendor/README.md):
// preact, its hooks, and htm for templates written as tagged template literals, no build step.
import { cloneElement, Fragment, h, render } from '../vendor/preact.module.js';
import htm from '../vendor/htm.module.js';

export const html = htm.bind(h);
export { cloneElement, Fragment, render };
export { useCallback, useEffect, useMemo, useRef, useState } from '../vendor/hooks.module.js';
