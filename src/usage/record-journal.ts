import { createHash, randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ExecutionRecord } from '../schema/execution-record.entity';

/** How often a process marks its journal as alive (its files' mtime). */
export const JOURNAL_HEARTBEAT_MS = 5_000;
/** A journal not marked for this long belongs to a process that is gone: another takes its rows. */
const ORPHANED_AFTER_MS = 4 * JOURNAL_HEARTBEAT_MS;
const SUFFIX = '.ndjson';

/**
 * The execution records a process holds in memory before they are written (see UsageRecorder),
 * also appended to a file as they are made, so that a process killed before its next write
 * (SIGKILL, the OOM killer, a lost node) loses none: a live process takes the rows of a journal
 * no process has marked for ORPHANED_AFTER_MS and writes them (a row already written is skipped).
 * The write to the file is a plain `write`, not an fsync: it outlives the process, not the
 * machine. Files are sealed as the recorder starts a write and deleted once their rows are in
 * the database. One directory per database, under DATA_DIR.
 */
export class RecordJournal {
  private readonly owner = randomUUID();
  private fd: number | null = null;
  private current = '';
  private sequence = 0;
  /** Files whose rows are all in the recorder's buffer or written, not known to be written yet. */
  private sealed: string[] = [];

  constructor(private readonly directory: string) {}

  static forDatabase(dataDir: string, databaseUrl: string | null): RecordJournal {
    const database = createHash('sha256').update(databaseUrl ?? 'embedded').digest('hex').slice(0, 16);
    return new RecordJournal(join(dataDir, 'record-journal', database));
  }

  /** Starts the journal; again after a failure, in a file of its own (the one it wrote may be cut short). */
  open(): void {
    mkdirSync(this.directory, { recursive: true });
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // the failure may have been this file's
      }
      this.sealed.push(this.current);
      this.fd = null;
    }
    this.openNext();
  }

  append(row: ExecutionRecord): void {
    if (this.fd === null) return;
    writeSync(this.fd, `${JSON.stringify(row)}\n`);
  }

  /** Seals the file rows go to now (when it holds any) and starts another: the files a write that starts now covers. */
  seal(): string[] {
    if (this.fd !== null && statSync(this.current).size > 0) {
      closeSync(this.fd);
      this.sealed.push(this.current);
      this.openNext();
    }
    return [...this.sealed];
  }

  /** The rows of `files` are all in the database: their files go. */
  written(files: string[]): void {
    for (const file of files) removeFile(file);
    this.sealed = this.sealed.filter((file) => !files.includes(file));
  }

  /** Marks this process's files as alive. */
  heartbeat(): void {
    const now = new Date();
    for (const file of [this.current, ...this.sealed]) {
      try {
        utimesSync(file, now, now);
      } catch {
        // gone meanwhile
      }
    }
  }

  /**
   * Takes over the files of processes that are gone: each is renamed into this process's sealed
   * files first (so no other process takes it too), then read. A torn last line is skipped.
   */
  adoptOrphans(nowMs = Date.now()): ExecutionRecord[] {
    const rows: ExecutionRecord[] = [];
    for (const name of readdirSync(this.directory)) {
      const file = join(this.directory, name);
      if (!name.endsWith(SUFFIX) || name.startsWith(this.owner) || !orphaned(file, nowMs)) continue;
      const adopted = this.nextPath();
      try {
        renameSync(file, adopted);
      } catch {
        continue; // another process took it first
      }
      const found = readRows(adopted);
      if (found.length === 0) removeFile(adopted);
      else this.sealed.push(adopted);
      rows.push(...found);
    }
    return rows;
  }

  /** At a clean stop with every row written: this process's files and, when empty, the directory go. */
  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
    this.written([...this.sealed, this.current]);
    try {
      rmdirSync(this.directory);
    } catch {
      // another process's files, or this one's rows not written
    }
  }

  private openNext(): void {
    this.current = this.nextPath();
    this.fd = openSync(this.current, 'a');
  }

  private nextPath(): string {
    return join(this.directory, `${this.owner}-${++this.sequence}${SUFFIX}`);
  }
}

function orphaned(file: string, nowMs: number): boolean {
  try {
    return nowMs - statSync(file).mtimeMs > ORPHANED_AFTER_MS;
  } catch {
    return false;
  }
}

function readRows(file: string): ExecutionRecord[] {
  const rows: ExecutionRecord[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line === '') continue;
    try {
      const fields = JSON.parse(line) as ExecutionRecord & { createdAt: string; startedAt: string | null; finishedAt: string | null };
      const date = (value: string | null | undefined) => (value ? new Date(value) : null);
      rows.push(Object.assign(new ExecutionRecord(), fields, { createdAt: new Date(fields.createdAt), startedAt: date(fields.startedAt), finishedAt: date(fields.finishedAt) }));
    } catch {
      // the line the process was writing when it died
    }
  }
  return rows;
}

function removeFile(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // gone already
  }
}
