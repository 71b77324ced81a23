import type { NextFunction, Request, Response } from 'express';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Identity } from '../core/identity';

/**
 * Requests per minute per client address and per signed-in user, and per subgraph for subgraphs'
 * scoped calls on the internal listener (rate-limiter-flexible). In
 * memory on one node; through Redis when REDIS_URL is set, so every replica enforces one limit.
 * Beyond it: 429 with Retry-After.
 */
export interface RateLimits {
  perIpPerMinute: number;
  perUserPerMinute: number;
  /** A subgraph's calls for data another subgraph owns (its submissions' hot path). */
  perServicePerMinute: number;
  redisUrl?: string;
}

export class RateLimiter {
  private readonly byIp: RateLimiterAbstract;
  private readonly byUser: RateLimiterAbstract;
  private readonly byService: RateLimiterAbstract;
  private readonly redis: Redis | null;

  constructor(limits: RateLimits) {
    if (limits.redisUrl) {
      this.redis = new Redis(limits.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
      // A Redis outage must not take the gateway down: the limiter lets requests through meanwhile.
      this.redis.on('error', (err) => console.error('[gateway] rate-limit redis:', err.message));
      const common = { storeClient: this.redis, duration: 60, insuranceLimiter: undefined };
      this.byIp = new RateLimiterRedis({ ...common, keyPrefix: 'egov:rl:ip', points: limits.perIpPerMinute });
      this.byUser = new RateLimiterRedis({ ...common, keyPrefix: 'egov:rl:user', points: limits.perUserPerMinute });
      this.byService = new RateLimiterRedis({ ...common, keyPrefix: 'egov:rl:service', points: limits.perServicePerMinute });
    } else {
      this.redis = null;
      this.byIp = new RateLimiterMemory({ keyPrefix: 'ip', points: limits.perIpPerMinute, duration: 60 });
      this.byUser = new RateLimiterMemory({ keyPrefix: 'user', points: limits.perUserPerMinute, duration: 60 });
      this.byService = new RateLimiterMemory({ keyPrefix: 'service', points: limits.perServicePerMinute, duration: 60 });
    }
  }

  /** Express middleware; expects `res.locals.identity` to be set. */
  middleware() {
    return async (req: Request, res: Response, next: NextFunction) => {
      const who = res.locals.identity as Identity;
      try {
        if (who.service) {
          await this.byService.consume(who.service);
        } else {
          await this.byIp.consume(who.clientIp ?? req.socket.remoteAddress ?? 'unknown');
          if (who.userId) await this.byUser.consume(who.userId);
        }
        next();
      } catch (err) {
        if (!(err instanceof RateLimiterRes)) {
          console.error('[gateway] rate limiter unavailable, letting the request through:', (err as Error).message);
          return next();
        }
        const seconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
        res.setHeader('Retry-After', String(seconds));
        res.status(429).json({
          errors: [{ message: `Too many requests. Try again in ${seconds} s.`, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds } }],
        });
      }
    };
  }

  async close(): Promise<void> {
    await this.redis?.quit().catch(() => {});
  }
}
