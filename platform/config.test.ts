import { describe, expect, inject, it } from 'vitest';
import { runScript } from '../test/run-script';
import { mailSettings, parseEnv } from './config';

/** The signing keys come as a set: some given and the rest generated would be two platforms' keys mixed. */
describe('signing secrets', () => {
  const secrets = inject('secrets');
  const all = {
    IDENTITY_SIGNING_KEYS: JSON.stringify(secrets.identityKeys),
    JWT_PRIVATE_KEY: secrets.jwtPrivateKey,
    JWT_PUBLIC_KEY: secrets.jwtPublicKey,
  };
  const without = (...names: (keyof typeof all)[]) => Object.fromEntries(Object.entries(all).filter(([k]) => !names.includes(k as never)));

  it.each([
    [['JWT_PRIVATE_KEY', 'JWT_PUBLIC_KEY'], 'development'],
    [['IDENTITY_SIGNING_KEYS'], 'development'],
    [['JWT_PUBLIC_KEY'], 'production'],
    [['IDENTITY_SIGNING_KEYS', 'JWT_PRIVATE_KEY'], 'test'],
  ] as const)('refuses a set without %j (NODE_ENV=%s), naming what is missing', (missing, mode) => {
    const parse = () => parseEnv({ NODE_ENV: mode, ...without(...missing) });
    expect(parse).toThrow(`${missing.join(', ')}: missing: give all of IDENTITY_SIGNING_KEYS, JWT_PRIVATE_KEY, JWT_PUBLIC_KEY`);
  });

  it('takes all three, or none outside production (then they are generated)', () => {
    expect(parseEnv(all).JWT_PUBLIC_KEY).toBe(secrets.jwtPublicKey);
    expect(parseEnv({}).IDENTITY_SIGNING_KEYS).toBeUndefined();
    // An empty value is as good as none.
    expect(() => parseEnv({ ...all, JWT_PRIVATE_KEY: '' })).toThrow('JWT_PRIVATE_KEY: missing');
  });

  it('stops `npm start` before anything listens, with every problem in one message', async () => {
    const run = await runScript('scripts/start.ts', [], { PATH: process.env.PATH, JWT_PRIVATE_KEY: all.JWT_PRIVATE_KEY, GATEWAY_PORT: 'not-a-port' }, 90_000);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('IDENTITY_SIGNING_KEYS, JWT_PUBLIC_KEY: missing');
    expect(run.stderr).toContain('GATEWAY_PORT');
  }, 120_000); // a child Node.js process through tsx: 22 s on a busy 2-core machine
});

/** A replica serves public reads of a primary: without a primary there is nothing it replicates. */
describe('read replicas', () => {
  const replica = 'postgres://postgres@127.0.0.1:5435/egov';
  it('refuses a replica on the embedded database, naming the variable', () => {
    expect(() => parseEnv({ DATABASE_REPLICA_URL: replica })).toThrow('DATABASE_REPLICA_URL: a replica needs its primary: PUBLICATIONS_DATABASE_URL or DATABASE_URL');
    expect(() => parseEnv({ PROCEDURES_DATABASE_REPLICA_URL: replica })).toThrow('PROCEDURES_DATABASE_REPLICA_URL: a replica needs its primary');
  });

  it('takes a replica beside its primary, shared or per subgraph', () => {
    expect(parseEnv({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5434/egov', DATABASE_REPLICA_URL: replica }).DATABASE_REPLICA_URL).toBe(replica);
    expect(parseEnv({ PUBLICATIONS_DATABASE_URL: 'postgres://h/egov', PUBLICATIONS_DATABASE_REPLICA_URL: replica }).PUBLICATIONS_DATABASE_REPLICA_URL).toBe(replica);
  });
});

describe('PASSWORD_HASH_COST', () => {
  it('is OWASP\'s by default, and minimal only in a test suite', () => {
    expect(parseEnv({}).PASSWORD_HASH_COST).toBe('owasp');
    expect(parseEnv({ NODE_ENV: 'test', PASSWORD_HASH_COST: 'minimal' }).PASSWORD_HASH_COST).toBe('minimal');
    for (const NODE_ENV of ['development', 'production']) {
      expect(() => parseEnv({ NODE_ENV, PASSWORD_HASH_COST: 'minimal' })).toThrow('PASSWORD_HASH_COST: minimal is for test suites only');
    }
    expect(() => parseEnv({ PASSWORD_HASH_COST: 'cheap' })).toThrow('PASSWORD_HASH_COST');
  });
});

describe('SHUTDOWN_GRACE_MS', () => {
  it('takes milliseconds up to five minutes, 10 s by default, and refuses anything else', () => {
    expect(parseEnv({}).SHUTDOWN_GRACE_MS).toBe(10_000);
    expect(parseEnv({ SHUTDOWN_GRACE_MS: '25000' }).SHUTDOWN_GRACE_MS).toBe(25_000);
    for (const bad of ['-1', 'soon', '600000']) expect(() => parseEnv({ SHUTDOWN_GRACE_MS: bad })).toThrow(/SHUTDOWN_GRACE_MS/);
  });
});

describe('notification mail settings', () => {
  it('takes an smtp:// or smtps:// SMTP_URL with a MAIL_FROM, and refuses either alone or malformed, naming the variable', () => {
    expect(mailSettings(parseEnv({}))).toEqual({ smtpUrl: undefined, from: 'no-reply@localhost' });
    const env = parseEnv({ SMTP_URL: 'smtps://user:pw@mail.example.gov:465', MAIL_FROM: 'Service Portal <no-reply@services.example.gov>' });
    expect(mailSettings(env)).toEqual({ smtpUrl: 'smtps://user:pw@mail.example.gov:465', from: 'Service Portal <no-reply@services.example.gov>' });
    expect(() => parseEnv({ SMTP_URL: 'smtp://127.0.0.1:2525' })).toThrow('MAIL_FROM: required with SMTP_URL');
    expect(() => parseEnv({ SMTP_URL: 'http://mail.example.gov', MAIL_FROM: 'a@b.gov' })).toThrow('SMTP_URL: must be an smtp:// or smtps:// URL');
    expect(() => parseEnv({ MAIL_FROM: 'nobody' })).toThrow('MAIL_FROM: must be an address');
  });
});
