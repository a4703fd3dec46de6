import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { declaredLength, readRawBody } from '../http/octet-stream';
import { invalidField } from '../http/validation-problem';
import { CLOCK_MODES, type ClockMode } from '../common/run-input';
import { FIXED_CLOCK, RANDOM_SEED } from './determinism-input';
import { OUTPUT_ENCODINGS, type OutputEncoding } from './execution-response';
import { OUTPUT_FILES } from './output-files';
import { ASYNC_WAIT, CALLBACK_URL } from './async-fields';
import { parseRunTextFields } from './run-fields';
import type { RunRequest, RunRules } from './run-input';

const WITH_OCTET_STREAM = 'With an application/octet-stream body only (a JSON body carries it as a member).';

/** The query of POST /api/v1/modules/:id/executions when the body is stdin itself (application/octet-stream). */
export class StoredRunQuery {
  @ApiPropertyOptional({ description: `argv[1..] as a JSON array of strings. ${WITH_OCTET_STREAM}`, example: '["--n","10"]' })
  @IsOptional() @IsString() args?: string;

  @ApiPropertyOptional({ description: `The environment as a JSON object of strings. ${WITH_OCTET_STREAM}`, example: '{"NAME":"value"}' })
  @IsOptional() @IsString() env?: string;

  @ApiPropertyOptional({ description: `A JSON array. ${OUTPUT_FILES}. ${WITH_OCTET_STREAM}`, example: '["out.wav"]' })
  @IsOptional() @IsString() outputFiles?: string;

  @ApiPropertyOptional({ pattern: '^[0-9]+$', description: `A timeout at most the tier's, in milliseconds. ${WITH_OCTET_STREAM}` })
  @IsOptional() @IsString() timeoutMs?: string;

  @ApiPropertyOptional({ enum: OUTPUT_ENCODINGS, enumName: 'OutputEncoding', description: `base64 forces base64 for stdout and stderr of a JSON answer. ${WITH_OCTET_STREAM}` })
  @IsOptional() @IsString() outputEncoding?: OutputEncoding;

  @ApiPropertyOptional({ enum: CLOCK_MODES, enumName: 'ClockMode', description: `${FIXED_CLOCK}. ${WITH_OCTET_STREAM}` })
  @IsOptional() @IsString() clock?: ClockMode;

  @ApiPropertyOptional({ pattern: '^-?[0-9]+$', description: `${RANDOM_SEED}. ${WITH_OCTET_STREAM}` })
  @IsOptional() @IsString() randomSeed?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: `${ASYNC_WAIT} ${WITH_OCTET_STREAM}` })
  @IsOptional() @IsString() wait?: string;

  @ApiPropertyOptional({ description: `${CALLBACK_URL} ${WITH_OCTET_STREAM}` })
  @IsOptional() @IsString() callbackUrl?: string;
}

/** A JSON body carries every field itself: a query beside it would be a second, conflicting source. */
export function refuseQueryWithJson(query: StoredRunQuery): void {
  const given = Object.keys(query).find((name) => query[name as keyof StoredRunQuery] !== undefined);
  if (given) throw invalidField(given, 'is a query parameter of an application/octet-stream body; a JSON body carries it as a member');
}

/**
 * The run input of an application/octet-stream body: the body is stdin, streamed into the run's
 * input buffer (no JSON, no base64); the other fields come from the query.
 */
export async function readStdinRun(request: FastifyRequest, query: StoredRunQuery, { input, stdinBuffer }: RunRules): Promise<RunRequest> {
  const fields = parseRunTextFields(query);
  const declared = declaredLength(request);
  if (declared !== undefined && declared > input.bytes) throw input.tooLarge(`is ${declared} bytes, over`);
  const stdin = await readRawBody(request, { limit: input.bytes, room: stdinBuffer, tooLarge: () => input.tooLarge() });
  return { ...fields, stdin, files: [] };
}
