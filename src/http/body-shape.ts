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
 * How many properties one object of a body may have, and a whole body (array elements counted).
 * class-transformer drops duplicate keys with an `indexOf` per key, quadratic in an object's
 * size: one run body of 150,000 unknown properties held the event loop for 16–24 s. The widest object a route takes is
 * `env` (1,024 variables) or `files` (1,000), which get their own, more precise answers up to here.
 */
export const MAX_OBJECT_PROPERTIES = 2048;
export const MAX_BODY_PROPERTIES = 100_000;

export type BodyShapeFault =
  | { kind: 'notObject'; found: string }
  | { kind: 'depth'; field: string }
  | { kind: 'object'; field: string; properties: number }
  | { kind: 'total'; properties: number }
  | { kind: 'machinery'; field: string };

/**
 * Member names Nest's validation pipe deletes from a body or query before anything reads it
 * (against prototype pollution): a member of any of them, even in `env` or `files`, was dropped
 * unseen. (A JSON body's `__proto__` is refused as it is parsed already.)
 */
export const STRIPPED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

interface Container {
  value: object;
  depth: number;
  parent: Container | null;
  key: string | number;
}

/**
 * Where `value` breaks the shape limits, or null: nesting deeper than `maxDepth` containers (named
 * by its top-level field), an object wider than MAX_OBJECT_PROPERTIES (named by its path), or more
 * properties and array elements in all than MAX_BODY_PROPERTIES. Walked with an explicit stack, so
 * that no depth overflows this either; a container's size is counted before its members are
 * visited, and only containers are visited (a 7.8-million-element array held the event loop 20 s).
 */
export function bodyShapeFault(value: unknown, maxDepth = MAX_BODY_DEPTH): BodyShapeFault | null {
  // Every JSON body this API takes is an object (Nest's pipe would read `null` as `{}`).
  if (value === null || (typeof value !== 'object' && value !== undefined) || Array.isArray(value)) {
    return { kind: 'notObject', found: value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}` };
  }
  if (!isContainer(value)) return null;
  const pending: Container[] = [{ value, depth: 0, parent: null, key: '' }];
  let members = 0;
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (next.depth === maxDepth) return { kind: 'depth', field: topField(next) };
    const array = Array.isArray(next.value) ? (next.value as unknown[]) : null;
    const keys = array ? null : Object.keys(next.value);
    const size = array ? array.length : keys!.length;
    if (!array && size > MAX_OBJECT_PROPERTIES) return { kind: 'object', field: pathOf(next), properties: size };
    members += size;
    if (members > MAX_BODY_PROPERTIES) return { kind: 'total', properties: members };
    for (let i = 0; i < size; i++) {
      const key = array ? i : keys![i];
      if (!array && STRIPPED_NAMES.has(key as string)) return { kind: 'machinery', field: [pathOf(next), key].filter(Boolean).join('.') };
      const child = (next.value as Record<string | number, unknown>)[key];
      if (isContainer(child)) pending.push({ value: child, depth: next.depth + 1, parent: next, key });
    }
  }
  return null;
}

function topField(container: Container): string {
  let top = container;
  while (top.parent?.parent) top = top.parent;
  return String(top.key);
}

/** `env.NAME`, `runs[3].files`: a container's path, made only for the answer that names it. */
function pathOf(container: Container): string {
  const keys: (string | number)[] = [];
  for (let at: Container | null = container; at?.parent; at = at.parent) keys.unshift(at.key);
  return keys.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`)).join('');
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
    case 'machinery':
      return problem('unknown_field', `The member \`${fault.field}\` is refused: \`constructor\` and \`prototype\` name JavaScript's object machinery, and such a member would be dropped unseen`, { field: fault.field });
    case 'total':
      return problem('body_too_wide', `The body holds more than ${MAX_BODY_PROPERTIES.toLocaleString('en-US')} properties and array elements in all`, { maxProperties: MAX_BODY_PROPERTIES });
  }
}

/** Every parsed body (JSON or form) is measured before validation sees it. */
export function refuseMisshapenBodies(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, _reply, done) => {
    const fault = bodyShapeFault(request.body);
    done(fault === null ? undefined : shapeProblem(fault));
  });
}
