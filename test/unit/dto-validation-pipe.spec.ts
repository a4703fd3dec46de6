import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { IsOptional, IsString } from 'class-validator';
import { DtoValidationPipe } from '../../src/http/dto-validation-pipe';
import { ProblemException } from '../../src/http/problem';
import { StoredRunQuery } from '../../src/executions/stored-run-query';
import { ExecuteStoredModuleDto } from '../../src/executions/execute-stored.dto';

class NeedsName {
  @IsString() name: string;
}

class WithDefault {
  @IsOptional() @IsString() mode?: string = 'fast';
}

const query = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'query', metatype });

async function refusal(work: Promise<unknown>): Promise<ProblemException> {
  const error = await work.then(() => null, (raised: unknown) => raised);
  expect(error).toBeInstanceOf(ProblemException);
  return error as ProblemException;
}

describe('DtoValidationPipe', () => {
  it('answers an empty query with a new instance of its DTO, again and again', async () => {
    const pipe = new DtoValidationPipe();
    const first = await pipe.transform({}, query(StoredRunQuery));
    const second = await pipe.transform(Object.create(null), query(StoredRunQuery));
    expect(first).toBeInstanceOf(StoredRunQuery);
    expect(second).toBeInstanceOf(StoredRunQuery);
    expect(second).not.toBe(first);
    expect(Object.keys(second as object)).toEqual([]);
  });

  it('still checks every value that is not empty once the empty one took the shortcut', async () => {
    const pipe = new DtoValidationPipe();
    await pipe.transform({}, query(StoredRunQuery));
    expect((await refusal(pipe.transform({ unknown: 'x' }, query(StoredRunQuery)))).code).toBe('unknown_field');
    expect((await refusal(pipe.transform({ args: 5 }, query(StoredRunQuery)))).detail).toMatch(/^args: /);
    await expect(pipe.transform({ args: '["a"]' }, query(StoredRunQuery))).resolves.toEqual(Object.assign(new StoredRunQuery(), { args: '["a"]' }));
  });

  it('refuses an empty value every time for a DTO with a required field', async () => {
    const pipe = new DtoValidationPipe();
    for (let i = 0; i < 2; i++) expect((await refusal(pipe.transform({}, query(NeedsName)))).detail).toMatch(/^name: /);
  });

  it('takes no shortcut for a DTO whose empty instance is not empty (a default)', async () => {
    const pipe = new DtoValidationPipe();
    for (let i = 0; i < 2; i++) await expect(pipe.transform({}, query(WithDefault))).resolves.toEqual(Object.assign(new WithDefault(), { mode: 'fast' }));
  });

  it('says only that a value of the wrong type is of the wrong type, not that it breaks its range too', async () => {
    const pipe = new DtoValidationPipe();
    const body: ArgumentMetadata = { type: 'body', metatype: ExecuteStoredModuleDto };
    // Before: "timeoutMs: timeoutMs must not be less than 1, timeoutMs must be an integer number".
    const wrongType = await refusal(pipe.transform({ timeoutMs: '100' }, body));
    expect(wrongType.detail).toBe('timeoutMs: timeoutMs must be an integer number');
    expect(wrongType.extensions.errors).toEqual([{ field: 'timeoutMs', messages: ['timeoutMs must be an integer number'] }]);
    // A number out of range still says so.
    expect((await refusal(pipe.transform({ timeoutMs: 0 }, body))).detail).toBe('timeoutMs: timeoutMs must not be less than 1');
  });
});
