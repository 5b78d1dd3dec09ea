/**
 * Turns every failure into `{ error: { code, message, field? } }` with a French message.
 * Bad input never becomes a 500: schema errors, malformed JSON, wrong content types and
 * database input errors all map to 4xx answers.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { MaintienError, type ErrorKind } from '../domain/errors';

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
  rate_limited: 429,
};

export function errorBody(code: string, message: string, field?: string, details?: unknown) {
  return { error: { code, message, ...(field ? { field } : {}), ...(details !== undefined ? { details } : {}) } };
}

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

const PLACES: Record<string, string> = { body: 'corps de la requête', querystring: 'paramètre', params: 'chemin', headers: 'en-tête' };

/** French wording of one schema violation. */
export function describeValidation(e: AjvError, context: string): { field: string; message: string } {
  const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const missing = e.keyword === 'required' ? String(e.params.missingProperty ?? '') : '';
  const field = [path, missing].filter(Boolean).join('.') || context;
  const name = `« ${field} »`;
  switch (e.keyword) {
    case 'required':
      return { field, message: `Le champ ${name} est obligatoire.` };
    case 'type':
      return { field, message: `Le champ ${name} doit être ${typeLabel(String(e.params.type))}.` };
    case 'format':
    case 'pattern':
      return { field, message: `Le champ ${name} n'a pas le format attendu${formatHint(String(e.params.format ?? ''))}.` };
    case 'enum':
      return { field, message: `Le champ ${name} doit valoir l'une des valeurs : ${((e.params.allowedValues as unknown[]) ?? []).join(', ')}.` };
    case 'const':
      return { field, message: `Le champ ${name} doit valoir ${String(e.params.allowedValue)}.` };
    case 'minLength':
      return { field, message: `Le champ ${name} doit comporter au moins ${e.params.limit} caractère(s).` };
    case 'maxLength':
      return { field, message: `Le champ ${name} ne peut pas dépasser ${e.params.limit} caractères.` };
    case 'minimum':
      return { field, message: `Le champ ${name} doit être supérieur ou égal à ${e.params.limit}.` };
    case 'maximum':
      return { field, message: `Le champ ${name} doit être inférieur ou égal à ${e.params.limit}.` };
    case 'minItems':
      return { field, message: `Le champ ${name} doit contenir au moins ${e.params.limit} élément(s).` };
    case 'maxItems':
      return { field, message: `Le champ ${name} ne peut pas contenir plus de ${e.params.limit} éléments.` };
    case 'additionalProperties':
      return { field: String(e.params.additionalProperty ?? field), message: `Le champ « ${String(e.params.additionalProperty)} » n'est pas attendu.` };
    default:
      return { field, message: `Le ${PLACES[context] ?? 'champ'} ${name} est invalide.` };
  }
}

function typeLabel(t: string): string {
  return ({ string: 'un texte', integer: 'un nombre entier', number: 'un nombre', boolean: 'vrai ou faux', array: 'une liste', object: 'un objet', null: 'vide' } as Record<string, string>)[t] ?? t;
}

function formatHint(f: string): string {
  return ({ uuid: ' (identifiant UUID)', date: ' (AAAA-MM-JJ)', 'date-time': ' (date et heure ISO 8601)', email: ' (adresse e-mail)' } as Record<string, string>)[f] ?? '';
}


export function sendError(err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (err instanceof MaintienError) {
    return reply.status(STATUS[err.kind]).send(errorBody(err.code, err.message, err.field, err.details));
  }
  const e = err as FastifyError & { validation?: AjvError[]; validationContext?: string; code?: string };
  if (e.validation && e.validation.length > 0) {
    const first = describeValidation(e.validation[0], e.validationContext ?? 'body');
    const all = e.validation.map((v) => describeValidation(v, e.validationContext ?? 'body'));
    return reply.status(400).send(errorBody('REQUETE_INVALIDE', first.message, first.field, all.length > 1 ? { errors: all } : undefined));
  }
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return reply.status(400).send(errorBody('JSON_INVALIDE', "Le corps de la requête n'est pas un JSON valide."));
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return reply.status(415).send(errorBody('TYPE_DE_CONTENU_NON_PRIS_EN_CHARGE', 'Envoyez le corps de la requête en JSON (Content-Type: application/json).'));
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return reply.status(413).send(errorBody('CORPS_TROP_VOLUMINEUX', 'Le corps de la requête est trop volumineux.'));
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return reply.status(400).send(errorBody('REQUETE_INVALIDE', 'La longueur annoncée du corps de la requête est incorrecte.'));
  }
  if (err instanceof SyntaxError && (e.statusCode === 400 || e.statusCode === undefined)) {
    return reply.status(400).send(errorBody('JSON_INVALIDE', "Le corps de la requête n'est pas un JSON valide."));
  }
  // SQLSTATE class 22 (data exception): the input could not be stored as given.
  if (typeof e.code === 'string' && /^22[0-9A-Z]{3}$/.test(e.code)) {
    return reply.status(400).send(errorBody('REQUETE_INVALIDE', 'Une des valeurs envoyées est invalide.'));
  }
  if (e.code === '23505') return reply.status(409).send(errorBody('CONFLIT', 'Cette donnée existe déjà.'));
  if (e.code === '23503') return reply.status(400).send(errorBody('REFERENCE_INVALIDE', 'La requête désigne un élément qui n’existe pas.'));
  if (e.code === '40001' || e.code === '40P01') return reply.status(409).send(errorBody('CONFLIT', 'Modification concurrente : réessayez.'));
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    if (e.statusCode === 429) return reply.status(429).send(errorBody('TROP_DE_REQUETES', 'Trop de tentatives : patientez une minute avant de réessayer.'));
    return reply.status(e.statusCode).send(errorBody('REQUETE_INVALIDE', 'La requête est invalide.'));
  }
  // Unexpected: log the error class and code only (a message may quote user data).
  request.log.error({ err: { type: err.name, code: e.code, stack: err.stack?.split('\n').slice(1, 7).join('\n') } }, 'erreur interne');
  return reply.status(500).send(errorBody('ERREUR_INTERNE', 'Une erreur interne est survenue. Réessayez ; si elle persiste, contactez votre administrateur.'));
}

/** True when a JSON value holds a NUL character anywhere (PostgreSQL text cannot store it). */
export function containsNul(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some((v) => containsNul(v, depth + 1));
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v, depth + 1));
  return false;
}
