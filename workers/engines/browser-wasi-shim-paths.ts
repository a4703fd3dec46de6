import type * as ShimModule from '@bjorn3/browser_wasi_shim';
import type { ShimFiles } from './browser-wasi-shim-files';
import { guarded, Shim, ShimSession, WasiFunctions } from './browser-wasi-shim-state';
import {
  DIRECTORY_RIGHTS,
  ERRNO_BADF,
  ERRNO_EXIST,
  ERRNO_INVAL,
  ERRNO_ISDIR,
  ERRNO_LOOP,
  ERRNO_NAMETOOLONG,
  ERRNO_NOENT,
  ERRNO_NOTCAPABLE,
  ERRNO_NOTDIR,
  ERRNO_PERM,
  ERRNO_SUCCESS,
  FDFLAGS_ALL,
  FILE_RIGHTS,
  FILETYPE_SYMBOLIC_LINK,
  LOOKUPFLAGS_SYMLINK_FOLLOW,
  OFLAGS_CREAT,
  OFLAGS_DIRECTORY,
  OFLAGS_EXCL,
  OFLAGS_TRUNC,
  RIGHT_FD_WRITE,
  RIGHT_PATH_CREATE_FILE,
  RIGHT_PATH_FILESTAT_SET_SIZE,
  RIGHT_PATH_OPEN,
} from './wasi-abi';

type Directory = ShimModule.Directory;
type Inode = ShimModule.Inode;

/** Linux's limits on a name and on a path given to one call (its NUL included): past them, NAMETOOLONG. */
const NAME_MAX = 255;
const PATH_MAX = 4096;

/** Links followed in one lookup before it fails with LOOP (Linux's MAXSYMLINKS). */
const MAX_SYMLINKS = 40;

/** A symbolic link in the guest's directory: the target as the guest gave it (never absolute). */
interface Symlink extends Inode {
  readonly target: string;
}

const symlinkClasses = new WeakMap<Shim, new (target: string) => Symlink>();

function symlinkClass(shim: Shim): new (target: string) => Symlink {
  let made = symlinkClasses.get(shim);
  if (!made) {
    made = class extends shim.Inode implements Symlink {
      constructor(readonly target: string) {
        super();
      }

      /** Opening the link itself (a lookup that does not follow it) is LOOP, as open(2) with O_NOFOLLOW. */
      path_open(): { ret: number; fd_obj: null } {
        return { ret: ERRNO_LOOP, fd_obj: null };
      }

      stat(): ShimModule.wasi.Filestat {
        return new shim.wasi.Filestat(this.ino, FILETYPE_SYMBOLIC_LINK, BigInt(Buffer.byteLength(this.target)));
      }
    };
    symlinkClasses.set(shim, made);
  }
  return made;
}

/** Where a path leads: a directory, and the name in it (empty for the directory itself). */
interface Place {
  dir: Directory;
  name: string;
  /** The path ended with a slash: it names a directory. */
  slash: boolean;
}

type Resolution = { ret: number; place: null } | { ret: typeof ERRNO_SUCCESS; place: Place };

/** A path the guest gives, read as the shim reads it: `..` cancels the part before it and may not climb out. */
function guestPathParts(path: string): string[] | number {
  if (path.startsWith('/')) return ERRNO_NOTCAPABLE;
  if (path.includes('\0')) return ERRNO_INVAL;
  if (Buffer.byteLength(path) >= PATH_MAX) return ERRNO_NAMETOOLONG;
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (Buffer.byteLength(part) > NAME_MAX) return ERRNO_NAMETOOLONG;
    if (part === '' || part === '.') continue;
    if (part !== '..') parts.push(part);
    else if (parts.pop() === undefined) return ERRNO_NOTCAPABLE;
  }
  return parts;
}

/** A link's target: each `..` climbs from the link's directory (see PathResolver.climb). */
function targetParts(target: string): string[] {
  return target.split('/').filter((part) => part !== '' && part !== '.');
}

/**
 * Looks paths up in the guest's in-memory tree, following symbolic links: always in the middle
 * of a path and at its end when asked (or when the path ends with a slash). A link's `..` parts
 * climb through the real directories, and stop at the guest's root, as they do under node:wasi:
 * no link leads outside the guest's directory.
 */
