import { Injectable, Param, PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { notFound, problem } from '../http/problem';
import { UUID } from '../http/uuid-param.pipe';

/**
 * A module's name: 1 to 128 letters, digits, `.`, `_` or `-`, starting with a letter or digit.
 * `@` separates a version (`name@2`) and `/` a path segment, so neither is in a name; a name
 * shaped like a UUID would read as an id, so none is.
 */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
/** Versions start at 1; any other whole number is one the name does not have (`unknown_module_version`, which names the latest). */
const VERSION = /^[0-9]{1,9}$/;
export const NAME_RULES = '1 to 128 letters, digits, `.`, `_` or `-`, starting with a letter or digit, not shaped like a UUID';

export function isModuleName(value: string): boolean {
  return NAME.test(value) && !UUID.test(value);
}

/** How a route names a module: its id, its name (the latest version), or `name@version`. */
export type ModuleRef = { id: string } | { name: string; version: number | null };

export function describeRef(ref: ModuleRef): string {
  if ('id' in ref) return ref.id;
  return ref.version === null ? ref.name : `${ref.name}@${ref.version}`;
}

export function parseModuleRef(value: string): ModuleRef | null {
  if (UUID.test(value)) return { id: value.toLowerCase() };
  const at = value.lastIndexOf('@');
  const name = at < 0 ? value : value.slice(0, at);
  const version = at < 0 ? null : value.slice(at + 1);
  if (!isModuleName(name) || (version !== null && !VERSION.test(version))) return null;
  return { name, version: version === null ? null : Number(version) };
}

export const unknownModuleName = (name: string) =>
  problem('unknown_module_name', `The account has no module named ${JSON.stringify(name)}`, { name });

export const unknownModuleVersion = (name: string, version: number, latestVersion: number) =>
  problem('unknown_module_version', `Module ${JSON.stringify(name)} has no version ${version} (the latest is ${latestVersion})`, {
    name,
    version,
    latestVersion,
  });

export const moduleStorageFull = (usedBytes: number, moduleBytes: number, storage: { maxStoredModuleBytes: number; tier: string }) =>
  problem(
    'stored_modules_full',
    `The account's stored modules take ${usedBytes} bytes; with this module's ${moduleBytes} they would pass the ${storage.tier} tier's maxStoredModuleBytes of ${storage.maxStoredModuleBytes}: delete modules or versions (DELETE /api/v1/modules/{id}) first`,
    { limit: 'maxStoredModuleBytes', limitBytes: storage.maxStoredModuleBytes, usedBytes, moduleBytes, limitSource: 'tier', tier: storage.tier },
  );

/** Something that is neither an id nor a name names nothing: 404, like an unknown id. */
@Injectable()
class ModuleRefPipe implements PipeTransform<string, ModuleRef> {
  transform(value: string): ModuleRef {
    const ref = parseModuleRef(value);
    if (!ref) throw notFound('Module', JSON.stringify(value));
    return ref;
  }
}

/** The route's `:id`: a module's id, name or `name@version`, read and documented as such. */
export function ModuleRefParam(): ParameterDecorator {
  return (target, key, index) => {
    Param('id', new ModuleRefPipe())(target, key, index);
    const method = Object.getOwnPropertyDescriptor(target, key!)!;
    ApiParam({
      name: 'id',
      schema: { type: 'string' },
      description: `The module's id, its name (the latest version) or \`name@version\`. Names: ${NAME_RULES}.`,
    })(target, key!, method);
  };
}
