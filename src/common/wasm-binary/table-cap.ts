/**
 * Each table's most elements: `maxTableElements` is what a module's tables hold together (V8
 * keeps them outside the guest's memory, so a hundred tables of the cap each were 100 times it).
 */
export function tableCapOf(maxTableElements: number, tables: number): number {
  return Math.floor(maxTableElements / Math.max(1, tables));
}
