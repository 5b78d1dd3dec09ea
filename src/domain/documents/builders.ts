/**
 * The documents of the parcours, built from facts (pure functions). The facts types are the
 * contract on what each document may contain: the employer's letter receives no health fact
 * at all (no arrêt, no pathology, no measure of a health-revealing kind, no professional note).
 */
import { CATALOGUE, type CatalogueMeasure } from '../parcours/catalogue';
import { frDate } from '../parcours/catalogue/rules';
import { fileNameFor, type Block, type DocumentModel } from './document-model';

export interface ServiceFacts {
  name: string;
  /** « Lille »: place of the letters, when known. */
  city: string | null;
  today: string;
}

const CONFIDENTIAL = 'Document confidentiel — secret professionnel (C. trav. L4624-8, CSP L1110-4).';
const sender = (s: ServiceFacts, line2 = 'Cellule de prévention de la désinsertion professionnelle') => [s.name, line2];
const placeAndDate = (s: ServiceFacts) => (s.city ? `${s.city}, le ${frDate(s.today)}` : `Le ${frDate(s.today)}`);

export interface WorkerFacts {
  displayName: string;
  birthDate: string;
  /** 1 man, 2 woman (civility of the letter). */
  sex: number;
}
const civility = (w: WorkerFacts) => (w.sex === 2 ? 'Madame' : w.sex === 1 ? 'Monsieur' : 'Madame, Monsieur');

// ---------------------------------------------------------------------------------------------
// Fiche de liaison: the answer to the médecin conseil's VPR orientation (seed 004)
// ---------------------------------------------------------------------------------------------

export interface FicheLiaisonFacts {
  service: ServiceFacts;
  dossierReference: string;
  worker: WorkerFacts;
  vpr: {
    organisationName: string;
    filedByName: string;
    contact: string;
    reason: string;
    filedAt: string;
    consentDate: string;
    status: 'vpr_realisee' | 'refusee_salarie' | 'injoignable' | 'en_attente';
    vprDate: string | null;
    nonObjection: boolean;
    recommendations: string | null;
    answeredByName: string | null;
    answeredAt: string | null;
  };
}

const VPR_OUTCOMES: Record<FicheLiaisonFacts['vpr']['status'], string> = {
  vpr_realisee: 'Visite de pré-reprise réalisée',
  refusee_salarie: 'Visite de pré-reprise refusée par le salarié',
  injoignable: 'Salarié injoignable',
  en_attente: 'En attente',
};

export function ficheLiaisonDocument(f: FicheLiaisonFacts): DocumentModel {
  const v = f.vpr;
  const blocks: Block[] = [
    { type: 'paragraph', text: `Réponse à votre orientation en visite de pré-reprise du ${frDate(v.filedAt)} (C. trav. R4624-29 et R4624-30).` },
    { type: 'heading', text: 'Salarié' },
    { type: 'fields', rows: [['Nom', f.worker.displayName], ['Date de naissance', frDate(f.worker.birthDate)], ['Dossier', f.dossierReference]] },
    { type: 'heading', text: 'Orientation' },
    { type: 'fields', rows: [['Motif', v.reason], ['Accord du salarié', `le ${frDate(v.consentDate)}`], ['Contact', v.contact]] },
    { type: 'heading', text: 'Suite donnée' },
    { type: 'fields', rows: [['Résultat', VPR_OUTCOMES[v.status]], ...(v.vprDate ? ([['Date de la visite', frDate(v.vprDate)]] as const) : [])] },
  ];
  if (v.status === 'vpr_realisee') {
    blocks.push({ type: 'heading', text: 'Recommandations' });
    if (v.nonObjection && v.recommendations) blocks.push({ type: 'paragraph', text: v.recommendations });
    else blocks.push({ type: 'paragraph', text: "Le salarié s'est opposé à la transmission de recommandations au médecin conseil (C. trav. R4624-30) : aucune n'est transmise." });
  }
  if (v.answeredByName) blocks.push({ type: 'paragraph', text: `Réponse de ${v.answeredByName}${v.answeredAt ? `, le ${frDate(v.answeredAt)}` : ''}.` });
  return {
    kind: 'fiche_liaison',
    title: 'Fiche de liaison — réponse au médecin conseil',
    audience: 'medecin_conseil',
    sender: sender(f.service),
    recipient: [v.filedByName, v.organisationName],
    placeAndDate: placeAndDate(f.service),
    blocks,
    footer: CONFIDENTIAL,
    fileName: fileNameFor('fiche-de-liaison', f.dossierReference),
  };
}

