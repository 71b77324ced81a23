import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { codes, gql, newCitizen, operation, tokenFor } from '../../test/graph';
import { demoProcedureId } from '../kit/demo-catalogue';
import { addWorkingDays } from '../kit/workdays';
import { dept, submit, submitOk } from './test-helpers';

describe('submitFeedback', () => {
  it('works as written: tracking number, RECEIVED, the department, a due date in working days per kind', async () => {
    const { token } = await newCitizen('fb-submit');
    const r = await submit(token, { kind: 'COMPLAINT', subject: 'Refund still missing', body: 'My income tax refund has not arrived after eight weeks.' });
    expect(r.errors).toBeUndefined();
    const f = r.data.submitFeedback.feedback;
    expect(r.data.submitFeedback.userErrors).toEqual([]);
    expect(f).toMatchObject({ kind: 'COMPLAINT', status: 'RECEIVED', subject: 'Refund still missing', department: { name: 'Revenue and Taxation Bureau' } });
    expect(f.trackingNumber).toMatch(new RegExp(`^FB-TAX-${new Date(f.submittedAt).getUTCFullYear()}-\\d{6}$`));
    // Default: 10 working days for a complaint.
    expect(f.dueAt).toBe(addWorkingDays(new Date(f.submittedAt), 10).toISOString());

    const inquiry = await submitOk(token, { kind: 'INQUIRY' });
    expect(inquiry.dueAt).toBe(addWorkingDays(new Date(inquiry.submittedAt), 5).toISOString());
    expect(inquiry.trackingNumber).not.toBe(f.trackingNumber);
    // Housing set its own limit for complaints (15 working days, demo configuration).
    const housing = await submitOk(token, { kind: 'COMPLAINT', departmentId: dept('HOUSING') });
    expect(housing.trackingNumber).toMatch(/^FB-HOUSING-/);
    expect(housing.dueAt).toBe(addWorkingDays(new Date(housing.submittedAt), 15).toISOString());
  });

  it('refuses bad input with one userError per problem, storing nothing', async () => {
    const { token } = await newCitizen('fb-invalid');
    const r = await submit(token, { subject: 'x', body: 'y'.repeat(5001) });
    expect(r.data.submitFeedback.feedback).toBeNull();
    expect(r.data.submitFeedback.userErrors.map((e: { field: string; code: string }) => [e.field, e.code])).toEqual([
      ['input.subject', 'INVALID_SUBJECT'],
      ['input.body', 'INVALID_BODY'],
    ]);
    const unknown = await submit(token, { departmentId: randomUUID() });
    expect(unknown.data.submitFeedback.userErrors).toEqual([{ field: 'input.departmentId', code: 'DEPARTMENT_NOT_FOUND', message: expect.any(String) }]);
    const mine = await gql(operation('web/MyFeedback'), {}, { token });
    expect(mine.data.me.feedback.totalCount).toBe(0);
  });

  it('refers to an existing procedure, refusing an unknown one', async () => {
    const { token } = await newCitizen('fb-procedure');
    const unknown = await submit(token, { procedureId: randomUUID() });
    expect(unknown.data.submitFeedback.userErrors).toEqual([{ field: 'input.procedureId', code: 'PROCEDURE_NOT_FOUND', message: expect.any(String) }]);
    const f = await submitOk(token, { procedureId: demoProcedureId('TAX-REFUND') });
    const r = await gql('query($id: ID!) { feedback(id: $id) { procedure { id code title } } }', { id: f.id }, { token });
    expect(r.errors).toBeUndefined();
    expect(r.data.feedback.procedure).toEqual({ id: demoProcedureId('TAX-REFUND'), code: 'TAX-REFUND', title: 'Income tax refund' });
  });

  it('is for signed-in citizens only', async () => {
    expect(codes(await submit('', {}))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await submit(await tokenFor('officer.tax@demo.gov'), {}))).toEqual(['FORBIDDEN']);
  });

  it('stores one item for 10 concurrent submissions with one idempotency key', async () => {
    const { token } = await newCitizen('fb-idem');
    const idempotencyKey = randomUUID();
    const all = await Promise.all(Array.from({ length: 10 }, () => submit(token, { idempotencyKey })));
    const ids = new Set(all.map((r) => r.data?.submitFeedback?.feedback?.id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toEqual(expect.any(String));
    const mine = await gql(operation('web/MyFeedback'), {}, { token });
    expect(mine.data.me.feedback.totalCount).toBe(1);
    // The same key from another citizen is another item.
    const other = await newCitizen('fb-idem2');
    expect((await submitOk(other.token, { idempotencyKey })).id).not.toBe([...ids][0]);
  });

  it('refuses the 11th item within an hour with RATE_LIMITED and stores nothing', async () => {
    const { token } = await newCitizen('fb-limit');
    const first = [];
    for (let i = 0; i < 10; i++) first.push(await submitOk(token, { subject: `Question ${i}`, idempotencyKey: `limit-${i}` }));
    const r = await submit(token, { subject: 'One too many' });
    expect(r.data.submitFeedback.feedback).toBeNull();
    expect(r.data.submitFeedback.userErrors).toEqual([{ field: null, code: 'RATE_LIMITED', message: expect.stringContaining('10') }]);
    const mine = await gql(operation('web/MyFeedback'), { first: 20 }, { token });
    expect(mine.data.me.feedback.totalCount).toBe(10);
    expect(mine.data.me.feedback.edges.map((e: { node: { subject: string } }) => e.node.subject)).not.toContain('One too many');
    // A retry of something already sent still answers with that item.
    const retry = await submit(token, { subject: 'Question 0', idempotencyKey: 'limit-0' });
    expect(retry.data.submitFeedback).toEqual({ feedback: first[0], userErrors: [] });
  });
});
