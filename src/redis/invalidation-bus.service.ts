import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { RedisService } from './redis.service';

const CHANNEL = 'wasmwiz:invalidate';

export type Invalidation =
  | { scope: 'principals' }
  | { scope: 'tiers' }
  | { scope: 'module'; id: string }
  /** Not an invalidation: a key was issued, for the filters of known keys (src/auth/known-keys.service.ts). */
  | { scope: 'key-issued'; keyHash: string };

/**
 * Tells every instance that cached keys, accounts or tiers changed. Through Redis pub/sub when
 * there is Redis; always locally. Caches use a short TTL whenever the bus is not connected.
 */
@Injectable()
export class InvalidationBus implements OnApplicationShutdown {
  private readonly listeners = new Set<(event: Invalidation) => void>();
  private readonly subscriber: Redis | null;
  private subscribed = false;

  constructor(private readonly redis: RedisService) {
    this.subscriber = redis.duplicate('wasmwiz-invalidation');
    if (this.subscriber) {
      const subscriber = this.subscriber;
      subscriber.on('message', (_channel: string, payload: string) => this.deliver(payload));
      // The connection fails fast (no offline queue), so subscribe once it is up, on every
      // (re)connection; messages may have been missed meanwhile: drop everything cached.
      subscriber.on('ready', () => {
        subscriber.subscribe(CHANNEL).then(
          () => (this.subscribed = true),
          () => (this.subscribed = false),
        );
        this.emitLocal({ scope: 'principals' });
      });
      subscriber.on('close', () => (this.subscribed = false));
    }
  }

  /** True when invalidations published elsewhere reach this instance. */
  get connected(): boolean {
    return this.subscribed && this.subscriber?.status === 'ready';
  }

  onInvalidate(listener: (event: Invalidation) => void): void {
    this.listeners.add(listener);
  }

  async publish(event: Invalidation): Promise<void> {
    this.emitLocal(event);
    try {
      await this.redis.client?.publish(CHANNEL, JSON.stringify(event));
    } catch {
      // Other instances fall back to their short cache TTL.
    }
  }

  private deliver(payload: string): void {
    try {
      this.emitLocal(JSON.parse(payload) as Invalidation);
    } catch {
      // not ours
    }
  }

  private emitLocal(event: Invalidation): void {
    for (const listener of this.listeners) listener(event);
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscriber?.disconnect();
  }
}
