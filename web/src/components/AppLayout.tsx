import { useEffect, useRef } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { Anchor, AppShell, Badge, Box, Burger, Button, Group, NavLink, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { auth, navigation } from '@contract';
import { setCsrfToken } from '../api';
import { call } from '../client';
import { intakeNavEntries } from '../intake';
import { partNavEntries } from '../parts';
import type { NavCounts, NavEntry } from '../intake/channel';
import { ADMIN_CAPABILITIES, can, canAny, hasWorklist, homePath, SESSION_KEY, useSession } from '../auth';


const NAV_COUNTS_KEY = ['navigation', 'counts'];

/**
 * The navigation badges: one request for every count the user may see. Any change made in the
 * app (a task done, a line reconciled, a declaration attached…) may move a count, so every
 * successful mutation refreshes them — unless it ended the session (logout).
 */
function useNavCounts(): NavCounts {
  const client = useQueryClient();
  const q = useQuery({
    queryKey: NAV_COUNTS_KEY,
    queryFn: ({ signal }) => call(navigation.counts, { signal }),
    staleTime: 60_000,
  });
  useEffect(
    () =>
      client.getMutationCache().subscribe((event) => {
        if (event.type === 'updated' && event.action.type === 'success' && client.getQueryData(SESSION_KEY)) {
          void client.invalidateQueries({ queryKey: NAV_COUNTS_KEY });
        }
      }),
    [client],
  );
  return q.data ?? {};
}

function useNavEntries(): NavEntry[] {
  const session = useSession();
  const counts = useNavCounts();
  const entries: NavEntry[] = [];
  if (hasWorklist(session)) entries.push({ to: '/dossiers', label: 'Mes dossiers' });
  if (can(session, 'employer.space')) entries.push({ to: '/employeur', label: 'Espace employeur' });
  if (can(session, 'worker.space')) entries.push({ to: '/carnet', label: 'Mon carnet' });
  if (can(session, 'partner.space')) entries.push({ to: '/partenaire', label: 'Dossiers partagés' });
  entries.push(...intakeNavEntries(session, counts));
  entries.push(...partNavEntries(session, counts));
  if (canAny(session, ADMIN_CAPABILITIES)) entries.push({ to: '/admin', label: 'Administration' });
  return entries;
}

function isActive(pathname: string, to: string): boolean {
  return pathname === to || pathname.startsWith(`${to}/`);
}

/** « Aller au contenu »: first focusable element of every page. */
export function SkipLink() {
  return (
    <a
      className="skip-link"
      href="#contenu"
      onClick={(e) => {
        e.preventDefault();
        const main = document.getElementById('contenu');
        if (main) {
          main.focus();
          main.scrollIntoView();
        }
      }}
    >
      Aller au contenu
    </a>
  );
}

/** Moves focus to the main region when the page (path) changes, for keyboard and screen reader users. */
function useFocusOnNavigation(mainRef: React.RefObject<HTMLElement | null>) {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current !== pathname) {
      previous.current = pathname;
      mainRef.current?.focus({ preventScroll: false });
      window.scrollTo(0, 0);
    }
  }, [pathname, mainRef]);
}

function useLogout() {
  const client = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => call(auth.logout),
    onSettled: () => {
      setCsrfToken(null);
      client.clear();
      client.setQueryData(SESSION_KEY, null);
      void navigate('/connexion', { replace: true });
    },
  });
}

/** The app shell: header (name, role, organisation, logout), navigation by capabilities, main. */
export function AppLayout() {
  const session = useSession();
  const { user } = session;
  const entries = useNavEntries();
  const { pathname } = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const mainRef = useRef<HTMLElement>(null);
  const logout = useLogout();
  useFocusOnNavigation(mainRef);
  useEffect(() => close(), [pathname, close]);

  return (
    <>
      <SkipLink />
      <AppShell
        header={{ height: 64 }}
        navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
        padding="md"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={opened ? 'Fermer la navigation' : 'Ouvrir la navigation'}
                aria-expanded={opened}
                aria-controls="navigation-principale"
              />
              <Anchor component={Link} to={homePath(session)} underline="never" c="blue.9" fw={700} fz="xl">
                Maintien
              </Anchor>
            </Group>
            <Group gap="md" wrap="nowrap">
              <Box visibleFrom="sm" ta="right" data-testid="utilisateur">
                <Text fw={600} size="sm" lh={1.3}>
                  {user.displayName}
                </Text>
                <Text size="xs" c="dimmed" lh={1.3}>
                  {user.roleLabel} · {user.organisation.name}
                </Text>
              </Box>
              <Button variant="default" size="sm" onClick={() => logout.mutate()} loading={logout.isPending}>
                Se déconnecter
              </Button>
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar p="sm" id="navigation-principale" aria-label="Navigation principale">
          <Stack gap={4}>
            {entries.map((e) => {
              const active = isActive(pathname, e.to);
              return (
                <NavLink
                  key={e.to}
                  component={Link}
                  to={e.to}
                  label={
                    <>
                      {e.label}
                      {e.badge ? <VisuallyHidden> ({e.badgeLabel ?? e.badge})</VisuallyHidden> : null}
                    </>
                  }
                  rightSection={
                    e.badge ? (
                      <Badge size="sm" color={active ? 'white' : 'red.8'} c={active ? 'blue.9' : undefined} aria-hidden data-testid={`badge-${e.to}`}>
                        {e.badge}
                      </Badge>
                    ) : undefined
                  }
                  active={active}
                  aria-current={active ? 'page' : undefined}
                  variant="filled"
                  fw={active ? 700 : 500}
                />
              );
            })}
          </Stack>
          <Box hiddenFrom="sm" mt="lg" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
            <Text fw={600} size="sm">
              {user.displayName}
            </Text>
            <Text size="xs" c="dimmed">
              {user.roleLabel} · {user.organisation.name}
            </Text>
          </Box>
        </AppShell.Navbar>

        <AppShell.Main id="contenu" ref={mainRef} tabIndex={-1}>
          <Box maw={1280} mx="auto">
            <Outlet />
          </Box>
        </AppShell.Main>
      </AppShell>
    </>
  );
}

/** Layout without session (404 for a visitor). */
export function BareLayout() {
  return (
    <>
      <SkipLink />
      <Box component="header" px="md" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Anchor component={Link} to="/connexion" underline="never" c="blue.9" fw={700} fz="xl">
          Maintien
        </Anchor>
      </Box>
      <Box component="main" id="contenu" tabIndex={-1} p="md" maw={960} mx="auto">
        <Outlet />
      </Box>
    </>
  );
}
