import type { Generated, Kysely } from 'kysely';
import type { Language, Translations } from '../../kit/language';

/** The procedures subgraph's tables, in its own `procedures` schema. */
export interface ProcedureTable {
  id: string;
  code: string;
  department_id: string;
  title: string;
  summary: string;
  category: string;
  eligibility: string;
  legal_basis: string;
  processing_time_days: number;
  channels: string[];
  online_application: boolean;
  current_form_version: number | null;
  /** The language the text columns (and the parts') are written in. */
  language: Generated<Language>;
  /** The other language's text, absent while untranslated (subgraphs/kit/language.ts). */
  translations: Generated<Translations<'title' | 'summary' | 'category' | 'eligibility' | 'legal_basis'>>;
  search: Generated<string>;
  title_search: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

interface Part {
  procedure_id: string;
  position: number;
}
export interface StepTable extends Part {
  title: string;
  description: string;
  /** The other language's text of this part. */
  translations?: Translations<'title' | 'description'>;
}
export interface DocumentTable extends Part {
  name: string;
  description: string;
  mandatory: boolean;
  /** The other language's text of this part. */
  translations?: Translations<'name' | 'description'>;
}
export interface FeeTable extends Part {
  description: string;
  /** numeric(12,2), read as a string so it is never a float. */
  amount: string;
  currency: string;
  /** The other language's text of this part. */
  translations?: Translations<'description'>;
}
export interface FaqTable extends Part {
  question: string;
  answer: string;
  /** The other language's text of this part. */
  translations?: Translations<'question' | 'answer'>;
}
export interface FormTable extends Part {
  file_id: string;
  title: string;
  file_name: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  /** The other language's text of this part. */
  translations?: Translations<'title'>;
}
export interface ApplicationFormTable {
  procedure_id: string;
  version: number;
  schema: unknown;
  published_at: Generated<Date>;
  published_by: string | null;
}

export interface ProceduresDB {
  procedures: ProcedureTable;
  procedure_steps: StepTable;
  procedure_documents: DocumentTable;
  procedure_fees: FeeTable;
  procedure_faqs: FaqTable;
  procedure_forms: FormTable;
  application_forms: ApplicationFormTable;
}

export type Db = Kysely<ProceduresDB>;

/** A procedure as read (the search document stays in the database). */
export type ProcedureRow = Omit<ProcedureTable, 'search' | 'title_search' | 'created_at' | 'updated_at' | 'language' | 'translations'> & {
  created_at: Date;
  updated_at: Date;
  language: Language;
  translations: Translations<'title' | 'summary' | 'category' | 'eligibility' | 'legal_basis'>;
};
export type ApplicationFormRow = Omit<ApplicationFormTable, 'published_at'> & { published_at: Date };
export type StepRow = StepTable;
export type DocumentRow = DocumentTable;
export type FeeRow = FeeTable;
export type FaqRow = FaqTable;
/** A part as resolved: with its procedure's language, which its text is written in. */
export type InLanguage<T> = T & { language: Language };
export type LocalizedStep = InLanguage<StepRow>;
export type LocalizedDocument = InLanguage<DocumentRow>;
export type LocalizedFee = InLanguage<FeeRow>;
export type LocalizedFaq = InLanguage<FaqRow>;
export type LocalizedForm = InLanguage<FormTable>;
export type LocalizedApplicationForm = InLanguage<ApplicationFormRow>;
export type FormRow = FormTable;
