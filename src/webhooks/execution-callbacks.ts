import { Injectable, OnModuleInit } from '@nestjs/common';
import { ExecutionHistoryService } from '../usage/execution-history.service';
import { callbackPayload, CallbackSources } from './callback-source';

/** The callback of an execution: its GET /api/v1/executions/{id} JSON (but `callback`), to its `callbackUrl`. */
@Injectable()
export class ExecutionCallbacks implements OnModuleInit {
  constructor(
    private readonly sources: CallbackSources,
    private readonly history: ExecutionHistoryService,
  ) {}

  onModuleInit(): void {
    this.sources.register('execution', async (id) => {
      const detail = await this.history.find(id);
      if (!detail?.callbackUrl) return null;
      return { accountId: detail.accountId, url: detail.callbackUrl, payload: callbackPayload(detail) };
    });
  }
}
