import { Injectable, OnModuleInit } from '@nestjs/common';
import { BatchesService } from '../batches/batches.service';
import { callbackPayload, CallbackSources } from './callback-source';

/** The callback of a batch: its GET /api/v1/batches/{id} JSON (but `callback`), to its `callbackUrl`. */
@Injectable()
export class BatchCallbacks implements OnModuleInit {
  constructor(
    private readonly sources: CallbackSources,
    private readonly batches: BatchesService,
  ) {}

  onModuleInit(): void {
    this.sources.register('batch', async (id) => {
      const found = await this.batches.findForCallback(id);
      if (!found?.callbackUrl) return null;
      return { accountId: found.accountId, url: found.callbackUrl, payload: callbackPayload(found.view) };
    });
  }
}