class PathResolver {
  constructor(
    private readonly shim: Shim,
    private readonly root: Directory,
    private readonly symlink: new (target: string) => Symlink,
  ) {}

  isSymlink(inode: Inode | undefined): inode is Symlink {
    return inode instanceof this.symlink;
  }

  /** `slashFollows`: a trailing slash follows a link at the end (not for unlink(2), which refuses the link itself). */
  resolve(start: Directory, path: string, followLast: boolean, slashFollows = true): Resolution {
    const parts = guestPathParts(path);
    if (typeof parts === 'number') return { ret: parts, place: null };
    const slash = path.endsWith('/');
    const stack = [start];
    let followed = 0;
    while (parts.length > 0) {
      const name = parts.shift() as string;
      if (name === '..') {
        this.climb(stack, start);
        continue;
      }
      const dir = stack[stack.length - 1];
      const last = parts.length === 0;
      const entry = dir.contents.get(name);
      if (this.isSymlink(entry) && (!last || followLast || (slash && slashFollows))) {
        if (++followed > MAX_SYMLINKS) return { ret: ERRNO_LOOP, place: null };
        parts.unshift(...targetParts(entry.target));
        continue;
      }
      if (last) return { ret: ERRNO_SUCCESS, place: { dir, name, slash } };
      if (entry === undefined) return { ret: ERRNO_NOENT, place: null };
      if (!(entry instanceof this.shim.Directory)) return { ret: ERRNO_NOTDIR, place: null };
      stack.push(entry);
    }
    return { ret: ERRNO_SUCCESS, place: { dir: stack[stack.length - 1], name: '', slash } };
  }

  /** `..` from a link: the walk's directory before, or above where it started, up to the root. */
  private climb(stack: Directory[], start: Directory): void {
    if (stack.length === 1 && start !== this.root) stack.splice(0, 1, ...(this.chainTo(this.root, start) ?? [start]));
    if (stack.length > 1) stack.pop();
  }

  /** The directories from `from` down to `to`, both included (the shim keeps no parent of a directory made at run time). */
  private chainTo(from: Directory, to: Directory): Directory[] | null {
    if (from === to) return [from];
    for (const child of from.contents.values()) {
      if (!(child instanceof this.shim.Directory)) continue;
      const below = this.chainTo(child, to);
      if (below) return [from, ...below];
    }
    return null;
  }
}

/** A place as a path the shim's own functions take: one name (or `.`) in its directory. */
function nameIn(place: Place): string {
  if (place.name === '') return '.';
  return place.slash ? `${place.name}/` : place.name;
}

/**
 * The path functions of a session over @bjorn3/browser_wasi_shim's in-memory tree, with
 * symbolic links (the shim has none: `path_symlink` and `path_readlink` answered NOTSUP). Every
 * path is resolved here (PathResolver), then the shim's own function acts on the one name left.
 * Also fixed, against WASI preview 1 as other runtimes behave: `path_open` checks the directory's
 * rights and refuses to open a directory for writing; `path_create_directory` of an existing
 * name is EXIST; `path_link` onto an existing name is EXIST (the shim replaced the file);
 * `path_rename` takes a trailing slash on a directory's new name, replaces a file or link, and
 * cannot move a directory into itself.
 */
export function shimPaths(session: ShimSession, root: Directory, files: ShimFiles): WasiFunctions {
  const paths = new SessionPaths(session, root, files);
  return { path_open: pathOpen(paths), ...statFunctions(paths), ...directoryFunctions(paths), ...symlinkFunctions(paths), ...linkFunctions(paths) };
}

/** What the path functions of one session share: its fds, the tree, the resolver and the file budget. */
class SessionPaths {
  readonly shim: Shim;
  readonly Symlink: ReturnType<typeof symlinkClass>;
  readonly resolver: PathResolver;

  constructor(
    readonly session: ShimSession,
    root: Directory,
    readonly files: ShimFiles,
  ) {
    this.shim = session.shim;
    this.Symlink = symlinkClass(session.shim);
    this.resolver = new PathResolver(session.shim, root, this.Symlink);
  }

