import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HashSlots } from './hash-slots';
import { buildIdentity } from './server';
import { migrations } from './db/migrations/index';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../kit/embedded-postgres';
import { createDb, createPool } from '../kit/db';
import { migrateToLatest } from '../kit/migrate';
import { startSubgraph, type RunningSubgraph } from '../kit/server';
import { IdentityVerifier } from '../../core/identity-tokens';
import { TokenIssuer } from '../../core/session-tokens';
import { operation } from '../../test/graph';
import { post, startTestGateway } from '../../test/gateway';
import type { RunningGateway } from '../../gateway/server';
import type pg from 'pg';

describe('password hashes in flight are bounded', () => {
  it('runs at most N at once and refuses the rest at once with RATE_LIMITED', async () => {
    const slots = new HashSlots(2);
    const release: (() => void)[] = [];
    const work = () => new Promise<string>((resolve) => release.push(() => resolve('hashed')));
    const running = [slots.run(work), slots.run(work)];
    const refused = await Promise.allSettled([slots.run(work), slots.run(work), slots.run(work)]);
    expect(refused.map((r) => r.status === 'rejected' && (r.reason as any).extensions)).toEqual(
      Array(3).fill({ code: 'RATE_LIMITED', retryAfterSeconds: 1 }),
    );
    expect(release).toHaveLength(2); // the refused never started their work
    release.forEach((r) => r());
    expect(await Promise.all(running)).toEqual(['hashed', 'hashed']);
    // A slot comes back when its hash ends, also when it fails.
    await expect(slots.run(() => Promise.reject(new Error('argon2 failed')))).rejects.toThrow('argon2 failed');
    expect(await Promise.all([slots.run(async () => 1), slots.run(async () => 2)])).toEqual([1, 2]);
  });

  describe('through a gateway, on an identity subgraph with a bound of one', () => {
    let pgServer: EmbeddedPostgres;
    let pool: pg.Pool;
    let identity: RunningSubgraph;
    let gateway: RunningGateway;
    beforeAll(async () => {
      pgServer = await startEmbeddedPostgres(null);
      pool = createPool({ url: pgServer.url, max: 1 });
      const db = createDb<any>(pool, 'identity');
      await migrateToLatest(db, 'identity', migrations);
      const tokens = await TokenIssuer.fromPem(inject('secrets').jwtPrivateKey, 600);
      const files = { put: async () => Promise.reject(new Error('none')), head: async () => null, read: async () => null };
      identity = await startSubgraph(buildIdentity({ db, tokens, files: files as never, production: false, publicUrl: undefined, maxPasswordHashes: 1 }), {
        verifier: new IdentityVerifier({ audience: 'identity', keys: inject('jwksUrl') }),
        serviceUrl: inject('serviceUrl'),
        production: false,
        host: '127.0.0.1',
        port: 0,
      });
      gateway = await startTestGateway({ subgraphUrls: { ...inject('subgraphUrls'), identity: identity.url } });
    });
    afterAll(async () => {
      await gateway?.stop();
      await identity?.stop();
      await pool?.end();
      await pgServer?.stop();
    });

    it('answers a burst beyond the bound with 429 and Retry-After, never a 500', async () => {
      // Each sign-in holds its slot for one Argon2 verification; a burst arriving together overlaps.
      const burst = () =>
        Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            post(gateway.url, { query: operation('web/Login'), variables: { email: `nobody.${i}.${Date.now()}@example.org`, password: 'whatever-password' } }),
          ),
        );
      let results = await burst();
      for (let tries = 0; tries < 5 && !results.some((r) => r.status === 429); tries++) results = await burst();
      const refused = results.filter((r) => r.status === 429);
      expect(refused.length).toBeGreaterThan(0);
      for (const r of refused) {
        expect(r.headers.get('retry-after')).toBe('1');
        expect(r.body.errors.map((e: any) => e.extensions.code)).toEqual(['RATE_LIMITED']);
      }
      const answered = results.filter((r) => r.status === 200);
      expect(answered.length).toBeGreaterThan(0);
      for (const r of answered) expect(r.body.data.login.userErrors[0].code).toBe('INVALID_CREDENTIALS');
      expect(results.every((r) => r.status === 200 || r.status === 429)).toBe(true);
    });
  });
});
