import { createContext, useContext } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { auth, type Capability, type ResponseOf } from '@contract';
import { ApiError, setCsrfToken } from './api';
import { call } from './client';

/** The signed-in user, the CSRF token and the capabilities (GET /auth/me, or the login's answer). */
export type Session = ResponseOf<typeof auth.me>;

export const SESSION_KEY = ['session'] as const;

/** GET /auth/me: the session, or null when nobody is logged in. */
export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await call(auth.me, { allowUnauthenticated: true });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export function useSessionQuery() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: fetchSession,
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
  });
}

/** Stores a session obtained by the login form. */
export function useSetSession() {
  const client = useQueryClient();
  return (session: Session | null) => {
    setCsrfToken(session?.csrfToken ?? null);
    client.setQueryData(SESSION_KEY, session);
  };
}

export const SessionContext = createContext<Session | null>(null);

/** The current session, inside the authenticated part of the app. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() hors de la partie authentifiée');
  return session;
}

/** The session if any (404 page, login page). */
export function useOptionalSession(): Session | null {
  return useContext(SessionContext);
}

export function can(session: Session | null | undefined, capability: Capability): boolean {
  return !!session && session.capabilities.includes(capability);
}

export function canAny(session: Session | null | undefined, capabilities: readonly Capability[]): boolean {
  return capabilities.some((c) => can(session, c));
}

export const ADMIN_CAPABILITIES: readonly Capability[] = ['user.manage', 'audit.read', 'token.manage'];

/** Staff of the cell and administrators work from the worklist. */
export function hasWorklist(session: Session | null | undefined): boolean {
  return canAny(session, ['dossier.create', 'worklist.service']);
}

/**
 * Where a user lands after login, by capabilities: the space of the people outside the cell
 * first (an employer, a worker or a partner's agent has a space, never the worklist), then the
 * worklist, then the administration.
 */
export function homePath(session: Session): string {
  if (can(session, 'employer.space')) return '/employeur';
  if (can(session, 'worker.space')) return '/carnet';
  if (can(session, 'partner.space')) return '/partenaire';
  if (hasWorklist(session)) return '/dossiers';
  if (canAny(session, ADMIN_CAPABILITIES)) return '/admin';
  return '/dossiers';
}

/** A `retour` parameter is followed only when it is a path of this app. */
export function safeReturnPath(value: string | null): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/connexion')) return null;
  return value;
}
