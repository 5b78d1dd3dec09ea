/**
 * Work Ability Index (WAI; in French « indice de capacité de travail », ICT), version 1.
 * Tuomi K., Ilmarinen J., Jahkola A., Katajarinne L., Tulkki A. Work Ability Index, 2nd revised
 * edition. Helsinki: Finnish Institute of Occupational Health, 1998. Seven items, total 7–49;
 * poor 7–27, moderate 28–36, good 37–43, excellent 44–49. The scoring below is the published one,
 * item by item (see docs/risk-questionnaires.md).
 */
import type { ItemOption, QuestionnaireDefinition, QuestionnaireItem, ScorePart } from './types';
import { categoryOf, optionPoints } from './validate';

const item = (i: QuestionnaireItem) => i;
/** Options whose value is their points (the published ratings). */
const scored = (pairs: readonly [string, string, number][]): ItemOption[] => pairs.map(([, label, points]) => ({ value: points, label, points }));

/** Item 2: the two ratings 1–5 (very poor … very good). */
const DEMAND_RATING = scored([
  ['5', 'Très bonne', 5],
  ['4', 'Plutôt bonne', 4],
  ['3', 'Moyenne', 3],
  ['2', 'Plutôt mauvaise', 2],
  ['1', 'Très mauvaise', 1],
]);

/** Item 7: each of the three sub-questions 0–4. */
const FREQUENCY = scored([
  ['4', 'Souvent', 4],
  ['3', 'Assez souvent', 3],
  ['2', 'Parfois', 2],
  ['1', 'Plutôt rarement', 1],
  ['0', 'Jamais', 0],
]);

/**
 * Item 2 weighting by the nature of the work (Tuomi 1998): mainly physical → physical × 1.5 +
 * mental × 0.5; mainly mental → physical × 0.5 + mental × 1.5; both → each × 1. Range 2–10.
 */
export const NATURE_WEIGHTS: Readonly<Record<string, { physical: number; mental: number }>> = {
  physique: { physical: 1.5, mental: 0.5 },
  mental: { physical: 0.5, mental: 1.5 },
  mixte: { physical: 1, mental: 1 },
};

/** Item 3: diseases diagnosed by a physician, counted. WAI list, grouped as in the original. */
export const WAI_DISEASES: readonly ItemOption[] = [
  ['acc_dos', 'Blessure par accident : dos'],
  ['acc_membres', 'Blessure par accident : bras, jambes ou mains'],
  ['acc_autre', 'Autre blessure par accident (tête, tronc…)'],
  ['ms_haut_dos', 'Troubles du haut du dos ou du cou, douleurs répétées'],
  ['ms_bas_dos', 'Troubles du bas du dos, douleurs répétées'],
  ['ms_sciatique', 'Douleur irradiant du dos vers la jambe (sciatique)'],
  ['ms_membres', 'Troubles musculo-squelettiques des membres (mains, pieds), douleurs répétées'],
  ['ms_rhumatisme', 'Polyarthrite rhumatoïde, autre rhumatisme inflammatoire'],
  ['ms_autre', 'Autre trouble musculo-squelettique'],
  ['cv_hypertension', 'Hypertension artérielle'],
  ['cv_coronaire', 'Maladie coronarienne, douleurs thoraciques à l’effort (angine de poitrine)'],
  ['cv_infarctus', 'Infarctus du myocarde, thrombose coronaire'],
  ['cv_insuffisance', 'Insuffisance cardiaque'],
  ['cv_autre', 'Autre maladie cardiovasculaire'],
  ['resp_infections', 'Infections répétées des voies respiratoires (amygdalite, sinusite, bronchite…)'],
  ['resp_bronchite', 'Bronchite chronique'],
  ['resp_asthme', 'Asthme'],
  ['resp_autre', 'Autre maladie respiratoire'],
  ['psy_trouble', 'Trouble psychique sévère (dépression sévère…)'],
  ['psy_leger', 'Trouble psychique léger (dépression légère, anxiété, insomnie chronique…)'],
  ['neuro_audition', 'Trouble ou lésion de l’audition'],
  ['neuro_vision', 'Maladie ou lésion de la vue (autre qu’un défaut de réfraction)'],
  ['neuro_neurologique', 'Maladie neurologique (accident vasculaire cérébral, épilepsie, migraine…)'],
  ['neuro_autre', 'Autre maladie neurologique ou des organes des sens'],
  ['dig_calculs', 'Calculs ou maladie de la vésicule biliaire'],
  ['dig_foie', 'Maladie du foie ou du pancréas'],
  ['dig_ulcere', 'Ulcère de l’estomac ou du duodénum'],
  ['dig_gastrite', 'Gastrite ou irritation du duodénum'],
  ['dig_colon', 'Colite, irritation du côlon'],
  ['dig_autre', 'Autre maladie digestive'],
  ['uro_infection', 'Infection des voies urinaires'],
  ['uro_rein', 'Maladie des reins'],
  ['uro_genital', 'Maladie génitale ou de l’appareil reproducteur'],
  ['uro_autre', 'Autre maladie génito-urinaire'],
  ['peau_allergie', 'Éruption allergique, eczéma'],
  ['peau_autre', 'Autre maladie de la peau'],
  ['tumeur_benigne', 'Tumeur bénigne'],
  ['tumeur_maligne', 'Tumeur maligne (cancer)'],
  ['endo_obesite', 'Obésité'],
  ['endo_diabete', 'Diabète'],
  ['endo_thyroide', 'Goitre ou autre maladie de la thyroïde'],
  ['endo_autre', 'Autre maladie endocrinienne ou métabolique'],
  ['sang_anemie', 'Anémie'],
  ['sang_autre', 'Autre maladie du sang'],
  ['malformation', 'Malformation congénitale'],
  ['autre', 'Autre trouble ou maladie'],
].map(([value, label]) => ({ value: value!, label: label! }));

