import { describe, expect, it } from 'vitest';
import { leafletDocument } from '../../domain/documents/builders';
import type { DocumentModel } from '../../domain/documents/document-model';
import { renderPdf, winAnsiSafe } from './pdf-renderer';
import { pdfPagesText, pdfText } from './pdf-text';

describe('PDF rendering', () => {
  it('French characters survive the round trip (WinAnsi standard fonts)', async () => {
    const doc: DocumentModel = {
      kind: 'synthese',
      title: 'Œuvre « désinsertion » : élève, à côté, ça, cœur — 1 000 €',
      audience: 'cellule',
      sender: ['Santé Travail'],
      recipient: ['Madame Hélène Dupré'],
      placeAndDate: 'Le 25/11/2026',
      blocks: [{ type: 'paragraph', text: 'Reprise à temps partiel\u202fthérapeutique ≤ 3 mois.' }],
      footer: 'Pied de page',
      fileName: 'x.pdf',
    };
    const pdf = await renderPdf(doc);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('Œuvre « désinsertion » : élève, à côté, ça, cœur — 1 000 €');
    expect(text).toContain('Madame Hélène Dupré');
    expect(text).toContain('Reprise à temps partiel thérapeutique <= 3 mois.');
  });
  it('a long document spans pages, each with its footer and number', async () => {
    const pages = pdfPagesText(await renderPdf(leafletDocument({ name: 'Santé Travail', city: null, today: '2026-11-25' })));
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((p, i) => expect(p).toContain(`page ${i + 1}/${pages.length}`));
  });
  it('winAnsiSafe replaces what WinAnsi cannot encode', () => {
    expect(winAnsiSafe('a\u00a0b\u202fc ≥ d → e')).toBe('a b c >= d -> e');
  });
});
