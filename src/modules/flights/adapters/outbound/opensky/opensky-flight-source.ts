import { Clock, DomainError, SystemClock } from '@libs/kernel';
import { CircuitState, ResiliencePolicy, createPolicy } from '@libs/platform';
import { Direction, Flight, FlightsErrorCode, MAX_WINDOW_SECONDS, Window } from '../../../domain';
import { FlightSource } from '../../../ports';

export interface OpenSkySettings {
  /** e.g. https://opensky-network.org/api */
  apiUrl: string;
  tokenUrl: string;
  clientId?: string;
  clientSecret?: string;
  dailyCredits: number;
  timeoutMs: number;
  retries: number;
  breakerThreshold: number;
  halfOpenMs: number;
  initialBackoffMs?: number;
  onBreakerStateChange?: (state: CircuitState) => void;
  clock?: Clock;
}

/** Refresh a token this long before OpenSky says it expires (tokens live 30 min). */
const TOKEN_REFRESH_MARGIN_S = 60;
const DAY = 86_400;

interface OpenSkyItem {
  icao24?: unknown;
  firstSeen?: unknown;
  lastSeen?: unknown;
  estDepartureAirport?: unknown;
  estArrivalAirport?: unknown;
  callsign?: unknown;
}

/**
 * OpenSky's historical airport endpoints over HTTP (global fetch): OAuth2 client credentials refreshed ahead of
 * expiry and once on a 401; windows of at most 2 days (a longer one is refused before any request); a daily credit
 * budget; 429 honoured (X-Rate-Limit-Retry-After-Seconds) without retrying or opening the breaker; timeouts, 5xx and
 * refused connections retried with backoff behind a circuit breaker (cockatiel).
 */
export class OpenSkyFlightSource extends FlightSource {
  private readonly policy: ResiliencePolicy;
  private readonly clock: Clock;
  private token?: { value: string; expiresAt: number };
  private tokenRequest?: Promise<string>;
  private blockedUntil = 0;
  private credits = { day: -1, used: 0 };

  constructor(private readonly settings: OpenSkySettings) {
    super();
    this.clock = settings.clock ?? new SystemClock();
    this.policy = createPolicy({
      name: 'opensky',
      errorCode: FlightsErrorCode.OpenSkyUnavailable,
      timeoutMs: settings.timeoutMs,
      retries: settings.retries,
      breakerThreshold: settings.breakerThreshold,
      halfOpenAfterMs: settings.halfOpenMs,
      initialBackoffMs: settings.initialBackoffMs ?? 200,
      maxBackoffMs: 5000,
      onBreakerStateChange: settings.onBreakerStateChange,
    });
  }

  get breakerState(): CircuitState {
    return this.policy.state;
  }

  /** Credits spent today (UTC) by this process. */
  get creditsUsed(): number {
    return this.credits.day === this.today() ? this.credits.used : 0;
  }

  async flights(direction: Direction, airportCode: string, window: Window): Promise<Flight[]> {
    if (!(window.end > window.begin) || window.end - window.begin > MAX_WINDOW_SECONDS) {
      throw new DomainError(FlightsErrorCode.OpenSkyWindowTooLong, 'internal', `OpenSky airport windows must be 1 s to ${MAX_WINDOW_SECONDS / DAY} days long, got ${window.end - window.begin} s`);
    }
    const url = `${this.settings.apiUrl}/flights/${direction}?airport=${encodeURIComponent(airportCode)}&begin=${window.begin}&end=${window.end}`;
    return this.policy.execute(async (signal) => {
      this.assertNotBlocked();
      this.spend(Math.max(1, Math.ceil((window.end - window.begin) / DAY)));
      let response = await this.get(url, signal, false);
      if (response.status === 401 && this.settings.clientId) {
        this.token = undefined;
        response = await this.get(url, signal, true);
      }
      return this.read(response, direction, airportCode);
    });
  }

