export { JobList, JobTable } from './JobList';
export { formatDuration, JobProgress, JobStateBadge, jobProgressText } from './JobProgress';
export { isActiveJob, useJob, useJobs, type JobView } from './useJob';
