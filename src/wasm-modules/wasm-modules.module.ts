import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RedisModule } from '../redis/redis.module';
import { CompiledModuleCache } from './compiled-module-cache.service';
import { ModuleChecker } from './module-checker.service';
import { ModulesController } from './modules.controller';
import { ModuleBlobStore } from './module-blob-store';
import { ModuleBlob, ModuleBlobPiece, StoredModule } from '../schema/stored-module.entity';
import { StoredModulesService } from './stored-modules.service';
import { UploadSlots } from './upload-slots';

@Module({
  imports: [TypeOrmModule.forFeature([StoredModule, ModuleBlob, ModuleBlobPiece]), RedisModule],
  controllers: [ModulesController],
  providers: [ModuleChecker, CompiledModuleCache, ModuleBlobStore, StoredModulesService, UploadSlots],
  exports: [CompiledModuleCache, ModuleBlobStore, StoredModulesService],
})
export class WasmModulesModule {}
