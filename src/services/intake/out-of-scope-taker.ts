/**
 * « Prendre en charge » a flux line kept « Hors périmètre » (issue 14 item 2): the line's company
 * has joined the service (it is now a member company) — or the line had no SIRET, or one unknown
 * to the service, and the cell names the member company the worker belongs to. The line then gets
 * exactly what an in-scope line gets, by the pipeline itself (src/ingest/arrets/pipeline.ts): the
 * line as received (`flux_out_of_scope.payload`) is validated again (domain/intake/flux-line.ts),
 * its « hors périmètre » flux_message is removed, and it runs as a one-line chunk of its own batch
 * and line number — worker matched by NIR or created (a diverging identity goes to « Identités à
 * rapprocher », never merged), arrêt, signal, triage item « À qualifier » or the worker's open
 * dossier — then the intake rules run on its arrêt, as the flux ingester does.
 *
 * Lines are applied one by one in the order the flux received them (an episode's initial before
 * its prolongation), each inside a savepoint: a line the pipeline rejects (dates incoherent with
 * the arrêt known meanwhile) leaves no trace and is reported. A line already taken on is reported
 * and left as it is (idempotent). The stored content hash is kept, so the same line sent again by
 * the issuer is a duplicate. One audit event per line taken on (no identity in it).
 *
 * Also here: the list of out-of-scope lines with their company's membership, and the line as
 * received (« Voir »: identity included, read by the reconcilers only, audited).
 */
import type { PGlite } from '@electric-sql/pglite';
import { MAX_TAKE_ON } from '../../contract/intake/triage';
import { restoreForeignKeyChecks } from '../../db/repositories/bulk-session.repository';
import * as flux from '../../db/repositories/flux.repository';
import * as repo from '../../db/repositories/out-of-scope.repository';
import { ensure } from '../../domain/access';
import { formatSiret } from '../../domain/identity/siret';
import { invalid, MaintienError, notFound } from '../../domain/errors';
import { FLUX_FIELDS, MESSAGE_TYPE_LABELS, validateFluxLine, type MessageType, type RawLine } from '../../domain/intake/flux-line';
import { OUT_OF_SCOPE_ANSWER, OUT_OF_SCOPE_STATUS_LABELS, type OutOfScopeStatus } from '../../domain/intake/triage';
import { NATURE_LABELS } from '../../domain/intake/rules';
import { processChunk } from '../../ingest/arrets/pipeline';
import type { Ctx } from '../context';
import { applyArretRules } from './arret-rules-applier';
import { motifLabel, readQuarantinePayload } from './quarantine-payload';

/** At most this many lines in one take-on (each runs the pipeline's statements; a page of the list is 50). */
export { MAX_TAKE_ON };

export interface TakeOnProps {
  ids: string[];
  /** The member company the worker belongs to, for lines whose SIRET is absent or unknown to the service. */
  companyId?: string | null;
}

export interface TakeOnNote {
  id: string;
  code: string;
  message: string;
}

export interface TakenLine {
  id: string;
  /** 'accepte': worker, arrêt, signal; 'quarantaine': the identity diverges from the known worker's (« Identités à rapprocher »). */
  outcome: 'accepte' | 'quarantaine';
  workerId: string | null;
  arretId: string | null;
  triageItemId: string | null;
  dossierId: string | null;
}

const REFUSAL = {
  notFound: () => ({ code: 'LIGNE_INTROUVABLE', message: 'Cette ligne hors périmètre n’existe pas : rechargez la liste.' }),
  already: () => ({ code: 'DEJA_PRIS_EN_CHARGE', message: 'Cette ligne a déjà été prise en charge.' }),
  lineNotMember: (siret: string) => ({
    code: 'ENTREPRISE_NON_ADHERENTE',
    message: `L’entreprise (SIRET ${formatSiret(siret)}) n’est pas adhérente du service : enregistrez son adhésion avant de prendre la ligne en charge.`,
  }),
  namedNotMember: (name: string) => ({
    code: 'ENTREPRISE_NON_ADHERENTE',
    message: `L’entreprise « ${name} » n’est pas adhérente du service : choisissez une entreprise adhérente.`,
  }),
  companyNeeded: (siret: string | null) => ({
    code: 'ENTREPRISE_A_DESIGNER',
    message: siret
      ? `Le SIRET de l’employeur (${formatSiret(siret)}) est inconnu du service : désignez l’entreprise adhérente du salarié.`
      : 'Le SIRET de l’employeur est absent de la ligne : désignez l’entreprise adhérente du salarié.',
  }),
  unreadable: (message: string) => ({ code: 'LIGNE_ILLISIBLE', message: `La ligne conservée ne peut pas être relue : ${message}` }),
};


