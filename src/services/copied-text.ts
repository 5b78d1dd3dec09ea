/**
 * Timeline entries and task titles that copy a text written elsewhere (issue 12, item 1): the
 * copy keeps the audience of its source (`mayCopyInto`, src/domain/access/copied-text.ts). Where
 * the entry would reach more readers than the source, the entry says what happened in neutral
 * words and the text stays where its readers are: in a second entry classed like the source, or
 * only in the source record itself.
 */
import { mayCopyInto, type Audience } from '../domain/access';
import { RULE_TASK_TITLES } from '../domain/intake/rules';
import { FOLLOW_UP_RULES, FOLLOW_UP_TITLES } from '../domain/parcours/exit';
import { DECISION_TASK_KIND } from '../domain/parcours/meetings';
import { MANUAL_TASK_KIND, MEASURE_END_TASK_KIND } from '../domain/parcours/measure-tasks';
import type { TimelineNote } from './context';

export interface CopiedText {
  /** Audience of the record the text comes from. */
  source: Audience;
  /** Title and body of the entry holding the copied text. */
  detailed: { title: string | null; body: string };
  /** Title and body of the entry without it (generated words only). */
  neutral: { title: string | null; body: string };
  /**
   * Where the entry may not hold the text: in a second entry classed like the source ('entry',
   * the default), or nowhere else ('source-record': the source stays the one place to read it).
   */
  apart?: 'entry' | 'source-record';
}

/** The entries of an event whose entry would copy a text of another record. */
export function entriesWithCopiedText(base: Omit<TimelineNote, 'title' | 'body'>, copy: CopiedText): TimelineNote[] {
  const target: Audience = { category: base.category, sharedWithWorker: base.sharedWithWorker ?? false };
  if (mayCopyInto(copy.source, target)) return [{ ...base, ...copy.detailed }];
  const entries: TimelineNote[] = [{ ...base, ...copy.neutral }];
  if ((copy.apart ?? 'entry') === 'entry') {
    const apart: Audience = { category: copy.source.category, sharedWithWorker: (base.sharedWithWorker ?? false) && (copy.source.sharedWithWorker ?? false) };
    if (mayCopyInto(copy.source, apart)) {
      const { id: _id, ...rest } = base;
      entries.push({ ...rest, category: apart.category, sharedWithWorker: apart.sharedWithWorker, ...copy.detailed });
    }
  }
  return entries;
}

/**
 * What a task is, in generated words only: the rule's title for a task of a rule (the same words
 * as its title), a neutral label otherwise. A task's own title (typed by a professional, or naming
 * a measure of the plan) is never copied into a timeline entry.
 */
export function neutralTaskLabel(kind: string): string {
  if (Object.hasOwn(RULE_TASK_TITLES, kind)) return RULE_TASK_TITLES[kind as keyof typeof RULE_TASK_TITLES];
  if (kind === FOLLOW_UP_RULES[6]) return FOLLOW_UP_TITLES[6];
  if (kind === FOLLOW_UP_RULES[12]) return FOLLOW_UP_TITLES[12];
  if (kind === DECISION_TASK_KIND) return "Décision d'une instance à mettre en œuvre";
  if (kind === MEASURE_END_TASK_KIND) return "Échéance d'une mesure du plan de maintien";
  if (kind === MANUAL_TASK_KIND) return 'Tâche ajoutée par la cellule';
  return 'Tâche';
}
