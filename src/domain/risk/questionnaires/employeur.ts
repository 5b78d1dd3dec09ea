/**
 * Employer questionnaire on the risk of désinsertion professionnelle in the company, version 1
 * (designed for Maintien; every item, its weight and its source are explained in
 * docs/risk-questionnaires.md). It follows the DUERP logic (identify exposures, then the means of
 * prevention) over the three groups of factors of the HAS recommendation on maintien en emploi:
 * work factors (exposures, organisation), health factors seen at company level (absences, AT/MP,
 * inaptitudes, ageing) and the company's capacities (aménagement, reclassement, policy, dialogue
 * social, resources). Each answer gives 0 (protective) to 3 (risk) points, multiplied by the item's
 * weight 1–3; the score is the share of the maximum, 0–100, higher meaning more risk.
 */
import type { ItemOption, QuestionnaireDefinition, QuestionnaireItem } from './types';
import { categoryOf } from './validate';

/** Points of the worst answer of every item. */
export const EMPLOYER_ITEM_MAX = 3;

const opts = (labels: readonly [string, string, string, string]): ItemOption[] => labels.map((label, i) => ({ value: i, label, points: i }));

type Spec = [id: string, section: string | undefined, label: string, weight: number, options: [string, string, string, string], rationale: string];

const EXPOSITIONS = 'A. Expositions professionnelles';
const SANTE = 'B. Santé au travail et absences dans l’entreprise';
const CAPACITES = 'C. Capacités d’aménagement et de maintien';
const RESSOURCES = 'D. Dialogue social et ressources';

const SHARE = (what: string): [string, string, string, string] => [`Aucun ${what}`, 'Moins d’un quart', 'D’un quart à la moitié', 'Plus de la moitié'];

