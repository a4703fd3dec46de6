import { Controller, Delete } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentKey, RequireScope } from '../access/auth.decorators';
import { KeyPrincipal } from '../access/principal';
import { IdParam } from '../http/uuid-param.pipe';
import { ApiProblems } from '../http/api-problems';
import { ExecutionRecord } from '../schema/execution-record.entity';
import { AsyncRunsService } from './async-runs.service';

@ApiTags('executions')
@RequireScope('execute')
@Controller('api/v1')
export class AsyncRunsController {
  constructor(private readonly asyncRuns: AsyncRunsService) {}

  @Delete('executions/:id')
  @ApiOperation({ summary: 'Cancel a queued or running run of the account', description: 'It ends `cancelled`; a running one has its sandbox stopped at once, and nothing of it is kept.' })
  @ApiProblems('execution_final')
  @ApiOkResponse({ type: ExecutionRecord })
  cancelExecution(@IdParam('Execution') id: string, @CurrentKey() principal: KeyPrincipal): Promise<ExecutionRecord> {
    return this.asyncRuns.cancel(principal, id);
  }
}