  /** The directory an fd names, or the errno for one that names none. */
  directoryOf(fd: number): ShimModule.OpenDirectory | number {
    const object = this.session.fdObject(fd);
    if (object instanceof this.shim.OpenDirectory) return object;
    return object ? ERRNO_NOTDIR : ERRNO_BADF;
  }

  /** Resolves the path at `ptr` from the directory of `fd` (see PathResolver.resolve). */
  resolve(fd: number, ptr: number, length: number, followLast: boolean, slashFollows = true): Resolution {
    const directory = this.directoryOf(fd);
    if (typeof directory === 'number') return { ret: directory, place: null };
    return this.resolver.resolve(directory.dir, this.session.readString(ptr, length), followLast, slashFollows);
  }

  opened(place: Place): ShimModule.OpenDirectory {
    return new this.shim.OpenDirectory(place.dir);
  }

  inodeAt(place: Place) {
    return this.opened(place).path_lookup(nameIn(place), 0);
  }
}

/** path_open, held to the directory's rights; a directory cannot be opened for writing. */
function pathOpen(paths: SessionPaths) {
  const { session, shim, files } = paths;
  return guarded(
    (fd: number, dirflags: number, pathPtr: number, pathLength: number, oflags: number, base: bigint, inheriting: bigint, fdflags: number, openedPtr: number): number => {
      const directory = paths.directoryOf(fd);
      if (typeof directory === 'number') return directory;
      session.check(openedPtr, 4);
      const parent = session.stateOf(directory);
      if ((parent.base & RIGHT_PATH_OPEN) === 0n) return ERRNO_NOTCAPABLE;
      if (oflags & OFLAGS_TRUNC && (parent.base & RIGHT_PATH_FILESTAT_SET_SIZE) === 0n) return ERRNO_NOTCAPABLE;
      const { ret, place } = paths.resolver.resolve(directory.dir, session.readString(pathPtr, pathLength), (dirflags & LOOKUPFLAGS_SYMLINK_FOLLOW) !== 0);
      if (!place) return ret;
      const existing = paths.inodeAt(place).inode_obj;
      if (!existing && oflags & OFLAGS_CREAT && (parent.base & RIGHT_PATH_CREATE_FILE) === 0n) return ERRNO_NOTCAPABLE;
      // Like open(2): a directory cannot be opened for writing.
      if (existing instanceof shim.Directory && (base & RIGHT_FD_WRITE) !== 0n) return ERRNO_ISDIR;
      let flags = oflags;
      if (!existing && oflags & OFLAGS_CREAT && place.name !== '' && !place.dir.contents.has(place.name)) {
        // Made here rather than by the shim, so that the file is a counted one.
        files.entryAdded(place.name);
        place.dir.contents.set(place.name, oflags & OFLAGS_DIRECTORY ? new shim.Directory(new Map()) : files.file(new Uint8Array(0)));
        flags &= ~(OFLAGS_CREAT | OFLAGS_EXCL);
      }
      const result = paths.opened(place).path_open(dirflags, nameIn(place), flags, base, inheriting, fdflags);
      if (!result.fd_obj) return result.ret;
      const file = result.fd_obj;
      session.view().setUint32(openedPtr, session.wasi.fds.push(file) - 1, true);
      const kind = file instanceof shim.OpenDirectory ? DIRECTORY_RIGHTS : FILE_RIGHTS;
      session.setState(file, { base: base & parent.inheriting & kind, inheriting: inheriting & parent.inheriting, flags: fdflags & FDFLAGS_ALL });
      if (!existing) session.created(session.nodeOf(file));
      else if (oflags & OFLAGS_TRUNC) session.touch(session.nodeOf(file));
      return ERRNO_SUCCESS;
    },
  );
}

