import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiAcceptedResponse, ApiExtraModels, ApiOkResponse, ApiProduces, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OCTET_STREAM } from '../http/octet-stream';
import { ProblemException } from '../http/problem';
import { ApiProblems } from '../openapi/api-problems';
import { octetStreamHeaders, OCTET_STREAM_HEADERS, prefersOctetStream } from './binary-answer';
import { ExecutionResponse, FinishedRun, toExecutionResponse } from './execution-response';
import { isQueued, type RunOutcome } from './executions.service';
import type { RunRequest } from './run-input';

/** The answer of a run submitted with `wait: false`. */
export class QueuedRunView {
  @ApiProperty({ format: 'uuid', description: 'The execution: GET /api/v1/executions/{id} for its status and output' }) id: string;
  @ApiProperty({ enum: ['queued'] }) status: 'queued';
}

/** How a run route answers: the JSON result, or with `Accept: application/octet-stream` raw stdout and the rest in headers. */
export const ApiRunAnswer = () =>
  applyDecorators(
    ApiExtraModels(ExecutionResponse),
    ApiProduces('application/json', OCTET_STREAM),
    ApiProblems('not_acceptable'),
    ApiOkResponse({
      description: 'The run ended: `status` says how. With `Accept: application/octet-stream`, the body is the raw stdout and the result is in the `WasmWiz-*` headers',
      headers: Object.fromEntries(Object.entries(OCTET_STREAM_HEADERS).map(([name, { description, schema }]) => [name, { description: `${OCTET_STREAM} answer: ${description}`, schema }])),
      content: {
        'application/json': { schema: { $ref: getSchemaPath(ExecutionResponse) } },
        [OCTET_STREAM]: { schema: { type: 'string', format: 'binary', description: "The guest's stdout, as it wrote it" } },
      },
    }),
    ApiAcceptedResponse({
      description: 'With `wait: false`: the run is queued',
      type: QueuedRunView,
      headers: { Location: { description: 'The execution record to poll: /api/v1/executions/{id}', schema: { type: 'string' } } },
    }),
  );

/** Whether the caller asked for raw stdout. */
export const wantsOctetStream = (request: FastifyRequest) => prefersOctetStream(request.headers.accept);

/** An input whose answer can be given as asked: files come back only in the JSON answer. */
export function answerable(octetStream: boolean, input: RunRequest): RunRequest {
  if (octetStream && input.outputFiles?.length) {
    throw new ProblemException(
      HttpStatus.NOT_ACCEPTABLE,
      'not_acceptable',
      'Not acceptable',
      '`outputFiles` come back as `files` of the JSON answer: ask for application/json, or leave `outputFiles` out of an application/octet-stream answer',
    );
  }
  return input;
}

/** The answer of a finished run in the media type the caller asked for. */
export function runAnswer(octetStream: boolean, reply: FastifyReply, run: RunOutcome): ExecutionResponse | QueuedRunView | Buffer {
  if (isQueued(run)) {
    reply.status(HttpStatus.ACCEPTED).header('location', `/api/v1/executions/${run.id}`);
    return { id: run.id, status: run.status };
  }
  if (!octetStream) return toExecutionResponse(run);
  reply.headers(octetStreamHeaders(run)).type(OCTET_STREAM);
  return run.result.stdout;
}
