import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ModuleBlob, ModuleBlobPiece } from '../schema/stored-module.entity';

/** Blobs are written and read in pieces of this size, each piece a statement of its own. */
export const PIECE_BYTES = 1024 * 1024;
const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Module bytes kept once per sha256, in pieces. Every piece is its own short statement outside
 * any transaction, so that on the embedded database (one connection) the other requests' queries
 * run between them instead of waiting behind one statement of many megabytes.
 */
@Injectable()
export class ModuleBlobStore {
  private written = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Bytes of pieces this instance has sent to the database (a re-upload of stored bytes sends none). */
  get bytesWritten(): number {
    return this.written;
  }

  /** Whether every piece of the blob is stored: `manager` may lock it against removal till its transaction ends. */
  async isComplete(sha256: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<boolean> {
    const rows: { complete: boolean }[] = await manager.query(
      `SELECT complete FROM module_blobs WHERE sha256 = $1${lock ? ' FOR SHARE' : ''}`,
      [sha256],
    );
    return rows[0]?.complete === true;
  }

  /** Stores `bytes` unless a complete blob of this sha256 exists; pieces a previous attempt left are kept. */
  async ensure(sha256: string, bytes: Buffer): Promise<void> {
    if (await this.isComplete(sha256)) return;
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(ModuleBlob)
      .values({ sha256, sizeBytes: bytes.length, pieceBytes: PIECE_BYTES, complete: false })
      .orIgnore()
      .execute();
    const stored = new Set((await this.dataSource.query(`SELECT index FROM module_blob_pieces WHERE sha256 = $1`, [sha256])).map((row: { index: number }) => row.index));
    for (let index = 0; index * PIECE_BYTES < bytes.length; index++) {
      if (stored.has(index)) continue;
      const piece = bytes.subarray(index * PIECE_BYTES, (index + 1) * PIECE_BYTES);
      await this.dataSource.createQueryBuilder().insert().into(ModuleBlobPiece).values({ sha256, index, bytes: piece }).orIgnore().execute();
      this.written += piece.length;
    }
    await this.dataSource.query(`UPDATE module_blobs SET complete = true WHERE sha256 = $1`, [sha256]);
  }

  /** The blob's bytes, read piece by piece; null when there is no complete blob. */
  async read(sha256: string): Promise<Buffer | null> {
    const [blob] = await this.dataSource.query(`SELECT size_bytes AS "sizeBytes", piece_bytes AS "pieceBytes" FROM module_blobs WHERE sha256 = $1 AND complete`, [sha256]);
    if (!blob) return null;
    const pieces: Buffer[] = [];
    for (let index = 0; index * blob.pieceBytes < blob.sizeBytes; index++) {
      const [row] = await this.dataSource.query(`SELECT bytes FROM module_blob_pieces WHERE sha256 = $1 AND index = $2`, [sha256, index]);
      if (!row) return null; // removed while being read
      pieces.push(row.bytes);
    }
    return Buffer.concat(pieces);
  }

  /** Removes the blob when no module points at it (a module stored meanwhile keeps it). */
  async removeUnreferenced(sha256: string): Promise<void> {
    try {
      await this.dataSource.query(`DELETE FROM module_blobs b WHERE b.sha256 = $1 AND NOT EXISTS (SELECT 1 FROM modules m WHERE m.sha256 = b.sha256)`, [sha256]);
    } catch (error) {
      if ((error as { code?: string }).code !== FOREIGN_KEY_VIOLATION) throw error;
    }
  }
}
