import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { userError, type UserError } from '../kit/errors';
import type { Identity } from '../../core/identity';
import type { Language } from '../../core/language';
import type { TokenIssuer } from '../../core/session-tokens';
import type { UserRow } from './db/tables';
import { findUserByEmail, insertUser, setPasswordHash, type Db } from './db/users.repository';
import type { PasswordHashing } from './password-hashing';
import { tryAgainIn, type SignInThrottle } from './sign-in-throttle';

/**
 * Signing up and signing in. Passwords are hashed with Argon2id (memory-hard), never logged or
 * returned. Sign-in answers an unknown email exactly like a wrong password, and spends the same
 * hashing time on both, so accounts cannot be discovered.
 */
export const MIN_PASSWORD = 10;
const MAX_PASSWORD = 1024; // bounds the hashing work one request can cause
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface AuthResult {
  token: string | null;
  user: UserRow | null;
  userErrors: UserError[];
  /** With TOO_MANY_ATTEMPTS: when the next check of this account or address may run. */
  retryAfterSeconds?: number | null;
}

const failed = (...userErrors: UserError[]): AuthResult => ({ token: null, user: null, userErrors });

/** A new account's email, password and name, normalised, with what is wrong with them (`input.*` fields). */
export function checkNewAccount(input: { email: string; password: string; displayName: string }) {
  const email = input.email.trim().toLowerCase();
  const displayName = input.displayName.trim();
  const errors: UserError[] = [...passwordErrors('input.password', input.password)];
  if (!EMAIL.test(email) || email.length > 254) errors.unshift(userError('input.email', 'INVALID_EMAIL', 'Enter a valid email address.'));
  if (displayName.length === 0 || displayName.length > 100)
    errors.push(userError('input.displayName', 'INVALID_NAME', 'Enter a name of 1 to 100 characters.'));
  return { email, displayName, errors };
}

/** What is wrong with a new password, as userErrors on `field`. */
export function passwordErrors(field: string, password: string): UserError[] {
  if (password.length < MIN_PASSWORD) return [userError(field, 'WEAK_PASSWORD', `Use at least ${MIN_PASSWORD} characters.`, { min: MIN_PASSWORD })];
  if (password.length > MAX_PASSWORD) return [userError(field, 'PASSWORD_TOO_LONG', `Use at most ${MAX_PASSWORD} characters.`, { max: MAX_PASSWORD })];
  return [];
}

export async function register(
  db: Db,
  tokens: TokenIssuer,
  hashing: PasswordHashing,
  input: { email: string; password: string; displayName: string },
  language?: Language,
): Promise<AuthResult> {
  const { email, displayName, errors } = checkNewAccount(input);
  if (errors.length) return failed(...errors);

  const user = await insertUser(db, {
    id: randomUUID(),
    email,
    passwordHash: await hashing.hash(input.password),
    displayName,
    roles: ['CITIZEN'],
    // Mail is written in the language the person signed up in, until they choose another.
    language,
  });
  if (!user) return failed(userError('input.email', 'EMAIL_TAKEN', 'An account with this email already exists. Sign in instead.'));
  return { token: await signFor(tokens, user), user, userErrors: [] };
}

export async function login(
  db: Db,
  tokens: TokenIssuer,
  guard: { hashing: PasswordHashing; throttle: SignInThrottle },
  who: Identity,
  email: string,
  password: string,
): Promise<AuthResult> {
  // A flood beyond the hashing bound is refused before it costs the database anything.
  guard.hashing.checkRoom();
  const permit = await guard.throttle.permit(email, who.clientIp);
  if (!permit.ok) {
    const wait = permit.retryAfterSeconds;
    const why = permit.busy ? 'Many sign-ins to this account are under way.' : 'Too many failed sign-ins.';
    return {
      ...failed(userError(null, 'TOO_MANY_ATTEMPTS', `${why} ${tryAgainIn(wait)}`, { seconds: wait })),
      retryAfterSeconds: wait,
    };
  }
  let user: UserRow | undefined;
  let ok: boolean;
  try {
    user = password.length <= MAX_PASSWORD ? await findUserByEmail(db, email.trim()) : undefined;
    ok = await guard.hashing.verify(user?.password_hash ?? (await guard.hashing.decoy()), password.slice(0, MAX_PASSWORD));
  } catch (err) {
    // Not checked (hashing busy, database down): no failure to count.
    await permit.end('unchecked');
    throw err;
  }
  await permit.end(user && ok ? 'right' : 'wrong');
  if (!user || !ok) return failed(userError(null, 'INVALID_CREDENTIALS', 'The email or password is incorrect.'));
  if (guard.hashing.isOutdated(user.password_hash)) await rehash(db, guard.hashing, user.id, password);
  // Told only to whoever knows the password.
  if (!user.active) return failed(userError(null, 'ACCOUNT_DEACTIVATED', 'This account has been deactivated. Ask an administrator.'));
  return { token: await signFor(tokens, user), user, userErrors: [] };
}

/** Stores the password's hash with today's parameters; a busy hasher leaves it for the next sign-in. */
async function rehash(db: Db, hashing: PasswordHashing, userId: string, password: string): Promise<void> {
  try {
    await setPasswordHash(db, userId, await hashing.hash(password));
  } catch (err) {
    if (!(err instanceof GraphQLError)) throw err;
  }
}

export function signFor(tokens: TokenIssuer, user: UserRow) {
  return tokens.sign({ userId: user.id, roles: user.roles as never, departmentId: user.department_id, sessionVersion: user.session_version });
}
