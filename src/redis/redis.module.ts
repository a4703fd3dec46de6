import { Module } from '@nestjs/common';
import { InvalidationBus } from './invalidation-bus.service';
import { RedisService } from './redis.service';

@Module({ providers: [RedisService, InvalidationBus], exports: [RedisService, InvalidationBus] })
export class RedisModule {}
