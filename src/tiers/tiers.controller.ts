import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminOnly, CurrentPrincipal, Public } from '../auth/auth.decorators';
import { actorOf, Principal } from '../auth/principal';
import { NameParam } from '../http/name-param.pipe';
import { TiersService } from './tiers.service';
import { UpdateTierDto } from './update-tier.dto';

@ApiTags('tiers')
@Controller('api/v1')
export class TiersController {
  constructor(private readonly tiers: TiersService) {}

  /** Tiers with their limits as configured and as effective under the server-wide ceilings. */
  @Public()
  @Get('tiers')
  list() {
    return this.tiers.list();
  }

  @ApiBearerAuth()
  @AdminOnly()
  @Patch('admin/tiers/:name')
  update(@Param('name', new NameParam('Tier')) name: string, @Body() body: UpdateTierDto, @CurrentPrincipal() principal: Principal) {
    return this.tiers.update(name, body, actorOf(principal));
  }
}
