import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import { refuseRetryable } from './retryable';

/**
 * The gateway's part of an orderly shutdown: once draining, every new request (and `/ready`, so a
 * load balancer takes this instance out) is a 503 SHUTTING_DOWN with Retry-After and
 * `Connection: close`, while the requests already accepted run to the end, with every subgraph
 * call they make (the subgraphs and their database stop only after, platform/boot.ts).
 */
export class Drain {
  private inFlight = 0;
  private draining = false;
  private lastArrival = 0;
  /** Connections accepted whose first request has not been read yet. */
  private readonly unread = new Set<Socket>();

  /** Follows the server's connections, so a drain can wait for those accepted but not yet read. */
  watch(server: Server): void {
    server.on('connection', (socket: Socket) => {
      this.unread.add(socket);
      socket.once('close', () => this.unread.delete(socket));
    });
  }

  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      this.lastArrival = Date.now();
      this.unread.delete(req.socket);
      if (this.draining) {
        res.setHeader('Connection', 'close');
        return refuseRetryable(res, 'SHUTTING_DOWN', 'The service is restarting. Try again in a moment.');
      }
      this.inFlight += 1;
      // 'close' fires once, whether the answer was sent or the client went away.
      res.once('close', () => (this.inFlight -= 1));
      next();
    };
  }

  /**
   * Refuses new requests from now on; resolves when the accepted ones are answered, or after
   * `graceMs`. Closing the listener resets every connection it has not read a request from, so
   * it also waits until those are read and answered (503) and none has arrived for a moment; a
   * connection that sends nothing is waited for 2 s at most.
   */
  async drain(graceMs: number, quietMs = 200): Promise<void> {
    this.draining = true;
    const start = Date.now();
    const until = start + graceMs;
    const unreadUntil = start + Math.min(graceMs, 2000);
    const busy = (now: number) =>
      this.inFlight > 0 || (this.unread.size > 0 && now < unreadUntil) || now - Math.max(start, this.lastArrival) < quietMs;
    while (Date.now() < until && busy(Date.now())) await new Promise((resolve) => setTimeout(resolve, 25));
    if (this.inFlight > 0) console.error(`[gateway] shutting down with ${this.inFlight} requests unanswered after ${graceMs} ms`);
  }
}
