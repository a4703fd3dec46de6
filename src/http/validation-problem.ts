import { IS_ARRAY, IS_BOOLEAN, IS_DATE_STRING, IS_ENUM, IS_INT, IS_ISO8601, IS_NUMBER, IS_OBJECT, IS_STRING, IS_UUID, type ValidationError } from 'class-validator';
import { problem, ProblemException } from './problem';

/** class-validator's checks of a value's type: where one fails, its range or length checks said nonsense ("100" "must not be less than 1"). */
const TYPE_CHECKS = new Set([IS_INT, IS_NUMBER, IS_STRING, IS_BOOLEAN, IS_OBJECT, IS_ARRAY, IS_UUID, IS_DATE_STRING, IS_ISO8601, IS_ENUM]);

function problemsOf(constraints: Record<string, string>): string[] {
  const failedTypes = Object.keys(constraints).filter((name) => TYPE_CHECKS.has(name));
  return failedTypes.length > 0 ? failedTypes.map((name) => constraints[name]) : Object.values(constraints);
}

function flatten(errors: ValidationError[], parent = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: problemsOf(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** How many wrong fields a validation problem lists (the detail names the first few of them). */
export const MAX_LISTED_ERRORS = 100;
const DETAILED_ERRORS = 10;

/** What class-validator calls a member the DTO does not declare (the pipe's forbidNonWhitelisted). */
const UNDECLARED = 'whitelistValidation';

function onlyUndeclared(errors: ValidationError[]): boolean {
  return errors.every((error) => Object.keys(error.constraints ?? {}).every((key) => key === UNDECLARED) && onlyUndeclared(error.children ?? []));
}

/**
 * class-validator errors as one 400 naming the fields that are wrong and why (the first
 * MAX_LISTED_ERRORS). Members the route does not take, and nothing else wrong, are
 * `unknown_field`, as a multipart field the route does not take is.
 */
export function validationProblem(errors: ValidationError[]): ProblemException {
  const fields = flatten(errors);
  if (fields.length > 0 && onlyUndeclared(errors)) return unknownFields(fields);
  const more = fields.length > DETAILED_ERRORS ? `; and ${fields.length - DETAILED_ERRORS} more` : '';
  const detail = fields
    .slice(0, DETAILED_ERRORS)
    .map(({ field, problems }) => `${field}: ${problems.join(', ')}`)
    .join('; ');
  return problem('validation_failed', detail ? detail + more : 'The request body is invalid', {
    errors: fields.slice(0, MAX_LISTED_ERRORS).map(({ field, problems }) => ({ field, messages: problems })),
  });
}

/** Members the route does not take (`field` a dotted path: `runs.0.arg`): `unknown_field` naming them. */
export function unknownFields(given: (string | { field: string; problems: string[] })[]): ProblemException {
  const fields = given.map((field) => (typeof field === 'string' ? { field, problems: [`property ${field.split('.').pop()} should not exist`] } : field));
  const names = fields.slice(0, DETAILED_ERRORS).map(({ field }) => `\`${field}\``).join(', ');
  const hint = fields.some(({ field }) => field === 'input' || field.endsWith('.input')) ? '; a run\'s stdin is `stdin` in a JSON body (`input` in the multipart form of POST /api/v1/execute)' : '';
  const more = fields.length > DETAILED_ERRORS ? ` and ${fields.length - DETAILED_ERRORS} more` : '';
  return problem('unknown_field', `Unexpected ${fields.length === 1 ? 'field' : 'fields'} ${names}${more}: the route does not take ${fields.length === 1 ? 'it' : 'them'} (its schema in /docs lists what it takes)${hint}`, {
    field: fields[0].field,
    errors: fields.slice(0, MAX_LISTED_ERRORS).map(({ field, problems }) => ({ field, messages: problems })),
  });
}

/** The same problem for one field checked by hand (a multipart or query field). */
export function invalidField(field: string, message: string): ProblemException {
  return problem('validation_failed', `${field}: ${message}`, { field, errors: [{ field, messages: [message] }] });
}
