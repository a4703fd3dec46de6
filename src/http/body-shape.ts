import type { FastifyInstance } from 'fastify';
import { problem, type ProblemException } from './problem';
import { invalidField } from './validation-problem';

/**
 * How deep a request body may nest. The deepest body this API takes (a batch of runs, each with its
 * env) nests four levels; the validation pipe and class-transformer walk a body recursively, and
 * a body nested 10,000 deep overflowed their stack (a 500).
 */
export const MAX_BODY_DEPTH = 32;

/**
 * How many properties one object of a body may have, and a whole body. class-transformer drops
 * duplicate keys with an `indexOf` per key, quadratic in an object's size: one run body of
 * 150,000 unknown properties held the event loop for 16–24 s. The widest object a route takes is
 * `env` (1,024 variables) or `files` (1,000), which get their own, more precise answers up to here.
 */
export const MAX_OBJECT_PROPERTIES = 2048;
export const MAX_BODY_PROPERTIES = 100_000;

export type BodyShapeFault =
  | { kind: 'notObject'; found: string }
  | { kind: 'depth'; field: string }
  | { kind: 'object'; field: string; properties: number }
  | { kind: 'total'; properties: number };

/**
 * Where `value` breaks the shape limits, or null: nesting deeper than `maxDepth` containers (named
 * by its top-level field), an object wider than MAX_OBJECT_PROPERTIES (named by its path), or more
 * properties in all than MAX_BODY_PROPERTIES. Walked with an explicit stack, so that no depth
 * overflows this either.
 */
export function bodyShapeFault(value: unknown, maxDepth = MAX_BODY_DEPTH): BodyShapeFault | null {
  // Every JSON body this API takes is an object (Nest's pipe would read `null` as `{}`).
  if (value === null || (typeof value !== 'object' && value !== undefined) || Array.isArray(value)) {
    return { kind: 'notObject', found: value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}` };
  }
  const pending: { value: unknown; depth: number; path: string }[] = [{ value, depth: 0, path: '' }];
  let properties = 0;
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (!isContainer(next.value)) continue;
    if (next.depth === maxDepth) return { kind: 'depth', field: next.path.split(/[.[]/)[0] };
    const entries = Object.entries(next.value);
    const isArray = Array.isArray(next.value);
    if (!isArray) {
      if (entries.length > MAX_OBJECT_PROPERTIES) return { kind: 'object', field: next.path, properties: entries.length };
      properties += entries.length;
      if (properties > MAX_BODY_PROPERTIES) return { kind: 'total', properties };
    }
    for (const [key, child] of entries) {
      pending.push({ value: child, depth: next.depth + 1, path: isArray ? `${next.path}[${key}]` : next.path ? `${next.path}.${key}` : key });
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

function shapeProblem(fault: BodyShapeFault): ProblemException {
  switch (fault.kind) {
    case 'notObject':
      return invalidField('body', `must be a JSON object, not ${fault.found}`);
    case 'depth':
      return problem('body_too_deep', `The body nests deeper than ${MAX_BODY_DEPTH} levels under \`${fault.field}\``, { field: fault.field, maxDepth: MAX_BODY_DEPTH });
    case 'object': {
      const where = fault.field ? `\`${fault.field}\` has` : 'The body has';
      const detail = `${where} ${fault.properties.toLocaleString('en-US')} properties; an object may have at most ${MAX_OBJECT_PROPERTIES.toLocaleString('en-US')}`;
      return problem('body_too_wide', detail, { ...(fault.field ? { field: fault.field } : {}), maxProperties: MAX_OBJECT_PROPERTIES });
    }
    case 'total':
      return problem('body_too_wide', `The body holds more than ${MAX_BODY_PROPERTIES.toLocaleString('en-US')} properties in all`, { maxProperties: MAX_BODY_PROPERTIES });
  }
}

/** Every parsed body (JSON or form) is measured before validation sees it. */
export function refuseMisshapenBodies(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, _reply, done) => {
    const fault = bodyShapeFault(request.body);
    done(fault === null ? undefined : shapeProblem(fault));
  });
}