/** The stored line (flux_out_of_scope.payload, the format's field names) as a raw line of the format. */
function rawLineOf(payload: unknown): RawLine {
  const o = (typeof payload === 'string' ? JSON.parse(payload) : payload ?? {}) as Record<string, unknown>;
  return FLUX_FIELDS.map((f) => (o[f] === undefined || o[f] === null ? undefined : String(o[f])));
}

export async function takeOnOutOfScope(ctx: Ctx, pglite: PGlite | undefined, props: TakeOnProps) {
  const p = ctx.principal;
  ensure(p, 'dossier.create', 'Votre rôle ne permet pas de prendre en charge une ligne hors périmètre.');
  const tenantId = p.tenantId;
  const ids = [...new Set(props.ids ?? [])];
  if (ids.length === 0) throw invalid('SELECTION_REQUISE', 'Choisissez au moins une ligne.', 'ids');
  if (ids.length > MAX_TAKE_ON) throw invalid('SELECTION_TROP_GRANDE', `Au plus ${MAX_TAKE_ON} lignes à la fois.`, 'ids');
  const named = props.companyId ? await repo.findCompany(ctx.trx, tenantId, props.companyId) : undefined;
  if (props.companyId && !named) throw notFound('ENTREPRISE_INTROUVABLE', 'Cette entreprise n’existe pas dans le service.');

  const locked = await repo.lockLines(ctx.trx, tenantId, ids);
  const found = new Set(locked.map((l) => l.id));
  const refused: TakeOnNote[] = ids.filter((id) => !found.has(id)).map((id) => ({ id, ...REFUSAL.notFound() }));
  const already: TakeOnNote[] = [];
  const taken: TakenLine[] = [];
  const arretIds: string[] = [];

  for (const l of locked) {
    if (l.status !== 'hors_perimetre') {
      already.push({ id: l.id, ...REFUSAL.already() });
      continue;
    }
    const checked = validateFluxLine(rawLineOf(l.payload), l.line, l.file_date);
    if (!checked.ok) {
      refused.push({ id: l.id, ...REFUSAL.unreadable(checked.rejection.message) });
      continue;
    }
    const value = checked.value;
    // Which company the line is about: its own when a member; else, SIRET absent or unknown, the
    // one the cell names (an episode the service follows meanwhile needs none: the pipeline keeps it).
    let siret = value.siret;
    if (l.company_id !== null) {
      if (!l.company_member) {
        refused.push({ id: l.id, ...REFUSAL.lineNotMember(l.siret!) });
        continue;
      }
    } else if (named) {
      if (!named.member) {
        refused.push({ id: l.id, ...REFUSAL.namedNotMember(named.name) });
        continue;
      }
      siret = named.siret;
    } else if (!(await repo.episodeKnown(ctx.trx, tenantId, value.emetteur, value.idArret))) {
      refused.push({ id: l.id, ...REFUSAL.companyNeeded(l.siret) });
      continue;
    }

    // The hash the message was recorded with: the issuer's re-sent line stays a duplicate.
    const hash = (await repo.findMessageHash(ctx.trx, tenantId, l.emetteur, l.id_message)) ?? value.hash;
    await repo.savepoint(ctx.trx);
    await repo.deleteOutOfScopeMessage(ctx.trx, tenantId, l.emetteur, l.id_message);
    const r = await processChunk(ctx.trx, pglite, {
      tenantId,
      batchId: l.batch_id,
      now: ctx.now,
      authorUserId: p.userId,
      authorOrganisationId: p.organisationId,
      authorName: p.label,
      valid: [{ ...value, siret, hash }],
      rejected: [],
    });
    if (r.accepted === 1 || r.quarantined === 1) {
      const o = await repo.findMessageOutcome(ctx.trx, tenantId, l.emetteur, l.id_message);
      await repo.markTakenOn(ctx.trx, tenantId, l.id, { userId: p.userId, at: ctx.now });
      await repo.releaseSavepoint(ctx.trx);
      arretIds.push(...r.arretIds);
      taken.push({
        id: l.id,
        outcome: r.accepted === 1 ? 'accepte' : 'quarantaine',
        workerId: o?.worker_id ?? null,
        arretId: o?.arret_id ?? null,
        triageItemId: o?.triage_item_id ?? null,
        dossierId: o?.dossier_id ?? null,
      });
      continue;
    }
    // Rejected by the pipeline (dates incoherent with the arrêt known now) or still out of scope.
    const rejection = r.rejected === 1 ? await repo.findRejection(ctx.trx, tenantId, l.batch_id, l.line) : undefined;
    await repo.rollbackToSavepoint(ctx.trx);
    await repo.releaseSavepoint(ctx.trx);
    refused.push({
      id: l.id,
      ...(rejection
        ? { code: rejection.code, message: rejection.message }
        : l.siret
          ? REFUSAL.lineNotMember(l.siret)
          : REFUSAL.companyNeeded(null)),
    });
  }

  if (taken.length > 0) {
    // The chunk turned the per-row foreign-key checks off on the embedded engine: back on for the rest.
    if (pglite) await restoreForeignKeyChecks(ctx.trx);
    if (arretIds.length > 0) {
      await flux.refreshGrownTableStats(ctx.trx);
      await applyArretRules(ctx.trx, tenantId, [...new Set(arretIds)], ctx.now);
    }
    const byId = new Map(locked.map((l) => [l.id, l]));
    for (const x of taken) {
      const l = byId.get(x.id)!;
      await ctx.record({
        action: 'flux.out_of_scope.take_on',
        subjectType: 'flux_out_of_scope',
        subjectId: x.id,
        category: 'administrative',
        details: { batchId: l.batch_id, line: l.line, outcome: x.outcome, workerId: x.workerId, arretId: x.arretId, companyId: l.company_id ?? named?.id ?? null },
      });
    }
  } else if (already.length === 0 && refused.length > 0) {
    // Nothing could be taken on: a refusal, with the reason (one code when they all agree).
    const codes = new Set(refused.map((r) => r.code));
    const code = codes.size === 1 ? refused[0].code : 'AUCUNE_LIGNE_PRISE_EN_CHARGE';
    const message = refused.length === 1 || codes.size === 1 ? refused[0].message : `Aucune ligne n’a pu être prise en charge : ${refused[0].message}`;
    throw new MaintienError(code === 'LIGNE_INTROUVABLE' ? 'not_found' : 'conflict', code, message, { details: { refused } });
  }

  return {
    takenOn: taken.length,
    quarantined: taken.filter((x) => x.outcome === 'quarantaine').length,
    lines: taken,
    already,
    refused,
  };
}

