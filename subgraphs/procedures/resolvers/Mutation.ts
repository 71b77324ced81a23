import { forbidden, notFound, requireDepartmentStaff, requireRole, userError, type UserError } from '../../kit/errors';
import { isUniqueViolation } from '../../kit/db';
import { hasRole } from '../../../core/identity';
import { checkApplicationForm } from '../application-form';
import { insertFormVersion } from '../db/application-forms.repository';
import { replaceParts } from '../db/parts.repository';
import { insertProcedure, refreshDerived, updateProcedure, type ProcedureChanges } from '../db/procedures.repository';
import type { Db, FormRow, ProcedureRow } from '../db/tables';
import type { MutationResolvers } from '../generated/resolvers';
import type { ProceduresContext } from '../loaders';
import { CODE, checkProcedureFields, resolveForms, type ProcedureFields, type Translatable } from '../procedure-input';
import { cleanTranslations, PART_TEXT, PROCEDURE_TEXT } from '../translation-input';
import { fromGraph, type Language } from '../../kit/language';
import { UUID } from './Query';

type Ctx = ProceduresContext;
type FormRows = Omit<FormRow, 'procedure_id' | 'position'>[];

const failed = (userErrors: UserError[]) => ({ procedure: null, applicationForm: null, userErrors });

/** The procedure a staff member wants to change: only its department's officers and admins may. */
async function editable(ctx: Ctx, id: string): Promise<ProcedureRow> {
  ctx.audit.actingOn(id);
  requireRole(ctx.identity, 'OFFICER', 'ADMIN');
  const p = UUID.test(id) ? await ctx.loaders.procedure.load(id) : null;
  if (!p) throw notFound('Procedure');
  requireDepartmentStaff(ctx.identity, 'OFFICER', p.department_id);
  return p;
}

function changes(input: ProcedureFields, written: Language): ProcedureChanges {
  const c: ProcedureChanges = {};
  if (input.language != null) c.language = fromGraph(input.language);
  if (input.translations != null) c.translations = cleanTranslations(input.translations, PROCEDURE_TEXT, written, 'input', []);
  if (input.title != null) c.title = input.title.trim();
  if (input.summary != null) c.summary = input.summary.trim();
  if (input.category != null) c.category = input.category.trim();
  if (input.eligibility != null) c.eligibility = input.eligibility.trim();
  if (input.legalBasis != null) c.legal_basis = input.legalBasis.trim();
  if (input.processingTimeDays != null) c.processing_time_days = input.processingTimeDays;
  if (input.channels != null) c.channels = [...new Set(input.channels)];
  return c;
}

/** Replaces the lists that were given; a list left out stays as it is. */
async function saveParts(tx: Db, id: string, input: ProcedureFields, forms: FormRows | null, written: Language): Promise<void> {
  // Each part's text trimmed, and its translations as stored (translation-input.ts).
  const part = (list: keyof typeof PART_TEXT) => <T extends Record<string, unknown>>({ translations, ...o }: Translatable<T>) => ({
    ...(Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])) as T),
    translations: cleanTranslations(translations, PART_TEXT[list], written, '', []),
  });
  if (input.steps) await replaceParts(tx, 'procedure_steps', id, input.steps.map(part('steps')));
  if (input.requiredDocuments) await replaceParts(tx, 'procedure_documents', id, input.requiredDocuments.map(part('requiredDocuments')));
  if (input.fees) await replaceParts(tx, 'procedure_fees', id, input.fees.map(part('fees')));
  if (input.faqs) await replaceParts(tx, 'procedure_faqs', id, input.faqs.map(part('faqs')));
  if (forms) await replaceParts(tx, 'procedure_forms', id, forms);
}

/** Reads the procedure as committed, not as this request's loader first saw it. */
const fresh = (ctx: Ctx, id: string) => ctx.loaders.procedure.clear(id).load(id);

/** The one document this subgraph may run over the gateway's internal path: does a department exist. */
export const READS = ['query ProceduresDepartmentExists($id: ID) { department(id: $id) { id } }'];

async function departmentExists(ctx: Ctx, id: string): Promise<boolean> {
  const r = await ctx.graph.request<{ department: { id: string } | null }>(READS[0], { id });
  return r.department != null;
}

