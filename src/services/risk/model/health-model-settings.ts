/**
 * The service's health-record model (component 1 of the IRDP, contract C3): which model file the
 * index uses for this tenant. A user with `risk.configure` installs a model file (validated by
 * `parseHealthModel`) or goes back to the default one; the health professionals may read which
 * model is in use. Every suggestion of the service (worker page, signing, bulk scoring, demo)
 * reads it through `loadHealthModel`. A configuration change: audited, no health data.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import * as repo from '../../../db/repositories/risk-model.repository';
import * as settingsRepo from '../../../db/repositories/tenant-setting.repository';
import { ensure, has } from '../../../domain/access';
import { forbidden, invalid, MaintienError } from '../../../domain/errors';
import { DEFAULT_HEALTH_MODEL, HEALTH_FEATURES, logistic, parseHealthModel, UNVALIDATED_MODEL_LABEL, type HealthModel } from '../../../domain/risk/health-model';
import { MODEL_FILE_MAX_LENGTH } from '../../../domain/risk/model-file';
import type { Ctx } from '../../context';
import { readHealthModel } from '../evaluation/evaluation-runner';

interface StoredModel {
  model: unknown;
  fileName?: string | null;
  installedByName?: string | null;
}

type Row = Awaited<ReturnType<typeof repo.findHealthModelSetting>>;

/** The stored model, re-validated (a row that no longer passes the validation is ignored: default model). */
function modelOf(row: Row): { model: HealthModel; stored: StoredModel | null; storedError: string | null } {
  if (!row) return { model: DEFAULT_HEALTH_MODEL, stored: null, storedError: null };
  const stored = (row.value ?? {}) as StoredModel;
  try {
    return { model: parseHealthModel(stored.model), stored, storedError: null };
  } catch (err) {
    return { model: DEFAULT_HEALTH_MODEL, stored, storedError: err instanceof MaintienError ? err.message : 'Modèle enregistré illisible.' };
  }
}

/** The model the index of this tenant uses (the default one when the service installed none). */
export async function loadHealthModel(db: Kysely<DB>, tenantId: string): Promise<HealthModel> {
  return modelOf(await repo.findHealthModelSetting(db, tenantId)).model;
}

/** Same, for a service acting in a context. */
export function serviceHealthModel(ctx: Ctx): Promise<HealthModel> {
  return loadHealthModel(ctx.trx, ctx.principal.tenantId);
}

/** A model file's text → a validated model; 400 MODELE_SANTE_INVALIDE with a French message otherwise. */
export function parseHealthModelFile(content: string): HealthModel {
  if (content.length > MODEL_FILE_MAX_LENGTH) {
    throw invalid('MODELE_SANTE_INVALIDE', `Le fichier de modèle dépasse ${MODEL_FILE_MAX_LENGTH.toLocaleString('fr-FR')} caractères : ce n'est pas un fichier de modèle.`, 'content');
  }
  return readHealthModel(content, 'content');
}

const LABELS = new Map(HEALTH_FEATURES.map((f, i) => [f.name, { label: f.label, order: i }]));
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** What the page shows: the model in use, who installed it, its coefficients as odds ratios. */
function settingsDto(ctx: Ctx, row: Row) {
  const { model, stored, storedError } = modelOf(row);
  const isDefault = stored === null || storedError !== null;
  const coefficients = Object.entries(model.coefficients)
    .map(([name, coefficient]) => ({ name, label: LABELS.get(name)?.label ?? name, coefficient, oddsRatio: round(Math.exp(coefficient), 4) }))
    .sort((a, b) => (LABELS.get(a.name)?.order ?? 99) - (LABELS.get(b.name)?.order ?? 99));
  return {
    isDefault,
    model: {
      id: model.id,
      version: model.version,
      label: model.label,
      validated: model.validated,
      warning: model.validated ? null : UNVALIDATED_MODEL_LABEL,
      source: model.source,
      intercept: model.intercept,
      /** Probability of a worker with every feature at 0 (the reference profile). */
      baselineProbability: round(logistic(model.intercept), 4),
      thresholds: model.thresholds,
      calibratedOn: model.calibratedOn ?? null,
    },
    coefficients,
    installedAt: isDefault ? null : (row?.updated_at ?? null),
    installedBy: isDefault ? null : (stored?.installedByName ?? null),
    fileName: isDefault ? null : (stored?.fileName ?? null),
    /** A stored model that no longer passes the validation (the default one is used meanwhile). */
    storedModelError: storedError,
    defaultModel: { id: DEFAULT_HEALTH_MODEL.id, version: DEFAULT_HEALTH_MODEL.version },
    mayConfigure: has(ctx.principal, 'risk.configure'),
  };
}

/** Who may read which model is in use: those who configure it, health professionals, evaluators. */
function ensureMayRead(ctx: Ctx) {
  const p = ctx.principal;
  if (has(p, 'risk.configure') || has(p, 'risk.assess') || has(p, 'risk.evaluate')) return;
  if (p.kind === 'token') ensure(p, 'risk.configure');
  throw forbidden("Seuls les professionnels de santé et l'administrateur consultent le modèle de l'indice.");
}

export async function readHealthModelSettings(ctx: Ctx) {
  ensureMayRead(ctx);
  return settingsDto(ctx, await repo.findHealthModelSetting(ctx.trx, ctx.principal.tenantId));
}

/** Installs a model file (JSON text of contract C3) as the service's model. */
export async function installHealthModel(ctx: Ctx, props: { content: string; fileName?: string | null }) {
  const p = ctx.principal;
  ensure(p, 'risk.configure', "Seuls le médecin du travail et l'administrateur changent le modèle de l'indice.");
  const model = parseHealthModelFile(props.content);
  const fileName = props.fileName?.trim().slice(0, 200) || null;
  await repo.saveHealthModelSetting(ctx.trx, p.tenantId, { model, fileName, installedByName: p.label }, p.userId, ctx.now);
  await ctx.record({
    action: 'settings.update',
    subjectType: 'tenant_setting',
    subjectId: null,
    category: 'administrative',
    details: { key: settingsRepo.HEALTH_MODEL_SETTING_KEY, modelId: model.id, modelVersion: model.version, validated: model.validated, fileName },
  });
  return readHealthModelSettings(ctx);
}

/** Back to the default model shipped with Maintien. */
export async function resetHealthModel(ctx: Ctx) {
  const p = ctx.principal;
  ensure(p, 'risk.configure', "Seuls le médecin du travail et l'administrateur changent le modèle de l'indice.");
  const removed = await repo.deleteHealthModelSetting(ctx.trx, p.tenantId);
  if (removed) {
    await ctx.record({
      action: 'settings.update',
      subjectType: 'tenant_setting',
      subjectId: null,
      category: 'administrative',
      details: { key: settingsRepo.HEALTH_MODEL_SETTING_KEY, reset: true, modelId: DEFAULT_HEALTH_MODEL.id, modelVersion: DEFAULT_HEALTH_MODEL.version },
    });
  }
  return readHealthModelSettings(ctx);
}
