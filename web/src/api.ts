/**
 * Transport of the Maintien API (/api/v1): JSON over fetch with the session cookie, the CSRF
 * header on every write, and one error type carrying the server's French message. Calls go
 * through `call(op, …)` of client.ts; every API type comes from the contract (@contract).
 */

const API_BASE = '/api/v1';

/** An error answered by the API (`{error:{code,message,field?,details?}}`) or by the network. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly details?: Record<string, unknown>;

  constructor(status: number, code: string, message: string, field?: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.details = details;
  }
}

let csrfToken: string | null = null;

/** Token sent in `x-csrf-token` with every POST/PUT/PATCH/DELETE (from login or /auth/me). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type UnauthorizedHandler = (error: ApiError) => void;
let onUnauthorized: UnauthorizedHandler | null = null;

/** Called when a request answers 401 (session absent or expired): the app goes to /connexion. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): void {
  onUnauthorized = handler;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined | readonly string[]>;
  signal?: AbortSignal;
  /** Do not redirect to /connexion on 401 (login form, initial session probe). */
  allowUnauthenticated?: boolean;
}

export function buildQuery(query: RequestOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

const GENERIC_MESSAGE = 'Le serveur a rencontré un problème. Réessayez dans un instant.';
const NETWORK_MESSAGE = 'Le serveur est injoignable. Vérifiez votre connexion puis réessayez.';

/** Sends a request to the API (session cookie, CSRF header on writes); a network failure is RESEAU. */
async function send(path: string, options: RequestOptions, accept: string): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (WRITE_METHODS.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(`${API_BASE}${path}${buildQuery(options.query)}`, { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'RESEAU', NETWORK_MESSAGE);
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The error an unsuccessful answer carries (`{error:{code,message,field?,details?}}`), or a generic one. */
function failure(response: Response, text: string, options: RequestOptions): ApiError {
  const data = parseJson(text);
  const err = typeof data === 'object' && data !== null && 'error' in data && typeof data.error === 'object' && data.error !== null ? (data.error as Record<string, unknown>) : {};
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const details = typeof err.details === 'object' && err.details !== null ? (err.details as Record<string, unknown>) : undefined;
  const error = new ApiError(response.status, str(err.code) ?? `HTTP_${response.status}`, str(err.message) ?? GENERIC_MESSAGE, str(err.field), details);
  if (response.status === 401 && !options.allowUnauthenticated && onUnauthorized) onUnauthorized(error);
  return error;
}

/**
 * A JSON answer of the API. Typed by the caller: only web/src/client.ts calls it, with the type
 * of the operation's success answer in the contract.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(path, options, 'application/json');
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (!response.ok) throw failure(response, text, options);
  return parseJson(text) as T;
}

/** A file answered by the API (CSV, JSON lines): its name from Content-Disposition, its text and type. */
export async function requestFile(path: string, options: RequestOptions = {}): Promise<{ fileName: string | null; text: string; type: string }> {
  const response = await send(path, options, '*/*');
  const text = await response.text();
  if (!response.ok) throw failure(response, text, options);
  const disposition = response.headers.get('content-disposition') ?? '';
  return { fileName: /filename="([^"]+)"/.exec(disposition)?.[1] ?? null, text, type: response.headers.get('content-type') ?? 'text/plain' };
}

/** The French message to show for any error (ApiError or not). */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return GENERIC_MESSAGE;
}

/** The message of an error when it concerns `field`, to show next to that field. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError && error.field === field ? error.message : undefined;
}

/** The message of an error not attached to one of `shownFields` (to show above the form). */
export function formError(error: unknown, shownFields: readonly string[]): string | undefined {
  if (!error) return undefined;
  if (error instanceof ApiError && error.field && shownFields.includes(error.field)) return undefined;
  return errorMessage(error);
}

