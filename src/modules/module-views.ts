import { PAGE_BYTES } from './module-validator';
import type { StoredModule } from './stored-module.entity';

export interface ModuleView {
  id: string;
  name: string;
  description: string | null;
  sha256: string;
  sizeBytes: number;
  /** `module.name` of each import. */
  imports: string[];
  /** Declared linear memory in bytes (max null when the module declares none). */
  memory: { min: number | null; max: number | null };
  createdAt: Date;
}

export function toModuleView(module: StoredModule): ModuleView {
  return {
    id: module.id,
    name: module.name,
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