const SPECS: readonly Spec[] = [
  ['port_charges', EXPOSITIONS, 'Quelle part des salariés porte ou manipule régulièrement des charges lourdes (manutention manuelle) ?', 3, SHARE('salarié'), 'Manutention : première cause de TMS et d’inaptitude (CIM chapitre M), facteur de pénibilité (C. trav. L4161-1).'],
  ['postures', undefined, 'Quelle part des salariés travaille en postures pénibles ou avec des gestes répétitifs (bras en l’air, accroupi, travail à la chaîne) ?', 3, SHARE('salarié'), 'Postures et répétitivité : TMS des membres supérieurs et du dos, très souvent à l’origine des restrictions d’aptitude.'],
  ['agents_physiques', undefined, 'Quelle part des salariés est exposée au bruit, aux vibrations, aux températures extrêmes ou à des produits chimiques ?', 2, SHARE('salarié'), 'Facteurs de pénibilité du DUERP ; expositions longues associées aux maladies professionnelles.'],
  ['travail_nuit', undefined, 'Quelle part des salariés travaille de nuit ou en horaires alternants ?', 2, SHARE('salarié'), 'Travail de nuit et en équipes alternantes : troubles du sommeil, cardiovasculaires ; limite les postes de reprise.'],
  ['intensite', undefined, 'Comment jugez-vous la charge et l’intensité du travail (rythmes imposés, objectifs, urgences) ?', 3, ['Modérée pour tous', 'Forte pour certains postes', 'Forte pour beaucoup de postes', 'Forte et durable pour la plupart des postes'], 'Risques psychosociaux (RPS) : l’intensité du travail est le premier facteur de Gollac ; troubles psychiques (CIM chapitre F).'],
  ['relations', undefined, 'Y a-t-il des tensions au travail (conflits, agressions par le public, manque de reconnaissance) ?', 2, ['Rarement', 'Parfois, dans un service', 'Souvent, dans plusieurs services', 'Fréquemment, dans toute l’entreprise'], 'RPS : rapports sociaux, violences externes et manque de reconnaissance (Gollac 2011).'],
  ['autonomie', undefined, 'Les salariés peuvent-ils organiser leur travail (pauses, ordre des tâches, entraide) ?', 2, ['Oui, largement', 'Oui, en partie', 'Peu', 'Très peu ou pas du tout'], 'RPS : la faible autonomie et le faible soutien aggravent l’effet des contraintes (modèle de Karasek).'],
  ['absenteisme', SANTE, 'Quel a été le taux d’absentéisme pour maladie sur les 12 derniers mois ?', 3, ['Moins de 3 %', 'De 3 à 5 %', 'De 5 à 8 %', 'Plus de 8 % (ou inconnu)'], 'Indicateur d’alerte du DUERP et du bilan social ; les absences répétées précèdent souvent la désinsertion.'],
  ['arrets_longs', undefined, 'Combien de salariés ont eu un arrêt de travail de plus de 3 mois au cours des 12 derniers mois ?', 3, ['Aucun', 'Un', 'Deux ou trois', 'Plus de trois'], 'Un arrêt de plus de 3 mois multiplie le risque de ne pas reprendre le travail (HAS 2019 ; domaine §6).'],
  ['at_mp', undefined, 'Combien d’accidents du travail avec arrêt ou de maladies professionnelles ont été reconnus sur les 3 dernières années ?', 2, ['Aucun', 'Un ou deux', 'De trois à cinq', 'Plus de cinq'], 'Sinistralité AT/MP : témoigne d’expositions mal maîtrisées et conduit à des restrictions d’aptitude.'],
  ['inaptitudes', undefined, 'Combien d’avis d’inaptitude ou de restrictions d’aptitude le médecin du travail a-t-il rendus sur les 3 dernières années ?', 3, ['Aucun', 'Un', 'Deux ou trois', 'Plus de trois'], 'Les inaptitudes sont l’issue que la prévention de la désinsertion cherche à éviter ; leur fréquence mesure la difficulté à maintenir.'],
  ['age', undefined, 'Quelle part des salariés a 50 ans ou plus ?', 2, ['Moins de 15 %', 'De 15 à 30 %', 'De 30 à 45 %', 'Plus de 45 %'], 'Usure professionnelle : le risque de désinsertion croît avec l’âge et l’ancienneté d’exposition (visite de mi-carrière, L4624-2-2).'],
  ['duerp', CAPACITES, 'Votre document unique (DUERP) est-il à jour et traite-t-il de l’usure professionnelle et du maintien en emploi ?', 2, ['Oui, mis à jour cette année', 'Oui, mais mis à jour il y a plus d’un an', 'En cours de rédaction', 'Non'], 'Obligation de l’employeur (C. trav. R4121-1, mise à jour annuelle à partir de 11 salariés) ; base de toute prévention.'],
  ['amenagement', undefined, 'Pouvez-vous aménager un poste (matériel, horaires, répartition des tâches) pour un salarié dont la santé l’exige ?', 3, ['Oui, cela se fait couramment', 'Oui, parfois', 'Rarement', 'Ce n’est pas possible'], 'L’aménagement de poste est la mesure de maintien la plus fréquente (C. trav. L4624-3) ; sa faisabilité réduit le risque.'],
  ['reclassement', undefined, 'Existe-t-il des postes différents vers lesquels un salarié pourrait être reclassé dans l’entreprise ?', 3, ['Oui, de nombreux postes variés', 'Quelques postes', 'Très peu', 'Aucun'], 'Obligation de recherche de reclassement (L1226-2, L1226-10) : sans poste possible, l’inaptitude conduit au licenciement.'],
  ['reprise_progressive', undefined, 'Avez-vous déjà organisé une reprise à temps partiel thérapeutique, un essai encadré ou une convention de rééducation ?', 2, ['Oui, plusieurs fois', 'Oui, une fois', 'Jamais, mais nous y sommes prêts', 'Jamais, et ce serait difficile'], 'Mesures de retour progressif (CSS L323-3, L323-3-1 ; C. trav. L1226-1-4) : l’expérience de l’entreprise facilite la reprise.'],
  ['politique_maintien', undefined, 'Avez-vous une démarche de maintien en emploi (référent, procédure de retour, entretien de reprise) ?', 2, ['Oui, formalisée et connue des salariés', 'Oui, en partie', 'De manière informelle', 'Non'], 'Recommandation HAS 2019 : une démarche concertée et précoce améliore le retour au travail.'],
  ['contact_arret', undefined, 'Pendant un arrêt long, proposez-vous au salarié le rendez-vous de liaison et gardez-vous le contact ?', 2, ['Oui, systématiquement', 'Parfois', 'Rarement', 'Jamais'], 'Rendez-vous de liaison (C. trav. L1226-1-3) : informe le salarié des mesures possibles avant la reprise.'],
  ['dialogue_social', RESSOURCES, 'Les représentants du personnel (CSE) participent-ils aux questions de santé et de maintien en emploi ?', 1, ['Oui, activement', 'Oui, de temps en temps', 'Pas de représentants du personnel', 'Non'], 'Dialogue social : le CSE est consulté sur le maintien et le reclassement ; son implication aide les aménagements collectifs.'],
  ['formation', undefined, 'Les salariés ont-ils accès à des formations pour changer de poste ou de métier ?', 2, ['Oui, régulièrement', 'Oui, occasionnellement', 'Rarement', 'Jamais'], 'Formation et reconversion (PTP, CRPE, ESSAI) : leviers quand le poste actuel n’est plus tenable.'],
  ['ressources', undefined, 'Quelles ressources humaines l’entreprise peut-elle consacrer au maintien en emploi ?', 2, ['Un service RH et un référent santé au travail', 'Un service RH', 'Le dirigeant ou un comptable, à temps partiel', 'Personne'], 'Taille et ressources : les petites entreprises ont moins de postes et de moyens pour maintenir (domaine §1).'],
];

