import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@libs/contracts';
import { DomainError } from '@libs/kernel';
import { ApiProblems, Authenticated, CurrentUser } from '@libs/platform';
import { FeatureToggles } from '../../../application/feature-toggles';
import { ORDERS_ERRORS } from '../../../domain/errors';

/** Feature toggles of the order routes: admin only (role `admin` in the access token). */
@ApiTags('orders')
@Authenticated()
@Controller('api/toggles')
export class TogglesController {
  constructor(private readonly toggles: FeatureToggles) {}

  @Get()
  @ApiOperation({ summary: 'Every toggle and whether it is enabled' })
  @ApiProblems({ status: 403, code: ORDERS_ERRORS.FORBIDDEN, detail: 'feature toggles are for admins' })
  list(@CurrentUser() user?: AuthenticatedUser): Record<string, boolean> {
    assertAdmin(user);
    return this.toggles.list();
  }

  @Put()
  @ApiOperation({ summary: 'Change toggles at runtime: body {"postOrder": false, …}; every process follows (etcd watch)' })
  @ApiProblems(
    { status: 403, code: ORDERS_ERRORS.FORBIDDEN, detail: 'feature toggles are for admins' },
    { status: 404, code: ORDERS_ERRORS.UNKNOWN_TOGGLE, detail: 'unknown toggle "x"' },
  )
  async set(@Body() body: unknown, @CurrentUser() user?: AuthenticatedUser): Promise<Record<string, boolean>> {
    assertAdmin(user);
    if (typeof body !== 'object' || body === null || Array.isArray(body) || Object.keys(body).length === 0) {
      throw DomainError.invalid(ORDERS_ERRORS.VALIDATION_FAILED, 'the body must map toggle names to true/false');
    }
    let result = this.toggles.list() as Record<string, boolean>;
    for (const [name, enabled] of Object.entries(body as Record<string, unknown>)) result = await this.toggles.set(name, enabled);
    return result;
  }
}

function assertAdmin(user: AuthenticatedUser | undefined): void {
  if (!user?.roles.includes('admin')) throw new DomainError(ORDERS_ERRORS.FORBIDDEN, 'forbidden', 'feature toggles are for admins');
}
