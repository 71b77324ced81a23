import { publicLink } from '../../../core/links';
import { localizedResolvers, toGraph } from '../../kit/language';
import { localizeForm } from '../form-language';
import type { ApplicationFormResolvers, FaqResolvers, FeeResolvers, FormResolvers, ProcedureResolvers, ProcedureStepResolvers, RequiredDocumentResolvers } from '../generated/resolvers';

/**
 * Text in the reader's language (kit/language.ts). A procedure's parts are written in its
 * language, so each part is resolved with it.
 */
const withLanguage = <T>(rows: T[], p: { language: 'en' | 'zh' }) => rows.map((r) => ({ ...r, language: p.language }));

export const Procedure: ProcedureResolvers = {
  ...(localizedResolvers([['title', 'title'], ['summary', 'summary'], ['category', 'category'], ['eligibility', 'eligibility'], ['legalBasis', 'legal_basis']]) as ProcedureResolvers),
  __resolveReference: (ref, ctx) => ctx.loaders.procedure.load(ref.id),
  processingTimeDays: (p) => p.processing_time_days,
  onlineApplication: (p) => p.online_application,
  createdAt: (p) => p.created_at,
  updatedAt: (p) => p.updated_at,
  department: (p) => ({ __typename: 'Department', id: p.department_id }),
  steps: async (p, _, ctx) => withLanguage(await ctx.loaders.steps.load(p.id), p),
  requiredDocuments: async (p, _, ctx) => withLanguage(await ctx.loaders.documents.load(p.id), p),
  fees: async (p, _, ctx) => withLanguage(await ctx.loaders.fees.load(p.id), p),
  faqs: async (p, _, ctx) => withLanguage(await ctx.loaders.faqs.load(p.id), p),
  forms: async (p, _, ctx) => withLanguage(await ctx.loaders.forms.load(p.id), p),
  applicationForm: async (p, args, ctx) => {
    const version = args.version ?? p.current_form_version;
    const form = version == null ? null : await ctx.loaders.formVersion.load({ procedureId: p.id, version });
    return form && { ...form, language: p.language };
  },
  applicationFormVersions: async (p, _, ctx) => withLanguage(await ctx.loaders.formVersions.load(p.id), p),
};

export const ProcedureStep: ProcedureStepResolvers = localizedResolvers([['title', 'title'], ['description', 'description']]) as ProcedureStepResolvers;
export const RequiredDocument: RequiredDocumentResolvers = localizedResolvers([['name', 'name'], ['description', 'description']]) as RequiredDocumentResolvers;
export const Fee: FeeResolvers = localizedResolvers([['description', 'description']]) as FeeResolvers;
export const Faq: FaqResolvers = localizedResolvers([['question', 'question'], ['answer', 'answer']]) as FaqResolvers;

export const Form: FormResolvers = {
  ...(localizedResolvers([['title', 'title']]) as FormResolvers),
  id: (f) => f.file_id,
  fileName: (f) => f.file_name,
  mimeType: (f) => f.mime_type,
  sizeBytes: (f) => Number(f.size_bytes),
  downloadUrl: (f, _, ctx) => publicLink(ctx.deps.publicUrl, `/files/${f.file_id}`),
};

/** The form's labels, help and option names in the reader's language (form-language.ts). */
export const ApplicationForm: ApplicationFormResolvers = {
  publishedAt: (f) => f.published_at,
  schema: (f, _, ctx) => localizeForm(f.schema, f.language, ctx.language).schema,
  language: (f) => toGraph(f.language),
  availableLanguages: (f) => (['en', 'zh'] as const).filter((l) => localizeForm(f.schema, f.language, l).complete).map(toGraph),
  textLanguages: (f, _, ctx) => {
    const { complete } = localizeForm(f.schema, f.language, ctx.language);
    return [{ field: 'schema', language: toGraph(complete ? ctx.language : f.language), requested: toGraph(ctx.language), fallback: !complete }];
  },
};
