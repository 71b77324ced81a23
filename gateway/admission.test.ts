import { describe, expect, it } from 'vitest';
import { PasswordAdmission } from './admission';

/** The admission rule in-process: which operations take a place, and what happens when none is left. */
const enter = (admission: PasswordAdmission, source: string, operationName?: string) => admission.enterText(source, operationName, 10_000);
const LOGIN = 'mutation { login(email: "a@b.c", password: "p") { token } }';

describe('password admission at the gateway', () => {
  it.each([
    ['a sign-in', LOGIN, true],
    ['a sign-in under an alias', 'mutation { in: login(email: "a", password: "p") { token } }', true],
    ['a registration', 'mutation { register(input: {}) { token } }', true],
    ['a password change', 'mutation { changePassword(input: {}) { ok } }', true],
    ['a sign-in in an inline fragment', 'mutation { ... on Mutation { login(email: "a", password: "p") { token } } }', true],
    ['a sign-in in a named fragment, nested', 'mutation { ...A } fragment A on Mutation { ...B } fragment B on Mutation { login(email: "a", password: "p") { token } }', true],
    ['a fragment cycle without a sign-in', 'mutation { ...A } fragment A on Mutation { ...B } fragment B on Mutation { ...A signOutEverywhere }', false],
    ['another mutation', 'mutation { signOutEverywhere }', false],
    ['a query whose field is called login', 'query { login }', false],
    ['a nested field called login', 'mutation { submitFeedback(input: {}) { feedback { login } } }', false],
  ])('%s: takes a place = %s', (_, source, takes) => {
    const admission = new PasswordAdmission(1);
    const release = enter(admission, source);
    expect(release !== undefined).toBe(takes);
    // With the one place taken, a second sign-in is refused only if the first took it.
    if (takes) expect(() => enter(admission, LOGIN)).toThrow();
    else expect(enter(admission, LOGIN)).toBeTypeOf('function');
  });

  it('refuses beyond the limit with RATE_LIMITED and a retry delay, and admits again once one ends', () => {
    const admission = new PasswordAdmission(2);
    const first = enter(admission, LOGIN)!;
    enter(admission, LOGIN);
    let refusal: any;
    try {
      enter(admission, LOGIN);
    } catch (err) {
      refusal = err;
    }
    expect(refusal?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 1 });
    first();
    first(); // released twice: still one place, not two
    expect(enter(admission, LOGIN)).toBeTypeOf('function');
    expect(() => enter(admission, LOGIN)).toThrow();
  });

  it('picks the operation being run from a document of several', () => {
    const admission = new PasswordAdmission(1);
    const source = `mutation Out { signOutEverywhere } ${LOGIN.replace('mutation', 'mutation In')}`;
    expect(enter(admission, source, 'Out')).toBeUndefined();
    expect(enter(admission, source, 'In')).toBeTypeOf('function');
  });

  it("admits at most its rate, evenly, places free or not, and a quiet second's worth at once", () => {
    let now = 0;
    const admission = new PasswordAdmission(0, 4, () => now); // no bound at once, four a second
    const admitted = () => {
      try {
        enter(admission, LOGIN)!();
        return true;
      } catch (err) {
        expect((err as any).extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 1 });
        return false;
      }
    };
    // A quiet second's worth at once, then one every quarter of a second.
    expect(Array.from({ length: 6 }, admitted)).toEqual([true, true, true, true, false, false]);
    now += 200;
    expect(admitted()).toBe(false);
    now += 50;
    expect([admitted(), admitted()]).toEqual([true, false]);
    // Other operations are never counted against it.
    expect(enter(admission, 'mutation { signOutEverywhere }')).toBeUndefined();
    // However long the quiet, never more than a second's worth at once.
    now += 60_000;
    expect(Array.from({ length: 5 }, admitted)).toEqual([true, true, true, true, false]);
  });

  it('spends nothing of its rate on a refusal for want of a place', () => {
    let now = 0;
    const admission = new PasswordAdmission(1, 2, () => now); // one at once, two a second
    const held = enter(admission, LOGIN)!;
    for (let i = 0; i < 5; i++) expect(() => enter(admission, LOGIN)).toThrow(/Too many sign-ins/);
    held();
    // The second of this second's two is still there: the five refusals took none of it.
    expect(enter(admission, LOGIN)).toBeTypeOf('function');
  });

  it('bounds nothing with a limit of 0', () => {
    const admission = new PasswordAdmission(0);
    for (let i = 0; i < 10; i++) expect(enter(admission, LOGIN)).toBeUndefined();
  });

  it('reads a document from its text once, leaves what does not parse to the pipeline, and picks the named operation', () => {
    const admission = new PasswordAdmission(1);
    expect(admission.enterText('mutation { login(', undefined, 1000)).toBeUndefined();
    expect(admission.enterText(LOGIN, undefined, 1000)).toBeTypeOf('function');
    expect(() => admission.enterText(LOGIN, undefined, 1000)).toThrow(/Too many sign-ins/);
    const two = `mutation Out { signOutEverywhere } ${LOGIN.replace('mutation', 'mutation In')}`;
    expect(admission.enterText(two, 'Out', 1000)).toBeUndefined();
    expect(() => admission.enterText(two, 'In', 1000)).toThrow();
    expect(admission.enterText(two, undefined, 1000)).toBeUndefined(); // no operation chosen: the pipeline refuses it
  });
});
