import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** The bytes of a module, once per sha256 whichever accounts uploaded it (in `ModuleBlobPiece`s). */
@Entity({ name: 'module_blobs' })
export class ModuleBlob {
  @PrimaryColumn({ type: 'text' })
  sha256: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes: number;

  @Column({ name: 'piece_bytes', type: 'integer' })
  pieceBytes: number;

  /** Every piece is written: only then may a module point at the blob. */
  @Column({ type: 'boolean', default: false })
  complete: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** Bytes `index * pieceBytes` onwards of a blob. */
@Entity({ name: 'module_blob_pieces' })
export class ModuleBlobPiece {
  @PrimaryColumn({ type: 'text' })
  sha256: string;

  @PrimaryColumn({ type: 'integer' })
  index: number;

  @Column({ type: 'bytea' })
  bytes: Buffer;
}

/** A module as one account stored it: one version of a name. */
@Entity({ name: 'modules' })
export class StoredModule {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @Column({ type: 'text' })
  sha256: string;

  @Column({ type: 'text' })
  name: string;

  /** 1 for the first bytes stored under `name` in the account, then 2, 3, ... */
  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes: number;

  @Column({ type: 'jsonb' })
  imports: string[];

  @Column({ name: 'memory_min_pages', type: 'integer', nullable: true })
  memoryMinPages: number | null;

  @Column({ name: 'memory_max_pages', type: 'integer', nullable: true })
  memoryMaxPages: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
