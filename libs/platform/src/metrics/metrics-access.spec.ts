import type { FastifyRequest } from 'fastify';
import { isDomainError } from '@libs/kernel';
import { ConfigError, PLATFORM_CONFIG, readConfig } from '../config';
import { checkMetricsAccess, metricsPolicy } from './metrics-access';

const TOKEN = 'metrics-token-0123456789';
const policy = (env: Record<string, string>) => metricsPolicy(readConfig([PLATFORM_CONFIG], env));

function req(peer: string, headers: Record<string, string> = {}): FastifyRequest {
  return { socket: { remoteAddress: peer }, headers } as unknown as FastifyRequest;
}

function refusal(fn: () => void): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
}

describe('who may read /metrics on the HTTP port (issue 13, finding 7)', () => {
  it('defaults: loopback peers only; a remote peer, or a relayed one (X-Forwarded-For), is refused with 403', () => {
    const p = policy({});
    expect(refusal(() => checkMetricsAccess(p, req('127.0.0.1')))).toBeUndefined();
    expect(refusal(() => checkMetricsAccess(p, req('::ffff:127.0.0.1')))).toBeUndefined();
    expect(refusal(() => checkMetricsAccess(p, req('10.0.0.7')))).toBe('PLATFORM.METRICS_LOOPBACK_ONLY');
    expect(refusal(() => checkMetricsAccess(p, req('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' })))).toBe('PLATFORM.METRICS_LOOPBACK_ONLY');
  });

  it('METRICS_TOKEN: a remote peer needs the bearer token (401 otherwise)', () => {
    const p = policy({ METRICS_TOKEN: TOKEN });
    expect(refusal(() => checkMetricsAccess(p, req('10.0.0.7', { authorization: `Bearer ${TOKEN}` })))).toBeUndefined();
    expect(refusal(() => checkMetricsAccess(p, req('10.0.0.7', { authorization: 'Bearer wrong-token-0123456789' })))).toBe('PLATFORM.METRICS_TOKEN_REQUIRED');
    expect(refusal(() => checkMetricsAccess(p, req('10.0.0.7')))).toBe('PLATFORM.METRICS_TOKEN_REQUIRED');
  });

  it('METRICS_PUBLIC=true opens it to everyone; a short token is a boot error', () => {
    expect(refusal(() => checkMetricsAccess(policy({ METRICS_PUBLIC: 'true' }), req('10.0.0.7')))).toBeUndefined();
    expect(() => policy({ METRICS_TOKEN: 'short' })).toThrow(ConfigError);
  });
});