function statFunctions(paths: SessionPaths): WasiFunctions {
  const { session } = paths;
  return {
    path_filestat_get: guarded((fd: number, flags: number, pathPtr: number, pathLength: number, ptr: number): number => {
      const { ret, place } = paths.resolve(fd, pathPtr, pathLength, (flags & LOOKUPFLAGS_SYMLINK_FOLLOW) !== 0);
      const inode = place && paths.inodeAt(place);
      if (!inode?.inode_obj) return inode?.ret ?? ret;
      session.writeFilestat(ptr, inode.inode_obj.stat(), inode.inode_obj);
      return ERRNO_SUCCESS;
    }),
    path_filestat_set_times: guarded(
      (fd: number, flags: number, pathPtr: number, pathLength: number, atim: bigint, mtim: bigint, fstflags: number): number => {
        const { ret, place } = paths.resolve(fd, pathPtr, pathLength, (flags & LOOKUPFLAGS_SYMLINK_FOLLOW) !== 0);
        const inode = place && paths.inodeAt(place);
        if (!inode?.inode_obj) return inode?.ret ?? ret;
        return session.setTimes(inode.inode_obj, atim, mtim, fstflags);
      },
    ),
  };
}

/** Directories made (an existing name is EXIST) and entries removed. */
function directoryFunctions(paths: SessionPaths): WasiFunctions {
  const { session, shim, files } = paths;
  return {
    path_create_directory: guarded((fd: number, pathPtr: number, pathLength: number): number => {
      const { ret, place } = paths.resolve(fd, pathPtr, pathLength, false);
      if (!place) return ret;
      if (place.name === '' || place.dir.contents.has(place.name)) return ERRNO_EXIST;
      files.entryAdded(place.name);
      const created = paths.opened(place).path_create_directory(nameIn(place));
      if (created === ERRNO_SUCCESS) session.created(place.dir.contents.get(place.name) as Inode);
      return created;
    }),
    path_remove_directory: guarded((fd: number, pathPtr: number, pathLength: number): number => {
      const { ret, place } = paths.resolve(fd, pathPtr, pathLength, false);
      return place ? paths.opened(place).path_remove_directory(nameIn(place)) : ret;
    }),
    path_unlink_file: guarded((fd: number, pathPtr: number, pathLength: number): number => {
      // unlink(2) takes a trailing slash for a directory (EISDIR); a link, even to one, or a file is NOTDIR.
      const { ret, place } = paths.resolve(fd, pathPtr, pathLength, false, false);
      if (!place) return ret;
      const inode = paths.inodeAt(place).inode_obj;
      if (place.slash && inode && !(inode instanceof shim.Directory)) return ERRNO_NOTDIR;
      const unlinked = paths.opened(place).path_unlink_file(nameIn(place));
      if (unlinked === ERRNO_SUCCESS && inode) session.linksChanged(inode, -1);
      return unlinked;
    }),
  };
}

/** Symbolic links, which the shim does not have. */
function symlinkFunctions(paths: SessionPaths): WasiFunctions {
  const { session, shim, files } = paths;
  return {
    path_symlink: guarded((targetPtr: number, targetLength: number, fd: number, pathPtr: number, pathLength: number): number => {
      const target = session.readString(targetPtr, targetLength);
      // node:wasi's answer: an absolute target would name the host's root.
      if (target.startsWith('/')) return ERRNO_PERM;
      if (target === '') return ERRNO_NOENT;
      if (target.includes('\0')) return ERRNO_INVAL;
      const { ret, place } = paths.resolve(fd, pathPtr, pathLength, false);
      if (!place) return ret;
      const existing = place.name === '' ? place.dir : place.dir.contents.get(place.name);
      if (existing) return place.slash && !(existing instanceof shim.Directory) ? ERRNO_NOTDIR : ERRNO_EXIST;
      if (place.slash) return ERRNO_NOENT;
      files.entryAdded(place.name, Buffer.byteLength(target));
      const link = new paths.Symlink(target);
      place.dir.contents.set(place.name, link);
      session.created(link);
      return ERRNO_SUCCESS;
    }),
    path_readlink: guarded((fd: number, pathPtr: number, pathLength: number, bufferPtr: number, bufferLength: number, usedPtr: number): number => {
      const { ret, place } = paths.resolve(fd, pathPtr, pathLength, false);
      if (!place) return ret;
      const entry = place.name === '' ? place.dir : place.dir.contents.get(place.name);
      if (!entry) return ERRNO_NOENT;
      if (!paths.resolver.isSymlink(entry)) return ERRNO_INVAL;
      // As readlink(2) and wasmtime: as much as fits (node:wasi answers NOBUFS instead).
      const target = Buffer.from(entry.target);
      const count = Math.min(target.length, bufferLength >>> 0);
      session.check(bufferPtr, count);
      session.check(usedPtr, 4);
      new Uint8Array(session.view().buffer, bufferPtr, count).set(target.subarray(0, count));
      session.view().setUint32(usedPtr, count, true);
      return ERRNO_SUCCESS;
    }),
  };
}