// ---------------------------------------------------------------------------------------------
// Convocation to a visit (contract C4)
// ---------------------------------------------------------------------------------------------

export const VISIT_KIND_LABELS: Readonly<Record<string, string>> = {
  pre_reprise: 'visite de pré-reprise',
  reprise: 'visite de reprise',
  mi_carriere: 'visite de mi-carrière',
  demande: 'visite à la demande',
  liaison: 'rendez-vous de liaison',
};

export interface ConvocationFacts {
  service: ServiceFacts;
  dossierReference: string;
  worker: WorkerFacts;
  visit: { kind: string; date: string; time: string; place: string | null; professionalName: string | null; professionalRole: string | null };
}

export function convocationDocument(f: ConvocationFacts): DocumentModel {
  const kind = VISIT_KIND_LABELS[f.visit.kind] ?? 'visite';
  const liaison = f.visit.kind === 'liaison';
  const blocks: Block[] = [
    { type: 'paragraph', text: `${civility(f.worker)},` },
    {
      type: 'paragraph',
      text: liaison
        ? `Vous êtes invité(e) à un ${kind} le ${frDate(f.visit.date)} à ${f.visit.time}. Ce rendez-vous, organisé pendant votre arrêt de travail, a pour objet de vous informer des actions de prévention de la désinsertion professionnelle dont vous pouvez bénéficier (C. trav. L1226-1-3, D1226-8-1).`
        : `Vous êtes convoqué(e) à une ${kind} le ${frDate(f.visit.date)} à ${f.visit.time}.`,
    },
    { type: 'fields', rows: [['Lieu', f.visit.place ?? 'communiqué par le service'], ['Avec', [f.visit.professionalName, f.visit.professionalRole].filter(Boolean).join(', ') || 'un professionnel du service']] },
  ];
  if (liaison) {
    blocks.push({ type: 'paragraph', text: "Aucune information médicale n'est échangée lors de ce rendez-vous. Il n'est pas obligatoire : le refuser n'a aucune conséquence pour vous." });
  } else {
    blocks.push({ type: 'paragraph', text: 'Merci de vous munir de vos documents médicaux utiles (comptes rendus, ordonnances) et de votre carte Vitale. En cas d’empêchement, prévenez le service au plus tôt.' });
  }
  blocks.push({ type: 'paragraph', text: `Veuillez agréer, ${civility(f.worker)}, nos salutations distinguées.` });
  return {
    kind: 'convocation',
    title: liaison ? 'Invitation à un rendez-vous de liaison' : `Convocation — ${kind}`,
    audience: 'salarie',
    sender: sender(f.service, 'Service de prévention et de santé au travail'),
    recipient: [`${civility(f.worker)} ${f.worker.displayName}`],
    placeAndDate: placeAndDate(f.service),
    blocks,
    footer: `Dossier ${f.dossierReference} — ${CONFIDENTIAL}`,
    fileName: fileNameFor(liaison ? 'invitation-rendez-vous-de-liaison' : 'convocation', f.dossierReference),
  };
}

// ---------------------------------------------------------------------------------------------
// Information leaflet for workers in arrêt (IGAS recommendation 16), from the catalogue
// ---------------------------------------------------------------------------------------------

