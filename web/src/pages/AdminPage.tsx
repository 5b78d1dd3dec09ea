import { useEffect, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Code,
  CopyButton,
  Group,
  List,
  Modal,
  NumberInput,
  NativeSelect,
  PasswordInput,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiTokens, audit as auditOps, STAFF_ROLES, users as userOps, type BodyOf, type Role, type WireOf, type ApiToken as ApiTokenSchema } from '@contract';
import { fieldError, formError } from '../api';
import { call } from '../client';
import { can, useSession } from '../auth';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { usePageTitle } from '../components/PageTitle';
import { useUrlParams } from '../components/useUrlParams';
import { formatDate, formatDateTimeShort, formatNumber, plural } from '../format';
import { CATEGORY_LABELS, STAFF_ROLE_LABELS, TOKEN_SCOPE_LABELS } from '../labels';
import { useServiceUsers } from './DossiersPage';

// ---------------------------------------------------------------------------------------------
// Comptes
// ---------------------------------------------------------------------------------------------

const ACCOUNT_FIELDS = ['email', 'displayName', 'password', 'role'];

type ApiToken = WireOf<typeof ApiTokenSchema>;

function AccountsTab() {
  const session = useSession();
  const client = useQueryClient();
  const users = useServiceUsers(can(session, 'user.list'));
  const [form, setForm] = useState({ displayName: '', email: '', password: '', role: null as Role | null });
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [created, setCreated] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: (body: BodyOf<typeof userOps.create>) => call(userOps.create, { body }),
    onSuccess: (_res, body) => {
      setCreated(`Compte créé pour ${body.displayName} (${body.email}).`);
      setForm({ displayName: '', email: '', password: '', role: null });
      void client.invalidateQueries({ queryKey: ['users'] });
    },
  });
  const err = (f: string) => missing[f] || fieldError(create.error, f);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const m: Record<string, string> = {};
    if (!form.displayName.trim()) m.displayName = 'Saisissez le nom affiché (prénom et nom).';
    if (!form.email.trim()) m.email = "Saisissez l'adresse électronique de connexion.";
    if (form.password.length < 12) m.password = 'Le mot de passe doit comporter au moins 12 caractères.';
    if (!form.role) m.role = 'Choisissez le rôle du compte.';
    setMissing(m);
    setCreated(null);
    if (Object.keys(m).length || !form.role) return;
    create.mutate({ displayName: form.displayName.trim(), email: form.email.trim(), password: form.password, role: form.role });
  }

  return (
    <Stack gap="lg">
      <Card withBorder padding="lg" component="section" aria-labelledby="titre-creer-compte">
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Title order={2} id="titre-creer-compte" fz="h4">
              Créer un compte
            </Title>
            <ErrorAlert message={formError(create.error, ACCOUNT_FIELDS)} />
            {created && (
              <Alert color="blue" variant="light" role="status">
                {created}
              </Alert>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="Nom affiché"
                required
                value={form.displayName}
                onChange={(e) => setForm({ ...form, displayName: e.currentTarget.value })}
                error={err('displayName') || undefined}
              />
              <TextInput
                label="Adresse électronique"
                type="email"
                required
                autoComplete="off"
                value={form.email}
                onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
                error={err('email') || undefined}
              />
              <PasswordInput
                label="Mot de passe"
                description="Au moins 12 caractères"
                required
                autoComplete="new-password"
                value={form.password}
                onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
                error={err('password') || undefined}
                visibilityToggleButtonProps={{ 'aria-label': 'Afficher les caractères saisis' }}
              />
              <NativeSelect
                label="Rôle"
                required
                data={[{ value: '', label: 'Choisir le rôle' }, ...Object.entries(STAFF_ROLE_LABELS).map(([value, label]) => ({ value, label }))]}
                value={form.role ?? ''}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setForm({ ...form, role: STAFF_ROLES.find((r) => r === value) ?? null });
                }}
                error={err('role') || undefined}
              />
            </SimpleGrid>
            <Group>
              <Button type="submit" loading={create.isPending}>
                Créer le compte
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>

      {can(session, 'user.list') && (
        <Card withBorder padding="lg" component="section" aria-labelledby="titre-comptes">
          <Title order={2} id="titre-comptes" fz="h4" mb="sm">
            Professionnels du service
          </Title>
          {users.isPending ? (
            <Loading />
          ) : users.isError ? (
            <ErrorAlert error={users.error} />
          ) : (
            <Table.ScrollContainer minWidth={400}>
              <Table striped verticalSpacing="xs">
                <Table.Caption>
                  <VisuallyHidden>Professionnels du service</VisuallyHidden>
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Nom</Table.Th>
                    <Table.Th>Rôle</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {users.data.items.map((u) => (
                    <Table.Tr key={u.id}>
                      <Table.Td>{u.displayName}</Table.Td>
                      <Table.Td>{u.roleLabel}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Card>
      )}
    </Stack>
  );
}

// ---------------------------------------------------------------------------------------------
// Jetons d'API
// ---------------------------------------------------------------------------------------------

function tokenStatus(t: ApiToken): { label: string; color: string } {
  if (t.revokedAt) return { label: `Révoqué le ${formatDate(t.revokedAt)}`, color: 'gray' };
  if (t.expiresAt && new Date(t.expiresAt).getTime() < Date.now()) return { label: 'Expiré', color: 'red' };
  return { label: 'Actif', color: 'blue' };
}

function TokensTab() {
  const client = useQueryClient();
  const tokens = useQuery({
    queryKey: ['api-tokens'],
    queryFn: ({ signal }) => call(apiTokens.list, { signal }),
  });
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [days, setDays] = useState<string | number>(365);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [newToken, setNewToken] = useState<{ name: string; token: string } | null>(null);
  const [toRevoke, setToRevoke] = useState<ApiToken | null>(null);

  const create = useMutation({
    mutationFn: (body: BodyOf<typeof apiTokens.create>) => call(apiTokens.create, { body }),
    onSuccess: (res, body) => {
      setNewToken({ name: body.name, token: res.token });
      setName('');
      setScopes([]);
      void client.invalidateQueries({ queryKey: ['api-tokens'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => call(apiTokens.revoke, { params: { id } }),
    onSuccess: () => {
      setToRevoke(null);
      void client.invalidateQueries({ queryKey: ['api-tokens'] });
    },
  });
  const err = (f: string) => missing[f] || fieldError(create.error, f);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const m: Record<string, string> = {};
    if (!name.trim()) m.name = 'Donnez un nom au jeton (le client qui l’utilisera).';
    if (scopes.length === 0) m.scopes = 'Choisissez au moins une portée.';
    setMissing(m);
    if (Object.keys(m).length) return;
    setNewToken(null);
    create.mutate({ name: name.trim(), scopes, ...(days !== '' ? { expiresInDays: Number(days) } : {}) });
  }

  const items = [...(tokens.data?.items ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <Stack gap="lg">
      {newToken && (
        <Alert color="blue" variant="light" title={`Jeton « ${newToken.name} » créé`} role="status">
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              Copiez-le maintenant : il ne sera plus jamais affiché.
            </Text>
            <Code block aria-label="Jeton d'API">
              {newToken.token}
            </Code>
            <Group>
              <CopyButton value={newToken.token} timeout={3000}>
                {({ copied, copy }) => (
                  <Button size="sm" onClick={copy}>
                    {copied ? 'Jeton copié' : 'Copier le jeton'}
                  </Button>
                )}
              </CopyButton>
              <Button size="sm" variant="default" onClick={() => setNewToken(null)}>
                J'ai copié le jeton
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}

      <Card withBorder padding="lg" component="section" aria-labelledby="titre-creer-jeton">
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Title order={2} id="titre-creer-jeton" fz="h4">
              Créer un jeton
            </Title>
            <ErrorAlert message={formError(create.error, ['name', 'scopes', 'expiresInDays'])} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="Nom du jeton"
                description="Le client qui l'utilisera, par exemple « Flux CPAM 76 »"
                required
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={err('name') || undefined}
              />
              <NumberInput
                label="Durée de validité (jours)"
                description="Laissez vide pour un jeton sans expiration"
                min={1}
                max={3650}
                allowDecimal={false}
                value={days}
                onChange={setDays}
                error={err('expiresInDays') || undefined}
              />
            </SimpleGrid>
            <Checkbox.Group label="Portées" required value={scopes} onChange={setScopes} error={err('scopes') || undefined}>
              <Stack gap={6} mt={6}>
                {Object.entries(TOKEN_SCOPE_LABELS).map(([code, label]) => (
                  <Checkbox key={code} value={code} label={label} description={code} />
                ))}
              </Stack>
            </Checkbox.Group>
            <Group>
              <Button type="submit" loading={create.isPending}>
                Créer le jeton
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>

      <Card withBorder padding="lg" component="section" aria-labelledby="titre-jetons">
        <Title order={2} id="titre-jetons" fz="h4" mb="sm">
          Jetons existants
        </Title>
        {tokens.isPending ? (
          <Loading />
        ) : tokens.isError ? (
          <ErrorAlert error={tokens.error} />
        ) : items.length === 0 ? (
          <Text size="sm">Aucun jeton d'API.</Text>
        ) : (
          <Table.ScrollContainer minWidth={820}>
            <Table striped verticalSpacing="xs">
              <Table.Caption>
                <VisuallyHidden>Jetons d'API</VisuallyHidden>
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Nom</Table.Th>
                  <Table.Th>Portées</Table.Th>
                  <Table.Th>Créé le</Table.Th>
                  <Table.Th>Expire le</Table.Th>
                  <Table.Th>Dernière utilisation</Table.Th>
                  <Table.Th>État</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Action</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((t) => {
                  const status = tokenStatus(t);
                  return (
                    <Table.Tr key={t.id}>
                      <Table.Td fw={600}>{t.name}</Table.Td>
                      <Table.Td>{t.scopes.join(', ')}</Table.Td>
                      <Table.Td>{formatDate(t.createdAt)}</Table.Td>
                      <Table.Td>{t.expiresAt ? formatDate(t.expiresAt) : 'Jamais'}</Table.Td>
                      <Table.Td>{t.lastUsedAt ? formatDateTimeShort(t.lastUsedAt) : 'Jamais'}</Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={status.color} style={{ textTransform: 'none' }}>
                          {status.label}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {!t.revokedAt && (
                          <Button
                            size="compact-sm"
                            color="red"
                            variant="light"
                            onClick={() => {
                              revoke.reset();
                              setToRevoke(t);
                            }}
                            aria-label={`Révoquer le jeton ${t.name}`}
                          >
                            Révoquer
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>

      <Modal opened={!!toRevoke} onClose={() => setToRevoke(null)} title="Révoquer le jeton ?">
        {toRevoke && (
          <Stack>
            <Text>
              Le jeton « {toRevoke.name} » ne permettra plus d'accéder à l'API : les clients qui l'utilisent seront refusés
              immédiatement. Cette action est définitive.
            </Text>
            <ErrorAlert error={revoke.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setToRevoke(null)} data-autofocus>
                Annuler
              </Button>
              <Button color="red" loading={revoke.isPending} onClick={() => revoke.mutate(toRevoke.id)}>
                Confirmer la révocation
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

// ---------------------------------------------------------------------------------------------
// Journal d'audit
// ---------------------------------------------------------------------------------------------

const AUDIT_PAGE = 50;

function AuditTab() {
  const session = useSession();
  const { get, update } = useUrlParams();
  const filters = { subjectType: get('subjectType'), subjectId: get('subjectId'), action: get('action') };
  const [draft, setDraft] = useState(filters);
  const [debounced] = useDebouncedValue(draft, 400);
  useEffect(() => {
    setDraft((d) =>
      d.subjectType.trim() === filters.subjectType && d.subjectId.trim() === filters.subjectId && d.action.trim() === filters.action
        ? d
        : { ...filters },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filters.subjectType, filters.subjectId, filters.action]);
  useEffect(() => {
    if (
      debounced.subjectType.trim() !== filters.subjectType ||
      debounced.subjectId.trim() !== filters.subjectId ||
      debounced.action.trim() !== filters.action
    ) {
      update(
        { subjectType: debounced.subjectType.trim(), subjectId: debounced.subjectId.trim(), action: debounced.action.trim() },
        { replace: true, flushSync: false },
      );
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const audit = useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ pageParam, signal }) =>
      call(auditOps.search, { query: { ...filters, beforeSeq: pageParam ?? undefined, limit: AUDIT_PAGE }, signal }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) =>
      last.items.length < AUDIT_PAGE ? undefined : Math.min(...last.items.map((i) => i.seq)),
  });
  const verify = useMutation({ mutationFn: () => call(auditOps.verify) });
  const rows = audit.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="lg">
      {can(session, 'audit.verify') && (
        <Card withBorder padding="lg" component="section" aria-labelledby="titre-integrite">
          <Stack gap="sm">
            <Title order={2} id="titre-integrite" fz="h4">
              Intégrité du journal
            </Title>
            <Text size="sm">
              Chaque entrée du journal est chaînée à la précédente : la vérification détecte toute modification ou suppression.
            </Text>
            <Group>
              <Button onClick={() => verify.mutate()} loading={verify.isPending}>
                Vérifier l'intégrité
              </Button>
            </Group>
            <div aria-live="polite">
              {verify.isError && <ErrorAlert error={verify.error} />}
              {verify.data &&
                (verify.data.ok ? (
                  <Alert color="blue" variant="light" title="Journal intègre" role="status">
                    {plural(verify.data.checked, 'entrée vérifiée', 'entrées vérifiées')}, aucun problème détecté.
                  </Alert>
                ) : (
                  <Alert color="red" variant="light" title="Problèmes détectés dans le journal">
                    <Text size="sm" mb="xs">
                      {plural(verify.data.checked, 'entrée vérifiée', 'entrées vérifiées')},{' '}
                      {plural(verify.data.problems.length, 'problème', 'problèmes')} :
                    </Text>
                    <List size="sm">
                      {verify.data.problems.map((p, i) => (
                        <List.Item key={`${p.seq}-${i}`}>
                          Entrée n° {formatNumber(p.seq)} : {p.message} ({p.code})
                        </List.Item>
                      ))}
                    </List>
                  </Alert>
                ))}
            </div>
          </Stack>
        </Card>
      )}

      <Card withBorder padding="lg" component="section" aria-labelledby="titre-journal">
        <Stack gap="sm">
          <Title order={2} id="titre-journal" fz="h4">
            Entrées du journal
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label="Type de sujet"
              placeholder="dossier, worker…"
              value={draft.subjectType}
              onChange={(e) => setDraft({ ...draft, subjectType: e.currentTarget.value })}
            />
            <TextInput
              label="Identifiant du sujet"
              value={draft.subjectId}
              onChange={(e) => setDraft({ ...draft, subjectId: e.currentTarget.value })}
            />
            <TextInput label="Action" value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.currentTarget.value })} />
          </SimpleGrid>
          {audit.isPending ? (
            <Loading />
          ) : audit.isError ? (
            <ErrorAlert error={audit.error} />
          ) : rows.length === 0 ? (
            <Text size="sm">Aucune entrée ne correspond à ces critères.</Text>
          ) : (
            <>
              <Table.ScrollContainer minWidth={900}>
                <Table striped verticalSpacing="xs" fz="sm">
                  <Table.Caption>
                    <VisuallyHidden>Journal d'audit, entrées les plus récentes d'abord</VisuallyHidden>
                  </Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>N°</Table.Th>
                      <Table.Th>Date</Table.Th>
                      <Table.Th>Acteur</Table.Th>
                      <Table.Th>Action</Table.Th>
                      <Table.Th>Sujet</Table.Th>
                      <Table.Th>Catégorie</Table.Th>
                      <Table.Th>Finalité</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rows.map((r) => (
                      <Table.Tr key={r.seq}>
                        <Table.Td>{formatNumber(r.seq)}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTimeShort(r.at)}</Table.Td>
                        <Table.Td>{r.actorLabel}</Table.Td>
                        <Table.Td>
                          <Code>{r.action}</Code>
                        </Table.Td>
                        <Table.Td>
                          {r.subjectType ?? ''}
                          {r.subjectId ? (
                            <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                              {r.subjectId}
                            </Text>
                          ) : null}
                        </Table.Td>
                        <Table.Td>{r.category ? (CATEGORY_LABELS[r.category] ?? r.category) : ''}</Table.Td>
                        <Table.Td>{r.purpose ?? ''}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              {audit.hasNextPage && (
                <Group>
                  <Button variant="default" onClick={() => void audit.fetchNextPage()} loading={audit.isFetchingNextPage}>
                    Entrées plus anciennes
                  </Button>
                </Group>
              )}
            </>
          )}
        </Stack>
      </Card>
    </Stack>
  );
}

// ---------------------------------------------------------------------------------------------

/** /admin « Administration »: accounts, API tokens, audit log (each with its capability). */
export function AdminPage() {
  usePageTitle('Administration');
  const session = useSession();
  const { get, update } = useUrlParams();
  const tabs = [
    can(session, 'user.manage') && { value: 'comptes', label: 'Comptes' },
    can(session, 'token.manage') && { value: 'jetons', label: "Jetons d'API" },
    can(session, 'audit.read') && { value: 'journal', label: "Journal d'audit" },
  ].filter(Boolean) as { value: string; label: string }[];
  const requested = get('onglet');
  const active = tabs.some((t) => t.value === requested) ? requested : (tabs[0]?.value ?? '');

  return (
    <Stack gap="md">
      <Title order={1}>Administration</Title>
      <Tabs
        value={active}
        onChange={(v) => update({ onglet: v, subjectType: null, subjectId: null, action: null })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {tabs.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {can(session, 'user.manage') && (
          <Tabs.Panel value="comptes">
            <AccountsTab />
          </Tabs.Panel>
        )}
        {can(session, 'token.manage') && (
          <Tabs.Panel value="jetons">
            <TokensTab />
          </Tabs.Panel>
        )}
        {can(session, 'audit.read') && (
          <Tabs.Panel value="journal">
            <AuditTab />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
