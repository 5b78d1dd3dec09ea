/**
 * The one error type of Maintien. Every refusal carries a stable machine code
 * (UPPER_SNAKE, never renamed once published) and a French message for the user.
 * `kind` tells the outer layers how to answer (HTTP status, CLI exit code) without
 * the domain knowing anything about HTTP.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'locked';

export class MaintienError extends Error {
  readonly code: string;
  readonly kind: ErrorKind;
  readonly field?: string;
  readonly details?: unknown;

  constructor(kind: ErrorKind, code: string, message: string, opts: { field?: string; details?: unknown } = {}) {
    super(message);
    this.name = 'MaintienError';
    this.kind = kind;
    this.code = code;
    this.field = opts.field;
    this.details = opts.details;
  }
}

export const invalid = (code: string, message: string, field?: string, details?: unknown) =>
  new MaintienError('invalid', code, message, { field, details });
export const notFound = (code: string, message: string) => new MaintienError('not_found', code, message);
export const forbidden = (message = "Vous n'avez pas accès à cette ressource.", code = 'ACCES_REFUSE') =>
  new MaintienError('forbidden', code, message);
export const conflict = (code: string, message: string, details?: unknown) =>
  new MaintienError('conflict', code, message, { details });

/** Result of a pure validation: either a value or a coded French refusal. */
export type Checked<T> = { ok: true; value: T } | { ok: false; code: string; message: string; field?: string };
