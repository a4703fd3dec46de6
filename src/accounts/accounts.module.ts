import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { RedisModule } from '../redis/redis.module';
import { Account } from '../schema/account.entity';
import { AccountsService } from './accounts.service';
import { AdminAccountsController } from './admin-accounts.controller';

@Module({
  imports: [TypeOrmModule.forFeature([Account]), AuditModule, RedisModule],
  controllers: [AdminAccountsController],
  providers: [AccountsService],
  exports: [AccountsService],
})
export class AccountsModule {}
