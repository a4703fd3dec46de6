import { Injectable } from '@nestjs/common';
import { uploadsRateLimited } from '../quotas/rate-limited.error';

/**
 * How many module uploads one account may have in progress on an instance. An upload holds its
 * bytes several times over while they are read, hashed, checked and compiled on the checker's
 * threads: 80 uploads of 10 MB at once from one key took the process from 478 MB to 1.79 GB.
 */
export const MAX_UPLOADS_PER_ACCOUNT = 2;
/**
 * Uploads past those wait their turn with their bodies unread (the socket's buffers hold what
 * the client sent, the client is held back by TCP); past this many waiting, one is refused.
 */
export const MAX_WAITING_UPLOADS_PER_ACCOUNT = 32;

interface AccountUploads {
  inProgress: number;
  waiting: Array<() => void>;
}

/** The module uploads in progress and waiting, per account; past both limits an upload is refused before its body is read. */
@Injectable()
export class UploadSlots {
  private readonly accounts = new Map<string, AccountUploads>();

  /**
   * Resolves with a slot for `accountId` once one is free (at once when one is), as the function
   * that gives it back (once); 429 `uploads` when the account already has as many waiting as may.
   */
  take(accountId: string): Promise<() => void> {
    let uploads = this.accounts.get(accountId);
    if (!uploads) this.accounts.set(accountId, (uploads = { inProgress: 0, waiting: [] }));
    if (uploads.inProgress < MAX_UPLOADS_PER_ACCOUNT) return Promise.resolve(this.hold(accountId, uploads));
    if (uploads.waiting.length >= MAX_WAITING_UPLOADS_PER_ACCOUNT) {
      return Promise.reject(uploadsRateLimited(MAX_UPLOADS_PER_ACCOUNT, MAX_WAITING_UPLOADS_PER_ACCOUNT));
    }
    const queue = uploads.waiting;
    return new Promise((resolve) => queue.push(() => resolve(this.hold(accountId, uploads))));
  }

  private hold(accountId: string, uploads: AccountUploads): () => void {
    uploads.inProgress++;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      uploads.inProgress--;
      const next = uploads.waiting.shift();
      if (next) next();
      else if (uploads.inProgress === 0) this.accounts.delete(accountId);
    };
  }
}
