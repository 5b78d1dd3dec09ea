import { createBrowserRouter, Navigate, Outlet, useLocation } from 'react-router';
import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { errorMessage } from './api';
import { ADMIN_CAPABILITIES, homePath, SessionContext, useOptionalSession, useSessionQuery } from './auth';
import { AppLayout, BareLayout } from './components/AppLayout';
import { Loading } from './components/Loading';
import { RouteError } from './components/RouteError';
import { LoginPage } from './pages/LoginPage';
import { DossiersPage } from './pages/DossiersPage';
import { NewDossierPage } from './pages/NewDossierPage';
import { DossierPage } from './pages/DossierPage';
import { WorkerPage } from './pages/WorkerPage';
import { EmployerPage } from './pages/EmployerPage';
import { CarnetPage } from './pages/CarnetPage';
import { PartnerPage } from './pages/PartnerPage';
import { AdminPage } from './pages/AdminPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { intakeRoutes } from './intake';
import { partPublicRoutes, partRoutes } from './parts';
import { Guard } from './components/Guard';

/** Loads the session once (GET /auth/me) and provides it to the whole app. */
function SessionRoot() {
  const query = useSessionQuery();
  if (query.isPending) {
    return (
      <Center mih="100vh">
        <Loading label="Chargement de Maintien…" />
      </Center>
    );
  }
  if (query.isError) {
    return (
      <Center mih="100vh" p="md">
        <main>
          <Stack align="center">
            <Title order={1}>Maintien est momentanément indisponible</Title>
            <Text role="alert">{errorMessage(query.error)}</Text>
            <Button onClick={() => void query.refetch()}>Réessayer</Button>
          </Stack>
        </main>
      </Center>
    );
  }
  return (
    <SessionContext.Provider value={query.data ?? null}>
      <Outlet />
    </SessionContext.Provider>
  );
}

/** The authenticated part: without a session, go to /connexion and come back afterwards. */
function RequireAuth() {
  const session = useOptionalSession();
  const location = useLocation();
  if (!session) {
    const retour = `${location.pathname}${location.search}`;
    const to = retour === '/' ? '/connexion' : `/connexion?retour=${encodeURIComponent(retour)}`;
    return <Navigate to={to} replace />;
  }
  return <AppLayout />;
}

function Home() {
  const session = useOptionalSession();
  return <Navigate to={session ? homePath(session) : '/connexion'} replace />;
}

/** Unknown address: inside the app shell when logged in, alone otherwise. */
function NotFoundRoute() {
  const session = useOptionalSession();
  if (session) return <AppLayout />;
  return <BareLayout />;
}

export const STAFF = ['dossier.create', 'worklist.service'] as const;

export function createAppRouter() {
  return createBrowserRouter([
    {
      element: <SessionRoot />,
      errorElement: <RouteError />,
      children: [
        { path: '/connexion', element: <LoginPage /> },
        ...partPublicRoutes,
        {
          element: <RequireAuth />,
          errorElement: <RouteError />,
          children: [
            { index: true, element: <Home /> },
            { path: 'dossiers', element: <Guard any={STAFF}><DossiersPage /></Guard> },
            { path: 'dossiers/nouveau', element: <Guard any={['dossier.create']}><NewDossierPage /></Guard> },
            { path: 'dossiers/:id', element: <DossierPage /> },
            { path: 'salaries/:id', element: <Guard any={['worker.search', 'worker.create']}><WorkerPage /></Guard> },
            { path: 'employeur', element: <Guard any={['employer.space']}><EmployerPage /></Guard> },
            { path: 'carnet', element: <Guard any={['worker.space']}><CarnetPage /></Guard> },
            { path: 'partenaire', element: <Guard any={['partner.space']}><PartnerPage /></Guard> },
            { path: 'admin', element: <Guard any={ADMIN_CAPABILITIES}><AdminPage /></Guard> },
            ...intakeRoutes,
            ...partRoutes,
          ],
        },
        {
          element: <NotFoundRoute />,
          children: [{ path: '*', element: <NotFoundPage /> }],
        },
      ],
    },
  ]);
}
