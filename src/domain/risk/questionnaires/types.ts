/**
 * Shape of a questionnaire definition: data (items, allowed values, points) read by the server to
 * validate and score, and by the web app to draw the form. A definition never changes once
 * published: a change of wording or scoring is a new `version` (responses keep the version they
 * answered, so old scores stay explainable).
 */

export type QuestionnaireId = 'wai' | 'wai_court' | 'employeur';
export type Respondent = 'salarie' | 'professionnel' | 'employeur';
export type ItemType = 'scale' | 'choice' | 'number' | 'multi';

/** One allowed value of a `choice` or `multi` item, with the points it gives when scored. */
export interface ItemOption {
  /** Numbers where the value is itself a score (WAI ratings, outlook 1/4/7), codes otherwise. */
  value: string | number;
  label: string;
  points?: number;
}

export interface QuestionnaireItem {
  id: string;
  /** French wording of the question. */
  label: string;
  /** Heading of the group the item belongs to (shown once above the first item of the group). */
  section?: string;
  help?: string;
  type: ItemType;
  required: boolean;
  /** scale / number: bounds (inclusive) and step (integers only when 1). */
  min?: number;
  max?: number;
  /** scale: words shown at both ends. */
  minLabel?: string;
  maxLabel?: string;
  /** number: the unit shown after the field. */
  unit?: string;
  /** choice / multi: the allowed values. */
  options?: ItemOption[];
  /** Employer questionnaire: weight of the item in the 0–100 score, and why it matters. */
  weight?: number;
  rationale?: string;
}

/** A value of an answer: a number (scale, number), a value code (choice) or a list of codes (multi). */
export type AnswerValue = number | string | string[];
export type Answers = Record<string, AnswerValue>;

/** How an item or a group of items contributed to the score, in plain French. */
export interface ScorePart {
  id: string;
  label: string;
  points: number;
  max: number;
}

export interface ScoreResult {
  score: number;
  category: string | null;
  categoryLabel: string | null;
  parts: ScorePart[];
  /** Alarm thresholds reached, in plain French (e.g. the short form's « capacité ≤ 4 »). */
  alerts: string[];
}

export interface QuestionnaireDefinition {
  id: QuestionnaireId;
  version: number;
  title: string;
  /** Text shown before the first question. */
  intro: string;
  /** Who may answer it. */
  respondents: readonly Respondent[];
  /** What the score means (shown with a result). */
  scoreLabel: string;
  scoreMin: number;
  scoreMax: number;
  /** Categories of the score, lowest first, with their French label and explanation. */
  categories: readonly { code: string; label: string; from: number; to: number; explanation: string }[];
  /** Sources of the instrument and its scoring. */
  sources: readonly string[];
  items: readonly QuestionnaireItem[];
  /** Scores a complete, validated answer set. */
  score(answers: Answers): ScoreResult;
}
