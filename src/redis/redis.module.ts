import { Global, Module } from '@nestjs/common';
import { InvalidationBus } from './invalidation-bus.service';
import { RedisService } from './redis.service';

@Global()
@Module({ providers: [RedisService, InvalidationBus], exports: [RedisService, InvalidationBus] })
export class RedisModule {}
