import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import 'dayjs/locale/fr';
import './styles.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router/dom';
import dayjs from 'dayjs';
import { ApiError, setUnauthorizedHandler } from './api';
import { SESSION_KEY } from './auth';
import { createAppRouter } from './router';
import { cssVariablesResolver, theme } from './theme';

dayjs.locale('fr');

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) will not change by asking again; a network hiccup may.
      retry: (failureCount, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
      refetchOnWindowFocus: false,
      staleTime: 15_000,
    },
    mutations: { retry: false },
  },
});

const router = createAppRouter();

// 401 on any request: the session ended; go to the login page and come back afterwards.
setUnauthorizedHandler(() => {
  const { pathname, search } = window.location;
  queryClient.setQueryData(SESSION_KEY, null);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
  if (!pathname.startsWith('/connexion')) {
    const retour = `${pathname}${search}`;
    void router.navigate(`/connexion?retour=${encodeURIComponent(retour)}`, { replace: true });
  }
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <DatesProvider settings={{ locale: 'fr', firstDayOfWeek: 1, weekendDays: [0, 6] }}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  </StrictMode>,
);
