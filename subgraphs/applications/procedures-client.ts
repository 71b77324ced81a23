import type { GraphClient } from '../kit/graph-client';

/**
 * What applications need to know about a procedure, asked of the graph (the procedures subgraph
 * owns it; its tables are not ours to read). Never called inside a database transaction.
 */
export interface ProcedureInfo {
  id: string;
  onlineApplication: boolean;
  processingTimeDays: number;
  department: { id: string; code: string };
  /** The form checked against: the current one, or the one of a requested version. */
  form: { version: number; schema: unknown } | null;
}

const CURRENT = /* GraphQL */ `
  query ApplicationsProcedureForm($id: ID!) {
    procedure(id: $id) {
      id onlineApplication processingTimeDays
      department { id code }
      applicationForm { version schema }
    }
  }
`;

export async function currentProcedure(graph: GraphClient, id: string): Promise<ProcedureInfo | null> {
  const data = await graph.request<{ procedure: (Omit<ProcedureInfo, 'form'> & { applicationForm: ProcedureInfo['form'] }) | null }>(
    CURRENT,
    { id },
  );
  if (!data.procedure) return null;
  const { applicationForm, ...rest } = data.procedure;
  return { ...rest, form: applicationForm };
}

const VERSION = /* GraphQL */ `
  query ApplicationsProcedureFormVersion($id: ID!, $version: Int!) {
    procedure(id: $id) {
      id
      applicationForm(version: $version) { version schema }
    }
  }
`;

/** A specific, earlier version of a procedure's form: supplements are checked against the version first used. */
export async function formVersion(graph: GraphClient, procedureId: string, version: number): Promise<ProcedureInfo['form']> {
  const data = await graph.request<{ procedure: { applicationForm: ProcedureInfo['form'] } | null }>(VERSION, {
    id: procedureId,
    version,
  });
  return data.procedure?.applicationForm ?? null;
}
