import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../parcours/catalogue';
import { convocationDocument, employerLetterDocument, ficheLiaisonDocument, leafletDocument, type FicheLiaisonFacts } from './builders';
import { documentText, fileNameFor } from './document-model';

const service = { name: 'Santé Travail Démo', city: 'Lille', today: '2026-11-25' };
const worker = { displayName: 'LECLERCQ Sandrine', birthDate: '1974-06-12', sex: 2 };

describe('documents', () => {
  const vpr: FicheLiaisonFacts['vpr'] = {
    organisationName: "Service médical de l'Assurance maladie",
    filedByName: 'Dr Philippe Hennebelle',
    contact: '03 20 00 00 00',
    reason: 'Arrêt long',
    filedAt: '2026-11-10',
    consentDate: '2026-11-09',
    status: 'vpr_realisee',
    vprDate: '2026-11-20',
    nonObjection: true,
    recommendations: 'Aménagement du poste à étudier.',
    answeredByName: 'Dr Claire Lemaire',
    answeredAt: '2026-11-21',
  };
  it('fiche de liaison: recommendations only without the worker’s objection (R4624-30)', () => {
    expect(documentText(ficheLiaisonDocument({ service, dossierReference: 'PDP-2026-000001', worker, vpr }))).toContain('Aménagement du poste à étudier.');
    const objected = documentText(ficheLiaisonDocument({ service, dossierReference: 'PDP-2026-000001', worker, vpr: { ...vpr, nonObjection: false, recommendations: null } }));
    expect(objected).toContain("s'est opposé");
    expect(objected).toContain('Lille, le 25/11/2026');
  });
  it('rendez-vous de liaison: an invitation saying no medical information is exchanged', () => {
    const d = convocationDocument({ service, dossierReference: 'R', worker, visit: { kind: 'liaison', date: '2026-12-01', time: '09 h 30', place: null, professionalName: null, professionalRole: null } });
    expect(d.title).toBe('Invitation à un rendez-vous de liaison');
    expect(documentText(d)).toContain("Aucune information médicale n'est échangée");
    expect(d.audience).toBe('salarie');
  });
  it('leaflet: every measure of the catalogue', () => {
    const text = documentText(leafletDocument(service));
    for (const m of CATALOGUE.measures) expect(text).toContain(m.label);
  });
  it('employer letter: addressed to the employer, says it holds no health data', () => {
    const d = employerLetterDocument({ service, company: { name: 'EHPAD Les Tilleuls' }, worker: { displayName: 'LECLERCQ Sandrine', jobTitle: 'Aide-soignante' }, measures: [], contactName: 'Émilie Fontaine' });
    expect(d.audience).toBe('employeur');
    expect(documentText(d)).toContain('aucune information sur l');
  });
  it('file names are ASCII', () => {
    expect(fileNameFor('Synthèse', 'PDP-2026-000001')).toBe('synthese-pdp-2026-000001.pdf');
  });
});
