import type { DepartmentRow } from '../db/tables';
import type { IdentityContext } from '../loaders';

export const Department = {
  __resolveReference: (ref: { id: string }, ctx: IdentityContext) => ctx.loaders.department.load(ref.id),
  contact: (d: DepartmentRow) => ({ phone: d.phone, email: d.email, address: d.address, officeHours: d.office_hours }),
};
