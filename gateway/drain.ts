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
  private idle: (() => void) | null = null;

  middleware() {
    return (_req: Request, res: Response, next: NextFunction) => {
      if (this.draining) {
        res.setHeader('Connection', 'close');
        return refuseRetryable(res, 'SHUTTING_DOWN', 'The service is restarting. Try again in a moment.');
      }
      this.inFlight += 1;
      // 'close' fires once, whether the answer was sent or the client went away.
      res.once('close', () => {
        this.inFlight -= 1;
        if (this.inFlight === 0) this.idle?.();
      });
      next();
    };
  }

  /** Refuses new requests from now on; resolves when the accepted ones are answered, or after `graceMs`. */
  async drain(graceMs: number): Promise<void> {
    this.draining = true;
    if (this.inFlight === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => (this.idle = resolve)),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs))),
    ]);
    clearTimeout(timer);
    if (this.inFlight > 0) console.error(`[gateway] shutting down with ${this.inFlight} requests unanswered after ${graceMs} ms`);
  }
}