export const Mutation: MutationResolvers = {
  createProcedure: async (_, { input }, ctx) => {
    requireRole(ctx.identity, 'OFFICER', 'ADMIN');
    if (!UUID.test(input.departmentId)) {
      if (!hasRole(ctx.identity, 'ADMIN')) throw forbidden('You may act only for your own department.');
      return failed([userError('input.departmentId', 'UNKNOWN_DEPARTMENT', 'There is no department with this id.')]);
    }
    requireDepartmentStaff(ctx.identity, 'OFFICER', input.departmentId);
    const code = input.code.trim().toUpperCase();
    const written: Language = input.language ? fromGraph(input.language) : 'en';
    const errors = checkProcedureFields(input, true, written);
    if (code.length < 3 || code.length > 40 || !CODE.test(code)) {
      errors.unshift(userError('input.code', 'INVALID_CODE', 'Use 3 to 40 capital letters, digits and single dashes, like BIZ-LICENCE.'));
    } else if (await ctx.loaders.procedureByCode.load(code)) {
      errors.unshift(userError('input.code', 'CODE_TAKEN', 'Another procedure already has this code.'));
    }
    const forms = input.forms ? await resolveForms(ctx.deps.files, input.forms, written) : null;
    errors.push(...(forms?.errors ?? []));
    // Officers act for their own (existing) department; an admin may mistype one.
    if (errors.length === 0 && hasRole(ctx.identity, 'ADMIN') && !(await departmentExists(ctx, input.departmentId))) {
      errors.push(userError('input.departmentId', 'UNKNOWN_DEPARTMENT', 'There is no department with this id.'));
    }
    if (errors.length) return failed(errors);

    const id = crypto.randomUUID();
    const c = changes(input, written);
    try {
      await ctx.db.transaction().execute(async (tx) => {
        await insertProcedure(tx, {
          id, code, department_id: input.departmentId, title: c.title!, summary: c.summary!, category: c.category!,
          eligibility: c.eligibility ?? '', legal_basis: c.legal_basis ?? '', processing_time_days: c.processing_time_days ?? 0,
          channels: c.channels ?? ['IN_PERSON'], language: written, translations: c.translations,
        });
        await saveParts(tx, id, input, forms?.rows ?? null, written);
        await refreshDerived(tx, [id]);
        await ctx.audit.record(tx, { target: id });
      });
    } catch (err) {
      // Two creations with one code at the same time: the unique index decides.
      if (isUniqueViolation(err)) return failed([userError('input.code', 'CODE_TAKEN', 'Another procedure already has this code.')]);
      throw err;
    }
    return { procedure: await fresh(ctx, id), userErrors: [] };
  },

  updateProcedure: async (_, { id, input }, ctx) => {
    const row = await editable(ctx, id);
    const written: Language = input.language ? fromGraph(input.language) : row.language;
    const errors = checkProcedureFields(input, false, written);
    const forms = input.forms ? await resolveForms(ctx.deps.files, input.forms, written) : null;
    errors.push(...(forms?.errors ?? []));
    if (errors.length) return failed(errors);
    await ctx.db.transaction().execute(async (tx) => {
      await updateProcedure(tx, id, changes(input, written));
      await saveParts(tx, id, input, forms?.rows ?? null, written);
      await refreshDerived(tx, [id]);
      await ctx.audit.record(tx, { target: id });
    });
    return { procedure: await fresh(ctx, id), userErrors: [] };
  },

  publishApplicationForm: async (_, args, ctx) => {
    await editable(ctx, args.procedureId);
    const errors = checkApplicationForm(args.schema);
    if (errors.length) return failed(errors);
    const form = await ctx.db.transaction().execute(async (tx) => {
      // One publisher at a time per procedure, so versions are consecutive.
      await tx.selectFrom('procedures').select('id').where('id', '=', args.procedureId).forUpdate().executeTakeFirst();
      const v = await insertFormVersion(tx, args.procedureId, args.schema, ctx.identity.userId);
      await updateProcedure(tx, args.procedureId, { current_form_version: v.version });
      await refreshDerived(tx, [args.procedureId]);
      await ctx.audit.record(tx, { target: args.procedureId });
      return v;
    });
    const procedure = await fresh(ctx, args.procedureId);
    return { procedure, applicationForm: { ...form, language: procedure?.language ?? 'en' }, userErrors: [] };
  },
};