/** Item 3 points from the number of diagnosed diseases: 5 or more → 1, 4 → 2, 3 → 3, 2 → 4, 1 → 5, none → 7. */
export function diseasesPoints(count: number): number {
  if (count <= 0) return 7;
  if (count >= 5) return 1;
  return 6 - count;
}

/** Item 7 points from the sum of its three sub-questions (0–12): 0–3 → 1, 4–6 → 2, 7–9 → 3, 10–12 → 4. */
export function mentalResourcesPoints(sum: number): number {
  if (sum <= 3) return 1;
  if (sum <= 6) return 2;
  if (sum <= 9) return 3;
  return 4;
}

/** Item 2 points (2–10) from the nature of the work and the two ratings 1–5. */
export function demandsPoints(nature: string, physical: number, mental: number): number {
  const w = NATURE_WEIGHTS[nature];
  if (!w) throw new Error(`Nature du travail inconnue : ${nature}`);
  return physical * w.physical + mental * w.mental;
}

/** WAI item 1, also the first question of the short form. */
export const CAPACITY_QUESTION = {
  label: 'Supposons que votre capacité de travail, à son meilleur niveau, vaille 10 points. Combien de points donneriez-vous à votre capacité de travail actuelle ?',
  type: 'scale',
  required: true,
  min: 0,
  max: 10,
  minLabel: '0 : incapable de travailler actuellement',
  maxLabel: '10 : à son meilleur niveau',
} as const satisfies Omit<QuestionnaireItem, 'id'>;

const ITEMS: readonly QuestionnaireItem[] = [
  item({ id: 'capacite_actuelle', section: '1. Capacité de travail actuelle', ...CAPACITY_QUESTION }),
  item({
    id: 'nature_travail',
    section: '2. Capacité de travail par rapport aux exigences du travail',
    label: 'Votre travail est-il surtout…',
    type: 'choice',
    required: true,
    options: [
      { value: 'physique', label: 'Physique' },
      { value: 'mental', label: 'Intellectuel (mental)' },
      { value: 'mixte', label: 'Les deux à la fois' },
    ],
  }),
  item({
    id: 'exigences_physiques',
    label: 'Comment jugez-vous votre capacité de travail actuelle par rapport aux exigences physiques de votre travail ?',
    type: 'choice',
    required: true,
    options: DEMAND_RATING,
  }),
  item({
    id: 'exigences_mentales',
    label: 'Comment jugez-vous votre capacité de travail actuelle par rapport aux exigences mentales (intellectuelles) de votre travail ?',
    type: 'choice',
    required: true,
    options: DEMAND_RATING,
  }),
  item({
    id: 'maladies',
    section: '3. Maladies actuelles',
    label: 'Parmi ces maladies ou blessures, lesquelles avez-vous actuellement, diagnostiquées par un médecin ? Ne cochez rien si aucune.',
    type: 'multi',
    required: true,
    options: [...WAI_DISEASES],
  }),
  item({
    id: 'gene_maladies',
    section: '4. Gêne due aux maladies',
    label: 'Votre maladie ou votre blessure gêne-t-elle votre travail actuel ? Plusieurs réponses peuvent convenir : choisissez la plus juste.',
    type: 'choice',
    required: true,
    options: scored([
      ['6', 'Aucune gêne, ou je n’ai pas de maladie', 6],
      ['5', 'Je peux faire mon travail, mais cela me cause quelques symptômes', 5],
      ['4', 'Je dois parfois ralentir mon rythme ou changer mes méthodes de travail', 4],
      ['3', 'Je dois souvent ralentir mon rythme ou changer mes méthodes de travail', 3],
      ['2', 'À cause de ma maladie, je ne me sens capable de travailler qu’à temps partiel', 2],
      ['1', 'À mon avis, je suis totalement incapable de travailler', 1],
    ]),
  }),
  item({
    id: 'absences',
    section: '5. Absences pour maladie',
    label: 'Combien de jours entiers avez-vous été absent(e) du travail pour un problème de santé (maladie, soins, examens) au cours des 12 derniers mois ?',
    type: 'choice',
    required: true,
    options: scored([
      ['5', 'Aucun', 5],
      ['4', '9 jours au plus', 4],
      ['3', 'De 10 à 24 jours', 3],
      ['2', 'De 25 à 99 jours', 2],
      ['1', 'De 100 à 365 jours', 1],
    ]),
  }),
  item({
    id: 'pronostic',
    section: '6. Pronostic à deux ans',
    label: 'Pensez-vous que, du point de vue de votre santé, vous serez capable de faire votre travail actuel dans deux ans ?',
    type: 'choice',
    required: true,
    options: scored([
      ['1', 'Non, sans doute pas', 1],
      ['4', 'Je n’en suis pas sûr(e)', 4],
      ['7', 'Oui, c’est presque certain', 7],
    ]),
  }),
  item({ id: 'plaisir', section: '7. Ressources morales', label: 'Ces derniers temps, avez-vous pu apprécier vos activités quotidiennes ?', type: 'choice', required: true, options: FREQUENCY }),
  item({ id: 'dynamisme', label: 'Ces derniers temps, vous êtes-vous senti(e) actif(ve) et alerte ?', type: 'choice', required: true, options: FREQUENCY }),
  item({ id: 'espoir', label: 'Ces derniers temps, vous êtes-vous senti(e) plein(e) d’espoir pour l’avenir ?', type: 'choice', required: true, options: FREQUENCY }),
];

