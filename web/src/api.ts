/**
 * Client of the Maintien API (/api/v1): JSON over fetch with the session cookie, the CSRF
 * header on every write, and one error type carrying the server's French message.
 */

export const API_BASE = '/api/v1';

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

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (WRITE_METHODS.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}${buildQuery(options.query)}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'RESEAU', NETWORK_MESSAGE);
  }

  if (response.status === 204) return undefined as T;

  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }

  if (!response.ok) {
    const err = (data as { error?: { code?: string; message?: string; field?: string; details?: Record<string, unknown> } } | undefined)
      ?.error;
    const error = new ApiError(
      response.status,
      err?.code ?? `HTTP_${response.status}`,
      err?.message ?? GENERIC_MESSAGE,
      err?.field,
      err?.details,
    );
    if (response.status === 401 && !options.allowUnauthenticated && onUnauthorized) onUnauthorized(error);
    throw error;
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) => request<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>(path, { method: 'POST', body: body ?? {} }),
  put: <T>(path: string, body?: unknown) => request<T>(path, { method: 'PUT', body: body ?? {} }),
  patch: <T>(path: string, body?: unknown) => request<T>(path, { method: 'PATCH', body: body ?? {} }),
  delete: <T = void>(path: string) => request<T>(path, { method: 'DELETE' }),
};

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

// ---------------------------------------------------------------------------------------------
// Shapes
// ---------------------------------------------------------------------------------------------

export interface CategoryOption {
  code: string;
  label: string;
}

/** @deprecated import `Session` from './auth' (kept while other folders move off this file). */
export type { Session } from './auth';

export interface PersonRef {
  id: string;
  displayName: string;
}

export interface DossierListItem {
  id: string;
  reference: string;
  state: string;
  stateLabel: string;
  origin: string;
  originLabel: string;
  worker: PersonRef;
  company: { id: string; name: string } | null;
  nextDueDate: string | null;
  overdue: boolean;
  openedAt: string;
  updatedAt: string;
  assignees: PersonRef[];
}

export interface DossierList {
  items: DossierListItem[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<string, number>;
  overdueCount: number;
}

export interface Employment {
  id: string;
  company: { id: string; name: string; siret?: string };
  jobTitle: string | null;
  startDate: string | null;
  endDate: string | null;
}

export interface DossierAssignee {
  id: string;
  displayName: string;
  role?: string;
  roleLabel?: string;
  isReferent?: boolean;
}

export interface AllowedTransition {
  to: string;
  label: string;
  requiresReason: boolean;
}

export interface TransitionRecord {
  from: string | null;
  to: string;
  fromLabel: string | null;
  toLabel: string;
  reason: string | null;
  actorName: string | null;
  at: string;
}

export interface TimelineEntry {
  id: string;
  kind: string;
  category: string;
  categoryLabel: string;
  title: string | null;
  body: string | null;
  authorName: string | null;
  createdAt: string;
  sharedWithWorker?: boolean;
}

export interface DossierDetail {
  id: string;
  reference: string;
  state: string;
  stateLabel: string;
  origin?: string;
  originLabel?: string;
  summary?: string | null;
  openedAt: string;
  closedAt?: string | null;
  nextDueDate?: string | null;
  overdue?: boolean;
  version?: number;
  worker: {
    id: string;
    displayName: string;
    birthDate?: string | null;
    sex?: number | null;
    nirMasked?: string | null;
    nir?: string | null;
  };
  employments?: Employment[];
  assignees?: DossierAssignee[];
  allowedTransitions?: AllowedTransition[];
  transitions?: TransitionRecord[];
  timeline?: TimelineEntry[];
  writableCategories?: CategoryOption[];
}

export interface WorkerListItem {
  id: string;
  displayName: string;
  birthDate: string | null;
  companyName: string | null;
  openDossier: { id: string; reference: string; state: string; stateLabel: string } | null;
}

export interface WorkerList {
  items: WorkerListItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface WorkerDetail {
  id: string;
  displayName: string;
  birthName?: string | null;
  usageName?: string | null;
  firstNames?: string | null;
  birthDate?: string | null;
  sex?: number | null;
  nirMasked?: string | null;
  nir?: string | null;
  identityStatus?: string | null;
  identityStatusLabel?: string | null;
  email?: string | null;
  phone?: string | null;
  city?: string | null;
  employments?: Employment[];
  dossiers?: { id: string; reference: string; state: string; stateLabel: string; openedAt: string; closedAt: string | null }[];
}

export interface Company {
  id: string;
  name: string;
  siret: string;
  naf?: string | null;
  city?: string | null;
  workforce?: number | null;
}

export interface ServiceUser {
  id: string;
  displayName: string;
  role: string;
  roleLabel: string;
}

export interface EmployerSpace {
  company: { id: string; name: string; siret: string };
  workers: { id: string; displayName: string; jobTitle: string | null }[];
  recommendations: { id: string; workerName: string; title: string | null; body: string; createdAt: string }[];
}

export interface Carnet {
  worker: PersonRef;
  dossiers: {
    id: string;
    reference: string;
    state: string;
    stateLabel: string;
    openedAt: string;
    entries: { id: string; title: string | null; body: string; createdAt: string; authorName: string | null }[];
  }[];
}

export interface PartnerDossiers {
  organisation: { id: string; name: string; kindLabel: string };
  items: { id: string; reference: string; state: string; stateLabel: string; workerName: string; updatedAt: string }[];
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorLabel: string;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  category: string | null;
  purpose: string | null;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  problems: { seq: number; code: string; message: string }[];
}

export interface ApiToken {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}
