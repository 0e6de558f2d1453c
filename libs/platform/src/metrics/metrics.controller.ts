import { Controller, Get, Header, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../config';
import { ApiProblems } from '../http/api-problem.decorator';
import { Public } from '../http/public.decorator';
import { MetricsPolicy, checkMetricsAccess, metricsPolicy } from './metrics-access';
import { MetricsService } from './metrics.service';

// @Public() means "no user access token": the metrics policy (loopback, METRICS_TOKEN, METRICS_PUBLIC) applies instead.
@ApiTags('platform')
@Public()
@Controller('metrics')
export class MetricsController {
  private readonly policy: MetricsPolicy;

  constructor(
    private readonly metrics: MetricsService,
    config: AppConfig,
  ) {
    this.policy = metricsPolicy(config);
  }

  @Get()
  @ApiOperation({ summary: 'Prometheus metrics of this process (loopback callers, METRICS_TOKEN bearer, or anyone with METRICS_PUBLIC=true)' })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'The Prometheus text exposition format (version 0.0.4)',
    content: { 'text/plain': { schema: { type: 'string', example: '# HELP http_requests_total HTTP requests\n# TYPE http_requests_total counter\n' } } },
  })
  @ApiProblems(
    { status: 401, code: 'PLATFORM.METRICS_TOKEN_REQUIRED', detail: 'GET /metrics from a non-loopback address needs Authorization: Bearer <METRICS_TOKEN>' },
    { status: 403, code: 'PLATFORM.METRICS_LOOPBACK_ONLY', detail: 'GET /metrics is served only to loopback callers on this port; the operator can set METRICS_TOKEN or METRICS_PORT' },
  )
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(@Req() request: FastifyRequest): Promise<string> {
    checkMetricsAccess(this.policy, request);
    return this.metrics.registry.metrics();
  }
}
