/**
 * One walk over the code section: each function body's locals are summed and its instructions
 * stepped over by the one instruction decoder (instructions.ts, which the grow guard uses too),
 * keeping how deep blocks nest. Nothing is validated beyond what stepping needs (V8 validates
 * the module afterwards); an opcode the decoder does not know makes the module malformed.
 */
import { OP_END, readInstruction } from './instructions';
import { Reader } from './reader';
import { readValType } from './wasm-types';

/** The function with the highest count of something, by its index in the module's function index space. */
export interface FunctionCount {
  count: number;
  functionIndex: number;
}

export interface CodeShape {
  /** The most locals any one function declares (parameters not included). */
  locals: FunctionCount;
  /** The deepest nesting of blocks (block, loop, if, try, try_table) in any function. */
  nesting: FunctionCount;
}

/** block, loop, if, try (legacy exception handling) and try_table open a block. */
const OPENS_BLOCK = new Set([0x02, 0x03, 0x04, 0x06, 0x1f]);
/** Legacy exception handling: `delegate` closes its `try` in place of `end`. */
const OP_DELEGATE = 0x18;

/** The deepest nesting of one body's instructions, from `r.pos` to `r.end`. */
function deepestNesting(r: Reader): number {
  let depth = 0;
  let deepest = 0;
  while (!r.atEnd) {
    const op = readInstruction(r);
    if (OPENS_BLOCK.has(op)) deepest = Math.max(deepest, ++depth);
    else if ((op === OP_END || op === OP_DELEGATE) && depth > 0) depth--;
  }
  return deepest;
}

function declaredLocals(r: Reader): number {
  let locals = 0;
  for (let n = r.u32(), i = 0; i < n; i++) {
    locals += r.u32();
    readValType(r);
  }
  return locals;
}

/** Scans the code section's bodies; `firstIndex` is the index of its first function (after the imported ones). */
export function scanCode(bytes: Uint8Array, contentStart: number, end: number, firstIndex: number): CodeShape {
  const section = new Reader(bytes, contentStart, end, 'code section');
  const shape: CodeShape = { locals: { count: 0, functionIndex: -1 }, nesting: { count: 0, functionIndex: -1 } };
  for (let n = section.u32(), i = 0; i < n; i++) {
    const size = section.u32();
    const bodyStart = section.pos;
    section.skip(size, 'function body');
    const body = new Reader(bytes, bodyStart, bodyStart + size, 'function body');
    const locals = declaredLocals(body);
    if (locals > shape.locals.count) shape.locals = { count: locals, functionIndex: firstIndex + i };
    const depth = deepestNesting(body);
    if (depth > shape.nesting.count) shape.nesting = { count: depth, functionIndex: firstIndex + i };
  }
  section.expectEnd();
  return shape;
}
