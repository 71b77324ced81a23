import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { badInput, notFound } from './errors';
import { maskErrors } from './server';

/** What a subgraph lets out of an error, whatever the mode: the platform's own words only. */
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'ERROR', routine: 'errorMissingColumn' });
const thrown = (original: Error) =>
  new GraphQLError(original.message, { originalError: original, path: ['x'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at pg'] } });
const format = (e: GraphQLError) => maskErrors({ ...e.toJSON(), extensions: e.extensions }, e);

describe('maskErrors', () => {
  it('hides a database failure and its stack trace', () => {
    const out = format(thrown(pgError('42P01', 'relation "applications.nope" does not exist')));
    expect(out).toEqual({ message: 'Internal server error', path: ['x'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('answers a value the database refused to cast as the client\'s error, without its words', () => {
    const out = format(thrown(pgError('22P02', 'invalid input syntax for type uuid: "x"')));
    expect(out.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(out.message).not.toMatch(/uuid|syntax/);
  });

  it('keeps the platform\'s own errors with their code and parameters, without stack traces', () => {
    for (const e of [badInput('first must be between 0 and 100.'), notFound('Application')]) {
      const out = format(new GraphQLError(e.message, { extensions: { ...e.extensions, stacktrace: ['at resolver'] } }));
      expect(out.message).toBe(e.message);
      expect(out.extensions).toEqual(e.extensions); // { code, params? }: never the stack trace
    }
  });
});