export function leafletDocument(service: ServiceFacts, measures: readonly CatalogueMeasure[] = CATALOGUE.measures): DocumentModel {
  const blocks: Block[] = [
    {
      type: 'paragraph',
      text: "Vous êtes en arrêt de travail et vous vous inquiétez pour votre emploi ? Des solutions existent pour préparer votre retour au travail, pendant l'arrêt et après. La cellule de prévention de la désinsertion professionnelle de votre service de santé au travail peut vous accompagner, avec votre accord, en lien avec votre médecin traitant, l'Assurance maladie et votre employeur.",
    },
    { type: 'heading', text: 'Les mesures qui peuvent vous aider' },
  ];
  for (const m of measures) {
    blocks.push({ type: 'paragraph', text: m.label, bold: true });
    blocks.push({ type: 'paragraph', text: m.leaflet });
    blocks.push({ type: 'fields', rows: [['Avec', m.partners.join(', ')], ['Textes', m.legalBasis.join(', ')]] });
  }
  blocks.push(
    { type: 'heading', text: 'À savoir' },
    {
      type: 'list',
      items: [
        "Une visite de pré-reprise avec le médecin du travail est possible dès que l'arrêt dépasse 30 jours : vous, votre médecin traitant ou le médecin conseil pouvez la demander.",
        "Rien n'est transmis à votre employeur sur votre santé. Aucun échange avec un partenaire n'a lieu sans votre accord, que vous pouvez retirer à tout moment.",
        'Le rendez-vous de liaison avec votre employeur est facultatif et ne porte sur aucune information médicale.',
      ],
    },
    { type: 'paragraph', text: `Contact : ${service.name}, cellule de prévention de la désinsertion professionnelle.` },
  );
  return {
    kind: 'livret_mesures',
    title: 'Arrêt de travail : garder son emploi — les mesures de maintien en emploi',
    audience: 'tous',
    sender: sender(service),
    recipient: [],
    placeAndDate: `Édition du catalogue ${CATALOGUE.version}`,
    blocks,
    footer: `${service.name} — information des salariés en arrêt de travail (recommandation 16 du rapport IGAS 2025-004R).`,
    fileName: fileNameFor('livret-mesures-maintien-emploi', null),
  };
}

// ---------------------------------------------------------------------------------------------
// Case summary (for the cell)
// ---------------------------------------------------------------------------------------------

export interface CaseSummaryFacts {
  service: ServiceFacts;
  reference: string;
  stateLabel: string;
  openedAt: string;
  summary: string;
  worker: WorkerFacts & { nirMasked: string | null };
  employments: { company: string; jobTitle: string; startDate: string; endDate: string | null }[];
  assignees: { displayName: string; roleLabel: string; isReferent: boolean }[];
  measures: { label: string; statusLabel: string; startDate: string; endDate: string | null; missingApprovals: string[] }[] | null;
  tasks: { title: string; dueDate: string | null; overdue: boolean; owner: string | null }[];
  timeline: { createdAt: string; title: string | null; body: string; categoryLabel: string }[];
}

