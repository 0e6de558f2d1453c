import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '@libs/kernel';
import { AppConfig, ConfigError, isLoopbackHost } from '../config';

const MIN_TOKEN_LENGTH = 16;
const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

export interface MetricsPolicy {
  token?: string;
  public: boolean;
}

/** The /metrics settings, validated at boot (a short token is a boot error, never a weak secret). */
export function metricsPolicy(config: AppConfig): MetricsPolicy {
  const token = config.optionalString('METRICS_TOKEN');
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH) throw new ConfigError([`METRICS_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters`]);
  return { token, public: config.bool('METRICS_PUBLIC') };
}

/** One line for the boot log: who may read /metrics on the HTTP port. */
export function describeMetricsAccess(policy: MetricsPolicy): string {
  if (policy.public) return 'anyone (METRICS_PUBLIC=true)';
  return policy.token ? 'loopback callers, and others with the METRICS_TOKEN bearer token' : 'loopback callers only (set METRICS_TOKEN or METRICS_PORT to scrape from elsewhere)';
}

/**
 * Metrics name routes, modules, error rates and internals an outsider should not map, so on the HTTP port they
 * answer only a direct loopback peer (no X-Forwarded-For: a proxy on this machine may be relaying anyone), a holder
 * of METRICS_TOKEN, or everyone when the operator opted in with METRICS_PUBLIC. Throws the refusal as a DomainError.
 */
export function checkMetricsAccess(policy: MetricsPolicy, request: FastifyRequest): void {
  if (policy.public) return;
  const peer = request.socket?.remoteAddress ?? '';
  if (isLoopbackHost(peer) && request.headers['x-forwarded-for'] === undefined) return;
  const header = request.headers.authorization ?? '';
  const given = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (policy.token && given !== undefined && timingSafeEqual(digest(given), digest(policy.token))) return;
  if (policy.token) {
    throw new DomainError('PLATFORM.METRICS_TOKEN_REQUIRED', 'unauthorized', 'GET /metrics from a non-loopback address needs Authorization: Bearer <METRICS_TOKEN>');
  }
  throw new DomainError('PLATFORM.METRICS_LOOPBACK_ONLY', 'forbidden', 'GET /metrics is served only to loopback callers on this port; the operator can set METRICS_TOKEN or METRICS_PORT');
}
