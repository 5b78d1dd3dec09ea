/**
 * Text copied from one record into another keeps the audience of its source (issue 12, item 1).
 *
 * A reason, a decision or a title written in a record that only some readers reach (a
 * staff pluridisciplinaire's decision, the motif of a declined orientation suggestion, a task's
 * title) must not be copied into a timeline entry or a task title that more readers reach. The
 * audience of a text is described by the category it is classed in and whether it is shown to the
 * worker himself; a source may also be limited to the service (no partner, no employer: the
 * history of the dossier's states, a task list). `mayCopyInto(source, target)` holds when every
 * principal who may read `target` may read `source` — computed from the policy table itself, so a
 * change of the table changes the answer.
 */
import { CATEGORY_POLICY, TOKEN_SCOPES, type Scope } from './policy';
import { ROLES, type Category } from './roles';

export interface Audience {
  category: Category;
  /** Shown in the worker's own space (timeline entries shared with him). */
  sharedWithWorker?: boolean;
  /** Read only under the relation 'service' (the SPSTI's own staff and its API tokens). */
  serviceOnly?: boolean;
}

/** Who reads an audience: `role:scope` for users, `token:<scope>` for API tokens. */
export function readersOf(a: Audience): Set<string> {
  const readers = new Set<string>();
  for (const role of ROLES) {
    const scope: Scope | null = CATEGORY_POLICY[role][a.category].read;
    if (scope === null) continue;
    if (scope === 'self' && !a.sharedWithWorker) continue;
    if (a.serviceOnly && scope !== 'service') continue;
    readers.add(`${role}:${scope}`);
  }
  for (const [name, def] of Object.entries(TOKEN_SCOPES)) {
    if ((def.read as readonly Category[]).includes(a.category)) readers.add(`token:${name}`);
  }
  return readers;
}

/** May text whose source has audience `source` be copied into a record of audience `target`? */
export function mayCopyInto(source: Audience, target: Audience): boolean {
  const allowed = readersOf(source);
  for (const r of readersOf(target)) if (!allowed.has(r)) return false;
  return true;
}

/**
 * The audience of a task's title, as a target: the cell's task lists (capability task.manage — the
 * assistant included, never a partner nor the worker). Counted as administrative data of the
 * service (it over-counts the administrator and API tokens, who hold no task.manage: safe when
 * copying into a title). A task title itself is copied into no timeline entry: every entry
 * category reaches readers the task lists do not (partners, tokens, or the assistant).
 */
export const TASK_TITLE_AUDIENCE: Audience = { category: 'administrative', serviceOnly: true };

/** The history of a dossier's states (`transitions`, with their reasons): service staff and tokens only. */
export const TRANSITION_REASON_AUDIENCE: Audience = { category: 'administrative', serviceOnly: true };
