/**
 * jobs (docs/jobs.md): the service's long-running work, read by the page that started it
 * (polled every second or two while it runs). Each kind is started by its own operation.
 */
import { jobs } from '../../contract/jobs';
import { listJobs, readJob } from '../../services/jobs/job-reader';
import { run } from '../auth';
import type { App, Deps } from '../deps';
import { route } from '../route';

export function jobRoutes(app: App, { database }: Deps): void {
  route(app, jobs.list, async (request) => run(database, request, (ctx) => listJobs(ctx, request.query)));
  route(app, jobs.read, async (request) => run(database, request, (ctx) => readJob(ctx, request.params.id)));
}
