import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { startAuditProbe, type AuditProbe } from '../test/audit-probe';
import { eventually, gql, tokenFor } from '../test/graph';
import { startTestGateway } from '../test/gateway';
import { SubgraphProxy } from '../test/proxy';
import { AuditRelay, gatewayAuth } from './audit-relay';
import { log as logger } from '../core/log';

/**
 * Relays run on every gateway at once. Here two run side by side over a subgraph the platform's
 * own relays never see (test/audit-probe.ts), pulling small batches so that they keep reading the
 * same entries before either has acked them.
 */
let probe: AuditProbe;
beforeAll(async () => {
  probe = await startAuditProbe();
});
afterAll(() => probe?.stop());

const LOG = `query($requestId: String!) {
  auditLog(filter: { requestId: $requestId }, first: 100) { totalCount edges { node { action target outcome subgraph } } }
}`;

describe('audit relay', () => {
  it('copies every entry once, however many relays run at once, and survives a subgraph that is down', async () => {
    const requestId = `relay-${randomUUID()}`;
    const targets: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await probe.call('mutation { a: add b: add c: add d: add e: add }', { email: 'admin@demo.gov', roles: ['ADMIN'], requestId });
      expect(r.errors).toBeUndefined();
      targets.push(...Object.values(r.data as Record<string, string>));
    }
    const subgraphs = () => [
      { name: 'down', url: 'http://127.0.0.1:1/graphql' },
      { name: probe.name, url: probe.url },
      { name: 'identity', url: inject('subgraphUrls').identity },
    ];
    const errors = vi.spyOn(logger, 'error');
    const relays = [1, 2].map(() => new AuditRelay({ subgraphs, auth: gatewayAuth(probe.issuer), batch: 3 }));
    try {
      await Promise.all([...relays.map((r) => r.kick()), ...relays.map((r) => r.kick())]);
      await Promise.all(relays.map((r) => r.kick()));
      // The subgraph that is down is named in the log, once per relay, not once per round.
      const downs = errors.mock.calls.filter((c) => (c[0] as { subgraph?: string }).subgraph === 'down');
      expect(downs).toHaveLength(2);
    } finally {
      errors.mockRestore();
      await Promise.all(relays.map((r) => r.stop()));
    }

    expect(await probe.outbox()).toEqual([]);
    const log = await gql(LOG, { requestId }, { token: await tokenFor('admin@demo.gov') });
    expect(log.errors).toBeUndefined();
    expect(log.data.auditLog.totalCount).toBe(20);
    const nodes = log.data.auditLog.edges.map((e: any) => e.node);
    expect(nodes.map((n: any) => n.target).sort()).toEqual([...targets].sort());
    expect(new Set(nodes.map((n: any) => `${n.action} ${n.outcome} ${n.subgraph}`))).toEqual(new Set([`add OK ${probe.name}`]));
  });

  it('is not run by a gateway whose identity is not the merged one: it would take the entries there', async () => {
    const subgraphs = inject('subgraphUrls');
    // Each gateway reaches procedures through a proxy of its own, which hears the relay's pulls (audit/outbox).
    const [mine, theirs, identity] = [subgraphs.procedures, subgraphs.procedures, subgraphs.identity].map((url) => new SubgraphProxy(url));
    await Promise.all([mine, theirs, identity].map((p) => p.start()));
    const pulls = (p: SubgraphProxy) => p.paths.filter((path) => path.endsWith('/audit/outbox')).length;
    const own = await startTestGateway({ subgraphUrls: { ...subgraphs, procedures: mine.url, identity: identity.url } });
    const relaying = await startTestGateway({ subgraphUrls: { ...subgraphs, procedures: theirs.url } });
    try {
      // The relaying gateway, started after, has pulled twice (a round a second): so would the other have.
      await eventually(async () => expect(pulls(theirs)).toBeGreaterThanOrEqual(2));
      // Pulls are where relaying starts: a gateway that never pulls appends nothing to its identity either.
      expect(pulls(mine)).toBe(0);
    } finally {
      await Promise.all([own.stop(), relaying.stop()]);
      await Promise.all([mine, theirs, identity].map((p) => p.stop()));
    }
  });
});
