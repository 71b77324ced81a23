import { publicLink } from '../../../core/links';
import type { ApplicationFormResolvers, ProcedureResolvers } from '../generated/resolvers';

export const Procedure: ProcedureResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.procedure.load(ref.id),
  legalBasis: (p) => p.legal_basis,
  processingTimeDays: (p) => p.processing_time_days,
  onlineApplication: (p) => p.online_application,
  createdAt: (p) => p.created_at,
  updatedAt: (p) => p.updated_at,
  department: (p) => ({ __typename: 'Department', id: p.department_id }),
  steps: (p, _, ctx) => ctx.loaders.steps.load(p.id),
  requiredDocuments: (p, _, ctx) => ctx.loaders.documents.load(p.id),
  fees: (p, _, ctx) => ctx.loaders.fees.load(p.id),
  faqs: (p, _, ctx) => ctx.loaders.faqs.load(p.id),
  forms: async (p, _, ctx) =>
    (await ctx.loaders.forms.load(p.id)).map((f) => ({
      id: f.file_id,
      title: f.title,
      fileName: f.file_name,
      mimeType: f.mime_type,
      sizeBytes: Number(f.size_bytes),
      sha256: f.sha256,
      downloadUrl: publicLink(ctx.deps.publicUrl, `/files/${f.file_id}`),
    })),
  applicationForm: (p, args, ctx) => {
    const version = args.version ?? p.current_form_version;
    return version == null ? null : ctx.loaders.formVersion.load({ procedureId: p.id, version });
  },
  applicationFormVersions: (p, _, ctx) => ctx.loaders.formVersions.load(p.id),
};

export const ApplicationForm: ApplicationFormResolvers = {
  publishedAt: (f) => f.published_at,
};
