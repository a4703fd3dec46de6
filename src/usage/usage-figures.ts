import { ApiProperty } from '@nestjs/swagger';
import { ApiInteger } from '../http/api-properties';
import { DurationHistogram } from './duration-histogram';
import type { UsageCell } from './usage-sql';

/** In milliseconds, from a histogram of every run (null with no run). */
export class DurationPercentiles {
  @ApiProperty({ type: Number, nullable: true }) p50: number | null;
  @ApiProperty({ type: Number, nullable: true }) p95: number | null;
  @ApiProperty({ type: Number, nullable: true }) p99: number | null;
}

export class UsageFigures {
  @ApiInteger({ minimum: 0 }) executions: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Executions per recorded status (only those that occurred)',
    example: { success: 12, exit_error: 1 },
  })
  byStatus: Record<string, number>;
  @ApiProperty({ type: DurationPercentiles, description: 'Percentiles of run time; invalid modules never ran and are not counted in them' })
  durationMs: DurationPercentiles;
  @ApiInteger({ minimum: 0, description: 'stdin and files' }) inputBytes: number;
  @ApiInteger({ minimum: 0, description: 'stdout, stderr and the files brought back' }) outputBytes: number;
}

/** Sums cells into figures for one group (everything, one time bucket, one key). */
export class FiguresBuilder {
  private executions = 0;
  private inputBytes = 0;
  private outputBytes = 0;
  private readonly byStatus: Record<string, number> = {};
  private readonly durations = new DurationHistogram();

  add(cell: UsageCell): void {
    this.executions += cell.count;
    this.inputBytes += cell.input_bytes;
    this.outputBytes += cell.output_bytes;
    this.byStatus[cell.status] = (this.byStatus[cell.status] ?? 0) + cell.count;
    this.durations.add(cell.bin, cell.count);
  }

  build(): UsageFigures {
    const at = (q: number) => round(this.durations.quantile(q));
    return {
      executions: this.executions,
      byStatus: this.byStatus,
      durationMs: { p50: at(0.5), p95: at(0.95), p99: at(0.99) },
      inputBytes: this.inputBytes,
      outputBytes: this.outputBytes,
    };
  }
}

function round(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 1000;
}

/** Groups cells by a key and builds figures for each group, in first-seen order. */
export function figuresBy<K>(cells: UsageCell[], keyOf: (cell: UsageCell) => K): Map<K, UsageFigures> {
  const builders = new Map<K, FiguresBuilder>();
  for (const cell of cells) {
    const key = keyOf(cell);
    let builder = builders.get(key);
    if (!builder) builders.set(key, (builder = new FiguresBuilder()));
    builder.add(cell);
  }
  return new Map([...builders].map(([key, builder]) => [key, builder.build()]));
}
