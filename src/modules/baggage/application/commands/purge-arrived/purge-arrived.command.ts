/** Retention: removes arrived flights older than the configured age, and their bags. */
export class PurgeArrivedCommand {}
