import type { ValidationError } from 'class-validator';
import { problem, ProblemException } from './problem';

function flatten(errors: ValidationError[], parent = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** class-validator errors as one 400 naming every field that is wrong and why. */
export function validationProblem(errors: ValidationError[]): ProblemException {
  const fields = flatten(errors);
  const detail = fields.map(({ field, problems }) => `${field}: ${problems.join(', ')}`).join('; ');
  return problem('validation_failed', detail || 'The request body is invalid', {
    errors: fields.map(({ field, problems }) => ({ field, messages: problems })),
  });
}

/** The same problem for one field checked by hand (a multipart or query field). */
export function invalidField(field: string, message: string): ProblemException {
  return problem('validation_failed', `${field}: ${message}`, { field, errors: [{ field, messages: [message] }] });
}
