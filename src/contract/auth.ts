/** Authentication: login (session cookie), logout, and who the caller is. */
import { Type } from '@sinclair/typebox';
import { CAPABILITIES } from '../domain/access/policy';
import { Errors, Labelled, Nullable, OneOf, Uuid } from './common';
import { defineOperation, publicAccess, sessionOnly } from './operation';

const tags = ['Authentification'];

/** The signed-in user, the CSRF token of the session and what the user may do (capabilities). */
export const Me = Type.Object({
  user: Type.Object({
    id: Uuid,
    displayName: Type.String(),
    email: Type.String(),
    role: Type.String(),
    roleLabel: Type.String(),
    organisation: Type.Object({ id: Uuid, name: Type.String(), kind: Type.String(), kindLabel: Type.String() }),
    companyId: Nullable(Uuid),
    workerId: Nullable(Uuid),
  }),
  csrfToken: Type.String(),
  capabilities: Type.Array(OneOf(CAPABILITIES)),
  writableCategories: Type.Array(Labelled),
});

export const auth = {
  login: defineOperation({
    method: 'POST',
    path: '/api/v1/auth/login',
    permission: publicAccess,
    tags,
    summary: 'Se connecter (ouvre une session, cookie HttpOnly)',
    body: Type.Object({ email: Type.String({ minLength: 3, maxLength: 254 }), password: Type.String({ minLength: 1, maxLength: 1024 }) }),
    response: { 200: Me, ...Errors(400, 401, 423, 429) },
  }),
  logout: defineOperation({
    method: 'POST',
    path: '/api/v1/auth/logout',
    permission: sessionOnly,
    tags,
    summary: 'Se déconnecter',
    response: { 204: Type.Null(), ...Errors(401, 403) },
  }),
  me: defineOperation({
    method: 'GET',
    path: '/api/v1/auth/me',
    permission: sessionOnly,
    tags,
    summary: 'Utilisateur connecté et jeton anti-CSRF',
    response: { 200: Me, ...Errors(401) },
  }),
};
