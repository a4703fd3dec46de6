import { ApiProperty } from '@nestjs/swagger';
import { CursorPage } from '../http/pagination';
import { ApiDateTime, ApiInteger } from '../http/api-properties';
import { PAGE_BYTES } from '../common/wasm-binary/wasm-page';
import type { StoredModule } from '../schema/stored-module.entity';

/** Declared linear memory in bytes: null when the module declares none (or no maximum). */
export class DeclaredMemory {
  @ApiInteger({ nullable: true }) min: number | null;
  @ApiInteger({ nullable: true }) max: number | null;
}

export class ModuleView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: "The guest's argv[0] when it runs; with `version`, another way to name the module in a route (`name`, `name@version`)" }) name: string;
  @ApiInteger({ description: 'Versions of a name count from 1 in the order new bytes were stored under it' }) version: number;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'sha256 of the bytes as uploaded' }) sha256: string;
  @ApiInteger() sizeBytes: number;
  @ApiProperty({ type: [String], description: '`module.name` of each import', example: ['wasi_snapshot_preview1.fd_write'] }) imports: string[];
  @ApiProperty({ type: DeclaredMemory }) memory: DeclaredMemory;
  @ApiDateTime() createdAt: Date;
}

export class ModulePage extends CursorPage(ModuleView) {}

export function toModuleView(module: StoredModule): ModuleView {
  return {
    id: module.id,
    name: module.name,
    version: module.version,
    description: module.description,
    sha256: module.sha256,
    sizeBytes: module.sizeBytes,
    imports: module.imports,
    memory: {
      min: module.memoryMinPages === null ? null : module.memoryMinPages * PAGE_BYTES,
      max: module.memoryMaxPages === null ? null : module.memoryMaxPages * PAGE_BYTES,
    },
    createdAt: module.createdAt,
  };
}
