import { PDFDocument, StandardFonts } from 'pdf-lib';
import { DEMO_DEPARTMENTS, demoId, departmentId, userId } from '../../kit/demo';
import type { SubgraphDeps } from '../../kit/module';
import { publicationSlug } from '../slug';
import { markHistoryAnnounced } from '../announcements';
import { insertPublication, replaceAttachments, type NewAttachment } from './editorial.repository';
import { DEMO_PUBLICATIONS, demoBody } from './seed-content';
import { DEMO_PUBLICATIONS_ZH, DEMO_PUBLICATIONS_ZH_ONLY, demoBodyZh } from './seed-content-zh';
import type { Db, PublicationKind } from './tables';

const DAY = 86_400_000;

/**
 * Demo publications, into an empty publications schema only: 65 published over the past year
 * across the five departments and four kinds, three drafts, one scheduled for next month, and
 * two with attachments in the file store. Ids derive from slugs, so reseeding elsewhere matches.
 */
export async function seedPublications(deps: SubgraphDeps): Promise<void> {
  const db = deps.db as Db;
  const existing = await db.selectFrom('publications').select('id').limit(1).executeTakeFirst();
  if (existing) return;

  const now = Date.now();
  const rows = DEMO_DEPARTMENTS.flatMap((d, di) =>
    DEMO_PUBLICATIONS[d.code].map(([kind, title, summary, topics], i) => ({
      department: d,
      kind,
      title,
      summary,
      topics,
      // Interleaved across departments and spread over about 360 days, at varied times of day.
      publishedAt: new Date(now - (i * DEMO_DEPARTMENTS.length + di) * 5.5 * DAY - ((i * 7 + di * 3) % 10) * 3_600_000 - DAY / 2),
    })),
  );
  for (const r of rows) await insert(db, r, 'PUBLISHED', r.publishedAt);
  // Written in Chinese first, not yet translated: recent, so they lead the lists.
  for (const [i, [code, kind, title, summary, topics]] of DEMO_PUBLICATIONS_ZH_ONLY.entries()) {
    const department = DEMO_DEPARTMENTS.find((d) => d.code === code)!;
    await insert(db, { department, kind, title, summary, topics, language: 'zh' }, 'PUBLISHED', new Date(now - (i + 1) * 3 * 3_600_000));
  }

  const tax = DEMO_DEPARTMENTS.find((d) => d.code === 'TAX')!;
  const transport = DEMO_DEPARTMENTS.find((d) => d.code === 'TRANSPORT')!;
  const housing = DEMO_DEPARTMENTS.find((d) => d.code === 'HOUSING')!;
  const drafts: [typeof tax, PublicationKind, string, string, string[]][] = [
    [tax, 'POLICY', 'Draft: flat-rate scheme for freelancers', 'Freelancers below a turnover threshold could pay a flat-rate tax.', ['income-tax']],
    [transport, 'NEWS', 'Draft: tram line 4 extension timetable', 'The extended line 4 will run every eight minutes at peak times.', ['public-transport']],
    [housing, 'ANNOUNCEMENT', 'Draft: tenant rights information evenings', 'Information evenings on tenant rights in every district library.', ['housing-assistance']],
  ];
  for (const [department, kind, title, summary, topics] of drafts) await insert(db, { department, kind, title, summary, topics }, 'DRAFT', null);
  await insert(
    db,
    {
      department: tax,
      kind: 'ANNOUNCEMENT',
      title: 'New tax year services open in January',
      summary: 'Online services for the new tax year open on the first working day of January.',
      topics: ['income-tax', 'digital-services'],
    },
    'SCHEDULED',
    new Date(now + 30 * DAY),
  );

  await attach(deps, db, 'property-tax-rates-for-the-coming-year', {
    key: 'property-tax-rates',
    fileName: 'property-tax-rates.csv',
    fileNameZh: '物业税税率.csv',
    mimeType: 'text/csv',
    content: Buffer.from('band,assessed value up to,rate percent\nA,150000,0.30\nB,400000,0.35\nC,,0.40\n'),
  });
  await attach(deps, db, 'cycling-strategy-2030-adopted', {
    key: 'cycling-strategy',
    fileName: 'cycling-strategy-2030.pdf',
    fileNameZh: '2030年单车出行策略.pdf',
    mimeType: 'application/pdf',
    content: await pdf('Cycling strategy 2030', ['80 km of protected cycle lanes.', 'Secure bike parking at every station.']),
  });
  // The demo's past is history, not news; the scheduled item is announced when its month comes.
  await markHistoryAnnounced(db);
}

interface Item {
  department: (typeof DEMO_DEPARTMENTS)[number];
  kind: PublicationKind;
  title: string;
  summary: string;
  topics: string[];
  /** Written in Chinese (no English yet); otherwise English with its Chinese translation. */
  language?: 'zh';
}

async function insert(db: Db, item: Item, status: 'PUBLISHED' | 'DRAFT' | 'SCHEDULED', publishedAt: Date | null) {
  const d = item.department;
  const slug = publicationSlug(item.title);
  const zhContact = `${d.phone}，${d.email}，${d.zh.address}`;
  const zh = item.language === 'zh' ? null : DEMO_PUBLICATIONS_ZH[item.title];
  await insertPublication(db, {
    id: demoId('publication', slug),
    slug,
    kind: item.kind,
    title: item.title,
    summary: item.summary,
    body:
      item.language === 'zh'
        ? demoBodyZh(item.title, item.summary, d.zh.name, zhContact)
        : demoBody(item.title, item.summary, d.name, `${d.phone}, ${d.email}, ${d.address}`),
    language: item.language ?? 'en',
    translations: zh ? { zh: { title: zh[0], summary: zh[1], body: demoBodyZh(zh[0], zh[1], d.zh.name, zhContact) } } : {},
    topics: item.topics,
    departmentId: departmentId(d.code),
    authorId: userId(`editor.${d.code.toLowerCase()}@demo.gov`),
    status,
    publishedAt,
    createdAt: publishedAt && publishedAt.getTime() < Date.now() ? new Date(publishedAt.getTime() - DAY) : undefined,
  });
}

async function attach(deps: SubgraphDeps, db: Db, slug: string, file: { key: string; fileName: string; fileNameZh: string; mimeType: string; content: Buffer }) {
  const id = demoId('file', `publication-${file.key}`);
  const stored = (await deps.files.head(id)) ?? (await deps.files.put({ id, fileName: file.fileName, mimeType: file.mimeType, content: file.content }));
  const a: NewAttachment = {
    file_id: stored.id, file_name: stored.fileName, mime_type: stored.mimeType, size_bytes: stored.sizeBytes,
    translations: { zh: { fileName: file.fileNameZh } },
  };
  await replaceAttachments(db, demoId('publication', slug), [a]);
}

async function pdf(title: string, lines: string[]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595, 842]);
  page.drawText(title, { x: 50, y: 780, size: 20, font });
  lines.forEach((line, i) => page.drawText(line, { x: 50, y: 740 - i * 20, size: 12, font }));
  // A fixed date keeps the demo file's bytes (and so its checksum) the same on every seed.
  doc.setCreationDate(new Date('2026-01-01T00:00:00Z'));
  doc.setModificationDate(new Date('2026-01-01T00:00:00Z'));
  return Buffer.from(await doc.save());
}
