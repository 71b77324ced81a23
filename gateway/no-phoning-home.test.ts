import diagnostics from 'node:diagnostics_channel';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway } from '../test/gateway';
import type { RunningGateway } from './server';

/**
 * A government's gateway talks to its own subgraphs and nobody else. @apollo/gateway, left to its
 * defaults, reports usage to Apollo and first probes the cloud's metadata services (AWS, GCP, Azure,
 * Alibaba: 169.254.169.254, metadata.google.internal) to describe the machine it runs on. Every
 * HTTP request this process starts while a gateway starts and serves is watched here.
 */
describe('the gateway phones nobody home', () => {
  const hosts: string[] = [];
  const watch = (message: unknown) => {
    const request = (message as { request?: { host?: string; getHeader?: (h: string) => unknown } }).request;
    hosts.push(String(request?.getHeader?.('host') ?? request?.host ?? '?'));
  };
  let gateway: RunningGateway;
  beforeAll(async () => {
    diagnostics.subscribe('http.client.request.start', watch);
    gateway = await startTestGateway();
    await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ procedures(first: 1) { totalCount } }' }) });
    // The cloud detectors run in the background after the gateway is built: give them time to show.
    await new Promise((resolve) => setTimeout(resolve, 1500));
  });
  afterAll(async () => {
    diagnostics.unsubscribe('http.client.request.start', watch);
    await gateway.stop();
  });

  it('sends no request beyond this machine', () => {
    const elsewhere = hosts.filter((h) => !/^(127\.|localhost|\[::1\]|::1)/.test(h));
    expect(elsewhere).toEqual([]);
  });
});
