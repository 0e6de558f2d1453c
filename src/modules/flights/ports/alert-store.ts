export interface Alert {
  /** The id of the threshold-alert event: recording it twice keeps one alert. */
  id: string;
  userEmail: string;
  airportCode: string;
  message: string;
  /** RFC 3339. */
  raisedAt: string;
}

/** Where the notifier keeps the threshold alerts it received, for `GET /alerts`. */
export abstract class AlertStore {
  /** Idempotent by id. */
  abstract record(alert: Alert): Promise<void>;
  /** The user's alerts, newest first. */
  abstract forUser(email: string, limit: number): Promise<Alert[]>;
  abstract removeUser(email: string): Promise<void>;
}
