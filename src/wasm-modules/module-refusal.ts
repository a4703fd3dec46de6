import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '../http/problem';
import type { ProblemCodeOf } from '../http/problem-codes';

/**
 * A module its checks refused (too large, not wasm, malformed, over a structure cap...). Its
 * class, not its code, is what a run that met it goes by: it is recorded as `invalid_module`.
 */
export class ModuleRefusal extends ProblemException {}

/** A module refused by what it is or declares (422). */
export const moduleRefused = (code: ProblemCodeOf<HttpStatus.UNPROCESSABLE_ENTITY>, detail: string, extensions?: Record<string, unknown>) =>
  new ModuleRefusal(code, detail, extensions);
