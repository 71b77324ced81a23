import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { startAuditProbe, type AuditProbe } from '../test/audit-probe';
import { gql, tokenFor } from '../test/graph';
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
});
