/**
 * Short form of the WAI (« WAI court »), as used in Grand Est (ALSMT / INRS): WAI item 1 (current
 * work capacity 0–10) and item 6 (own prognosis at two years, 1 / 4 / 7). Either alarm — capacity
 * ≤ 4, or « non, sans doute pas » — goes with about 60 % risk of leaving work within three years
 * (domain §6). The score is the capacity; there is no category (contract C1).
 */
import type { Answers, QuestionnaireDefinition } from './types';
import { CAPACITY_QUESTION } from './wai';

/** Capacity at or below this value is the alarm (domain §6). */
export const SHORT_CAPACITY_ALARM = 4;
/** Outlook value of « non, sans doute pas ». */
export const SHORT_OUTLOOK_ALARM = 1;

/** The alarms reached by a complete short form. */
export function shortFormAlerts(a: Answers): string[] {
  const alerts: string[] = [];
  if (Number(a.capacity) <= SHORT_CAPACITY_ALARM) alerts.push(`Capacité de travail actuelle de ${Number(a.capacity)} sur 10 (alerte à ${SHORT_CAPACITY_ALARM} ou moins).`);
  if (Number(a.outlook) === SHORT_OUTLOOK_ALARM) alerts.push('Le salarié pense ne pas pouvoir faire son travail actuel dans deux ans.');
  return alerts;
}

export const WAI_COURT_V1: QuestionnaireDefinition = {
  id: 'wai_court',
  version: 1,
  title: 'Capacité de travail : questionnaire court',
  intro:
    'Deux questions sur votre capacité à faire votre travail, compte tenu de votre santé. Vos réponses sont couvertes par le secret médical : seuls les professionnels de santé de votre service de prévention et de santé au travail les lisent, jamais votre employeur.',
  respondents: ['salarie', 'professionnel'],
  scoreLabel: 'Capacité de travail actuelle (0 à 10)',
  scoreMin: 0,
  scoreMax: 10,
  categories: [],
  sources: [
    'Tuomi K. et al. Work Ability Index, 2nd revised ed., FIOH, 1998 : questions 1 et 6.',
    'Questionnaire court utilisé en Grand Est (ALSMT / INRS) : capacité actuelle ≤ 4 ou pronostic « non, sans doute pas » comme signaux d’alerte.',
  ],
  items: [
    { id: 'capacity', ...CAPACITY_QUESTION },
    {
      id: 'outlook',
      label: 'Pensez-vous que, dans deux ans, votre santé vous permettra de faire votre travail actuel ?',
      type: 'choice',
      required: true,
      options: [
        { value: 1, label: 'Non, sans doute pas', points: 1 },
        { value: 4, label: 'Je n’en suis pas sûr(e)', points: 4 },
        { value: 7, label: 'Oui, c’est presque certain', points: 7 },
      ],
    },
  ],
  score(a) {
    const capacity = Number(a.capacity);
    const outlook = Number(a.outlook);
    return {
      score: capacity,
      category: null,
      categoryLabel: null,
      parts: [
        { id: 'capacity', label: 'Capacité de travail actuelle', points: capacity, max: 10 },
        { id: 'outlook', label: 'Pronostic de capacité à deux ans', points: outlook, max: 7 },
      ],
      alerts: shortFormAlerts(a),
    };
  },
};
