import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { Account } from './account.entity';
import { AccountsService } from './accounts.service';
import { AdminAccountsController } from './admin-accounts.controller';

@Module({
  imports: [TypeOrmModule.forFeature([Account]), AuthModule],
  controllers: [AdminAccountsController],
  providers: [AccountsService],
  exports: [AccountsService],
})
export class AccountsModule {}
