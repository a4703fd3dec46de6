import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminOnly, CurrentPrincipal, Public } from '../access/auth.decorators';
import { actorOf, Principal } from '../access/principal';
import { NameParam } from '../http/name-param.pipe';
import { ApiProblems } from '../http/api-problems';
import { TierView } from './effective-limits';
import { TIER_NAMES } from '../schema/tier.entity';
import { TiersService } from './tiers.service';
import { UpdateTierDto } from './update-tier.dto';

@ApiTags('tiers')
@Controller('api/v1')
export class TiersController {
  constructor(private readonly tiers: TiersService) {}

  @Public()
  @Get('tiers')
  @ApiOperation({ summary: 'Tiers with their limits as configured and as effective under the server-wide ceilings' })
  @ApiProblems('database_unavailable')
  @ApiOkResponse({ type: [TierView] })
  listTiers() {
    return this.tiers.list();
  }

  @AdminOnly()
  @Patch('admin/tiers/:name')
  @ApiOperation({ summary: "Change a tier's limits", description: 'Effective at once on every instance.' })
  @ApiParam({ name: 'name', enum: TIER_NAMES })
  @ApiOkResponse({ type: TierView })
  updateTier(@Param('name', new NameParam('Tier')) name: string, @Body() body: UpdateTierDto, @CurrentPrincipal() principal: Principal) {
    return this.tiers.update(name, body, actorOf(principal));
  }
}
