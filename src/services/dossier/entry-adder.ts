/** Adds a note to a dossier's timeline, in a data category the author may write. */
import { randomUUID } from 'node:crypto';
import * as dossiers from '../../db/repositories/dossier.repository';
import { can, CATEGORY_LABELS, isCategory } from '../../domain/access';
import { forbidden, invalid } from '../../domain/errors';
import type { Ctx } from '../context';
import { dossierNotFound, loadDossier } from './dossier-access';
import { toEntryDto } from './dossier-reader';

export interface AddEntryProps {
  category: string;
  title?: string;
  body: string;
  sharedWithWorker?: boolean;
}

export const MAX_ENTRY_LENGTH = 20_000;

export async function addEntry(ctx: Ctx, dossierId: string, props: AddEntryProps) {
  const p = ctx.principal;
  if (!isCategory(props.category)) throw invalid('CATEGORIE_INCONNUE', `Catégorie inconnue : « ${props.category} ».`, 'category');
  const body = props.body.trim();
  if (body.length === 0) throw invalid('TEXTE_REQUIS', 'La note ne peut pas être vide.', 'body');
  if (body.length > MAX_ENTRY_LENGTH) throw invalid('TEXTE_TROP_LONG', `La note dépasse ${MAX_ENTRY_LENGTH} caractères.`, 'body');
  const { dossier, relation } = await loadDossier(ctx, dossierId, { forUpdate: true });
  // Whoever has no case page (employers) must not learn that the dossier exists.
  if (!can(p, 'read', 'administrative', relation)) throw dossierNotFound();
  if (!can(p, 'write', props.category, relation)) {
    throw forbidden(`Votre rôle ne permet pas d'écrire une note de catégorie « ${CATEGORY_LABELS[props.category]} ».`, 'CATEGORIE_NON_AUTORISEE');
  }
  const entryId = randomUUID();
  const [entry] = await ctx.record({
    action: 'dossier.entry.add',
    subjectType: 'dossier',
    subjectId: dossier.id,
    category: props.category,
    details: { entryId },
    timeline: { id: entryId, dossierId: dossier.id, kind: 'note', category: props.category, title: props.title?.trim() || null, body, sharedWithWorker: props.sharedWithWorker ?? false },
  });
  await dossiers.touchDossier(ctx.trx, p.tenantId, dossier.id, ctx.now);
  return toEntryDto(entry);
}
