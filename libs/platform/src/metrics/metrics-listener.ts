import { Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MetricsService } from './metrics.service';

/**
 * /metrics on its own port (METRICS_PORT), for scrapers in a pod network that must not get the API's port
 * or a token. Nothing else is served there. Resolves with the bound address.
 */
export function startMetricsListener(metrics: MetricsService, host: string, port: number): Promise<{ server: Server; address: string }> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('only GET /metrics is served on this port\n');
      return;
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const bound = server.address() as AddressInfo;
      resolve({ server, address: `${bound.address.includes(':') ? `[${bound.address}]` : bound.address}:${bound.port}` });
    });
  });
}
