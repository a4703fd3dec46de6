import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** How long a connection that is part-way through sending a request may finish it once the server closes. */
const PARTIAL_REQUEST_GRACE_MS = 1000;

/**
 * How connections end when the service stops. Node's `server.close()` (what Fastify's close calls)
 * closes the keep-alive connections that sit idle between two requests, but counts one that was
 * opened and has not sent a complete request yet (a browser's preconnect, the fresh connection
 * a client opens after abandoning an upload) as busy until its headers timeout, 60 s later: the
 * stop waited that long, and an orchestrator kills the process before then, losing the buffered
 * execution records. So when the server closes, a connection without a request in flight is
 * destroyed at once if it has sent nothing since its last request, and after a second if it is
 * part-way through one (finished in time, that request is answered 503 by the closing server, with
 * `Connection: close`). A request in flight is answered, and its answer says `Connection: close`.
 */
export function drainConnectionsOnClose(fastify: FastifyInstance, isDraining: () => boolean): void {
  const open = new Set<Socket>();
  const requestsInFlight = new Map<Socket, number>();
  /** Bytes a connection had sent when its last request was answered: more means another has begun. */
  const bytesAnswered = new WeakMap<Socket, number>();
  fastify.server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  fastify.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const socket = request.socket;
    requestsInFlight.set(socket, (requestsInFlight.get(socket) ?? 0) + 1);
    response.once('close', () => {
      const left = requestsInFlight.get(socket)! - 1;
      if (left === 0) requestsInFlight.delete(socket);
      else requestsInFlight.set(socket, left);
      bytesAnswered.set(socket, socket.bytesRead);
    });
  });
  const closeIfIdle = (socket: Socket) => {
    if (!requestsInFlight.has(socket)) socket.destroy();
  };
  fastify.addHook('preClose', (done) => {
    for (const socket of open) {
      if (socket.bytesRead > (bytesAnswered.get(socket) ?? 0)) setTimeout(closeIfIdle, PARTIAL_REQUEST_GRACE_MS, socket).unref();
      else closeIfIdle(socket);
    }
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (isDraining()) reply.header('connection', 'close');
    done(null, payload);
  });
}
