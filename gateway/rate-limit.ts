import type { NextFunction, Request, Response } from 'express';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Identity } from '../core/identity';
import { log } from '../core/log';
import { rateLimitRefusals } from './metrics';

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
  /** Replicas sharing the limits through Redis; while it is unreachable each keeps its share in memory. */
  replicas?: number;
}

/** How the limits are kept right now, as `/ready` reports it. */
export type RateLimitMode = 'shared' | 'per process' | 'degraded: per process';

export class RateLimiter {
  private readonly byIp: RateLimiterAbstract;
  private readonly byUser: RateLimiterAbstract;
  private readonly byService: RateLimiterAbstract;
  private readonly redis: Redis | null;
  private outage = false;

  constructor(limits: RateLimits) {
    const inMemory = (prefix: string, points: number) => new RateLimiterMemory({ keyPrefix: prefix, points, duration: 60 });
    if (limits.redisUrl) {
      const redis = new Redis(limits.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
      this.redis = redis;
      // ioredis reports every failed reconnection; one line when Redis goes and one when it is back.
      redis.on('error', (err) => {
        if (!this.outage) log.error({ component: 'gateway', err }, 'rate limits: Redis unreachable; each replica limits in memory meanwhile');
        this.outage = true;
      });
      redis.on('ready', () => {
        if (this.outage) log.warn({ component: 'gateway' }, 'rate limits: Redis is back; limits are shared again');
        this.outage = false;
      });
      // A Redis outage must neither take the gateway down nor turn the limits off: until it is
      // back, each replica enforces its share of every limit in memory (the insurance limiter).
      const share = (points: number) => Math.max(1, Math.ceil(points / (limits.replicas ?? 1)));
      const shared = (prefix: string, points: number) =>
        new RateLimiterRedis({
          storeClient: redis,
          keyPrefix: `egov:rl:${prefix}`,
          points,
          duration: 60,
          rejectIfRedisNotReady: true,
          insuranceLimiter: inMemory(prefix, share(points)),
        });
      this.byIp = shared('ip', limits.perIpPerMinute);
      this.byUser = shared('user', limits.perUserPerMinute);
      this.byService = shared('service', limits.perServicePerMinute);
    } else {
      this.redis = null;
      this.byIp = inMemory('ip', limits.perIpPerMinute);
      this.byUser = inMemory('user', limits.perUserPerMinute);
      this.byService = inMemory('service', limits.perServicePerMinute);
    }
  }

  get mode(): RateLimitMode {
    if (!this.redis) return 'per process';
    return this.redis.status === 'ready' ? 'shared' : 'degraded: per process';
  }

  /**
   * Express middleware. The caller is `res.locals.identity` when a route has identified it; else
   * the client's address (`req.ip`, which honours TRUST_PROXY).
   */
  middleware() {
    return async (req: Request, res: Response, next: NextFunction) => {
      const seconds = await this.admit(res.locals.identity as Identity | undefined, req.ip);
      if (seconds === null) next();
      else {
        res.setHeader('Retry-After', String(seconds));
        res.status(429).json({
          errors: [{ message: `Too many requests. Try again in ${seconds} s.`, extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds } }],
        });
      }
    };
  }

  /**
   * Counts one request (or a subscription's connect) of a caller: null to let it through, else the
   * seconds to wait. The caller is its identity, else the client's address `ip`.
   */
  async admit(who: Identity | undefined, ip: string | undefined): Promise<number | null> {
    let limit = 'service';
    try {
      if (who?.service) {
        await this.byService.consume(who.service);
      } else {
        limit = 'ip';
        await this.byIp.consume(who?.clientIp ?? ip ?? 'unknown');
        limit = 'user';
        if (who?.userId) await this.byUser.consume(who.userId);
      }
      return null;
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) {
        // Redis failures go to the insurance limiter; anything else is a fault of our own.
        log.error({ component: 'gateway', err }, 'rate limiter failed, letting the request through');
        return null;
      }
      rateLimitRefusals.inc({ limit });
      return Math.max(1, Math.ceil(err.msBeforeNext / 1000));
    }
  }

  async close(): Promise<void> {
    const redis = this.redis;
    if (!redis) return;
    // quit() needs a connection; without one, stop the reconnection attempts at once.
    if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
    else redis.disconnect();
  }
}
