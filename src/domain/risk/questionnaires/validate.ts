/**
 * Validation of answers against a definition, item by item. A partial save (« en cours ») accepts
 * missing items; completing requires every required item. Every refusal names its item and says
 * in French what to do, so the form can show it next to the question.
 */
import type { Answers, AnswerValue, QuestionnaireDefinition, QuestionnaireItem } from './types';

export type AnswerErrors = Record<string, string>;
export type AnswersCheck = { ok: true; value: Answers } | { ok: false; errors: AnswerErrors };

/** Key of the error about the answer set as a whole (not an object, too many keys). */
export const WHOLE = '_';

function checkItem(item: QuestionnaireItem, raw: unknown): { value: AnswerValue } | { error: string } {
  switch (item.type) {
    case 'scale':
    case 'number': {
      const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
      if (typeof n !== 'number' || !Number.isFinite(n)) return { error: 'Indiquez un nombre.' };
      if (!Number.isInteger(n)) return { error: 'Indiquez un nombre entier.' };
      if (item.min !== undefined && n < item.min) return { error: `La valeur doit être comprise entre ${item.min} et ${item.max}.` };
      if (item.max !== undefined && n > item.max) return { error: `La valeur doit être comprise entre ${item.min} et ${item.max}.` };
      return { value: n };
    }
    case 'choice': {
      // The web form sends strings: '4' chooses the option 4 (canonical type kept).
      const o = (typeof raw === 'string' || typeof raw === 'number') && item.options?.find((x) => String(x.value) === String(raw));
      if (!o) return { error: 'Choisissez l’une des réponses proposées.' };
      return { value: o.value };
    }
    case 'multi': {
      if (!Array.isArray(raw)) return { error: 'Cochez les réponses qui s’appliquent (ou aucune).' };
      const seen = new Set<string>();
      for (const v of raw) {
        if (typeof v !== 'string' || !item.options?.some((o) => String(o.value) === v)) return { error: 'Une des réponses cochées n’est pas proposée.' };
        if (seen.has(v)) return { error: 'Une même réponse est cochée deux fois.' };
        seen.add(v);
      }
      return { value: [...seen] };
    }
  }
}

/**
 * Checks `raw` (what the client sent) against `def`. `complete`: every required item must be
 * answered. `null` or absent values are simply not answered yet.
 */
export function validateAnswers(def: QuestionnaireDefinition, raw: unknown, complete: boolean): AnswersCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, errors: { [WHOLE]: 'Les réponses doivent être un objet { question: valeur }.' } };
  const byId = new Map(def.items.map((i) => [i.id, i]));
  const errors: AnswerErrors = {};
  const value: Answers = {};
  for (const [key, v] of Object.entries(raw as Record<string, unknown>)) {
    const item = byId.get(key);
    if (!item) {
      errors[key] = 'Cette question ne fait pas partie du questionnaire.';
      continue;
    }
    if (v === null || v === undefined || v === '') continue;
    const r = checkItem(item, v);
    if ('error' in r) errors[key] = r.error;
    else value[key] = r.value;
  }
  if (complete) {
    for (const item of def.items) {
      if (item.required && !(item.id in value) && !(item.id in errors)) errors[item.id] = 'Répondez à cette question.';
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}

/**
 * The category of a score: the highest whose lower bound is reached. WAI scores may be fractional
 * (item 2 is weighted by 1.5 / 0.5): 27.5 has not reached 28, so it stays « mauvais ».
 */
export function categoryOf(def: QuestionnaireDefinition, score: number) {
  let found = null;
  for (const c of def.categories) if (score >= c.from) found = c;
  return found;
}

/** Points of the chosen option of a `choice` item. */
export function optionPoints(item: QuestionnaireItem, value: AnswerValue | undefined): number {
  const o = item.options?.find((x) => x.value === value);
  if (!o || o.points === undefined) throw new Error(`Réponse non notée : ${item.id}=${String(value)}`);
  return o.points;
}