  private async get(url: string, signal: AbortSignal, afterRefresh: boolean): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.settings.clientId) headers.authorization = `Bearer ${await this.accessToken(signal, afterRefresh)}`;
    try {
      return await fetch(url, { headers, signal });
    } catch (error) {
      throw unavailable(`OpenSky did not answer: ${causeOf(error)}`, error);
    }
  }

  private async read(response: Response, direction: Direction, airportCode: string): Promise<Flight[]> {
    this.syncCredits(response);
    if (response.status === 404) {
      await response.body?.cancel();
      return [];
    }
    if (response.status === 429) {
      const retryAfter = Number(response.headers.get('x-rate-limit-retry-after-seconds') ?? response.headers.get('retry-after') ?? 60);
      const seconds = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.ceil(retryAfter) : 60;
      this.blockedUntil = this.clock.now().getTime() + seconds * 1000;
      await response.body?.cancel();
      throw new DomainError(FlightsErrorCode.OpenSkyRateLimited, 'rate_limited', `OpenSky rate limit reached; retry after ${seconds} s`, { retryAfterSeconds: seconds });
    }
    if (response.status >= 500 || response.status === 408) {
      await response.body?.cancel();
      throw unavailable(`OpenSky answered ${response.status}`);
    }
    if (!response.ok) {
      const text = (await response.text()).slice(0, 200);
      throw new DomainError(FlightsErrorCode.OpenSkyRejected, 'internal', `OpenSky refused the ${direction} query for ${airportCode}: ${response.status} ${text}`);
    }
    const body = (await response.json()) as unknown;
    if (!Array.isArray(body)) throw unavailable('OpenSky answered something other than a JSON array');
    return body.flatMap((item) => flightOf(item as OpenSkyItem));
  }

  private async accessToken(signal: AbortSignal, forceRefresh: boolean): Promise<string> {
    const now = this.clock.now().getTime() / 1000;
    if (!forceRefresh && this.token && this.token.expiresAt - TOKEN_REFRESH_MARGIN_S > now) return this.token.value;
    // One token request at a time, shared by concurrent callers.
    this.tokenRequest ??= this.requestToken(signal).finally(() => (this.tokenRequest = undefined));
    return this.tokenRequest;
  }

  private async requestToken(signal: AbortSignal): Promise<string> {
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: this.settings.clientId ?? '', client_secret: this.settings.clientSecret ?? '' });
    let response: Response;
    try {
      response = await fetch(this.settings.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, signal });
    } catch (error) {
      throw unavailable(`OpenSky token endpoint did not answer: ${causeOf(error)}`, error);
    }
    if (!response.ok) {
      await response.body?.cancel();
      // Bad credentials are not transient, but a cycle cannot proceed either: report unavailable with the reason.
      throw unavailable(`OpenSky token endpoint answered ${response.status}${response.status === 401 || response.status === 400 ? ' (check OPENSKY_CLIENT_ID / OPENSKY_CLIENT_SECRET)' : ''}`);
    }
    const json = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof json.access_token !== 'string') throw unavailable('OpenSky token endpoint answered without access_token');
    const lifetime = typeof json.expires_in === 'number' && json.expires_in > 0 ? json.expires_in : 1800;
    this.token = { value: json.access_token, expiresAt: this.clock.now().getTime() / 1000 + lifetime };
    return json.access_token;
  }

  private assertNotBlocked(): void {
    const waitMs = this.blockedUntil - this.clock.now().getTime();
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new DomainError(FlightsErrorCode.OpenSkyRateLimited, 'rate_limited', `OpenSky rate limit: waiting ${seconds} s more before the next request`, { retryAfterSeconds: seconds });
    }
  }

  private spend(cost: number): void {
    const today = this.today();
    if (this.credits.day !== today) this.credits = { day: today, used: 0 };
    if (this.credits.used + cost > this.settings.dailyCredits) {
      const untilMidnight = (today + 1) * DAY - Math.floor(this.clock.now().getTime() / 1000);
      throw new DomainError(FlightsErrorCode.OpenSkyBudgetExhausted, 'rate_limited', `the daily OpenSky credit budget (${this.settings.dailyCredits}) is spent`, { retryAfterSeconds: untilMidnight });
    }
    this.credits.used += cost;
  }

  /** OpenSky reports the credits left; trust it over our own count. */
  private syncCredits(response: Response): void {
    const remaining = Number(response.headers.get('x-rate-limit-remaining'));
    if (response.headers.has('x-rate-limit-remaining') && Number.isFinite(remaining)) {
      this.credits = { day: this.today(), used: Math.max(this.credits.used, this.settings.dailyCredits - remaining) };
    }
  }

  private today(): number {
    return Math.floor(this.clock.now().getTime() / 1000 / DAY);
  }
}

function flightOf(item: OpenSkyItem): Flight[] {
  if (typeof item?.icao24 !== 'string' || typeof item.firstSeen !== 'number' || typeof item.lastSeen !== 'number') return [];
  const code = (v: unknown): string | null => (typeof v === 'string' && /^[A-Za-z0-9]{3,4}$/.test(v.trim()) ? v.trim().toUpperCase() : null);
  return [
    {
      icao24: item.icao24.trim().toLowerCase(),
      callsign: typeof item.callsign === 'string' && item.callsign.trim() !== '' ? item.callsign.trim() : null,
      firstSeen: Math.trunc(item.firstSeen),
      lastSeen: Math.trunc(item.lastSeen),
      estDepartureAirport: code(item.estDepartureAirport),
      estArrivalAirport: code(item.estArrivalAirport),
    },
  ];
}

function unavailable(message: string, cause?: unknown): DomainError {
  return new DomainError(FlightsErrorCode.OpenSkyUnavailable, 'unavailable', message, { cause });
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}
