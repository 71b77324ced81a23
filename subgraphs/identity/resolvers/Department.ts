import type { DepartmentContactResolvers, DepartmentResolvers } from '../generated/resolvers';
import { localizedResolvers } from '../../kit/language';

/** A department's text in the reader's language (kit/language.ts); its contact's address and hours too. */
const TEXT = [
  ['name', 'name'],
  ['description', 'description'],
  ['contact.address', 'address'],
  ['contact.officeHours', 'office_hours'],
] as const;
const text = localizedResolvers(TEXT);

export const Department: DepartmentResolvers = {
  ...(text as DepartmentResolvers),
  __resolveReference: (ref, ctx) => ctx.loaders.department.load(ref.id),
  // The contact is the department's own row, read in the same language.
  contact: (d) => d,
};

export const DepartmentContact: DepartmentContactResolvers = {
  address: text['contact.address'] as DepartmentContactResolvers['address'],
  officeHours: text['contact.officeHours'] as DepartmentContactResolvers['officeHours'],
};
