import type { FastifyInstance } from 'fastify';
import { problem } from './problem';

/**
 * How deep a request body may nest. The deepest body this API takes (a batch of runs, each with its
 * env) nests four levels; the validation pipe and class-transformer walk a body recursively, and
 * a body nested 10,000 deep overflowed their stack (a 500).
 */
export const MAX_BODY_DEPTH = 32;

/**
 * The top-level field (or array index) under which `value` nests deeper than `maxDepth`
 * containers, or null. Walked with an explicit stack, so that no depth overflows this either.
 */
export function tooDeepField(value: unknown, maxDepth: number): string | null {
  const pending: { value: unknown; depth: number; field: string }[] = [{ value, depth: 0, field: '' }];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (!isContainer(next.value)) continue;
    if (next.depth === maxDepth) return next.field;
    for (const [key, child] of Object.entries(next.value)) {
      pending.push({ value: child, depth: next.depth + 1, field: next.field || key });
    }
  }
  return null;
}

/** Arrays and plain objects, as JSON makes them; a Buffer body (octet-stream) is not walked byte by byte. */
function isContainer(value: unknown): value is object {
  if (Array.isArray(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Every parsed body (JSON or form) is measured before validation sees it. */
export function refuseDeepBodies(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, _reply, done) => {
    const field = tooDeepField(request.body, MAX_BODY_DEPTH);
    if (field === null) return done();
    const detail = `The body nests deeper than ${MAX_BODY_DEPTH} levels under \`${field}\``;
    done(problem('body_too_deep', detail, { field, maxDepth: MAX_BODY_DEPTH }));
  });
}
