import { Inject, Optional } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AIRPORT_TRAFFIC_COLLECTED_V1, AirportTrafficCollectedV1, THRESHOLD_ALERT_V1, ThresholdAlertV1 } from '@libs/contracts';
import { Clock, DomainError, isDomainError } from '@libs/kernel';
import { EventEnvelope, IntegrationEventBus, createEnvelope } from '@libs/messaging';
import { LOGGER, PinoLogger } from '@libs/platform';
import { Direction, FlightsErrorCode, chunkWindow, collectionStart, thresholdBreach, uniqueFlights } from '../../../domain';
import { CollectionLock, FlightGraph, FlightSource } from '../../../ports';
import { FLIGHTS_SETTINGS, FlightsSettings } from '../../flights-settings';
import { CallerAuthenticator, FlightsMetrics } from '../../services';

export interface AirportCollection {
  airport_code: string;
  window_start: string;
  /** Up to where the airport is now collected (= window_start when nothing succeeded). */
  window_end: string;
  total_arrivals: number;
  total_departures: number;
  new_flights: number;
  alerts: number;
  /** Set when a request failed: the airport's last_update stayed at window_end, the next cycle resumes there. */
  error?: { code: string; message: string };
}

export interface CollectionReport {
  trigger: 'schedule' | 'manual';
  started_at: string;
  finished_at: string;
  outcome: 'ok' | 'partial' | 'failed' | 'rate_limited';
  airports: AirportCollection[];
  users_removed: number;
}

export class CollectTrafficCommand extends Command<CollectionReport> {
  constructor(readonly trigger: 'schedule' | 'manual') {
    super();
  }
}

const iso = (unixSeconds: number): string => new Date(unixSeconds * 1000).toISOString();

/**
 * One collection cycle: for each airport somebody is interested in, fetch arrivals and departures since its
 * last_update (first run: the lookback) in chunks of at most 2 days, store them (MERGE: each flight once), advance
 * last_update chunk by chunk only when both directions succeeded, then publish the airport's traffic event and
 * evaluate every interested user's thresholds. Cycles never overlap (CollectionLock: etcd with real adapters).
 */
@CommandHandler(CollectTrafficCommand)
export class CollectTrafficHandler implements ICommandHandler<CollectTrafficCommand, CollectionReport> {
  constructor(
    private readonly graph: FlightGraph,
    private readonly source: FlightSource,
    private readonly lock: CollectionLock,
    private readonly clock: Clock,
    private readonly metrics: FlightsMetrics,
    private readonly identity: CallerAuthenticator,
    @Inject(FLIGHTS_SETTINGS) private readonly settings: FlightsSettings,
    @Inject(LOGGER) private readonly logger: PinoLogger,
    @Optional() private readonly bus?: IntegrationEventBus,
  ) {}

  async execute({ trigger }: CollectTrafficCommand): Promise<CollectionReport> {
    const result = await this.lock.tryRun(() => this.cycle(trigger));
    if (!result.acquired) throw DomainError.conflict(FlightsErrorCode.CollectionInProgress, 'a collection cycle is already running; try again when it has finished');
    return result.value;
  }

  private async cycle(trigger: CollectionReport['trigger']): Promise<CollectionReport> {
    const startedAt = this.clock.now().toISOString();
    const usersRemoved = this.settings.reconcileUsers ? await this.reconcileUsers() : 0;
    const airports = await this.graph.monitoredAirports();
    const collected: AirportCollection[] = [];
    let rateLimited = false;
    for (const airport of airports) {
      const result = await this.collectAirport(airport.code, airport.lastUpdate);
      collected.push(result);
      if (result.error && (result.error.code === FlightsErrorCode.OpenSkyRateLimited || result.error.code === FlightsErrorCode.OpenSkyBudgetExhausted)) {
        rateLimited = true;
        break;
      }
    }
    const failures = collected.filter((c) => c.error).length;
    const outcome: CollectionReport['outcome'] = rateLimited ? 'rate_limited' : failures === 0 ? 'ok' : failures === collected.length ? 'failed' : 'partial';
    this.metrics.cycles.inc({ outcome });
    const report: CollectionReport = { trigger, started_at: startedAt, finished_at: this.clock.now().toISOString(), outcome, airports: collected, users_removed: usersRemoved };
    this.logger.info({ module: 'flights', trigger, outcome, airports: collected.length, failures }, 'collection cycle finished');
    return report;
  }

  private async collectAirport(code: string, lastUpdate: number | null): Promise<AirportCollection> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const start = collectionStart(lastUpdate, now, this.settings.lookbackSeconds);
    const totals: Record<Direction, number> = { arrival: 0, departure: 0 };
    let collectedUntil = start;
    let created = 0;
    let error: AirportCollection['error'];
    for (const window of chunkWindow(start, now)) {
      try {
        const arrivals = await this.source.flights('arrival', code, window);
        const departures = await this.source.flights('departure', code, window);
        created += await this.graph.ingest(uniqueFlights([...arrivals, ...departures]));
        await this.graph.markCollected(code, window.end);
        totals.arrival += arrivals.length;
        totals.departure += departures.length;
        this.metrics.flightsStored.inc({ direction: 'arrival' }, arrivals.length);
        this.metrics.flightsStored.inc({ direction: 'departure' }, departures.length);
        collectedUntil = window.end;
      } catch (e) {
        error = { code: isDomainError(e) ? e.code : 'INTERNAL', message: (e as Error).message };
        this.logger.warn({ module: 'flights', airport: code, window, error: error.message, code: error.code }, 'airport collection stopped; it resumes from last_update next cycle');
        break;
      }
    }
    let alerts = 0;
    if (collectedUntil > start) {
      const payload: AirportTrafficCollectedV1 = {
        airport_code: code,
        total_arrivals: totals.arrival,
        total_departures: totals.departure,
        window_start: iso(start),
        window_end: iso(collectedUntil),
      };
      const events: EventEnvelope[] = [createEnvelope({ type: AIRPORT_TRAFFIC_COLLECTED_V1, key: code, payload })];
      for (const user of await this.graph.interestedUsers(code)) {
        const message = thresholdBreach(user.interest, totals.arrival + totals.departure);
        if (message === null) continue;
        alerts++;
        events.push(createEnvelope<ThresholdAlertV1>({ type: THRESHOLD_ALERT_V1, key: user.email, payload: { user_email: user.email, airport_code: code, message } }));
      }
      this.metrics.alerts.inc(alerts);
      await this.publish(events);
    }
    return {
      airport_code: code,
      window_start: iso(start),
      window_end: iso(collectedUntil),
      total_arrivals: totals.arrival,
      total_departures: totals.departure,
      new_flights: created,
      alerts,
      ...(error ? { error } : {}),
    };
  }

  /** Events are facts about data already stored: a broker outage is logged, it does not undo the collection. */
  private async publish(events: EventEnvelope[]): Promise<void> {
    if (!this.bus) return;
    try {
      await this.bus.publish(events);
    } catch (error) {
      this.logger.warn({ module: 'flights', events: events.length, error: (error as Error).message }, 'publishing collection events failed');
    }
  }

  /** The original's CheckUserExistence polling, kept as a fallback for missed user-deleted events. */
  private async reconcileUsers(): Promise<number> {
    let removed = 0;
    for (const email of await this.graph.userEmails()) {
      try {
        if (!(await this.identity.userExists(email))) {
          await this.graph.removeUser(email);
          removed++;
        }
      } catch (error) {
        this.logger.warn({ module: 'flights', error: (error as Error).message }, 'user reconciliation skipped: identity unavailable');
        break;
      }
    }
    return removed;
  }
}
