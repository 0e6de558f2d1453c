// autocannon ships no type declarations: the little the benchmarks use, typed once here.
export interface AutocannonResult {
  duration: number;
  requests: { total: number; average: number };
  latency: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  [statusClass: string]: unknown;
}

export interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}

type Autocannon = (options: {
  url: string;
  connections: number;
  /** Requests per second over all connections (open loop); absent = as fast as the connections go. */
  overallRate?: number;
  duration: number;
  requests: Array<AutocannonRequest & { setupRequest?: (request: AutocannonRequest) => AutocannonRequest }>;
}) => Promise<AutocannonResult>;

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const autocannon = require('autocannon') as Autocannon;
