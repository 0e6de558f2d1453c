import type { Schedule, Station, Train } from '../domain';

/** The whole catalogue at one moment (it is small: tens of stations, hundreds of schedules). */
export interface CatalogueSnapshot {
  stations: readonly Station[];
  trains: readonly Train[];
  schedules: readonly Schedule[];
}

/** Stations, trains with coaches, and daily schedules (PostgreSQL, seeded on first start; editable by admins). */
export abstract class CatalogueRepository {
  abstract snapshot(): Promise<CatalogueSnapshot>;
}
