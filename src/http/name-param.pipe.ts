import { Injectable, PipeTransform } from '@nestjs/common';
import { isStorableText } from './field-rules';
import { notFound } from './problem';

/** A name the database cannot even hold (a NUL in it) names nothing: 404, like any unknown name. */
@Injectable()
export class NameParam implements PipeTransform<string, string> {
  constructor(private readonly what: string) {}

  transform(value: string): string {
    if (!isStorableText(value)) throw notFound(this.what, JSON.stringify(value));
    return value;
  }
}