export function caseSummaryDocument(f: CaseSummaryFacts): DocumentModel {
  const blocks: Block[] = [
    { type: 'fields', rows: [['Dossier', f.reference], ['État', f.stateLabel], ['Ouvert le', frDate(f.openedAt)], ['Salarié', `${f.worker.displayName}, né(e) le ${frDate(f.worker.birthDate)}`], ...(f.worker.nirMasked ? ([['NIR', f.worker.nirMasked]] as const) : [])] },
    { type: 'paragraph', text: f.summary },
    { type: 'heading', text: 'Emploi' },
    f.employments.length ? { type: 'list', items: f.employments.map((e) => `${e.jobTitle} — ${e.company} (depuis le ${frDate(e.startDate)}${e.endDate ? `, jusqu'au ${frDate(e.endDate)}` : ''})`) } : { type: 'paragraph', text: 'Aucun emploi connu.' },
    { type: 'heading', text: 'Professionnels' },
    { type: 'list', items: f.assignees.map((a) => `${a.displayName}, ${a.roleLabel}${a.isReferent ? ' (référent)' : ''}`) },
  ];
  if (f.measures) {
    blocks.push({ type: 'heading', text: 'Plan de maintien en emploi' });
    blocks.push(
      f.measures.length
        ? { type: 'list', items: f.measures.map((m) => `${m.label} — ${m.statusLabel}, du ${frDate(m.startDate)}${m.endDate ? ` au ${frDate(m.endDate)}` : ''}${m.missingApprovals.length ? ` (accords manquants : ${m.missingApprovals.join(', ')})` : ''}`) }
        : { type: 'paragraph', text: 'Aucune mesure.' },
    );
  }
  blocks.push({ type: 'heading', text: 'Tâches ouvertes' });
  blocks.push(f.tasks.length ? { type: 'list', items: f.tasks.map((t) => `${t.dueDate ? frDate(t.dueDate) : 'sans échéance'}${t.overdue ? ' (en retard)' : ''} — ${t.title}${t.owner ? ` (${t.owner})` : ''}`) } : { type: 'paragraph', text: 'Aucune tâche ouverte.' });
  blocks.push({ type: 'heading', text: 'Historique' });
  blocks.push(f.timeline.length ? { type: 'list', items: f.timeline.map((e) => `${frDate(e.createdAt)} — ${e.title ? `${e.title} : ` : ''}${e.body} [${e.categoryLabel}]`) } : { type: 'paragraph', text: 'Aucune entrée.' });
  return {
    kind: 'synthese',
    title: `Synthèse du dossier ${f.reference}`,
    audience: 'cellule',
    sender: sender(f.service),
    recipient: ['Usage interne de la cellule'],
    placeAndDate: placeAndDate(f.service),
    blocks,
    footer: CONFIDENTIAL,
    fileName: fileNameFor('synthese', f.reference),
  };
}

// ---------------------------------------------------------------------------------------------
// Letter to the employer: never health data
// ---------------------------------------------------------------------------------------------

/** Only what an employer may read: names, job, and the measures marked visible to the employer. */
export interface EmployerLetterFacts {
  service: ServiceFacts;
  company: { name: string };
  worker: { displayName: string; jobTitle: string | null };
  /** Measures of an employer-visible kind, marked visible: label, status, dates, employer note. */
  measures: { label: string; statusLabel: string; startDate: string; endDate: string | null; note: string | null }[];
  contactName: string;
}

export function employerLetterDocument(f: EmployerLetterFacts): DocumentModel {
  const blocks: Block[] = [
    { type: 'paragraph', text: 'Madame, Monsieur,' },
    {
      type: 'paragraph',
      text: `La cellule de prévention de la désinsertion professionnelle accompagne ${f.worker.displayName}${f.worker.jobTitle ? ` (${f.worker.jobTitle})` : ''} dans son maintien en emploi. Avec son accord, nous vous informons des mesures qui vous concernent en tant qu'employeur.`,
    },
  ];
  if (f.measures.length) {
    blocks.push({ type: 'heading', text: 'Mesures vous concernant' });
    blocks.push({ type: 'list', items: f.measures.map((m) => `${m.label} — ${m.statusLabel}, du ${frDate(m.startDate)}${m.endDate ? ` au ${frDate(m.endDate)}` : ''}${m.note ? ` : ${m.note}` : ''}`) });
  } else {
    blocks.push({ type: 'paragraph', text: 'Aucune mesure ne vous concerne pour le moment.' });
  }
  blocks.push(
    { type: 'paragraph', text: "Conformément au secret médical, ce courrier ne contient aucune information sur l'état de santé du salarié." },
    { type: 'paragraph', text: `Votre contact : ${f.contactName}. Veuillez agréer, Madame, Monsieur, nos salutations distinguées.` },
  );
  return {
    kind: 'courrier_employeur',
    title: 'Maintien en emploi — information de l’employeur',
    audience: 'employeur',
    sender: sender(f.service),
    recipient: [f.company.name, 'À l’attention du service des ressources humaines'],
    placeAndDate: placeAndDate(f.service),
    blocks,
    footer: `${f.service.name} — courrier sans donnée de santé.`,
    fileName: fileNameFor('courrier-employeur', f.worker.displayName),
  };
}
