import { describe, expect, it } from 'vitest';
import { mayCopyInto, readersOf, TASK_TITLE_AUDIENCE, TRANSITION_REASON_AUDIENCE, type Audience } from './copied-text';
import { CATEGORIES } from './roles';

const admin: Audience = { category: 'administrative' };
const sensitive: Audience = { category: 'sensitive' };
const medical: Audience = { category: 'medical' };

describe('copied text keeps the audience of its source', () => {
  it('sensitive text never goes into an administrative entry (partners, assistant, admin and dossiers:read tokens read those)', () => {
    expect(mayCopyInto(sensitive, admin)).toBe(false);
    const extra = [...readersOf(admin)].filter((r) => !readersOf(sensitive).has(r)).sort();
    expect(extra).toEqual(['admin:service', 'assistant:service', 'partner_agent:consented', 'token:dossiers:read']);
  });

  it('medical text stays medical: not even a sensitive entry (the assistant social, psychologue… read those)', () => {
    expect(mayCopyInto(medical, sensitive)).toBe(false);
    expect(mayCopyInto(medical, admin)).toBe(false);
    expect(mayCopyInto(medical, medical)).toBe(true);
  });

  it('an entry may be classed more strictly than its source', () => {
    expect(mayCopyInto(admin, sensitive)).toBe(true);
    expect(mayCopyInto(admin, medical)).toBe(true);
    expect(mayCopyInto(sensitive, medical)).toBe(true);
    for (const c of CATEGORIES) expect(mayCopyInto({ category: c }, { category: c })).toBe(true);
  });

  it('a text the worker does not see goes into no entry shared with him', () => {
    expect(mayCopyInto(sensitive, { category: 'sensitive', sharedWithWorker: true })).toBe(false);
    expect(mayCopyInto({ category: 'sensitive', sharedWithWorker: true }, sensitive)).toBe(true);
    expect(mayCopyInto({ category: 'sensitive', sharedWithWorker: true }, { category: 'sensitive', sharedWithWorker: true })).toBe(true);
  });

  it('a text read by the service only (state history, task lists) goes into no entry a partner reads', () => {
    expect(mayCopyInto(TRANSITION_REASON_AUDIENCE, admin)).toBe(false);
    expect(mayCopyInto(TASK_TITLE_AUDIENCE, admin)).toBe(false);
    // Every reader of a sensitive (unshared) entry is cell staff, who read the task lists too.
    expect(mayCopyInto(TASK_TITLE_AUDIENCE, sensitive)).toBe(true);
    expect(mayCopyInto(admin, TASK_TITLE_AUDIENCE)).toBe(true);
    expect(mayCopyInto(sensitive, TASK_TITLE_AUDIENCE)).toBe(false);
  });
});
