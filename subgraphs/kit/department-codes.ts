import { remembered } from '../../core/remembered';
import type { ServiceGraph } from './service-graph';

/** The document a subgraph is granted to read a department's code (`<Service>DepartmentCode`). */
export const departmentCodeQuery = (service: string) => `query ${service}DepartmentCode($id: ID!) { department(id: $id) { code } }`;

/**
 * Departments' codes (the middle of tracking numbers) by id, asked of the identity subgraph over
 * the gateway's internal path. No operation changes a department's code, so each is asked once per
 * process, not on every submission; an unknown id (null) or a failure is asked again next time.
 */
export class DepartmentCodes {
  private readonly known = new Map<string, Promise<string | null>>();
  private readonly query: string;
  constructor(service: string) {
    this.query = departmentCodeQuery(service);
  }

  /** `graph`: the asking request's, whose identity token vouches for the call. */
  of(graph: ServiceGraph, id: string): Promise<string | null> {
    const ask = () => graph.request<{ department: { code: string } | null }>(this.query, { id }).then((d) => d.department?.code ?? null);
    return remembered(this.known, id, ask, (code) => code !== null);
  }
}
