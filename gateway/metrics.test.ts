import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../core/root';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { eventually, gql, operation } from '../test/graph';
import { startTestGateway } from '../test/gateway';

/** A Prometheus text page as `name{labels}` → value. */
async function scrape(origin: string): Promise<Map<string, number>> {
  const res = await fetch(new URL('/metrics', origin));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  const samples = new Map<string, number>();
  for (const line of (await res.text()).split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (m) samples.set(m[1], Number(m[2]));
  }
  return samples;
}
const value = (samples: Map<string, number>, key: string) => samples.get(key) ?? 0;
const names = (samples: Map<string, number>) => new Set([...samples.keys()].map((k) => k.replace(/\{.*$/, '')));
const internalOrigin = () => new URL(inject('internalUrl')).origin;

describe('/metrics on the internal listener', () => {
  it('serves every metric after some traffic: operations, subgraphs, the response cache, sign-in failures, pools, event-loop lag', async () => {
    const before = await scrape(internalOrigin());
    const feed = operation('web/PublicationFeed');
    const variables = { first: 3, filter: { topic: randomUUID() } };
    await gql(feed, variables);
    // A later one from the response cache: the first answer is kept only while publications say it
    // may be (their max-age is 0 just before another test's scheduled item becomes public).
    const HIT = 'egov_response_cache_requests_total{result="HIT"}';
    await eventually(async () => {
      await gql(feed, variables);
      expect(value(await scrape(internalOrigin()), HIT)).toBeGreaterThan(value(before, HIT));
    });
    const refused = await gql(operation('web/Login'), { email: `nobody.${randomUUID()}@example.org`, password: `wrong-${randomUUID()}` });
    expect(refused.data.login.token).toBeNull();
    const denied = await gql(operation('web/ApplicationDetail'), { id: randomUUID() });
    expect(denied.errors?.length).toBeGreaterThan(0);
    const after = await scrape(internalOrigin());

    expect(value(after, 'egov_graphql_requests_total{operation="PublicationFeed"}')).toBeGreaterThan(value(before, 'egov_graphql_requests_total{operation="PublicationFeed"}'));
    expect(value(after, 'egov_graphql_request_duration_seconds_count{operation="Login"}')).toBeGreaterThan(0);
    expect(value(after, 'egov_sign_in_failures_total')).toBeGreaterThan(value(before, 'egov_sign_in_failures_total'));
    expect(value(after, 'egov_response_cache_requests_total{result="HIT"}')).toBeGreaterThan(value(before, 'egov_response_cache_requests_total{result="HIT"}'));
    expect(value(after, 'egov_subgraph_requests_total{subgraph="publications"}')).toBeGreaterThan(value(before, 'egov_subgraph_requests_total{subgraph="publications"}'));
    expect(value(after, 'egov_subgraph_request_duration_seconds_count{subgraph="identity"}')).toBeGreaterThan(0);
    expect(value(after, 'egov_graphql_errors_total{operation="ApplicationDetail"}')).toBeGreaterThan(value(before, 'egov_graphql_errors_total{operation="ApplicationDetail"}'));
    expect([...after.keys()].some((k) => k.startsWith('egov_subgraph_errors_total{subgraph="applications"'))).toBe(true);
    for (const name of [
      'egov_rate_limit_refusals_total',
      'egov_db_pool_connections',
      'egov_db_pool_wait_seconds_count',
      'nodejs_eventloop_lag_seconds',
      'nodejs_eventloop_lag_p99_seconds',
    ]) {
      expect(names(after), name).toContain(name);
    }
    // The Grafana dashboard reads only what is served.
    const dashboard = readFileSync(path.join(ROOT, 'ops', 'grafana-dashboard.json'), 'utf8');
    const read = new Set(dashboard.match(/\b(egov|nodejs)_[a-z0-9_]+/g));
    expect(read.size).toBeGreaterThan(10);
    for (const name of read) expect(names(after), `the dashboard reads ${name}`).toContain(name);
    expect([...after.keys()].some((k) => /^egov_db_pool_connections\{pool="[^"]+",state="max"\}$/.test(k))).toBe(true);
    expect([...after.keys()].some((k) => k.startsWith('egov_db_pool_wait_seconds_count{') && after.get(k)! > 0)).toBe(true);
  });

  it('names only the clients’ operations: any other name is `other`, so clients cannot mint labels', async () => {
    const made = `Made${randomUUID().replaceAll('-', '')}`;
    const r = await gql(`query ${made} { __typename }`);
    expect(r.errors).toBeUndefined();
    const text = await (await fetch(new URL('/metrics', internalOrigin()))).text();
    expect(text).not.toContain(made);
    expect(text).toMatch(/egov_graphql_requests_total\{operation="other"\} [1-9]/);
  });

  describe('rate limits', () => {
    let gw: Awaited<ReturnType<typeof startTestGateway>>;
    beforeAll(async () => {
      gw = await startTestGateway({ env: { RATE_LIMIT_IP_PER_MINUTE: '1', TRUST_PROXY: '1' } });
    });
    afterAll(() => gw.stop());

    it('counts refusals per limit', async () => {
      const origin = new URL(gw.internalUrl).origin;
      const before = value(await scrape(origin), 'egov_rate_limit_refusals_total{limit="ip"}');
      const send = () => fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.77.0.1' }, body: '{"query":"{ __typename }"}' });
      expect([(await send()).status, (await send()).status]).toEqual([200, 429]);
      expect(value(await scrape(origin), 'egov_rate_limit_refusals_total{limit="ip"}')).toBe(before + 1);
    });
  });
});
