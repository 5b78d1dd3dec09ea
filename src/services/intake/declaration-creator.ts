/**
 * An employer declares an arrêt of more than 30 days (IGAS recommendation 16) for one of his
 * workers: the declaration, an `arret` (source employeur), the intake rules, and a signal
 * attached to the worker's open dossier. A worker the employer could not designate and whom
 * we cannot match is kept « À vérifier » for the cell (no arrêt, no signal until identified).
 */
import * as settingsRepo from '../../db/repositories/tenant-setting.repository';
import * as repo from '../../db/repositories/intake-signals.repository';
import * as signals from '../../db/repositories/signal.repository';
import { ensure } from '../../domain/access';
import { civilDate } from '../../domain/calendar/dates';
import { conflict, forbidden, invalid, notFound } from '../../domain/errors';
import {
  checkDeclaration,
  checkIdentity,
  DECLARATION_STATUS_LABELS,
  declarationSettings,
  frenchDate,
  identityKey,
  identityMatches,
  NATURE_LABELS,
  type DeclarationSettings,
  type DeclaredIdentity,
  type ValidDeclaration,
} from '../../domain/intake/declarations';
import type { Ctx } from '../context';
import { applyArretRules, loadRulesConfig } from './arret-rules-applier';
import { recordSignal } from './signal-recorder';

export interface DeclareArretProps {
  /** A current worker of the employer's company, picked from his list… */
  workerId?: string | null;
  /** …or the identity typed when the worker is not in the list. */
  birthName?: string | null;
  firstNames?: string | null;
  birthDate?: string | null;
  nir?: string | null;
  /** JJ/MM/AAAA or AAAA-MM-JJ. */
  startDate: string;
  expectedEndDate: string;
  nature: string;
  /** « Le salarié a été informé de la possibilité d'une visite de pré-reprise » (R4624-29, L4624-2-4). */
  workerInformedVpr?: boolean;
}

/** The threshold comes from the service's « Règles de détection », the CSV limit from its own setting. */
export async function loadDeclarationSettings(ctx: Ctx): Promise<DeclarationSettings> {
  const tenantId = ctx.principal.tenantId;
  const rules = await loadRulesConfig(ctx.trx, tenantId);
  return declarationSettings(rules, (await settingsRepo.findSetting(ctx.trx, tenantId, settingsRepo.DECLARATION_SETTINGS_KEY))?.value ?? null);
}

export function employerCompany(ctx: Ctx): string {
  ensure(ctx.principal, 'employer.declare');
  if (!ctx.principal.companyId) throw forbidden();
  return ctx.principal.companyId;
}

export async function declareArret(ctx: Ctx, props: DeclareArretProps) {
  const companyId = employerCompany(ctx);
  const today = civilDate(ctx.now);
  const settings = await loadDeclarationSettings(ctx);
  const decl = checkDeclaration(props, today, settings);
  if (!decl.ok) throw invalid(decl.code, decl.message, decl.field);

  let identity: DeclaredIdentity & { workerId: string | null };
  if (props.workerId) {
    const ok = await repo.isCurrentEmployee(ctx.trx, ctx.principal.tenantId, props.workerId, companyId, today);
    const w = ok ? await repo.findWorkerIdentity(ctx.trx, ctx.principal.tenantId, props.workerId) : undefined;
    if (!w) throw notFound('SALARIE_INTROUVABLE', "Ce salarié ne fait pas partie des salariés de votre entreprise suivis par le service.");
    identity = { workerId: w.id, birthName: w.birth_name, firstNames: w.first_names, birthDate: w.birth_date, nir: null };
  } else {
    const id = checkIdentity(props, today);
    if (!id.ok) throw invalid(id.code, id.message, id.field);
    identity = { ...id.value, workerId: await matchCompanyWorker(ctx, companyId, id.value, today) };
  }
  const r = await writeDeclaration(ctx, companyId, identity, decl.value, props.workerInformedVpr === true, 'formulaire');
  if (r.outcome === 'duplicate') {
    throw conflict('DECLARATION_DEJA_RECUE', 'Cet arrêt a déjà été déclaré pour ce salarié (même date de début) : la déclaration précédente est conservée.');
  }
  return { id: r.id, status: r.status, statusLabel: DECLARATION_STATUS_LABELS[r.status] };
}

/**
 * The company's current worker with this identity: by NIR when given and known, else by names
 * and birth date. Null unless exactly one worker matches (never a guess).
 */
