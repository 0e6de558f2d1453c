// CollectTrafficHandler on memory adapters: one cycle at a time, and the reconciliation fallback
// (FLIGHTS_RECONCILE_USERS=true; the original polled CheckUserExistence for every user on every cycle, Junction keeps
// that only as an opt-in). At the module root because application specs may not import adapters.
import { ManualClock } from '@libs/kernel';
import { InMemoryIntegrationEventBus } from '@libs/messaging';
import { MetricsService, createLogger } from '@libs/platform';
import { MemoryCollectionLock } from './adapters/outbound/memory/memory-collection-lock';
import { MemoryFlightGraph } from './adapters/outbound/memory/memory-flight-graph';
import { SyntheticFlightSource } from './adapters/outbound/memory/synthetic-flight-source';
import type { Direction, Flight, Window } from './domain';
import { FlightSource } from './ports';
import { CollectTrafficCommand, CollectTrafficHandler } from './application/commands/collect-traffic/collect-traffic.handler';
import type { FlightsSettings } from './application/flights-settings';
import { CallerAuthenticator, FlightsMetrics } from './application/services';

describe('flights: the user reconciliation fallback (FLIGHTS_RECONCILE_USERS)', () => {
  const settings = (reconcileUsers: boolean): FlightsSettings => ({ collectionIntervalSeconds: 3600, lookbackSeconds: 3600, reconcileUsers, identity: { timeoutMs: 1000, retries: 0, breakerThreshold: 3, halfOpenMs: 100 } });

  async function run(reconcile: boolean, exists: (email: string) => Promise<boolean>) {
    const graph = new MemoryFlightGraph();
    await graph.saveInterests('kept@example.com', [{ airportCode: 'LIRF' }]);
    await graph.saveInterests('gone@example.com', [{ airportCode: 'EGLL' }]);
    const identity = { userExists: exists } as unknown as CallerAuthenticator;
    const handler = new CollectTrafficHandler(graph, new SyntheticFlightSource(), new MemoryCollectionLock(), new ManualClock(new Date('2026-01-05T12:00:00Z')), new FlightsMetrics(new MetricsService()), identity, settings(reconcile), createLogger({ level: 'silent', processName: 'test' }), new InMemoryIntegrationEventBus());
    const report = await handler.execute(new CollectTrafficCommand('manual'));
    return { report, graph };
  }

  it('is off by default: nobody is asked about, nobody removed', async () => {
    const asked: string[] = [];
    const { report, graph } = await run(false, async (email) => (asked.push(email), false));
    expect(asked).toEqual([]);
    expect(report.users_removed).toBe(0);
    expect((await graph.userEmails()).sort()).toEqual(['gone@example.com', 'kept@example.com']);
  });

  it('when on, removes the users identity no longer knows, and stops (keeping everyone) while identity is down', async () => {
    const { report, graph } = await run(true, async (email) => email === 'kept@example.com');
    expect(report.users_removed).toBe(1);
    expect(await graph.userEmails()).toEqual(['kept@example.com']);
    const down = await run(true, async () => Promise.reject(new Error('identity down')));
    expect(down.report.users_removed).toBe(0);
    expect((await down.graph.userEmails()).sort()).toEqual(['gone@example.com', 'kept@example.com']);
  });
});

describe('flights: one collection cycle at a time', () => {
  it('answers FLIGHTS.COLLECTION_IN_PROGRESS (409) to a second run while the first is running, and runs again once it finished', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    class SlowSource extends FlightSource {
      async flights(_direction: Direction, _code: string, _window: Window): Promise<Flight[]> {
        await gate;
        return [];
      }
    }
    const graph = new MemoryFlightGraph();
    await graph.saveInterests('ada@example.com', [{ airportCode: 'LIRF' }]);
    const settings: FlightsSettings = { collectionIntervalSeconds: 3600, lookbackSeconds: 3600, reconcileUsers: false, identity: { timeoutMs: 1000, retries: 0, breakerThreshold: 3, halfOpenMs: 100 } };
    const handler = new CollectTrafficHandler(graph, new SlowSource(), new MemoryCollectionLock(), new ManualClock(new Date('2026-01-05T12:00:00Z')), new FlightsMetrics(new MetricsService()), {} as CallerAuthenticator, settings, createLogger({ level: 'silent', processName: 'test' }), new InMemoryIntegrationEventBus());
    const first = handler.execute(new CollectTrafficCommand('manual'));
    await new Promise((resolve) => setImmediate(resolve));
    await expect(handler.execute(new CollectTrafficCommand('manual'))).rejects.toMatchObject({ code: 'FLIGHTS.COLLECTION_IN_PROGRESS', category: 'conflict' });
    release();
    await first;
    await expect(handler.execute(new CollectTrafficCommand('manual'))).resolves.toMatchObject({ trigger: 'manual' });
  });
});
