import { describe, expect, it } from 'vitest';
import { CAPABILITIES } from '../access/policy';
import { isJobKind, isJobState, JOB_KIND_INFO, JOB_KINDS, JOB_STATE_LABELS, JOB_STATES, JOB_VIEW_CAPABILITIES, jobPace } from './kinds';

describe('job kinds', () => {
  it('every kind has a label, a unit, capabilities that exist, a conflict code and French messages', () => {
    for (const k of JOB_KINDS) {
      const info = JOB_KIND_INFO[k];
      expect(info.label.length).toBeGreaterThan(5);
      expect(info.view.length).toBeGreaterThan(0);
      expect(info.start.length).toBeGreaterThan(0);
      for (const c of [...info.view, ...info.start]) expect(CAPABILITIES).toContain(c);
      expect(info.conflict.code).toMatch(/^[A-Z_]+$/);
      expect(info.conflict.message).toMatch(/déjà en cours/);
    }
    expect(JOB_VIEW_CAPABILITIES).toEqual(['risk.assess', 'flux.history', 'flux.ingest']);
    expect(isJobKind('risk.score_all')).toBe(true);
    expect(isJobKind('inconnu')).toBe(false);
    expect(JOB_STATES.every((s) => isJobState(s) && JOB_STATE_LABELS[s].length > 0)).toBe(true);
  });
});

describe('jobPace', () => {
  const t0 = new Date('2026-12-07T10:00:00Z');
  const at = (s: number) => new Date(t0.getTime() + s * 1000);

  it('rate over the current attempt, time left at that rate', () => {
    expect(jobPace({ done: 300, total: 1500, attemptDoneStart: 0, attemptStartedAt: t0, progressAt: at(10) })).toEqual({ ratePerSecond: 30, secondsLeft: 40 });
    // A resumed attempt counts only what it did itself.
    expect(jobPace({ done: 1200, total: 1500, attemptDoneStart: 1000, attemptStartedAt: t0, progressAt: at(4) })).toEqual({ ratePerSecond: 50, secondsLeft: 6 });
  });

  it('unknown while there is nothing to measure: no start, under a second, nothing done, no total for the time left', () => {
    expect(jobPace({ done: 10, total: 100, attemptDoneStart: 0, attemptStartedAt: null, progressAt: at(5) })).toEqual({ ratePerSecond: null, secondsLeft: null });
    expect(jobPace({ done: 10, total: 100, attemptDoneStart: 0, attemptStartedAt: t0, progressAt: at(0.5) })).toEqual({ ratePerSecond: null, secondsLeft: null });
    expect(jobPace({ done: 0, total: 100, attemptDoneStart: 0, attemptStartedAt: t0, progressAt: at(5) })).toEqual({ ratePerSecond: null, secondsLeft: null });
    expect(jobPace({ done: 50, total: null, attemptDoneStart: 0, attemptStartedAt: t0, progressAt: at(5) })).toEqual({ ratePerSecond: 10, secondsLeft: null });
  });
});
