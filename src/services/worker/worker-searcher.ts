/**
 * Finds workers by name and first name, by birth date (JJ/MM/AAAA) or by a full NIR. A search
 * with a term is audited (`worker.search`: the kind of term, the number of results, the ids shown);
 * the query text is never logged nor audited (it may be a NIR).
 */
import * as dossiers from '../../db/repositories/dossier.repository';
import * as workers from '../../db/repositories/worker.repository';
import { normaliseSearchWord } from '../../db/repositories/worker.repository';
import { ensure, } from '../../domain/access';
import { parseFrenchDate } from '../../domain/calendar/dates';
import { isDossierState, STATE_LABELS } from '../../domain/dossier/states';
import { normaliseNir, validateNir } from '../../domain/identity/nir';
import { recordSearch } from '../audit/read-audit';
import type { Ctx } from '../context';
import { OPEN_STATES } from '../../domain/dossier/states';
import { workerDisplayName } from './worker-format';

export async function searchWorkers(ctx: Ctx, props: { q?: string; page?: number; pageSize?: number }) {
  const p = ctx.principal;
  ensure(p, 'worker.search');
  const page = Math.max(1, props.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, props.pageSize ?? 20));
  const q = (props.q ?? '').trim();
  const search: workers.WorkerSearch = { tenantId: p.tenantId, limit: pageSize, offset: (page - 1) * pageSize };
  const nir = validateNir(q);
  if (q && nir.ok) search.nir = nir.value.nir;
  else if (/^\d[\d\s]{12,}$/.test(q)) search.nir = normaliseNir(q); // a mistyped NIR finds nobody rather than everybody
  else {
    const words: string[] = [];
    for (const token of q.split(/\s+/).filter(Boolean)) {
      const date = parseFrenchDate(token);
      if (date) search.birthDate = date;
      else words.push(token);
    }
    search.words = words.flatMap((w) => normaliseSearchWord(w).split(' ')).filter(Boolean).slice(0, 5);
  }
  const { rows, total } = await workers.searchWorkers(ctx.trx, search);
  const ids = rows.map((r) => r.id);
  // Looking a person up across the whole population tells whether he is followed by the cell.
  if (q) await recordSearch(ctx, { action: 'worker.search', subjectType: 'worker', q, results: total, ids: { key: 'workerIds', values: ids } });
  const [companies, open] = await Promise.all([
    dossiers.findCurrentCompanies(ctx.trx, p.tenantId, ids),
    dossiers.findDossiersOfWorkersInStates(ctx.trx, p.tenantId, ids, OPEN_STATES),
  ]);
  return {
    items: rows.map((r) => {
      const o = open.find((d) => d.worker_id === r.id);
      return {
        id: r.id,
        displayName: workerDisplayName(r),
        birthDate: r.birth_date,
        companyName: companies.find((c) => c.worker_id === r.id)?.name ?? null,
        openDossier: o ? { id: o.id, reference: o.reference, state: o.state, stateLabel: isDossierState(o.state) ? STATE_LABELS[o.state] : o.state } : null,
      };
    }),
    total,
    page,
    pageSize,
  };
}
