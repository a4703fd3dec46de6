import type { ValidationError } from 'class-validator';
import { problem, ProblemException } from './problem';

function flatten(errors: ValidationError[], parent = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** How many wrong fields a validation problem lists (the detail names the first few of them). */
export const MAX_LISTED_ERRORS = 100;
const DETAILED_ERRORS = 10;

/** class-validator errors as one 400 naming the fields that are wrong and why (the first MAX_LISTED_ERRORS). */
export function validationProblem(errors: ValidationError[]): ProblemException {
  const fields = flatten(errors);
  const more = fields.length > DETAILED_ERRORS ? `; and ${fields.length - DETAILED_ERRORS} more` : '';
  const detail = fields
    .slice(0, DETAILED_ERRORS)
    .map(({ field, problems }) => `${field}: ${problems.join(', ')}`)
    .join('; ');
  return problem('validation_failed', detail ? detail + more : 'The request body is invalid', {
    errors: fields.slice(0, MAX_LISTED_ERRORS).map(({ field, problems }) => ({ field, messages: problems })),
  });
}

/** The same problem for one field checked by hand (a multipart or query field). */
export function invalidField(field: string, message: string): ProblemException {
  return problem('validation_failed', `${field}: ${message}`, { field, errors: [{ field, messages: [message] }] });
}