/** Hard links (onto an existing name: EXIST) and renames. */
function linkFunctions(paths: SessionPaths): WasiFunctions {
  return {
    path_link: guarded(
      (oldFd: number, oldFlags: number, oldPtr: number, oldLength: number, newFd: number, newPtr: number, newLength: number): number => {
        const source = paths.resolve(oldFd, oldPtr, oldLength, (oldFlags & LOOKUPFLAGS_SYMLINK_FOLLOW) !== 0);
        const destination = paths.resolve(newFd, newPtr, newLength, false);
        if (!source.place) return source.ret;
        if (!destination.place) return destination.ret;
        const inode = paths.inodeAt(source.place);
        if (!inode.inode_obj) return inode.ret;
        const { dir, name } = destination.place;
        if (name === '' || dir.contents.has(name)) return ERRNO_EXIST;
        paths.files.entryAdded(name);
        const linked = paths.opened(destination.place).path_link(nameIn(destination.place), inode.inode_obj, false);
        if (linked === ERRNO_SUCCESS) paths.session.linksChanged(inode.inode_obj, 1);
        return linked;
      },
    ),
    path_rename: guarded((fd: number, oldPtr: number, oldLength: number, newFd: number, newPtr: number, newLength: number): number => {
      const from = paths.resolve(fd, oldPtr, oldLength, false);
      const to = paths.resolve(newFd, newPtr, newLength, false);
      if (!from.place) return from.ret;
      if (!to.place) return to.ret;
      return rename(paths, from.place, to.place);
    }),
  };
}

/**
 * rename(2): a trailing slash on a directory's names, a file or link of the new name replaced, a
 * directory never moved into itself.
 */
function rename(paths: SessionPaths, from: Place, to: Place): number {
  const { shim } = paths;
  const source = paths.opened(from);
  const target = paths.opened(to);
  let oldPath = nameIn(from);
  let newPath = nameIn(to);
  const { ret, inode_obj: inode } = source.path_lookup(oldPath, 0);
  if (!inode) return ret;
  const replaced = to.dir.contents.get(to.name);
  if (inode instanceof shim.Directory) {
    // A trailing slash names a directory, which this is.
    oldPath = oldPath.replace(/(.)\/+$/, '$1');
    newPath = newPath.replace(/(.)\/+$/, '$1');
    if (contains(shim, inode, to.dir)) return ERRNO_INVAL;
  } else if (newPath.endsWith('/')) {
    return ERRNO_NOTDIR;
  } else if (replaced && replaced !== inode && !(replaced instanceof shim.Directory)) {
    // rename(2) replaces a file or link of the new name; the shim replaces only a file with a file.
    if (target.path_unlink(newPath).inode_obj) paths.session.linksChanged(replaced, -1);
  }
  const unlinked = source.path_unlink(oldPath);
  if (!unlinked.inode_obj) return unlinked.ret;
  const linked = target.path_link(newPath, unlinked.inode_obj, true);
  if (linked !== ERRNO_SUCCESS) source.path_link(oldPath, unlinked.inode_obj, true);
  return linked;
}

/** Whether `node` is `directory` or lies somewhere below it. */
function contains(shim: Shim, directory: Inode, node: Inode): boolean {
  if (directory === node) return true;
  if (!(directory instanceof shim.Directory)) return false;
  for (const child of directory.contents.values()) {
    if (contains(shim, child, node)) return true;
  }
  return false;
}
