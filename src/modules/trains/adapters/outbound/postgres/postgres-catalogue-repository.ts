import { join } from 'node:path';
import type { Pool } from 'pg';
import type { Coach, SeatClass, Schedule } from '../../../domain';
import { CatalogueRepository, CatalogueSnapshot } from '../../../ports';

/** Where trains' SQL migrations live (copied to dist by nest-cli's **\/*.sql asset rule). */
export const TRAINS_MIGRATIONS_DIRECTORY = join(__dirname, 'migrations');

/** The catalogue from PostgreSQL (schema `trains`), read in four queries. */
export class PostgresCatalogueRepository extends CatalogueRepository {
  constructor(private readonly pool: Pool) {
    super();
  }

  async snapshot(): Promise<CatalogueSnapshot> {
    const [stations, trains, coaches, schedules, stops] = await Promise.all([
      this.pool.query<{ code: string; name: string; distance_index: number }>('select code, name, distance_index from trains.stations'),
      this.pool.query<{ id: string; name: string }>('select id, name from trains.trains'),
      this.pool.query<{ train_id: string; code: string; seat_class: SeatClass; seat_rows: number; seats_per_row: number }>(
        'select train_id, code, seat_class, seat_rows, seats_per_row from trains.coaches order by train_id, position',
      ),
      this.pool.query<{ id: string; train_id: string; from_code: string; to_code: string; departure_time: string; duration_minutes: number }>(
        'select id, train_id, from_code, to_code, departure_time, duration_minutes from trains.schedules',
      ),
      this.pool.query<{ schedule_id: string; station_code: string; offset_minutes: number }>('select schedule_id, station_code, offset_minutes from trains.schedule_stops order by schedule_id, offset_minutes'),
    ]);
    const coachesOf = new Map<string, Coach[]>();
    for (const c of coaches.rows) {
      coachesOf.set(c.train_id, [...(coachesOf.get(c.train_id) ?? []), { code: c.code, seatClass: c.seat_class, rows: c.seat_rows, seatsPerRow: c.seats_per_row }]);
    }
    const stopsOf = new Map<string, Schedule['stops'][number][]>();
    for (const s of stops.rows) stopsOf.set(s.schedule_id, [...(stopsOf.get(s.schedule_id) ?? []), { stationCode: s.station_code, offsetMinutes: s.offset_minutes }]);
    return {
      stations: stations.rows.map((s) => ({ code: s.code, name: s.name, distanceIndex: s.distance_index })),
      trains: trains.rows.map((t) => ({ id: t.id, name: t.name, coaches: coachesOf.get(t.id) ?? [] })),
      schedules: schedules.rows.map((s) => ({
        id: s.id,
        trainId: s.train_id,
        fromCode: s.from_code,
        toCode: s.to_code,
        departureTime: s.departure_time,
        durationMinutes: s.duration_minutes,
        stops: stopsOf.get(s.id) ?? [],
      })),
    };
  }
}
