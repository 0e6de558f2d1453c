/** flights' integration events (published language). */
export const AIRPORT_TRAFFIC_COLLECTED_V1 = 'flights.airport-traffic-collected.v1';
export const THRESHOLD_ALERT_V1 = 'flights.threshold-alert.v1';

/** One airport's collection finished: the flights fetched for [window_start, window_end). */
export interface AirportTrafficCollectedV1 {
  airport_code: string;
  total_arrivals: number;
  total_departures: number;
  /** RFC 3339 UTC instants. */
  window_start: string;
  window_end: string;
}

/** A collection's total fell below a user's low_value or rose above their high_value. */
export interface ThresholdAlertV1 {
  user_email: string;
  airport_code: string;
  message: string;
}
