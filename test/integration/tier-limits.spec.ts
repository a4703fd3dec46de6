import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { limitSpec, MAX_INT32, RUN_LIMIT_NAMES, TIER_LIMIT_NAMES, TIER_LIMITS } from '../../src/common/limits';
import { readConfig } from '../../src/config/app-config';
import { effectiveLimits, toTierView } from '../../src/tiers/effective-limits';
import { Tier } from '../../src/schema/tier.entity';
import { UpdateTierDto } from '../../src/tiers/update-tier.dto';
import { withMigratedDatabase } from '../support/test-database';

/** TIER_LIMITS is the one definition of the limits: the schema, the admin API's checks and the settings follow it. */
describe('the tier limits table', () => {
  it('names a column the migrations create, as an integer, for every limit, and the entity maps exactly those', async () => {
    await withMigratedDatabase(2, async (dataSource) => {
      const rows: { column_name: string; data_type: string }[] = await dataSource.query(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'tiers'",
      );
      const types = Object.fromEntries(rows.map((row) => [row.column_name, row.data_type]));
      for (const name of TIER_LIMIT_NAMES) expect([name, types[TIER_LIMITS[name].column]]).toEqual([name, 'integer']);
      const mapped = dataSource.getMetadata(Tier).columns.map((column) => column.databaseName);
      expect(mapped.sort()).toEqual(Object.keys(types).sort());
      const free = await dataSource.getRepository(Tier).findOneByOrFail({ name: 'free' });
      for (const name of TIER_LIMIT_NAMES) expect([name, typeof free[name]]).toEqual([name, 'number']);
    });
  });

  it("refuses a tier update outside each limit's range, naming the field, and takes one at its bounds", async () => {
    for (const name of TIER_LIMIT_NAMES) {
      const { minimum, maximum = MAX_INT32 } = limitSpec(name);
      for (const bad of [minimum - 1, maximum + 1, minimum + 0.5]) {
        const errors = await validate(plainToInstance(UpdateTierDto, { [name]: bad }), { whitelist: true, forbidNonWhitelisted: true });
        expect([name, bad, errors.map((error) => error.property)]).toEqual([name, bad, [name]]);
      }
      for (const good of [minimum, maximum]) {
        expect(await validate(plainToInstance(UpdateTierDto, { [name]: good }), { forbidNonWhitelisted: true, whitelist: true })).toEqual([]);
      }
    }
  });

  it("reads each run limit's ceiling from the setting the table names, and clamps a tier's value by it", () => {
    const env = Object.fromEntries(RUN_LIMIT_NAMES.map((name) => [TIER_LIMITS[name].ceiling.env, TIER_LIMITS[name].unit === 'ms' ? '7ms' : '131072']));
    const { config, problems } = readConfig(env);
    expect(problems).toEqual([]);
    expect(config.ceilings).toEqual({ maxModuleBytes: 131072, maxInputBytes: 131072, timeoutMs: 7, memoryLimitBytes: 131072, maxOutputBytes: 131072 });
    const tier = Object.assign(new Tier(), { name: 't', updatedAt: new Date(0) }, Object.fromEntries(TIER_LIMIT_NAMES.map((name, i) => [name, 100_000 + i * 100_000])));
    expect(effectiveLimits(tier, config.ceilings)).toEqual({ maxModuleBytes: 131072, maxInputBytes: 131072, timeoutMs: 7, memoryLimitBytes: 131072, maxOutputBytes: 131072 });
    expect(toTierView(tier, config.ceilings)).toEqual({
      name: 't',
      requestsPerMinute: 100_000,
      executionsPerDay: 200_000,
      maxConcurrency: 300_000,
      maxStoredResultBytes: 900_000,
      maxBatchRuns: 1_000_000,
      maxStoredModuleBytes: 1_100_000,
      configured: { maxModuleBytes: 400_000, maxInputBytes: 500_000, timeoutMs: 600_000, memoryLimitBytes: 700_000, maxOutputBytes: 800_000 },
      effective: { maxModuleBytes: 131072, maxInputBytes: 131072, timeoutMs: 7, memoryLimitBytes: 131072, maxOutputBytes: 131072 },
      updatedAt: new Date(0),
    });
  });

  it('puts every ceiling setting out of range as a problem naming the setting', () => {
    const env = Object.fromEntries(RUN_LIMIT_NAMES.map((name) => [TIER_LIMITS[name].ceiling.env, '-1']));
    const { problems } = readConfig(env);
    expect(problems.map((problem) => problem.split('=')[0].replace(/^wasmwiz: /, ''))).toEqual(RUN_LIMIT_NAMES.map((name) => TIER_LIMITS[name].ceiling.env));
  });
});
