import { Controller, Get, HttpCode, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../access/auth.decorators';
import { ReadinessReport, ReadinessService } from './readiness.service';

class Liveness {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get('live')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'The process is up and its event loop answers' })
  @ApiOkResponse({ type: Liveness })
  getLiveness(): Liveness {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Ready to take executions: 200 while every dependency is usable (possibly degraded), else 503' })
  @ApiOkResponse({ type: ReadinessReport, description: 'Ready or degraded' })
  @ApiServiceUnavailableResponse({ type: ReadinessReport, description: 'Unavailable: a dependency is down, or the service is shutting down' })
  async getReadiness(@Res({ passthrough: true }) reply: FastifyReply) {
    const report = await this.readiness.check();
    reply.status(report.status === 'unavailable' ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK);
    return report;
  }
}
