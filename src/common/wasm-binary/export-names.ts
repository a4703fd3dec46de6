/**
 * Names of the exports the rewrite adds (hidden memories and tables, the grow flag): a name the
 * module already exports would make the rewritten module invalid, or hand the host the guest's
 * own export instead of the one it added.
 */

/** What every name the rewrite adds begins with. */
export const HIDDEN_EXPORT_PREFIX = '__wasmwiz_';

/** `base`, or `base_<n>` with the smallest n the module does not use; the name is then taken. */
export function unusedExportName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 1; taken.has(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return name;
}
