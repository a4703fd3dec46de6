import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { limitSpec, MAX_INT32, TIER_LIMIT_NAMES, type TierLimits } from '../common/limits';
import { ApiOptionalInteger } from '../http/api-properties';

/** Any of a tier's limits (at least one), each within the range TIER_LIMITS gives it. */
export class UpdateTierDto {}

export interface UpdateTierDto extends Partial<TierLimits> {}

for (const name of TIER_LIMIT_NAMES) {
  const { minimum, maximum = MAX_INT32, description } = limitSpec(name);
  for (const decorate of [ApiOptionalInteger({ minimum, maximum, description }), IsOptional(), IsInt(), Min(minimum), Max(maximum)]) {
    decorate(UpdateTierDto.prototype, name);
  }
}
