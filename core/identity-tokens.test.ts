import { SignJWT, decodeJwt, importJWK } from 'jose';
import { describe, expect, it, vi } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ANONYMOUS, type Identity } from './identity';
import { generateSigningKey, IdentityIssuer, IdentityVerifier } from './identity-tokens';

const officer: Identity = { ...ANONYMOUS, userId: 'u-1', roles: ['OFFICER'], departmentId: 'd-1', requestId: 'r-1' };
const body = JSON.stringify({ query: '{ me { id } }' });

describe('identity tokens (gateway → subgraph)', () => {
  it('carry the caller to the subgraph they name, for the body they came with, once', async () => {
    const issuer = await IdentityIssuer.fromKeys([await generateSigningKey()]);
    const applications = new IdentityVerifier({ audience: 'applications', keys: issuer.jwks() });
    const token = await issuer.sign(officer, 'applications', body);
    expect(await applications.verify(token, body)).toEqual({ ...officer, service: null, clientIp: null });
    await expect(applications.verify(token, body)).rejects.toThrow(/already used/);
    // With the moment the gateway stops waiting, when it set one (kit/db.ts commits nothing after it).
    const deadline = Date.now() + 1500;
    expect((await applications.verifyCall(await issuer.sign(officer, 'applications', body, deadline), body)).deadline).toBe(deadline);
    expect((await applications.verifyCall(await issuer.sign(officer, 'applications', body), body)).deadline).toBeNull();
  });

  it('are refused by another subgraph, with another body, or signed by anyone but the gateway', async () => {
    const issuer = await IdentityIssuer.fromKeys([await generateSigningKey()]);
    const identity = new IdentityVerifier({ audience: 'identity', keys: issuer.jwks() });
    await expect(identity.verify(await issuer.sign(officer, 'parks', body), body)).rejects.toThrow(/aud/);
    await expect(identity.verify(await issuer.sign(officer, 'identity', body), `${body} `)).rejects.toThrow(/another request body/);
    const stranger = await IdentityIssuer.fromKeys([await generateSigningKey()]);
    await expect(identity.verify(await stranger.sign(officer, 'identity', body), body)).rejects.toThrow();
    // The public half cannot sign: what a subgraph is given cannot mint an identity.
    const [published] = issuer.jwks().keys;
    await expect(IdentityIssuer.fromKeys([published])).rejects.toThrow(/private JWK/);
  });

  it('expire after seconds, and a token claiming a longer life is refused', async () => {
    const key = await generateSigningKey();
    const issuer = await IdentityIssuer.fromKeys([key]);
    const verifier = new IdentityVerifier({ audience: 'feedback', keys: issuer.jwks() });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const token = await issuer.sign(officer, 'feedback', body);
      vi.setSystemTime(Date.now() + 13_000);
      await expect(verifier.verify(token, body)).rejects.toThrow(/exp/);
    } finally {
      vi.useRealTimers();
    }
    // Even signed with the gateway's key, a token may not live longer than the protocol allows.
    const longLived = await new SignJWT({ bh: 'x' })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
      .setSubject('u-1').setIssuer('egov-gateway').setAudience('feedback').setJti('j').setIssuedAt(Math.floor(Date.now() / 1000) - 60).setExpirationTime('1h')
      .sign(await importJWK(key, 'EdDSA'));
    await expect(verifier.verify(longLived, body)).rejects.toThrow();
  });

  it('prove a delegation as long as the gateway waits for the call, yet must arrive fresh', async () => {
    const issuer = await IdentityIssuer.fromKeys([await generateSigningKey()]);
    const verifier = new IdentityVerifier({ audience: 'applications', keys: issuer.jwks() });
    const lifetime = (token: string) => {
      const { exp, iat } = decodeJwt(token);
      return exp! - iat!;
    };
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      // On a whole second, so the lifetimes below are whole seconds too.
      vi.setSystemTime(Math.ceil(Date.now() / 1000) * 1000);
      // SUBGRAPH_TIMEOUT_MS=30000: a subgraph may still serve the request, and read for it, at 20 s.
      const long = await issuer.sign(officer, 'applications', body, Date.now() + 30_000);
      const short = await issuer.sign(officer, 'applications', body, Date.now() + 10_000);
      const late = await issuer.sign(officer, 'applications', body, Date.now() + 30_000);
      const lifetimes = [1_500, 10_000, 60_001].map(async (ms) => lifetime(await issuer.sign(officer, 'applications', body, Date.now() + ms)));
      expect(await Promise.all(lifetimes)).toEqual([10, 10, 61]);
      vi.setSystemTime(Date.now() + 20_000);
      await expect(issuer.verifyDelegation(long)).resolves.toMatchObject({ subgraph: 'applications', caller: { userId: 'u-1' } });
      await expect(issuer.verifyDelegation(short)).rejects.toThrow(/exp/);
      // Still refused by a subgraph when it arrives that late: only the delegation lives longer.
      await expect(verifier.verify(late, body)).rejects.toThrow();
      vi.setSystemTime(Date.now() + 13_000);
      await expect(issuer.verifyDelegation(long)).rejects.toThrow(/exp/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('survive a key rotation: both keys verify while both are published, the dropped one no longer', async () => {
    const [k1, k2] = [await generateSigningKey(), await generateSigningKey()];
    // One JWKS URL, served by whichever gateway is current, as a rolling deployment would.
    let current = await IdentityIssuer.fromKeys([k1]);
    const swap = async (keys: (typeof k1)[]) => {
      current = await IdentityIssuer.fromKeys(keys);
    };
    const server = http.createServer((_req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify(current.jwks())));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    try {
      const verifier = new IdentityVerifier({ audience: 'procedures', keys: jwksUrl });
      const old = await IdentityIssuer.fromKeys([k1]);
      expect((await verifier.verify(await old.sign(officer, 'procedures', body), body)).userId).toBe('u-1');
      // Step 1: the new key is published second; step 2: it signs first. Both verify throughout.
      await swap([k2, k1]);
      await new Promise((r) => setTimeout(r, 1_100)); // the verifier refetches an unknown kid at most once a second
      expect((await verifier.verify(await current.sign(officer, 'procedures', body), body)).userId).toBe('u-1');
      expect((await verifier.verify(await old.sign(officer, 'procedures', body), body)).userId).toBe('u-1');
      // Step 3: the old key is dropped; a fresh verifier (or one whose cache aged) refuses it.
      await swap([k2]);
      const fresh = new IdentityVerifier({ audience: 'procedures', keys: jwksUrl });
      await expect(fresh.verify(await old.sign(officer, 'procedures', body), body)).rejects.toThrow();
      expect((await fresh.verify(await current.sign(officer, 'procedures', body), body)).userId).toBe('u-1');
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
