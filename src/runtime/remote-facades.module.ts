import { DynamicModule, Global, Inject, Module, OnApplicationShutdown, Provider } from '@nestjs/common';
import { FACADES, FacadeName } from '@libs/contracts';
import { AppConfig, MetricsService, createPolicy, grpcChannelCredentials } from '@libs/platform';

const REMOTE_DEADLINE_MS = 2000;
const CLOSERS = Symbol('remote facade closers');

/**
 * Wraps every method of a remote facade in one resilience policy (timeout, retry on transient errors,
 * circuit breaker), so a dead owner process turns into fast 503s instead of piling up requests.
 */
function withPolicy<T extends object>(facade: T, name: FacadeName, metrics: MetricsService): T {
  const policy = createPolicy({
    name: `${name}-facade`,
    errorCode: `${name.toUpperCase()}.UNAVAILABLE`,
    timeoutMs: REMOTE_DEADLINE_MS + 500,
    retries: 2,
    breakerThreshold: 5,
    halfOpenAfterMs: 5000,
    onBreakerStateChange: (state) => metrics.breakerState.set({ policy: `${name}-facade` }, state),
  });
  return new Proxy(facade, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || property === 'close') return value;
      return (...args: unknown[]) => policy.execute(() => value.apply(target, args));
    },
  });
}

/** Binds, for each facade whose owner is not booted here, the gRPC client (URL from config). */
@Global()
@Module({})
export class RemoteFacadesModule implements OnApplicationShutdown {
  constructor(@Inject(CLOSERS) private readonly closers: Array<() => void>) {}

  static forRoot(remote: readonly FacadeName[], config: AppConfig): DynamicModule {
    const closers: Array<() => void> = [];
    const providers: Provider[] = remote.map((name) => ({
      provide: FACADES[name].token,
      inject: [MetricsService],
      useFactory: (metrics: MetricsService) => {
        const client = FACADES[name].createRemote({
          address: config.string(FACADES[name].urlKey),
          credentials: grpcChannelCredentials(config),
          deadlineMs: REMOTE_DEADLINE_MS,
        });
        closers.push(() => client.close());
        return withPolicy(client, name, metrics);
      },
    }));
    return {
      module: RemoteFacadesModule,
      providers: [...providers, { provide: CLOSERS, useValue: closers }],
      exports: providers.map((p) => (p as { provide: unknown }).provide as never),
    };
  }

  onApplicationShutdown(): void {
    for (const close of this.closers) close();
  }
}
