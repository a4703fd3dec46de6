import { type ArgumentMetadata, type Type, ValidationPipe } from '@nestjs/common';
import { STRIPPED_NAMES } from './body-shape';
import { problem } from './problem';
import { unknownFields, validationProblem } from './validation-problem';

/**
 * Nest's ValidationPipe as every route uses it (DTOs, whitelist, problems naming fields), with one
 * shortcut: an empty object (an empty query string, the common case) for a DTO class already
 * found valid when empty is answered with a new instance, without class-transformer and
 * class-validator visiting every property's rules again (they allocate for each even when none
 * is set, and a stored run reads its query on every request).
 */
export class DtoValidationPipe extends ValidationPipe {
  private readonly validWhenEmpty = new WeakSet<Type>();

  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationProblem,
      // The problem names fields and constraints only; leaving the object and the value out of
      // class-validator's errors makes the pipe much cheaper on a valid body (README, Performance).
      validationError: { target: false, value: false },
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype;
    const empty = type !== undefined && isEmptyObject(value);
    if (empty && this.validWhenEmpty.has(type)) return new type();
    // Nest deletes these before class-transformer sees them: a query's (a body's are refused as it is parsed, or by its shape check).
    if (type !== undefined && typeof value === 'object' && value !== null) {
      for (const name of STRIPPED_NAMES) if (Object.hasOwn(value, name)) throw unknownFields([name]);
    }
    if (metadata.type === 'query') refuseRepeatedParameters(value);
    const result = await super.transform(value, metadata);
    refusePrototypeNames(value, result, '');
    // Only a class whose empty instance is exactly what the pipe makes of {} (no defaults
    // exposed or transformed into it) takes the shortcut.
    if (empty && result instanceof type && Object.keys(result).length === 0) this.validWhenEmpty.add(type);
    return result;
  }
}

/** No query parameter of this API is a list: one given twice (`?timeoutMs=1&timeoutMs=2`) was "must be a string". */
function refuseRepeatedParameters(query: unknown): void {
  if (typeof query !== 'object' || query === null) return;
  for (const [name, value] of Object.entries(query)) {
    if (Array.isArray(value)) throw problem('duplicate_field', `The query parameter \`${name}\` was given ${value.length} times: give it once`, { field: name });
  }
}

/**
 * class-validator's whitelist looks a member's name up in a plain object, where `toString`,
 * `constructor` or `hasOwnProperty` are always found: a body or query member of such a name
 * passed as declared (class-transformer then left it out). The members given for every DTO in
 * the result (`dto`, nested ones too) are checked for them in what was sent (`sent`); maps the
 * DTOs hold (env, files) are the caller's data, not members, and are left alone.
 */
function refusePrototypeNames(sent: unknown, dto: unknown, path: string): void {
  if (Array.isArray(sent) && Array.isArray(dto)) return sent.forEach((item, index) => refusePrototypeNames(item, dto[index], `${path}${index}.`));
  if (typeof sent !== 'object' || sent === null || typeof dto !== 'object' || dto === null) return;
  const prototype = Object.getPrototypeOf(dto);
  if (prototype === Object.prototype || prototype === null || ArrayBuffer.isView(dto)) return;
  for (const name of Object.keys(sent)) {
    if (name in Object.prototype) throw unknownFields([`${path}${name}`]);
    refusePrototypeNames((sent as Record<string, unknown>)[name], (dto as Record<string, unknown>)[name], `${path}${name}.`);
  }
}

function isEmptyObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && Object.keys(value).length === 0;
}
