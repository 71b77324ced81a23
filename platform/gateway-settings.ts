import type { ProtectionConfig } from '../gateway/protection';
import type { GatewayOptions } from '../gateway/server';
import { MANIFEST_FILE, operationTexts } from '../core/operations';
import { TrustedDocuments } from '../gateway/trusted-documents';
import { DEFAULT_RESPONSE_CACHE, type ResponseCacheOptions } from '../gateway/response-cache';
import type { Env } from './config';

/** The gateway's protections, from the validated configuration. */
export function protectionFromEnv(env: Env): ProtectionConfig {
  return {
    limits: {
      maxDepth: env.GQL_MAX_DEPTH,
      maxAliases: env.GQL_MAX_ALIASES,
      maxRootFields: env.GQL_MAX_ROOT_FIELDS,
      maxCost: env.GQL_MAX_COST,
      maxPageSize: env.GQL_MAX_PAGE_SIZE,
    },
    maxTokens: env.GQL_MAX_TOKENS,
    maxBatch: env.GQL_MAX_BATCH,
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    rateLimit: {
      perIpPerMinute: env.RATE_LIMIT_IP_PER_MINUTE,
      perUserPerMinute: env.RATE_LIMIT_USER_PER_MINUTE,
      perServicePerMinute: env.RATE_LIMIT_SERVICE_PER_MINUTE,
      redisUrl: env.REDIS_URL,
      replicas: env.PLATFORM_WORKERS,
    },
    corsOrigins: env.CORS_ORIGINS,
    subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
    trustProxy: env.TRUST_PROXY,
    sessionCheckSeconds: env.SESSION_CHECK_SECONDS,
    passwordWorkInFlight: env.PASSWORD_WORK_IN_FLIGHT ?? 0,
    passwordWorkPerSecond: env.PASSWORD_WORK_PER_SECOND ?? 0,
  };
}

/** The response cache for anonymous reads, bounded by RESPONSE_CACHE_MAX_BYTES. */
export const responseCacheFromEnv = (env: Env): ResponseCacheOptions => ({ ...DEFAULT_RESPONSE_CACHE, maxBytes: env.RESPONSE_CACHE_MAX_BYTES });

/**
 * Everything a gateway takes from the configuration alone, the same for the whole platform in one
 * process (platform/boot.ts) and for a gateway run as its own part (platform/parts.ts).
 */
export function gatewaySettingsFromEnv(env: Env) {
  return {
    production: env.NODE_ENV === 'production',
    host: env.HOST,
    port: env.GATEWAY_PORT,
    protection: protectionFromEnv(env),
    trusted: TrustedDocuments.fromFile(MANIFEST_FILE, env.SAFELIST),
    knownOperations: () => operationTexts(),
    responseCache: responseCacheFromEnv(env),
    publicUrl: env.PUBLIC_URL,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    realtime: { perUser: env.SUBSCRIPTIONS_PER_USER, perAddress: env.SUBSCRIPTIONS_PER_ADDRESS },
  } satisfies Partial<GatewayOptions>;
}
