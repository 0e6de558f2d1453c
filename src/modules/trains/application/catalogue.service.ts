import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@libs/kernel';
import { Schedule, Station, Train, TrainsErrors, baseFare, parseTripId, seatMap } from '../domain';
import { CatalogueRepository, CatalogueSnapshot } from '../ports';
import { TRAINS_SETTINGS, TrainsSettings } from './trains-settings';

interface Indexed {
  snapshot: CatalogueSnapshot;
  stationsByKey: Map<string, Station>;
  stationsByCode: Map<string, Station>;
  trains: Map<string, Train>;
  schedules: Map<string, Schedule>;
  loadedAt: number;
}

export interface ResolvedTrip {
  tripId: string;
  date: string;
  schedule: Schedule;
  train: Train;
  from: Station;
  to: Station;
  baseFare: number;
  capacity: number;
}

/** Lower-cased alternative spelling → lower-cased catalogue name (old English names and the original frontend's list). */
const STATION_ALIASES: ReadonlyArray<[string, string]> = [
  ['chittagong', 'ctg'],
  ['chattogram', 'ctg'],
  ['comilla', 'cumilla'],
  ['jessore', 'jashore'],
  ['bogra', 'bogura'],
];

/** The catalogue, cached in memory for `catalogueCacheSeconds` (searches never wait for the database twice). */
@Injectable()
export class CatalogueService {
  private current?: Indexed;
  private loading?: Promise<Indexed>;

  constructor(
    private readonly repository: CatalogueRepository,
    private readonly clock: Clock,
    @Inject(TRAINS_SETTINGS) private readonly settings: TrainsSettings,
  ) {}

  async get(): Promise<Indexed> {
    const now = this.clock.now().getTime();
    if (this.current && now - this.current.loadedAt < this.settings.catalogueCacheSeconds * 1000) return this.current;
    this.loading ??= this.load(now).finally(() => (this.loading = undefined));
    return this.loading;
  }

  /** Drops the cache (after an admin edit, or in tests). */
  invalidate(): void {
    this.current = undefined;
  }

  async station(nameOrCode: string): Promise<Station> {
    const c = await this.get();
    const found = c.stationsByKey.get(nameOrCode.trim().toLowerCase());
    if (!found) throw TrainsErrors.unknownStation(nameOrCode.slice(0, 80));
    return found;
  }

  /** The trip behind a trip id; unknown schedule or malformed id → 404 TRAINS.UNKNOWN_TRIP. */
  async trip(id: string): Promise<ResolvedTrip> {
    const { scheduleId, date } = parseTripId(id);
    return this.tripOf(scheduleId, date);
  }

  async tripOf(scheduleId: string, date: string): Promise<ResolvedTrip> {
    const c = await this.get();
    const schedule = c.schedules.get(scheduleId);
    const train = schedule && c.trains.get(schedule.trainId);
    if (!schedule || !train) throw TrainsErrors.unknownTrip(`${scheduleId}_${date}`);
    const from = c.stationsByCode.get(schedule.fromCode) as Station;
    const to = c.stationsByCode.get(schedule.toCode) as Station;
    return { tripId: `${scheduleId}_${date}`, date, schedule, train, from, to, baseFare: baseFare(from, to), capacity: seatMap(train).list.length };
  }

  private async load(now: number): Promise<Indexed> {
    let snapshot: CatalogueSnapshot;
    try {
      snapshot = await this.repository.snapshot();
    } catch (error) {
      if (this.current) return this.current; // serve the stale catalogue rather than failing searches
      throw TrainsErrors.storeUnavailable('the train catalogue', error);
    }
    const stationsByKey = new Map<string, Station>();
    for (const s of snapshot.stations) {
      stationsByKey.set(s.name.toLowerCase(), s);
      stationsByKey.set(s.code.toLowerCase(), s);
    }
    // Other spellings of station names (seed 002's frontend lists Chittagong, Comilla, Jessore); a real name wins.
    for (const [alias, name] of STATION_ALIASES) {
      const station = stationsByKey.get(name);
      if (station && !stationsByKey.has(alias)) stationsByKey.set(alias, station);
    }
    this.current = {
      snapshot,
      stationsByKey,
      stationsByCode: new Map(snapshot.stations.map((s) => [s.code, s])),
      trains: new Map(snapshot.trains.map((t) => [t.id, t])),
      schedules: new Map(snapshot.schedules.map((s) => [s.id, s])),
      loadedAt: now,
    };
    return this.current;
  }
}
