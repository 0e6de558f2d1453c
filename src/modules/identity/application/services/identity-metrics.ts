import { Injectable, Optional } from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';
import { MetricsService } from '@libs/platform';

/** identity's business counters on the process's /metrics. */
@Injectable()
export class IdentityMetrics {
  private readonly registrations?: Counter<'outcome'>;
  private readonly logins?: Counter<'outcome'>;
  private readonly hashSeconds?: Histogram<'operation'>;
  private readonly shed?: Counter<string>;

  constructor(@Optional() metrics?: MetricsService) {
    this.registrations = metrics?.counter('identity_registrations_total', 'Registrations by outcome', ['outcome']);
    this.logins = metrics?.counter('identity_logins_total', 'Password logins by outcome', ['outcome']);
    this.hashSeconds = metrics?.histogram('identity_password_hash_seconds', 'argon2id hash/verify duration', ['operation'], [0.01, 0.02, 0.03, 0.05, 0.1, 0.25, 0.5, 1]);
    this.shed = metrics?.counter('identity_password_hash_shed_total', 'Password hashes refused because the hashing queue was full');
  }

  registration(outcome: 'created' | 'conflict' | 'invalid'): void {
    this.registrations?.inc({ outcome });
  }

  login(outcome: 'success' | 'failure' | 'throttled'): void {
    this.logins?.inc({ outcome });
  }

  hashDuration(operation: 'hash' | 'verify', seconds: number): void {
    this.hashSeconds?.observe({ operation }, seconds);
  }

  hashShed(): void {
    this.shed?.inc();
  }
}
