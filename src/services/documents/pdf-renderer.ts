/**
 * Renders a document model to PDF with pdfkit. The standard Helvetica fonts with their WinAnsi
 * encoding render the French accents (é, è, à, ç, œ, «, ») with no font file to ship, and keep
 * the text extractable; characters outside WinAnsi are replaced by their nearest equivalent.
 */
import PDFDocument from 'pdfkit';
import type { DocumentModel } from '../../domain/documents/document-model';

const REPLACEMENTS: ReadonlyArray<[RegExp, string]> = [
  [/[\u00a0\u202f\u2009]/g, ' '],
  [/≤/g, '<='],
  [/≥/g, '>='],
  [/→/g, '->'],
  [/[\u2010\u2011]/g, '-'],
];

/** Text made safe for the WinAnsi encoding of the standard fonts. */
export function winAnsiSafe(s: string): string {
  let out = s;
  for (const [re, to] of REPLACEMENTS) out = out.replace(re, to);
  return out;
}

const MARGIN = 56;

export function renderPdf(doc: DocumentModel, opts: { compress?: boolean; createdAt?: Date } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({
      size: 'A4',
      margins: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
      compress: opts.compress ?? true,
      lang: 'fr-FR',
      info: { Title: winAnsiSafe(doc.title), Author: winAnsiSafe(doc.sender[0] ?? 'Maintien'), Creator: 'Maintien', CreationDate: opts.createdAt ?? new Date() },
      bufferPages: true,
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    const t = winAnsiSafe;
    const width = pdf.page.width - 2 * MARGIN;

    pdf.font('Helvetica-Bold').fontSize(10);
    for (const line of doc.sender) pdf.text(t(line), { width: width / 2 });
    if (doc.recipient.length) {
      pdf.moveDown(1.2);
      pdf.font('Helvetica').fontSize(10);
      for (const line of doc.recipient) pdf.text(t(line), MARGIN + width / 2, undefined, { width: width / 2 });
    }
    pdf.moveDown(1);
    pdf.font('Helvetica').fontSize(10).text(t(doc.placeAndDate), MARGIN + width / 2, undefined, { width: width / 2 });
    pdf.x = MARGIN;
    pdf.moveDown(1.5);
    pdf.font('Helvetica-Bold').fontSize(15).text(t(doc.title), MARGIN, undefined, { width });
    pdf.moveDown(0.8);

    for (const b of doc.blocks) {
      switch (b.type) {
        case 'heading':
          pdf.moveDown(0.6).font('Helvetica-Bold').fontSize(12).text(t(b.text), MARGIN, undefined, { width });
          pdf.moveDown(0.2);
          break;
        case 'paragraph':
          pdf.font(b.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10.5).text(t(b.text), MARGIN, undefined, { width, align: 'left' });
          pdf.moveDown(0.4);
          break;
        case 'fields':
          for (const [k, v] of b.rows) {
            pdf.font('Helvetica-Bold').fontSize(10.5).text(`${t(k)} : `, MARGIN, undefined, { continued: true, width });
            pdf.font('Helvetica').text(t(v));
          }
          pdf.moveDown(0.4);
          break;
        case 'list':
          for (const item of b.items) pdf.font('Helvetica').fontSize(10.5).text(`•  ${t(item)}`, MARGIN + 10, undefined, { width: width - 10 });
          pdf.moveDown(0.4);
          break;
        case 'spacer':
          pdf.moveDown(1);
          break;
      }
    }

    const range = pdf.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      pdf.switchToPage(i);
      const bottom = pdf.page.height - MARGIN + 4;
      // Writing in the bottom margin must not open a new page.
      pdf.page.margins.bottom = 0;
      pdf.font('Helvetica').fontSize(8).fillColor('#444444');
      pdf.text(t(`${doc.footer}  —  page ${i + 1}/${range.count}`), MARGIN, bottom, { width, align: 'center', lineBreak: false });
      pdf.fillColor('black');
    }
    pdf.end();
  });
}
