import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../platform/config';
import { post, startTestGateway } from '../test/gateway';

type TestGateway = Awaited<ReturnType<typeof startTestGateway>>;

/**
 * Who the client is decides its rate limit (and what subgraphs are told): the socket's address,
 * unless TRUST_PROXY names the proxies whose X-Forwarded-For counts. Seen through the per-address
 * limit of 2 requests a minute: requests from one client share it, from two they do not.
 */
describe('client address and trusted proxies', () => {
  const gateways: Record<string, TestGateway> = {};
  beforeAll(async () => {
    const start = (trust?: string) =>
      startTestGateway({ env: { RATE_LIMIT_IP_PER_MINUTE: '2', ...(trust ? { TRUST_PROXY: trust } : {}) } });
    [gateways.none, gateways.oneHop, gateways.list] = await Promise.all([start(), start('1'), start('loopback, 10.0.0.0/8')]);
  });
  afterAll(() => Promise.all(Object.values(gateways).map((g) => g.stop())));

  const statuses = async (gw: TestGateway, forwardedFor: string[]) => {
    const out = [];
    for (const xff of forwardedFor) out.push((await post(gw.url, { query: '{ __typename }' }, { 'x-forwarded-for': xff })).status);
    return out;
  };

  it('trusts no X-Forwarded-For by default: a client naming other addresses is still its socket', async () => {
    expect(await statuses(gateways.none, ['1.2.3.4', '5.6.7.8', '9.9.9.9'])).toEqual([200, 200, 429]);
  });

  it('with TRUST_PROXY=1 takes the address the proxy saw, never a spoofed left-most entry', async () => {
    // The proxy appends the address it saw; whatever the client wrote before it is the client's claim.
    expect(await statuses(gateways.oneHop, ['6.6.6.6, 10.0.0.1', '7.7.7.7, 10.0.0.1', '8.8.8.8, 10.0.0.1'])).toEqual([200, 200, 429]);
    // Another client behind the same proxy has a limit of its own.
    expect(await statuses(gateways.oneHop, ['10.0.0.2'])).toEqual([200]);
  });

  it('with a list of proxies walks back past every trusted hop to the first untrusted one', async () => {
    expect(await statuses(gateways.list, ['6.6.6.6, 10.0.0.1', '6.6.6.6, 10.0.0.9', '6.6.6.6, 10.0.0.1'])).toEqual([200, 200, 429]);
    expect(await statuses(gateways.list, ['7.7.7.7, 10.0.0.1'])).toEqual([200]);
  });

  it('accepts a hop count or addresses, and refuses `true` and what is not an address', () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(parseEnv({ TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,loopback' }).TRUST_PROXY).toEqual(['10.0.0.1', '192.168.0.0/16', 'loopback']);
    expect(() => parseEnv({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: .*any client could name its own address/);
    expect(() => parseEnv({ TRUST_PROXY: 'proxy.internal' })).toThrow(/TRUST_PROXY: must be a hop count or proxy addresses/);
  });
});
