import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { DemoProcedure } from '../../kit/demo-catalogue';

/** The standard PDF fonts encode WinAnsi only; anything else would make pdf-lib throw. */
const winAnsi = (s: string) => s.replace(/[^\x20-\x7E\u00A0-\u00FF\u2013\u2014\u2018\u2019\u201C\u201D\u2022]/g, '?');

function wrap(text: string, width: number, size: number, measure: (s: string, size: number) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (measure(next, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A printable form for a procedure, made at seed time: heading, what to bring, and blank fields
 * to fill in by hand. A real, valid PDF, so downloads can be opened and checked end to end.
 */
export async function makeFormPdf(p: DemoProcedure, departmentName: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`${p.title} – application form`);
  pdf.setAuthor(departmentName);
  pdf.setSubject(p.code);
  pdf.setCreationDate(new Date('2026-01-01T00:00:00Z'));
  pdf.setModificationDate(new Date('2026-01-01T00:00:00Z'));
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const page = pdf.addPage([595, 842]); // A4
  let y = 790;
  const write = (text: string, size = 10, f = font) => {
    for (const line of wrap(winAnsi(text), 495, size, (s, z) => f.widthOfTextAtSize(s, z))) {
      page.drawText(line, { x: 50, y, size, font: f, color: rgb(0.1, 0.1, 0.1) });
      y -= size + 4;
    }
  };
  write(departmentName, 9);
  write(`${p.title} – application form (${p.code})`, 16, bold);
  y -= 6;
  write(p.summary);
  y -= 8;
  write('Documents to enclose', 11, bold);
  for (const d of p.documents) write(`• ${d.name}${d.mandatory ? '' : ' (if applicable)'}: ${d.description}`);
  y -= 8;
  write('Applicant', 11, bold);
  for (const label of ['Full name', 'Date of birth', 'Address', 'Email', 'Phone', 'Date and signature']) {
    y -= 14;
    page.drawText(winAnsi(label), { x: 50, y, size: 10, font });
    page.drawLine({ start: { x: 170, y: y - 2 }, end: { x: 545, y: y - 2 }, thickness: 0.5, color: rgb(0.4, 0.4, 0.4) });
    y -= 8;
  }
  return Buffer.from(await pdf.save());
}