/** « Voir » : the line as received (identity included): read by those who reconcile identities, audited. */
export async function readOutOfScopeLine(ctx: Ctx, id: string) {
  ensure(ctx.principal, 'quarantine.resolve', 'Votre rôle ne permet pas de lire l’identité transmise par le flux.');
  const o = await repo.findLine(ctx.trx, ctx.principal.tenantId, id);
  if (!o) throw notFound('LIGNE_INTROUVABLE', 'Cette ligne hors périmètre n’existe pas : rechargez la liste.');
  await ctx.record({ action: 'flux.out_of_scope.read', subjectType: 'flux_out_of_scope', subjectId: o.id, category: 'sensitive', details: { batchId: o.batch_id, line: o.line } });
  const l = readQuarantinePayload(o.payload);
  return {
    id: o.id,
    batchId: o.batch_id,
    fileName: o.file_name,
    line: o.line,
    issuer: o.emetteur,
    messageId: o.id_message,
    status: o.status,
    statusLabel: OUT_OF_SCOPE_STATUS_LABELS[o.status as OutOfScopeStatus] ?? o.status,
    receivedAt: o.created_at,
    resolvedAt: o.resolved_at,
    resolvedByName: o.resolved_by_name,
    answer: OUT_OF_SCOPE_ANSWER,
    company: o.company_id ? { id: o.company_id, name: o.company_name!, member: Boolean(o.company_member) } : null,
    received: {
      nir: l.nir,
      birthName: l.birthName,
      firstNames: l.firstNames,
      birthDate: l.birthDate,
      sex: l.sex,
      siret: l.siret,
      arretId: l.idArret,
      type: l.type,
      typeLabel: MESSAGE_TYPE_LABELS[l.type as MessageType] ?? l.type,
      startDate: l.startDate,
      expectedEndDate: l.expectedEndDate,
      actualEndDate: l.actualEndDate,
      nature: l.nature,
      natureLabel: (NATURE_LABELS as Readonly<Record<string, string>>)[l.nature] ?? l.nature,
      motif: l.motif,
      motifLabel: motifLabel(l.motif),
      ald: l.ald,
      tpt: l.tpt,
      consentDate: l.consentDate,
    },
  };
}
