import type { Redis } from 'ioredis';
import type { BagRecord, FlightRecord, StoredCounts, UpsertOutcome, WorkItem } from '../../../domain/records';
import { Arrival, BaggageStore, StoredFlight } from '../../../ports/baggage-store';
import { LuaScript } from '@libs/platform';
import { BaggageScriptName, loadScriptSources } from './lua-scripts';

/**
 * Records per script call: one consumed batch is one EVALSHA up to this size (kafkajs batches of 1 MB per partition
 * stay below it); larger ones are split, each part atomic and idempotent, so redelivery is still harmless.
 */
const MAX_RECORDS_PER_CALL = 10_000;
const num = (value: string): number => Number(value);
const times = (value: number): string => String(value);

/**
 * BaggageStore on Redis with seed 003's key layout (`flight:id:<id>`, `bag:id:<id>`, `flight:arrival_times`,
 * `flight:arrived`, `flight:count`, `bag:count`) plus `flight:unpublished` and `flight:corrections`. Every write is one
 * EVALSHA of a script in ./lua. `prefix` ('' = the original layout) namespaces every key: `{baggage}:` makes all keys
 * share one Redis Cluster hash slot, and tests use a unique prefix per run.
 */
export class RedisBaggageStore extends BaggageStore {
  private readonly scripts: Record<BaggageScriptName, LuaScript>;

  constructor(
    private readonly redis: Redis,
    private readonly prefix = '',
  ) {
    super();
    this.scripts = loadScriptSources();
  }

  /** SCRIPT LOAD of every script (boot); EVALSHA reloads on NOSCRIPT anyway. */
  async loadScripts(): Promise<void> {
    for (const script of Object.values(this.scripts)) await script.load(this.redis);
  }

  private key(suffix: string): string {
    return this.prefix + suffix;
  }

  async upsertFlights(flights: readonly FlightRecord[], now: number): Promise<UpsertOutcome> {
    if (flights.length > MAX_RECORDS_PER_CALL) return sum(await this.inChunks(flights, (part) => this.upsertFlights(part, now)));
    if (flights.length === 0) return { created: 0, updated: 0, unchanged: 0 };
    const args: Array<string | number> = [this.prefix, now];
    for (const f of flights) args.push(f.id, times(f.departureTime), times(f.arrivalTime), JSON.stringify(f.bags));
    return outcome(await this.scripts.upsert_flights.run(this.redis, [this.key('flight:count')], args));
  }

  async upsertBags(bags: readonly BagRecord[], now: number): Promise<UpsertOutcome> {
    if (bags.length > MAX_RECORDS_PER_CALL) return sum(await this.inChunks(bags, (part) => this.upsertBags(part, now)));
    if (bags.length === 0) return { created: 0, updated: 0, unchanged: 0 };
    const args: Array<string | number> = [this.prefix, now];
    for (const b of bags) args.push(b.id, JSON.stringify(b.flights), b.flights.length, ...b.flights);
    return outcome(await this.scripts.upsert_bags.run(this.redis, [this.key('bag:count')], args));
  }

  async claimArrivals(horizon: number, limit: number, now: number, maxBags = 0): Promise<WorkItem[]> {
    return this.workItems('claim', now, limit, horizon, Number.isFinite(maxBags) ? maxBags : 0);
  }

  async takeCorrections(limit: number, now: number): Promise<WorkItem[]> {
    return this.workItems('corrections', now, limit, 0);
  }

  async unpublished(limit: number, now: number): Promise<WorkItem[]> {
    return this.workItems('unpublished', now, limit, 0);
  }

  async markPublished(flightIds: readonly string[]): Promise<void> {
    if (flightIds.length > 0) await this.redis.zrem(this.key('flight:unpublished'), ...flightIds);
  }

  async purgeArrived(cutoff: number, limit: number): Promise<{ flights: number; bags: number }> {
    const [flights, bags] = (await this.scripts.purge_arrived.run(this.redis, [this.key('flight:arrived')], [this.prefix, cutoff, limit])) as number[];
    return { flights, bags };
  }

