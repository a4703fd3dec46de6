import { ApiProperty } from '@nestjs/swagger';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ApiDateTime } from '../http/api-properties';

/** One administrative action: who did what to which target, and when. */
@Entity({ name: 'audit_log' })
export class AuditEntry {
  @ApiProperty({ pattern: '^[0-9]+$', description: 'Increasing: a later entry has a larger id' })
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @ApiProperty({ description: '`admin-token`, or `key:<id>` for a key acting on itself or with the admin scope' })
  @Column({ type: 'text' })
  actor: string;

  @ApiProperty({ example: 'key.rotate' })
  @Column({ type: 'text' })
  action: string;

  @ApiProperty({ example: 'key' })
  @Column({ name: 'target_type', type: 'text' })
  targetType: string;

  @ApiProperty()
  @Column({ name: 'target_id', type: 'text' })
  targetId: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What changed, as the action records it' })
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  details: Record<string, unknown>;

  @ApiDateTime()
  @Index()
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
