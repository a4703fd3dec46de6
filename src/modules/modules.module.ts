import { Module } from '@nestjs/common';
import { CompiledModuleCache } from './compiled-module-cache.service';

@Module({ providers: [CompiledModuleCache], exports: [CompiledModuleCache] })
export class ModulesModule {}
