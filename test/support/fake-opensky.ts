/**
 * A tiny fake of the OpenSky REST API for tests (node:http on 127.0.0.1, port 0): the OAuth2 token endpoint, both
 * airport flight endpoints with the 2-day rule, 404 for "no flights", and scripted trouble (5xx bursts, 429 with
 * X-Rate-Limit-Retry-After-Seconds, revoked tokens). It records every request so tests can assert on them.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeFlight {
  icao24: string;
  callsign: string | null;
  firstSeen: number;
  lastSeen: number;
  estDepartureAirport: string | null;
  estArrivalAirport: string | null;
}

export interface FakeRequest {
  path: string;
  airport?: string;
  begin?: number;
  end?: number;
  status: number;
  authorization?: string;
}

export const MAX_WINDOW_SECONDS = 2 * 86_400;

export class FakeOpenSky {
  readonly flights: FakeFlight[] = [];
  readonly requests: FakeRequest[] = [];
  clientId = 'test-client';
  clientSecret = 'test-secret';
  tokenTtlSeconds = 1800;
  tokensIssued = 0;
  windowViolations = 0;
  /** The next N flight requests answer 500. */
  failNext = 0;
  /** The next flight request answers 429 with this retry-after (seconds). */
  rateLimitNext?: number;
  private validTokens = new Set<string>();
  private server?: Server;
  private port = 0;

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get tokenUrl(): string {
    return `http://127.0.0.1:${this.port}/auth/token`;
  }

  /** Env for a Junction process using this fake. */
  env(): Record<string, string> {
    return { OPENSKY_API_URL: this.apiUrl, OPENSKY_TOKEN_URL: this.tokenUrl, OPENSKY_CLIENT_ID: this.clientId, OPENSKY_CLIENT_SECRET: this.clientSecret };
  }

  flightRequests(): FakeRequest[] {
    return this.requests.filter((r) => r.path.startsWith('/api/flights/'));
  }

  revokeTokens(): void {
    this.validTokens.clear();
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const record = (status: number, extra: Partial<FakeRequest> = {}): void => {
      this.requests.push({ path: url.pathname, status, authorization: req.headers.authorization, ...extra });
    };
    if (req.method === 'POST' && url.pathname === '/auth/token') {
      const form = new URLSearchParams(await bodyOf(req));
      if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== this.clientId || form.get('client_secret') !== this.clientSecret) {
        record(401);
        return json(res, 401, { error: 'invalid_client' });
      }
      const token = `tok-${++this.tokensIssued}`;
      this.validTokens.add(token);
      record(200);
      return json(res, 200, { access_token: token, expires_in: this.tokenTtlSeconds, token_type: 'Bearer' });
    }
    const match = /^\/api\/flights\/(arrival|departure)$/.exec(url.pathname);
    if (req.method !== 'GET' || !match) {
      record(404);
      return json(res, 404, { error: 'not found' });
    }
    const airport = url.searchParams.get('airport') ?? '';
    const begin = Number(url.searchParams.get('begin'));
    const end = Number(url.searchParams.get('end'));
    const facts = { airport, begin, end };
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !this.validTokens.has(token)) {
      record(401, facts);
      return json(res, 401, { error: 'unauthorized' });
    }
    if (!Number.isInteger(begin) || !Number.isInteger(end) || end <= begin || end - begin > MAX_WINDOW_SECONDS) {
      this.windowViolations++;
      record(400, facts);
      return json(res, 400, { error: 'time interval must be at most 2 days' });
    }
    if (this.rateLimitNext !== undefined) {
      const seconds = this.rateLimitNext;
      this.rateLimitNext = undefined;
      record(429, facts);
      res.setHeader('X-Rate-Limit-Retry-After-Seconds', String(seconds));
      return json(res, 429, { error: 'Too many requests' });
    }
    if (this.failNext > 0) {
      this.failNext--;
      record(503, facts);
      return json(res, 503, { error: 'try later' });
    }
    const direction = match[1];
    const found = this.flights.filter((f) =>
      direction === 'arrival' ? f.estArrivalAirport === airport && f.lastSeen >= begin && f.lastSeen < end : f.estDepartureAirport === airport && f.firstSeen >= begin && f.firstSeen < end,
    );
    if (found.length === 0) {
      record(404, facts);
      return json(res, 404, []);
    }
    record(200, facts);
    json(
      res,
      200,
      found.map((f) => ({
        ...f,
        callsign: f.callsign === null ? null : f.callsign.padEnd(8, ' '),
        estDepartureAirportHorizDistance: 1000,
        estDepartureAirportVertDistance: 50,
        estArrivalAirportHorizDistance: 1200,
        estArrivalAirportVertDistance: 40,
        departureAirportCandidatesCount: 1,
        arrivalAirportCandidatesCount: 1,
      })),
    );
  }
}

function bodyOf(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
