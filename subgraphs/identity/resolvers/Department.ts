import type { DepartmentResolvers } from '../generated/resolvers';

export const Department: DepartmentResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.department.load(ref.id),
  contact: (d) => ({ phone: d.phone, email: d.email, address: d.address, officeHours: d.office_hours }),
};
