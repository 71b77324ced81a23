import { randomUUID } from 'node:crypto';
import argon2 from 'argon2';
import { userError, type UserError } from '../kit/errors';
import type { Identity } from '../../core/identity';
import type { TokenIssuer } from '../../core/session-tokens';
import { reserveAttempt, settleSuccess, type DelayPolicy, type ThrottledKey } from './db/login-throttle.repository';
import type { HashSlots } from './hash-slots';
import type { UserRow } from './db/tables';
import { findUserByEmail, insertUser, type Db } from './db/users.repository';

/**
 * Signing up and signing in. Passwords are hashed with Argon2id (memory-hard), never logged or
 * returned. Sign-in answers an unknown email exactly like a wrong password, and spends the same
 * hashing time on both, so accounts cannot be discovered.
 */
export const MIN_PASSWORD = 10;
const MAX_PASSWORD = 1024; // bounds the hashing work one request can cause
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Progressive delays, never a lock (db/login-throttle.repository.ts). One address guessing one
 * account gets 5 tries, then waits 1, 2, 4 … up to 30 s between tries; many addresses guessing one
 * account share 20 free tries and the same 30 s ceiling; one address guessing many accounts gets
 * 100 tries an hour, then up to 60 s. So the right password signs in after at most 30 s (60 s from
 * an address that is itself guessing), and the message says how long.
 */
export const SIGN_IN_DELAYS = {
  pair: { free: 5, maxDelaySeconds: 30, windowSeconds: 900 },
  account: { free: 20, maxDelaySeconds: 30, windowSeconds: 900 },
  address: { free: 100, maxDelaySeconds: 60, windowSeconds: 3600 },
} satisfies Record<string, DelayPolicy>;

export interface AuthResult {
  token: string | null;
  user: UserRow | null;
  userErrors: UserError[];
}

const failed = (...userErrors: UserError[]): AuthResult => ({ token: null, user: null, userErrors });

// A real hash of a random password, verified against when the email is unknown.
const decoyHash = argon2.hash(randomUUID());

export async function register(
  db: Db,
  tokens: TokenIssuer,
  slots: HashSlots,
  input: { email: string; password: string; displayName: string },
): Promise<AuthResult> {
  const result = await createAccount(db, slots, { ...input, roles: ['CITIZEN'] });
  if (!result.user) return result;
  return { token: await signFor(tokens, result.user), user: result.user, userErrors: [] };
}

/** A new account with the given roles (sign-up, and `npm run admin -- create`); no token. */
export async function createAccount(
  db: Db,
  slots: HashSlots,
  input: { email: string; password: string; displayName: string; roles: string[] },
): Promise<AuthResult> {
  const email = input.email.trim().toLowerCase();
  const displayName = input.displayName.trim();
  const errors: UserError[] = [];
  if (!EMAIL.test(email) || email.length > 254) errors.push(userError('input.email', 'INVALID_EMAIL', 'Enter a valid email address.'));
  if (input.password.length < MIN_PASSWORD)
    errors.push(userError('input.password', 'WEAK_PASSWORD', `Use at least ${MIN_PASSWORD} characters.`));
  if (input.password.length > MAX_PASSWORD)
    errors.push(userError('input.password', 'PASSWORD_TOO_LONG', `Use at most ${MAX_PASSWORD} characters.`));
  if (displayName.length === 0 || displayName.length > 100)
    errors.push(userError('input.displayName', 'INVALID_NAME', 'Enter a name of 1 to 100 characters.'));
  if (errors.length) return failed(...errors);

  const user = await insertUser(db, {
    id: randomUUID(),
    email,
    passwordHash: await slots.run(() => argon2.hash(input.password)),
    displayName,
    roles: input.roles,
  });
  if (!user) return failed(userError('input.email', 'EMAIL_TAKEN', 'An account with this email already exists. Sign in instead.'));
  return { token: null, user, userErrors: [] };
}

export async function login(
  db: Db,
  tokens: TokenIssuer,
  slots: HashSlots,
  who: Identity,
  email: string,
  password: string,
): Promise<AuthResult> {
  const account = email.trim().toLowerCase();
  // The address the gateway vouches for (never a header the client sent).
  const address = who.clientIp ?? 'unknown';
  const pair: ThrottledKey = { key: `pair:${account} ${address}`, policy: SIGN_IN_DELAYS.pair };
  const perAccount: ThrottledKey = { key: `account:${account}`, policy: SIGN_IN_DELAYS.account };
  const perAddress: ThrottledKey = { key: `ip:${address}`, policy: SIGN_IN_DELAYS.address };
  return slots.run(async () => {
    const wait = await reserveAttempt(db, [pair, perAccount, perAddress]);
    if (wait > 0) return failed(userError(null, 'TOO_MANY_ATTEMPTS', `Too many failed sign-ins. Try again in ${wait} s.`));
    const user = password.length <= MAX_PASSWORD ? await findUserByEmail(db, email.trim()) : undefined;
    const ok = await argon2.verify(user?.password_hash ?? (await decoyHash), password.slice(0, MAX_PASSWORD));
    // A failure stays counted as the reservation counted it.
    if (!user || !ok) return failed(userError(null, 'INVALID_CREDENTIALS', 'The email or password is incorrect.'));
    await settleSuccess(db, [pair, perAccount], [perAddress]);
    return { token: await signFor(tokens, user), user, userErrors: [] };
  });
}

function signFor(tokens: TokenIssuer, user: UserRow) {
  return tokens.sign({ userId: user.id, roles: user.roles as never, departmentId: user.department_id });
}
