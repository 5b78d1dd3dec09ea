/**
 * Administrative timeline entries of this part (referrals, the lead, consents), shared with the
 * worker: the cell, the worker and consented partners read them. The service records them with
 * its event (`ctx.record`), then touches the dossiers concerned.
 */
import * as dossiers from '../../../db/repositories/dossier.repository';
import type { TimelineKind } from '../../../db/repositories/timeline.repository';
import type { Ctx, TimelineNote } from '../../context';

export function sharedEntry(dossierId: string, kind: Extract<TimelineKind, 'referral' | 'lead' | 'consent'>, title: string, body: string): TimelineNote {
  return { dossierId, kind, category: 'administrative', title, body, sharedWithWorker: true };
}

/** Marks the dossiers of these entries as just updated. */
export async function touchDossiersOf(ctx: Ctx, entries: readonly TimelineNote[]): Promise<void> {
  for (const id of new Set(entries.map((e) => e.dossierId))) await dossiers.touchDossier(ctx.trx, ctx.principal.tenantId, id, ctx.now);
}
