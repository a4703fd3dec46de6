import { problem } from '../http/problem';
import { CLOCK_MODES, ClockMode, RunDeterminism } from '../common/run-input';

/** How the API documents the two fields, on both run routes. */
export const FIXED_CLOCK = "Default `real`, the host's clocks; `fixed`: a clock of the run's own (realtime from 2024-01-01T00:00:00Z, the others from 0, 1 µs on per reading), for an exact replay";
export const RANDOM_SEED = "Seeds random_get (ChaCha20), for an exact replay; default: the host's random";

/** Bytes a multipart `clock` or `randomSeed` field may take: room for any valid value. */
export const DETERMINISM_FIELD_BYTES = 32;

const invalidClock = () =>
  problem('invalid_clock', `The field \`clock\` must be one of ${CLOCK_MODES.map((mode) => `"${mode}"`).join(', ')}`, { field: 'clock' });

const invalidRandomSeed = () =>
  problem('invalid_random_seed', `The field \`randomSeed\` must be an integer from ${Number.MIN_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER}`, {
    field: 'randomSeed',
  });

/** `clock` of a JSON body: absent (the host's clock) or one of CLOCK_MODES. */
export function checkClock(value: unknown): ClockMode {
  if (value === undefined) return 'real';
  if (!CLOCK_MODES.includes(value as ClockMode)) throw invalidClock();
  return value as ClockMode;
}

/** `randomSeed` of a JSON body: absent or null (the engine's own random), or a safe integer. */
export function checkRandomSeed(value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalidRandomSeed();
  return value;
}

/** The same two fields as multipart text; empty ones count as absent. */
export function parseDeterminism(fields: { clock?: string; randomSeed?: string }): RunDeterminism {
  const clock = fields.clock?.trim() || undefined;
  const seed = fields.randomSeed?.trim() || undefined;
  if (seed !== undefined && !/^-?\d+$/.test(seed)) throw invalidRandomSeed();
  return { clock: checkClock(clock), randomSeed: checkRandomSeed(seed === undefined ? undefined : Number(seed)) };
}

/** The multipart field limits: an over-long value is as invalid as a malformed one. */
export const DETERMINISM_FIELDS = {
  clock: { limit: DETERMINISM_FIELD_BYTES, tooLarge: invalidClock },
  randomSeed: { limit: DETERMINISM_FIELD_BYTES, tooLarge: invalidRandomSeed, invalid: invalidRandomSeed },
};
