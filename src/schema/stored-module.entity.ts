import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** The bytes of a module, once per sha256 whichever accounts uploaded it. */
@Entity({ name: 'module_blobs' })
export class ModuleBlob {
  @PrimaryColumn({ type: 'text' })
  sha256: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes: number;

  @Column({ type: 'bytea' })
  bytes: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A module as one account stored it. */
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
