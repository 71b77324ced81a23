import type { GraphClient } from './graph-client';
import { remembered } from '../../core/remembered';

/**
 * Departments' codes (the middle of tracking numbers) by id, asked of the graph (identity owns
 * departments). No operation changes a department's code, so each is asked once per process, not
 * on every submission; an unknown id (null) or a failure is asked again next time.
 */
export class DepartmentCodes {
  private readonly known = new Map<string, Promise<string | null>>();
  constructor(
    private readonly graph: GraphClient,
    private readonly service: string,
  ) {}

  of(id: string): Promise<string | null> {
    const ask = () =>
      this.graph
        .request<{ department: { code: string } | null }>(`query ${this.service}DepartmentCode($id: ID!) { department(id: $id) { code } }`, { id })
        .then((d) => d.department?.code ?? null);
    return remembered(this.known, id, ask, (code) => code !== null);
  }
}
