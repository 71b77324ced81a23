import { publicLink } from '../../../core/links';
import type { FormRow, ProcedureRow } from '../db/tables';
import type { ProceduresContext } from '../loaders';

type Ctx = ProceduresContext;

export const Procedure = {
  __resolveReference: (ref: { id: string }, ctx: Ctx) => ctx.loaders.procedure.load(ref.id),
  legalBasis: (p: ProcedureRow) => p.legal_basis,
  processingTimeDays: (p: ProcedureRow) => p.processing_time_days,
  onlineApplication: (p: ProcedureRow) => p.online_application,
  createdAt: (p: ProcedureRow) => p.created_at,
  updatedAt: (p: ProcedureRow) => p.updated_at,
  department: (p: ProcedureRow) => ({ __typename: 'Department', id: p.department_id }),
  steps: (p: ProcedureRow, _: unknown, ctx: Ctx) => ctx.loaders.steps.load(p.id),
  requiredDocuments: (p: ProcedureRow, _: unknown, ctx: Ctx) => ctx.loaders.documents.load(p.id),
  fees: (p: ProcedureRow, _: unknown, ctx: Ctx) => ctx.loaders.fees.load(p.id),
  faqs: (p: ProcedureRow, _: unknown, ctx: Ctx) => ctx.loaders.faqs.load(p.id),
  forms: async (p: ProcedureRow, _: unknown, ctx: Ctx) =>
    (await ctx.loaders.forms.load(p.id)).map((f: FormRow) => ({
      id: f.file_id,
      title: f.title,
      fileName: f.file_name,
      mimeType: f.mime_type,
      sizeBytes: Number(f.size_bytes),
      sha256: f.sha256,
      downloadUrl: publicLink(ctx.deps.publicUrl, `/files/${f.file_id}`),
    })),
  applicationForm: (p: ProcedureRow, args: { version?: number | null }, ctx: Ctx) => {
    const version = args.version ?? p.current_form_version;
    return version == null ? null : ctx.loaders.formVersion.load({ procedureId: p.id, version });
  },
  applicationFormVersions: (p: ProcedureRow, _: unknown, ctx: Ctx) => ctx.loaders.formVersions.load(p.id),
};

export const ApplicationForm = {
  publishedAt: (f: { published_at: Date }) => f.published_at,
};
