/** Administration: the accounts of the service, API tokens, the audit log. */
import { Type } from '@sinclair/typebox';
import { CAPABILITIES } from '../domain/access/policy';
import { ROLES } from '../domain/access/roles';
import { Errors, IdParams, Nullable, OneOf, Timestamp, Uuid } from './common';
import { capability, defineOperation } from './operation';

/**
 * A professional of the service (assignee pickers, filters), with what the account may do: the
 * web decides who to offer for a task from these capabilities, not from the role's name.
 */
export const StaffMember = Type.Object({
  id: Uuid,
  displayName: Type.String(),
  role: Type.String(),
  roleLabel: Type.String(),
  capabilities: Type.Array(OneOf(CAPABILITIES)),
});

export const ApiToken = Type.Object({
  id: Uuid,
  name: Type.String(),
  scopes: Type.Array(Type.String()),
  createdAt: Timestamp,
  expiresAt: Nullable(Timestamp),
  revokedAt: Nullable(Timestamp),
  lastUsedAt: Nullable(Timestamp),
});

export const AuditEvent = Type.Object({
  seq: Type.Integer(),
  at: Timestamp,
  actorLabel: Type.String(),
  action: Type.String(),
  subjectType: Type.String(),
  subjectId: Nullable(Type.String()),
  category: Nullable(Type.String()),
  purpose: Nullable(Type.String()),
});

export const AuditVerification = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  problems: Type.Array(Type.Object({ seq: Type.Integer(), code: Type.String(), message: Type.String() })),
});

export const users = {
  list: defineOperation({
    method: 'GET',
    path: '/api/v1/users',
    permission: capability('user.list'),
    tags: ['Comptes'],
    summary: 'Professionnels du service (choix des intervenants)',
    querystring: Type.Object({ role: Type.Optional(Type.String({ maxLength: 40 })) }),
    response: { 200: Type.Object({ items: Type.Array(StaffMember) }), ...Errors(400, 401, 403) },
  }),
  create: defineOperation({
    method: 'POST',
    path: '/api/v1/users',
    permission: capability('user.manage'),
    tags: ['Comptes'],
    summary: 'Créer un compte (administrateur)',
    body: Type.Object({
      email: Type.String({ maxLength: 254 }),
      displayName: Type.String({ minLength: 1, maxLength: 120 }),
      password: Type.String({ maxLength: 1024 }),
      role: OneOf(ROLES),
      organisationId: Type.Optional(Uuid),
      companyId: Type.Optional(Uuid),
      workerId: Type.Optional(Uuid),
    }),
    response: { 201: Type.Object({ id: Uuid }), ...Errors(400, 401, 403, 409) },
  }),
};

const tokenTags = ['Jetons d’API'];

export const apiTokens = {
  list: defineOperation({
    method: 'GET',
    path: '/api/v1/api-tokens',
    permission: capability('token.manage', { session: true }),
    tags: tokenTags,
    summary: "Jetons d'API du service",
    response: { 200: Type.Object({ items: Type.Array(ApiToken) }), ...Errors(401, 403) },
  }),
  create: defineOperation({
    method: 'POST',
    path: '/api/v1/api-tokens',
    permission: capability('token.manage', { session: true }),
    tags: tokenTags,
    summary: "Créer un jeton d'API (affiché une seule fois)",
    body: Type.Object({
      name: Type.String({ minLength: 1, maxLength: 100 }),
      // Checked by the service (PORTEE_INCONNUE names the unknown scope): TOKEN_SCOPES in the vocabulary.
      scopes: Type.Array(Type.String({ maxLength: 40 }), { minItems: 1, maxItems: 10 }),
      expiresInDays: Type.Optional(Type.Integer()),
      organisationId: Type.Optional(Uuid),
    }),
    response: { 201: Type.Object({ id: Uuid, token: Type.String() }), ...Errors(400, 401, 403, 404) },
  }),
  revoke: defineOperation({
    method: 'DELETE',
    path: '/api/v1/api-tokens/:id',
    permission: capability('token.manage', { session: true }),
    tags: tokenTags,
    summary: "Révoquer un jeton d'API",
    params: IdParams,
    response: { 204: Type.Null(), ...Errors(400, 401, 403, 404) },
  }),
};

export const audit = {
  search: defineOperation({
    method: 'GET',
    path: '/api/v1/audit',
    permission: capability('audit.read', { session: true }),
    tags: ['Audit'],
    summary: "Rechercher dans le journal d'audit",
    querystring: Type.Object({
      subjectType: Type.Optional(Type.String({ maxLength: 40 })),
      subjectId: Type.Optional(Type.String({ maxLength: 64 })),
      action: Type.Optional(Type.String({ maxLength: 60 })),
      actorUserId: Type.Optional(Uuid),
      beforeSeq: Type.Optional(Type.Integer({ minimum: 1 })),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    }),
    response: { 200: Type.Object({ items: Type.Array(AuditEvent) }), ...Errors(400, 401, 403) },
  }),
  verify: defineOperation({
    method: 'POST',
    path: '/api/v1/audit/verify',
    permission: capability('audit.verify', { session: true }),
    tags: ['Audit'],
    summary: "Vérifier l'intégrité du journal d'audit (chaîne de hachage)",
    response: { 200: AuditVerification, ...Errors(401, 403) },
  }),
};