const byId = (id: string) => ITEMS.find((i) => i.id === id)!;

export const WAI_V1: QuestionnaireDefinition = {
  id: 'wai',
  version: 1,
  title: 'Indice de capacité de travail (Work Ability Index)',
  intro:
    'Ce questionnaire de 7 questions décrit comment vous jugez votre capacité à faire votre travail, compte tenu de votre santé. Il prend une dizaine de minutes. Vos réponses sont couvertes par le secret médical : seuls les professionnels de santé de votre service de prévention et de santé au travail les lisent, jamais votre employeur.',
  respondents: ['salarie', 'professionnel'],
  scoreLabel: 'Indice de capacité de travail (7 à 49 ; plus il est élevé, meilleure est la capacité de travail)',
  scoreMin: 7,
  scoreMax: 49,
  categories: [
    { code: 'mauvais', label: 'Capacité de travail faible', from: 7, to: 27, explanation: 'Restaurer la capacité de travail : un échange avec votre médecin du travail est recommandé.' },
    { code: 'moyen', label: 'Capacité de travail moyenne', from: 28, to: 36, explanation: 'Améliorer la capacité de travail : des mesures peuvent être envisagées avec votre service de santé au travail.' },
    { code: 'bon', label: 'Bonne capacité de travail', from: 37, to: 43, explanation: 'Soutenir la capacité de travail.' },
    { code: 'excellent', label: 'Excellente capacité de travail', from: 44, to: 49, explanation: 'Maintenir la capacité de travail.' },
  ],
  sources: [
    'Tuomi K., Ilmarinen J., Jahkola A., Katajarinne L., Tulkki A. Work Ability Index. 2nd revised ed. Helsinki : Finnish Institute of Occupational Health, 1998.',
    'Ilmarinen J. The Work Ability Index (WAI). Occupational Medicine 2007;57:160.',
  ],
  items: ITEMS,
  score(a) {
    const physical = optionPoints(byId('exigences_physiques'), a.exigences_physiques);
    const mental = optionPoints(byId('exigences_mentales'), a.exigences_mentales);
    const diseases = Array.isArray(a.maladies) ? a.maladies.length : 0;
    const mentalSum = optionPoints(byId('plaisir'), a.plaisir) + optionPoints(byId('dynamisme'), a.dynamisme) + optionPoints(byId('espoir'), a.espoir);
    const parts: ScorePart[] = [
      { id: 'capacite_actuelle', label: 'Capacité de travail actuelle', points: Number(a.capacite_actuelle), max: 10 },
      { id: 'exigences', label: 'Capacité par rapport aux exigences du travail', points: demandsPoints(String(a.nature_travail), physical, mental), max: 10 },
      { id: 'maladies', label: 'Maladies diagnostiquées', points: diseasesPoints(diseases), max: 7 },
      { id: 'gene_maladies', label: 'Gêne due aux maladies', points: optionPoints(byId('gene_maladies'), a.gene_maladies), max: 6 },
      { id: 'absences', label: 'Absences pour maladie sur 12 mois', points: optionPoints(byId('absences'), a.absences), max: 5 },
      { id: 'pronostic', label: 'Pronostic de capacité à deux ans', points: optionPoints(byId('pronostic'), a.pronostic), max: 7 },
      { id: 'ressources', label: 'Ressources morales', points: mentalResourcesPoints(mentalSum), max: 4 },
    ];
    const score = parts.reduce((s, p) => s + p.points, 0);
    const c = categoryOf(WAI_V1, score);
    return { score, category: c?.code ?? null, categoryLabel: c?.label ?? null, parts, alerts: [] };
  },
};
