import { Injectable, Param, PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { notFound } from './problem';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that is not even a UUID names nothing: 404, like any other id the caller cannot see. */
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  constructor(private readonly what: string) {}

  transform(value: string): string {
    if (!UUID.test(value)) throw notFound(this.what, value);
    return value.toLowerCase();
  }
}

/** The route's `:id`, a UUID naming a `what` (a module, a key...), read and documented as such. */
export function IdParam(what: string): ParameterDecorator {
  return (target, key, index) => {
    Param('id', new UuidParam(what))(target, key, index);
    const method = Object.getOwnPropertyDescriptor(target, key!)!;
    ApiParam({ name: 'id', format: 'uuid', description: `The ${what.toLowerCase()}'s id` })(target, key!, method);
  };
}
