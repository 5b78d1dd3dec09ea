/** The timeline entry of a demo dossier's exit (the exit demo and the historical outcomes write the same). */
import type { Insertable } from 'kysely';
import type { DB } from '../db/schema';

export function exitTimelineEntry(tenantId: string, dossierId: string, exited: string, createdAt: Date): Insertable<DB['timeline_entry']> {
  return {
    tenant_id: tenantId,
    dossier_id: dossierId,
    kind: 'exit',
    category: 'administrative',
    title: 'Sortie du dispositif',
    body: `Situation à la sortie le ${exited.split('-').reverse().join('/')}.`,
    shared_with_worker: false,
    author_name: 'Cellule PDP',
    created_at: createdAt,
  };
}