export async function matchCompanyWorker(ctx: Ctx, companyId: string, id: DeclaredIdentity, today: string): Promise<string | null> {
  const candidates = await repo.findCompanyWorkersBornOn(ctx.trx, ctx.principal.tenantId, companyId, id.birthDate, today);
  if (id.nir) {
    const byNir = candidates.filter((c) => c.nir === id.nir);
    if (byNir.length === 1) return byNir[0].id;
  }
  const byName = candidates.filter((c) => identityMatches(c, id) && (!id.nir || !c.nir || c.nir === id.nir));
  return byName.length === 1 ? byName[0].id : null;
}

/**
 * Writes one declaration (form or CSV line). Idempotent: the same worker identity, company and
 * start date is a duplicate and changes nothing.
 */
export async function writeDeclaration(
  ctx: Ctx,
  companyId: string,
  identity: DeclaredIdentity & { workerId: string | null },
  d: ValidDeclaration,
  informed: boolean,
  channel: 'formulaire' | 'csv',
): Promise<{ outcome: 'accepted' | 'duplicate'; id: string; status: 'recue' | 'a_verifier' }> {
  const p = ctx.principal;
  if (identity.workerId) {
    const existing = await repo.findDeclarationOfWorker(ctx.trx, p.tenantId, companyId, identity.workerId, d.startDate);
    if (existing) return { outcome: 'duplicate', id: existing.id, status: 'recue' };
  }
  const status = identity.workerId ? 'recue' : 'a_verifier';
  const row = await repo.insertDeclaration(ctx.trx, {
    tenant_id: p.tenantId,
    company_id: companyId,
    worker_id: identity.workerId,
    status,
    birth_name: identity.birthName,
    first_names: identity.firstNames,
    birth_date: identity.birthDate,
    // The NIR is kept only while the cell has to identify the worker.
    nir: identity.workerId ? null : identity.nir,
    identity_key: identityKey(identity.birthName, identity.firstNames, identity.birthDate),
    start_date: d.startDate,
    expected_end_date: d.expectedEndDate,
    nature: d.nature,
    worker_informed_vpr: informed,
    channel,
    declared_by: p.userId,
    declared_at: ctx.now,
  });
  if (!row) return { outcome: 'duplicate', id: '', status };
  if (identity.workerId) await attachDeclaration(ctx, row.id, identity.workerId, companyId, d, informed);
  await ctx.record({ action: 'declaration.create', subjectType: 'employer_declaration', subjectId: row.id, category: 'administrative', details: { channel, status } });
  return { outcome: 'accepted', id: row.id, status };
}

/** The arrêt, the rules and the signal of a declaration whose worker is known. */
export async function attachDeclaration(ctx: Ctx, declarationId: string, workerId: string, companyId: string, d: ValidDeclaration, informed: boolean, resolved?: { by: string | null }) {
  const p = ctx.principal;
  const arret = await signals.insertArret(ctx.trx, {
    tenant_id: p.tenantId,
    worker_id: workerId,
    source: 'employeur',
    nature: d.nature,
    start_date: d.startDate,
    expected_end_date: d.expectedEndDate,
    company_id: companyId,
  });
  const reason =
    `Arrêt de travail déclaré par l'employeur : ${NATURE_LABELS[d.nature].toLowerCase()}, du ${frenchDate(d.startDate)} au ${frenchDate(d.expectedEndDate)} (fin prévue).` +
    (informed ? ' Le salarié a été informé de la possibilité d’une visite de pré-reprise.' : ' Le salarié n’a pas encore été informé de la possibilité d’une visite de pré-reprise.');
  const s = await recordSignal(ctx, {
    workerId,
    source: 'employeur',
    kind: 'declaration_arret',
    reason,
    consentGiven: false,
    arretId: arret.id,
    originTable: 'employer_declaration',
    originId: declarationId,
  });
  // After the signal: a worker without an open dossier is now in triage (one « à qualifier » task, not his rule tasks).
  await applyArretRules(ctx.trx, p.tenantId, [arret.id], ctx.now);
  await repo.linkDeclaration(ctx.trx, p.tenantId, declarationId, {
    arret_id: arret.id,
    signal_id: s.signalId,
    dossier_id: s.dossierId,
    ...(resolved ? { worker_id: workerId, status: 'recue', resolved_by: resolved.by, resolved_at: ctx.now } : {}),
  });
  return s;
}
