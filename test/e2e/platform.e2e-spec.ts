import request from 'supertest';
import { eventually } from '@libs/testing';
import { bootForTest, BootedForTest } from '../support/boot';

describe('platform over HTTP (all modules)', () => {
  let junction: BootedForTest;

  beforeAll(async () => {
    junction = await bootForTest({ MODULES: 'all' });
  });

  afterAll(async () => {
    await junction?.close();
  });

  it('answers liveness and readiness', async () => {
    await request(junction.httpUrl).get('/health/live').expect(200, { status: 'ok' });
    // Clients connect in the background after boot, so readiness may take a moment with real servers.
    const ready = await eventually(() => request(junction.httpUrl).get('/health/ready').expect(200), 10000, 200);
    expect(ready.body.status).toBe('ok');
    // One check per backing service of the booted modules: none in memory mode, all five with real adapters.
    const expected = junction.profile.adapters === 'real' ? ['etcd', 'kafka', 'neo4j', 'postgres', 'redis'] : [];
    expect(Object.keys(ready.body.checks).sort()).toEqual(expected);
    for (const check of Object.values(ready.body.checks)) expect(check).toMatchObject({ status: 'up' });
  });

  it('serves Swagger UI and the OpenAPI document of the booted process', async () => {
    const ui = await request(junction.httpUrl).get('/docs').expect(200);
    expect(ui.text).toContain('swagger');
    const doc = await request(junction.httpUrl).get('/docs/json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready', '/metrics']));
  });

  it('exposes Prometheus metrics including HTTP counters', async () => {
    await request(junction.httpUrl).get('/health/live');
    const res = await request(junction.httpUrl).get('/metrics').expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toMatch(/http_requests_total\{method="GET",route="\/health\/live",status="200"/);
    expect(res.text).toContain('process_cpu_user_seconds_total');
  });

  it('answers unknown routes with 404 problem+json', async () => {
    const res = await request(junction.httpUrl).get('/no/such/route').expect(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 404, title: 'Not Found', instance: '/no/such/route' });
    expect(typeof res.body.code).toBe('string');
  });

  it('answers malformed JSON with 400 problem+json, not 5xx', async () => {
    const res = await request(junction.httpUrl).post('/api/orders').set('content-type', 'application/json').send('{"a":').expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.status).toBe(400);
  });

  it('answers oversized bodies with 413 problem+json', async () => {
    const body = JSON.stringify({ blob: 'x'.repeat(70 * 1024) });
    const res = await request(junction.httpUrl).post('/api/orders').set('content-type', 'application/json').send(body); // a route that takes a body (POST /health/live is 405)
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('echoes a safe X-Request-ID and puts it on the log line of the request', async () => {
    const res = await request(junction.httpUrl).get('/health/live').set('x-request-id', 'req-abc-123').expect(200);
    expect(res.headers['x-request-id']).toBe('req-abc-123');
    await eventually(() => {
      const line = junction.logs.find((l) => l.requestId === 'req-abc-123' && l.msg === 'request');
      expect(line).toMatchObject({ route: '/health/live', status: 200, process: 'junction' });
    });
  });

  it('replaces a hostile X-Request-ID with a generated one', async () => {
    const res = await request(junction.httpUrl).get('/health/live').set('x-request-id', 'a b\u00e9<script>').expect(200);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
