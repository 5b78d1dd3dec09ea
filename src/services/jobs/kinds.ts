/**
 * The runner of each kind of job (docs/jobs.md). A new kind: its entry in domain/jobs/kinds.ts
 * (label, who sees and starts it, its conflict), its `JobKindRunner` next to its service, one
 * line here.
 */
import { fluxImportJob } from '../intake/flux-batch-job';
import { scoreAllJob } from '../risk/suggestions/suggestions-recalculator';
import type { JobKindRunner } from './job-kind';

// Each kind reads its own params and cursor types; the runner only hands them over.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const JOB_RUNNERS: readonly JobKindRunner<any, any>[] = [scoreAllJob, fluxImportJob];
