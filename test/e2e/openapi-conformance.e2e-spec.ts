import request from 'supertest';
import { BootedForTest, bootForTest } from '../support/boot';

// Issue 13, finding 8: the OpenAPI document must describe the server exactly (schemathesis checks the whole API in
// CI, `npm run test:api-fuzz`; these are the regressions it found, checked without Python).

type Media = Record<string, { schema?: unknown }>;
type Operation = { parameters?: Array<{ in: string; name: string; schema?: { maxLength?: number; minLength?: number } }>; requestBody?: unknown; responses: Record<string, { content?: Media }> };
type Document = { paths: Record<string, Record<string, Operation>> };

describe('OpenAPI document vs server (all modules, memory adapters)', () => {
  let app: BootedForTest;
  let doc: Document;
  const operations: Array<{ path: string; method: string; op: Operation }> = [];

  beforeAll(async () => {
    app = await bootForTest({ MODULES: 'all' });
    doc = (await request(app.httpUrl).get('/docs/json').expect(200)).body as Document;
    for (const [path, item] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(item)) operations.push({ path, method, op });
  });
  afterAll(() => app.close());

  it('an unsupported method on an existing path answers 405 with an Allow header (not 404, not 400)', async () => {
    for (const method of ['TRACE', 'PATCH', 'DELETE'] as const) {
      const res = await request(app.httpUrl)[method === 'TRACE' ? 'trace' : method === 'PATCH' ? 'patch' : 'delete']('/interests');
      expect([method, res.status, res.headers.allow]).toEqual([method, 405, 'GET, HEAD, OPTIONS, POST']);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const options = await request(app.httpUrl).options('/api/user/login');
    expect([options.status, options.headers.allow]).toEqual([204, 'OPTIONS, POST']); // the static route, not /api/user/{id}
    await request(app.httpUrl).trace('/no/such/path').expect(404);
    // A static path is not also the parameter route next to it: GET /api/user/login is not GET /api/user/{id}.
    const shadowed = await request(app.httpUrl).get('/api/user/login');
    expect([shadowed.status, shadowed.headers.allow]).toEqual([405, 'OPTIONS, POST']);
  });

  it('path parameters declare the router limit and the routes document 400 and 414 as problem+json', async () => {
    const withParams = operations.filter((o) => (o.op.parameters ?? []).some((p) => p.in === 'path'));
    expect(withParams.length).toBeGreaterThan(10);
    for (const { path, method, op } of withParams) {
      for (const p of op.parameters!.filter((x) => x.in === 'path')) expect([path, method, p.name, p.schema?.maxLength]).toEqual([path, method, p.name, expect.any(Number)]);
      expect([path, method, Object.keys(op.responses['414']?.content ?? {})]).toEqual([path, method, ['application/problem+json']]);
      expect([path, method, Object.keys(op.responses['400']?.content ?? {})]).toEqual([path, method, expect.arrayContaining(['application/problem+json'])]);
    }
    const long = await request(app.httpUrl).get(`/trains/trips/${'x'.repeat(150)}/layout`);
    expect(long.status).toBe(414);
    expect(long.headers['content-type']).toMatch(/^application\/problem\+json/);
    const badUrl = await request(app.httpUrl).get('/trains/trips/%zz/layout');
    expect(badUrl.status).toBe(400);
    expect(badUrl.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('operations with a body document 400, 413 and 415', () => {
    for (const { path, method, op } of operations.filter((o) => o.op.requestBody)) {
      expect([path, method, ['400', '413', '415'].filter((s) => !op.responses[s])]).toEqual([path, method, []]);
    }
  });

  it("the seed 002 trains routes document their errors as the application/json they answer, and what they answer is documented", async () => {
    for (const path of ['/api/book-seat', '/api/cancel-seat', '/api/ticket/book', '/api/trains/get']) {
      const op = doc.paths[path].post;
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400 && !['413', '414', '415'].includes(status)) expect([path, status, Object.keys(response.content ?? {})]).toEqual([path, status, expect.arrayContaining(['application/json'])]);
      }
    }
    const res = await request(app.httpUrl).post('/api/book-seat').send({ train_id: '725', date: '2026-05-01', seat_number: 1 });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(Object.keys(doc.paths['/api/book-seat'].post.responses['401'].content ?? {})).toEqual(['application/json']);
    const empty = await request(app.httpUrl).post('/api/price/stationnames').send({});
    expect(empty.status).toBe(400);
    expect(doc.paths['/api/price/stationnames'].post.responses['400']).toBeDefined();
    const booked = await request(app.httpUrl).get('/api/booked-seats').query({ train_id: '725', date: 'tomorrow' });
    expect(booked.status).toBe(400);
    expect(doc.paths['/api/booked-seats'].get.responses['400']).toBeDefined();
  });
});
