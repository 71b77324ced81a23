/**
 * `npx tsx bench/identity-cost.ts [--rounds 3] [--n 2000]`: what one subgraph call's identity token
 * costs in CPU, apart from any load: the gateway's `IdentityIssuer.sign` (EdDSA, body digest) and
 * the subgraph's `IdentityVerifier.verify` (signature, audience, body digest, single use), for
 * the body of a small and of a large subgraph query. The load tables show what it adds to a
 * request; this shows where that goes. Best round of several (a shared machine only adds time).
 */
import { parseArgs } from 'node:util';
import { ANONYMOUS, type Identity } from '../core/identity';
import { IdentityIssuer, IdentityVerifier, generateSigningKey } from '../core/identity-tokens';
import { PROCEDURE_GUIDE_OWN } from './scenarios';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, n: { type: 'string', default: '2000' } } });
const rounds = Number(values.rounds);
const n = Number(values.n);

const issuer = await IdentityIssuer.fromKeys([await generateSigningKey()]);
const citizen: Identity = { ...ANONYMOUS, userId: '0190f6a1-0000-7000-8000-000000000001', roles: ['CITIZEN'], requestId: 'bench' };
// What the gateway sends a subgraph: a small entity fetch, and a document as large as a guide's.
const bodies = {
  'entity fetch': JSON.stringify({
    query: 'query($representations:[_Any!]!){_entities(representations:$representations){...on Department{id code name}}}',
    variables: { representations: [{ __typename: 'Department', id: citizen.userId }] },
  }),
  'ProcedureGuideOwn': JSON.stringify({ query: PROCEDURE_GUIDE_OWN, variables: { code: 'P0001' } }),
  'padded': JSON.stringify({ query: PROCEDURE_GUIDE_OWN, variables: { pad: 'x'.repeat(20_000) } }),
};

const perOp = async (run: (i: number) => Promise<unknown>) => {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = process.cpuUsage();
    for (let i = 0; i < n; i++) await run(i);
    const { user, system } = process.cpuUsage(t0);
    best = Math.min(best, (user + system) / n);
  }
  return best;
};

console.log(`| body | sign µs CPU (gateway) | verify µs CPU (subgraph) |\n| --- | ---: | ---: |`);
for (const [label, body] of Object.entries(bodies)) {
  const sign = await perOp(() => issuer.sign(citizen, 'procedures', body));
  // Fresh tokens for every verification: each is accepted once.
  const tokens = await Promise.all(Array.from({ length: n * rounds }, () => issuer.sign(citizen, 'procedures', body)));
  const verifier = new IdentityVerifier({ audience: 'procedures', keys: issuer.jwks() });
  let k = 0;
  const verify = await perOp(() => verifier.verify(tokens[k++], body));
  console.log(`| ${label}, ${Buffer.byteLength(body)} bytes | ${sign.toFixed(0)} | ${verify.toFixed(0)} |`);
}
