import { departmentCodeQuery, type DepartmentCodes } from '../kit/department-codes';
import type { ServiceGraph } from '../kit/service-graph';

/**
 * What applications need to know about a procedure, asked of the procedures subgraph (it owns
 * procedures; their tables are not ours to read) over the gateway's internal path, as the public
 * sees them: a draft or withdrawn procedure is not there to apply to. `READS` is what the platform
 * grants this subgraph; ServiceGraph refuses to ask inside a database transaction.
 */
export interface ProcedureInfo {
  id: string;
  onlineApplication: boolean;
  processingTimeDays: number;
  department: { id: string; code: string };
  /** The form checked against: the current one, or the one of a requested version. */
  form: { version: number; schema: unknown } | null;
  /** What the applicant provides, in the procedure's order: the checklist of a submission. */
  requiredDocuments: { name: string; mandatory: boolean }[];
}

// Without the department's code: asking for it would add a call to the identity subgraph to
// every submission (kit/department-codes keeps them).
const CURRENT = /* GraphQL */ `
  query ApplicationsProcedureForm($id: ID!) {
    procedure(id: $id) {
      id onlineApplication processingTimeDays
      department { id }
      applicationForm { version schema }
      requiredDocuments { name mandatory }
    }
  }
`;

type CurrentProcedure = Omit<ProcedureInfo, 'form' | 'department'> & { department: { id: string }; applicationForm: ProcedureInfo['form'] };

/** The procedure as it is now, with its current form: a form published a moment ago applies at once. */
export async function currentProcedure(graph: ServiceGraph, codes: DepartmentCodes, id: string): Promise<ProcedureInfo | null> {
  const data = await graph.request<{ procedure: CurrentProcedure | null }>(CURRENT, { id });
  if (!data.procedure) return null;
  const { applicationForm, department, ...rest } = data.procedure;
  const code = await codes.of(graph, department.id);
  if (!code) throw new Error(`the graph has no code for department ${department.id}`);
  return { ...rest, department: { id: department.id, code }, form: applicationForm };
}

const VERSION = /* GraphQL */ `
  query ApplicationsProcedureFormVersion($id: ID!, $version: Int!) {
    procedure(id: $id) {
      id
      applicationForm(version: $version) { version schema }
      requiredDocuments { name mandatory }
    }
  }
`;

/**
 * A specific, earlier version of a procedure's form: supplements are checked against the version
 * first used. With the procedure's required documents as they are now (a supplement's documents
 * name one of them).
 */
export async function formVersion(
  graph: ServiceGraph,
  procedureId: string,
  version: number,
): Promise<(NonNullable<ProcedureInfo['form']> & Pick<ProcedureInfo, 'requiredDocuments'>) | null> {
  const data = await graph.request<{ procedure: Pick<ProcedureInfo, 'requiredDocuments'> & { applicationForm: ProcedureInfo['form'] } | null }>(VERSION, {
    id: procedureId,
    version,
  });
  const form = data.procedure?.applicationForm;
  return form ? { ...form, requiredDocuments: data.procedure!.requiredDocuments } : null;
}

/** The documents this subgraph may run over the gateway's internal path, and nothing else. */
export const READS = [CURRENT, VERSION, departmentCodeQuery('Applications')];
