/** API tokens for machine clients: created (shown once), listed, revoked. */
import { randomBytes } from 'node:crypto';
import * as orgs from '../../db/repositories/organisation.repository';
import * as users from '../../db/repositories/user.repository';
import { ensure, isTokenScope } from '../../domain/access';
import { invalid, notFound } from '../../domain/errors';
import type { Ctx } from '../context';
import { sha256 } from '../auth/session-opener';
import { API_TOKEN_PREFIX } from '../auth/session-resolver';

export const MAX_TOKEN_DAYS = 730;

export async function createApiToken(ctx: Ctx, props: { name: string; scopes: string[]; expiresInDays?: number; organisationId?: string }) {
  const p = ctx.principal;
  ensure(p, 'token.manage');
  const name = props.name.trim();
  if (!name) throw invalid('CHAMP_MANQUANT', 'Donnez un nom au jeton (par exemple « Flux CPAM du Nord »).', 'name');
  const scopes = [...new Set(props.scopes)];
  if (scopes.length === 0) throw invalid('PORTEE_REQUISE', 'Choisissez au moins une portée.', 'scopes');
  const bad = scopes.find((s) => !isTokenScope(s));
  if (bad) throw invalid('PORTEE_INCONNUE', `Portée inconnue : « ${bad} ».`, 'scopes');
  const days = props.expiresInDays;
  if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS)) {
    throw invalid('DUREE_INVALIDE', `La durée de validité doit être comprise entre 1 et ${MAX_TOKEN_DAYS} jours.`, 'expiresInDays');
  }
  let organisationId = p.organisationId;
  if (props.organisationId) {
    const org = await orgs.findOrganisation(ctx.trx, p.tenantId, props.organisationId);
    if (!org) throw notFound('ORGANISATION_INTROUVABLE', "Cette organisation n'existe pas.");
    organisationId = org.id;
  }
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const row = await users.insertApiToken(ctx.trx, {
    tenant_id: p.tenantId,
    name,
    token_hash: sha256(token),
    scopes,
    organisation_id: organisationId,
    created_by: p.userId,
    expires_at: days ? new Date(ctx.now.getTime() + days * 86_400_000) : null,
  });
  await ctx.record({ action: 'token.create', subjectType: 'api_token', subjectId: row.id, category: 'administrative', details: { scopes } });
  return { id: row.id, token };
}

export async function listApiTokens(ctx: Ctx) {
  ensure(ctx.principal, 'token.manage');
  const rows = await users.listApiTokens(ctx.trx, ctx.principal.tenantId);
  return {
    items: rows.map((r) => ({ id: r.id, name: r.name, scopes: r.scopes, createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at, lastUsedAt: r.last_used_at })),
  };
}

export async function revokeApiToken(ctx: Ctx, id: string) {
  ensure(ctx.principal, 'token.manage');
  const n = await users.revokeApiToken(ctx.trx, ctx.principal.tenantId, id, ctx.now);
  if (n === 0) throw notFound('JETON_INTROUVABLE', "Ce jeton n'existe pas ou est déjà révoqué.");
  await ctx.record({ action: 'token.revoke', subjectType: 'api_token', subjectId: id, category: 'administrative' });
}
