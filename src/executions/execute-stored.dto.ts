import { Allow, IsArray, IsBase64, IsIn, IsInt, IsObject, IsOptional, IsString, Min } from 'class-validator';
import type { OutputEncoding } from './execution-response';

/** POST /api/v1/modules/:id/executions. */
export class ExecuteStoredModuleDto {
  /** stdin as text (UTF-8). */
  @IsOptional() @IsString() stdin?: string;

  /** stdin as base64, for binary input. */
  @IsOptional() @IsBase64() stdinBase64?: string;

  /** argv[1..]; argv[0] is the module's name. */
  @IsOptional() @IsArray() @IsString({ each: true }) args?: string[];

  @IsOptional() @IsObject() env?: Record<string, string>;

  /** Files of the guest's writable root directory: path → base64 content. */
  @IsOptional() @IsObject() files?: Record<string, string>;

  @IsOptional() @IsIn(['utf8', 'base64']) outputEncoding?: OutputEncoding;

  /** A timeout below the tier's, in milliseconds. */
  @IsOptional() @IsInt() @Min(1) timeoutMs?: number;

  /** "real" (default) or "fixed": see checkClock; checked by the controller, as on the multipart route. */
  @Allow() clock?: unknown;

  /** An integer seeding random_get: see checkRandomSeed. */
  @Allow() randomSeed?: unknown;
}