const ITEMS: QuestionnaireItem[] = SPECS.map(([id, section, label, weight, options, rationale]) => ({
  id,
  ...(section ? { section } : {}),
  label,
  type: 'choice',
  required: true,
  options: opts(options),
  weight,
  rationale,
}));

/** Sum of the weights × 3: the points of the riskiest possible company. */
export const EMPLOYER_MAX_POINTS = ITEMS.reduce((s, i) => s + (i.weight ?? 0) * EMPLOYER_ITEM_MAX, 0);

/** 0–100 from the weighted points, rounded to the unit (half up). */
export function employerScore(points: number): number {
  return Math.round((100 * points) / EMPLOYER_MAX_POINTS);
}

export const EMPLOYEUR_V1: QuestionnaireDefinition = {
  id: 'employeur',
  version: 1,
  title: 'Risque de désinsertion professionnelle dans l’entreprise',
  intro:
    'Ce questionnaire aide votre service de prévention et de santé au travail à repérer, avec vous, les situations de travail qui exposent vos salariés au risque de perdre leur emploi pour raison de santé, et vos moyens pour les maintenir. Il porte sur l’entreprise, jamais sur un salarié nommé. Il complète votre document unique (DUERP). Comptez 10 minutes ; vous pouvez enregistrer et reprendre plus tard.',
  respondents: ['employeur'],
  scoreLabel: 'Risque de désinsertion dans l’entreprise (0 à 100 ; plus il est élevé, plus le risque est fort)',
  scoreMin: 0,
  scoreMax: 100,
  categories: [
    { code: 'faible', label: 'Risque faible', from: 0, to: 24, explanation: 'Peu d’expositions et de bonnes capacités de maintien : poursuivez la démarche de prévention.' },
    { code: 'modere', label: 'Risque modéré', from: 25, to: 49, explanation: 'Quelques facteurs de risque : votre service de santé au travail peut vous aider à les traiter dans le DUERP.' },
    { code: 'eleve', label: 'Risque élevé', from: 50, to: 74, explanation: 'Plusieurs facteurs de risque cumulés : une action de prévention avec votre service de santé au travail est recommandée.' },
    { code: 'tres_eleve', label: 'Risque très élevé', from: 75, to: 100, explanation: 'Expositions fortes et peu de moyens de maintien : prenez contact avec la cellule de prévention de la désinsertion professionnelle.' },
  ],
  sources: [
    'Haute Autorité de santé. Santé et maintien en emploi : prévention de la désinsertion professionnelle des travailleurs. Recommandation de bonne pratique, février 2019.',
    'Code du travail, art. R4121-1 à R4121-4 (document unique d’évaluation des risques professionnels) et L4161-1 (facteurs de risques professionnels).',
    'Gollac M. et al. Mesurer les facteurs psychosociaux de risque au travail pour les maîtriser. Rapport au ministre du Travail, 2011.',
  ],
  items: ITEMS,
  score(a) {
    const parts = ITEMS.map((i) => {
      const v = Number(a[i.id]);
      return { id: i.id, label: i.label, points: v * (i.weight ?? 0), max: EMPLOYER_ITEM_MAX * (i.weight ?? 0) };
    });
    const score = employerScore(parts.reduce((s, p) => s + p.points, 0));
    const c = categoryOf(EMPLOYEUR_V1, score);
    return { score, category: c?.code ?? null, categoryLabel: c?.label ?? null, parts, alerts: [] };
  },
};
