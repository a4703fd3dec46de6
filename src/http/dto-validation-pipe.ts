import { type ArgumentMetadata, type Type, ValidationPipe } from '@nestjs/common';
import { validationProblem } from './validation-problem';

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
    const result = await super.transform(value, metadata);
    // Only a class whose empty instance is exactly what the pipe makes of {} (no defaults
    // exposed or transformed into it) takes the shortcut.
    if (empty && result instanceof type && Object.keys(result).length === 0) this.validWhenEmpty.add(type);
    return result;
  }
}

function isEmptyObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && Object.keys(value).length === 0;
}
