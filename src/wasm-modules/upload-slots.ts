import { Injectable } from '@nestjs/common';
import { uploadsRateLimited } from '../quotas/rate-limited.error';

/**
 * How many module uploads one account may have in progress on an instance. An upload holds its
 * bytes several times over while they are read, hashed, checked and compiled on the checker's
 * threads: 80 uploads of 10 MB at once from one key took the process from 478 MB to 1.79 GB.
 */
export const MAX_UPLOADS_PER_ACCOUNT = 2;

/** The module uploads in progress, per account; past the limit an upload is refused before its body is read. */
@Injectable()
export class UploadSlots {
  private readonly inProgress = new Map<string, number>();

  /** Takes a slot for `accountId` (429 `uploads` when none is free); returns what gives it back, once. */
  take(accountId: string): () => void {
    const held = this.inProgress.get(accountId) ?? 0;
    if (held >= MAX_UPLOADS_PER_ACCOUNT) throw uploadsRateLimited(MAX_UPLOADS_PER_ACCOUNT);
    this.inProgress.set(accountId, held + 1);
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const left = (this.inProgress.get(accountId) ?? 1) - 1;
      if (left === 0) this.inProgress.delete(accountId);
      else this.inProgress.set(accountId, left);
    };
  }
}
