import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../http/public.decorator';
import { HealthRegistry } from './health.registry';

@ApiTags('platform')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is running and its event loop answers' })
  @ApiResponse({ status: 200, schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: every configured backing service answers' })
  @ApiResponse({ status: 200, schema: { example: { status: 'ok', checks: { redis: { status: 'up', latencyMs: 1 } } } } })
  @ApiResponse({ status: 503, description: 'A dependency is down or the process is draining' })
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const checks = await this.registry.run();
    const draining = this.registry.isDraining();
    const ok = !draining && Object.values(checks).every((c) => c.status === 'up');
    await reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : draining ? 'draining' : 'unavailable', checks });
  }
}