  async getFlight(id: string): Promise<StoredFlight | undefined> {
    const [[, hash], [, arrived]] = (await this.redis.multi().hgetall(this.key(`flight:id:${id}`)).zscore(this.key('flight:arrived'), id).exec()) as [[unknown, Record<string, string>], [unknown, string | null]];
    if (!hash.arrival_time) return undefined;
    return {
      ...toFlight(id, hash),
      workProduced: arrived !== null,
      ...(hash.work ? { work: JSON.parse(hash.work) as Record<string, number>, workRevision: num(hash.work_rev ?? '1') } : {}),
    };
  }

  async getFlights(ids: readonly string[]): Promise<Array<FlightRecord | undefined>> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hmget(this.key(`flight:id:${id}`), 'departure_time', 'arrival_time', 'bags');
    const rows = (await pipeline.exec()) ?? [];
    return ids.map((id, i) => {
      const [error, value] = rows[i] as [Error | null, Array<string | null>];
      if (error) throw error;
      if (value[1] === null) return undefined;
      return toFlight(id, { departure_time: value[0] ?? '0', arrival_time: value[1], bags: value[2] ?? '[]' });
    });
  }

  async getBag(id: string): Promise<BagRecord | undefined> {
    const flights = await this.redis.hget(this.key(`bag:id:${id}`), 'flights');
    return flights === null ? undefined : { id, flights: JSON.parse(flights) as string[] };
  }

  async arrivals(from: number, to: number, limit: number): Promise<Arrival[]> {
    const [[, scheduled], [, arrived]] = (await this.redis
      .multi()
      .zrangebyscore(this.key('flight:arrival_times'), from, to, 'WITHSCORES', 'LIMIT', 0, limit)
      .zrangebyscore(this.key('flight:arrived'), from, to, 'WITHSCORES', 'LIMIT', 0, limit)
      .exec()) as [[unknown, string[]], [unknown, string[]]];
    const rows: Arrival[] = [];
    for (const [list, workProduced] of [[scheduled, false], [arrived, true]] as const) {
      for (let i = 0; i < list.length; i += 2) rows.push({ id: list[i], arrivalTime: num(list[i + 1]), workProduced });
    }
    return rows.sort((a, b) => a.arrivalTime - b.arrivalTime || (a.id < b.id ? -1 : 1)).slice(0, limit);
  }

  async counts(): Promise<StoredCounts> {
    const [flights, bags] = await this.redis.mget(this.key('flight:count'), this.key('bag:count'));
    return { flights: Number(flights ?? 0), bags: Number(bags ?? 0) };
  }

  private async inChunks<T>(records: readonly T[], call: (part: readonly T[]) => Promise<UpsertOutcome>): Promise<UpsertOutcome[]> {
    const outcomes: UpsertOutcome[] = [];
    for (let i = 0; i < records.length; i += MAX_RECORDS_PER_CALL) outcomes.push(await call(records.slice(i, i + MAX_RECORDS_PER_CALL)));
    return outcomes;
  }

  private async workItems(mode: string, now: number, limit: number, horizon: number, maxBags = 0): Promise<WorkItem[]> {
    const args = [this.prefix, mode, now, limit, horizon, maxBags];
    const flat = (await this.scripts.work_items.run(this.redis, [this.key('flight:arrival_times')], args)) as string[];
    const items: WorkItem[] = [];
    for (let i = 0; i < flat.length; i += 4) {
      items.push({ id: flat[i], arrivalTime: num(flat[i + 1]), bags: JSON.parse(flat[i + 2]) as Record<string, number>, correction: num(flat[i + 3]) > 1 });
    }
    return items;
  }
}

function sum(outcomes: UpsertOutcome[]): UpsertOutcome {
  return outcomes.reduce((a, b) => ({ created: a.created + b.created, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged }), { created: 0, updated: 0, unchanged: 0 });
}

function outcome(reply: unknown): UpsertOutcome {
  const [created, updated, unchanged] = reply as number[];
  return { created, updated, unchanged };
}

function toFlight(id: string, hash: Record<string, string>): FlightRecord {
  return { id, departureTime: num(hash.departure_time), arrivalTime: num(hash.arrival_time), bags: JSON.parse(hash.bags ?? '[]') as string[] };
}
