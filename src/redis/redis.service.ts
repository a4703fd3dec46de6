import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/**
 * The shared Redis connection, set to fail fast: no offline queue, and the request path's
 * commands held to REDIS_TIMEOUT (`withDeadline`), so a Redis outage costs a request a few
 * milliseconds, never a hang. Null without REDIS_URL.
 */
const BACKSTOP_MIN_MS = 1000;

@Injectable()
export class RedisService implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisService.name);
  readonly client: Redis | null;
  /** REDIS_TIMEOUT: what the request path's commands wait for (see withDeadline). */
  readonly commandTimeoutMs: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.commandTimeoutMs = config.redisTimeoutMs;
    this.client = config.redisUrl ? new Redis(config.redisUrl, RedisService.options('wasmwiz', this.commandTimeoutMs)) : null;
    this.client?.on('error', () => undefined);
  }

  static options(connectionName: string, commandTimeoutMs: number): RedisOptions {
    return {
      connectionName,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // A backstop for commands no deadline holds, and for those a deadline gave up on.
      commandTimeout: Math.max(4 * commandTimeoutMs, BACKSTOP_MIN_MS),
      connectTimeout: 1000,
      lazyConnect: false,
      enableAutoPipelining: true,
      retryStrategy: (attempt) => Math.min(100 * attempt, 1000),
      reconnectOnError: () => true,
    };
  }

  /** A second connection for subscriptions (a subscribed connection can run no other command). */
  duplicate(name: string): Redis | null {
    if (!this.client) return null;
    const connection = this.client.duplicate(RedisService.options(name, this.commandTimeoutMs));
    connection.on('error', () => undefined);
    return connection;
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.client) return;
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
    this.logger.debug('redis connection closed');
  }
}
