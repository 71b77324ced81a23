import { withChineseLabels } from '../../kit/demo-form-labels-zh';
import { DEMO_CATALOGUE, demoFormFileId } from '../../kit/demo-catalogue';
import { DEMO_CATALOGUE_ZH } from '../../kit/demo-catalogue-zh';
import { DEMO_DEPARTMENTS, departmentId } from '../../kit/demo';
import type { SubgraphDeps } from '../../kit/module';
import { checkApplicationForm } from '../application-form';
import { makeFormPdf } from './form-pdf';
import { replaceParts } from './parts.repository';
import { insertProcedure, refreshDerived, updateProcedure } from './procedures.repository';
import { insertFormVersion } from './application-forms.repository';
import type { Db } from './tables';

/**
 * The demo catalogue, into an empty procedures schema only: every procedure with its parts, a
 * printable PDF form in the file store, and for online procedures application form version 1.
 */
export async function seedProcedures(deps: SubgraphDeps): Promise<void> {
  const db = deps.db as Db;
  if (await db.selectFrom('procedures').select('id').limit(1).executeTakeFirst()) return;

  // Files first, outside the transaction: the file store is another connection's business.
  const forms = new Map<string, { id: string; fileName: string; mimeType: string; sizeBytes: number; sha256: string }>();
  for (const p of DEMO_CATALOGUE) {
    const id = demoFormFileId(p.code);
    const dept = DEMO_DEPARTMENTS.find((d) => d.code === p.departmentCode)!;
    const file =
      (await deps.files.head(id)) ??
      (await deps.files.put({ id, fileName: `${p.code.toLowerCase()}-form.pdf`, mimeType: 'application/pdf', content: await makeFormPdf(p, dept.name) }));
    forms.set(p.code, file);
  }

  await db.transaction().execute(async (tx) => {
    for (const p of DEMO_CATALOGUE) {
      const zh = DEMO_CATALOGUE_ZH[p.code];
      await insertProcedure(tx, {
        id: p.id, code: p.code, department_id: departmentId(p.departmentCode), title: p.title, summary: p.summary,
        category: p.category, eligibility: p.eligibility, legal_basis: p.legalBasis,
        processing_time_days: p.processingTimeDays, channels: p.channels,
        translations: { zh: { title: zh.title, summary: zh.summary, category: zh.category, eligibility: zh.eligibility, legal_basis: zh.legalBasis } },
      });
      const inZh = <T>(items: T[], zhOf: (i: number) => Record<string, string>) => items.map((item, i) => ({ ...item, translations: { zh: zhOf(i) } }));
      await replaceParts(tx, 'procedure_steps', p.id, inZh(p.steps, (i) => ({ title: zh.steps[i][0], description: zh.steps[i][1] })));
      await replaceParts(tx, 'procedure_documents', p.id, inZh(p.documents, (i) => ({ name: zh.documents[i][0], description: zh.documents[i][1] })));
      await replaceParts(tx, 'procedure_fees', p.id, inZh(p.fees, (i) => ({ description: zh.fees[i] })));
      await replaceParts(tx, 'procedure_faqs', p.id, inZh(p.faqs, (i) => ({ question: zh.faqs[i][0], answer: zh.faqs[i][1] })));
      const f = forms.get(p.code)!;
      await replaceParts(tx, 'procedure_forms', p.id, [
        {
          file_id: f.id, title: `${p.title} – printable form`, file_name: f.fileName, mime_type: f.mimeType, size_bytes: f.sizeBytes, sha256: f.sha256,
          translations: { zh: { title: `${zh.title}（可打印表格）` } },
        },
      ]);
      if (p.applicationForm) {
        // Its labels and choices in Chinese too, in the form itself (form-language.ts).
        const schema = withChineseLabels(p.applicationForm);
        const problems = checkApplicationForm(schema);
        if (problems.length) throw new Error(`demo form of ${p.code} is invalid: ${problems[0].message}`);
        const v = await insertFormVersion(tx, p.id, schema, null);
        await updateProcedure(tx, p.id, { current_form_version: v.version });
      }
    }
    await refreshDerived(tx, DEMO_CATALOGUE.map((p) => p.id));
  });
}
