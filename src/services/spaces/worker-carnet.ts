/** « Mon carnet »: the worker's own dossiers and the entries shared with him. */
import * as dossiers from '../../db/repositories/dossier.repository';
import * as timeline from '../../db/repositories/timeline.repository';
import * as workers from '../../db/repositories/worker.repository';
import { AUDITED_READ_CATEGORIES, entryFilter, ensure, isCategory } from '../../domain/access';
import { isDossierState, STATE_LABELS } from '../../domain/dossier/states';
import { forbidden, notFound } from '../../domain/errors';
import type { Ctx } from '../context';
import { workerDisplayName } from '../worker/worker-format';

export async function readCarnet(ctx: Ctx) {
  const p = ctx.principal;
  ensure(p, 'worker.space');
  if (!p.workerId) throw forbidden();
  const w = await workers.findWorker(ctx.trx, p.tenantId, p.workerId);
  if (!w) throw notFound('SALARIE_INTROUVABLE', 'Votre dossier salarié est introuvable.');
  const ds = await dossiers.findDossiersOfWorker(ctx.trx, p.tenantId, w.id);
  const entries = await timeline.findEntries(ctx.trx, p.tenantId, ds.map((d) => d.id), entryFilter(p, 'self'));
  const audited = [...new Set(entries.map((e) => e.category))].filter((c) => isCategory(c) && AUDITED_READ_CATEGORIES.includes(c));
  if (audited.length) await ctx.record({ action: 'carnet.read', subjectType: 'worker', subjectId: w.id, category: audited.includes('medical') ? 'medical' : 'sensitive', details: { categories: audited.sort() } });
  return {
    worker: { id: w.id, displayName: workerDisplayName(w) },
    dossiers: ds.map((d) => ({
      id: d.id,
      reference: d.reference,
      state: d.state,
      stateLabel: isDossierState(d.state) ? STATE_LABELS[d.state] : d.state,
      openedAt: d.opened_at,
      entries: entries
        .filter((e) => e.dossier_id === d.id)
        .map((e) => ({ id: e.id, title: e.title, body: e.body, createdAt: e.created_at, authorName: e.author_name })),
    })),
  };
}
