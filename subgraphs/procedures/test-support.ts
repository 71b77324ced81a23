import { departmentId } from '../kit/demo';
import { gql } from '../../test/graph';

/** What a test's own procedure needs beyond its department and code; the rest has plain defaults. */
export type ProcedureFields = { department: string; code: string } & Record<string, unknown>;

const CREATE = `mutation($input: CreateProcedureInput!) { createProcedure(input: $input) { procedure { id } userErrors { field code message } } }`;

/**
 * A procedure of the test's own, so what it changes disturbs no other test file: created by
 * `token` in `department` (a demo department's code), and its id. Throws on a refusal.
 */
export async function createProcedure(token: string, { department, code, ...fields }: ProcedureFields): Promise<string> {
  const input = {
    departmentId: departmentId(department), code, title: `Procedure ${code}`, summary: 'Made by a test.', category: 'Testing',
    eligibility: '', legalBasis: '', processingTimeDays: 5, channels: ['MAIL'], ...fields,
  };
  const r = await gql(CREATE, { input }, { token });
  const { procedure, userErrors } = r.data?.createProcedure ?? {};
  if (!procedure) throw new Error(`createProcedure ${code} was refused: ${JSON.stringify(r.errors ?? userErrors)}`);
  return procedure.id;
}
