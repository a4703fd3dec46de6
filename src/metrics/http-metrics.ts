import type { FastifyInstance } from 'fastify';
import { Histogram } from 'prom-client';
import { MetricsService } from './metrics.service';

/** Request durations by method, route pattern (not raw URL, to bound cardinality) and status. */
export function instrumentHttp(fastify: FastifyInstance, metrics: MetricsService): void {
  const duration = new Histogram({
    name: 'wasmwiz_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [metrics.registry],
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
}
