import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { dossiers, workers as workerOps, type BodyOf, type DossierOrigin, type WireOf, type WorkerRecord } from '@contract';
import { ApiError, fieldError, formError } from '../api';
import { call } from '../client';
import { can, useSession } from '../auth';
import { DateField } from '../components/DateField';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { usePageTitle } from '../components/PageTitle';
import { StateBadge } from '../components/StateBadge';
import { UserCheckboxes } from '../components/UserCheckboxes';
import { useUrlParams } from '../components/useUrlParams';
import { WorkerForm } from '../components/WorkerForm';
import { formatDate, plural, todayIso } from '../format';
import { ORIGIN_LABELS, ORIGINS } from '../labels';
import { useServiceUsers } from './DossiersPage';

const OPEN_STATES = new Set(['signale', 'a_evaluer', 'en_accompagnement', 'sorti', 'suivi']);

/** Step 1: find the worker (name, first name, birth date JJ/MM/AAAA or NIR). */
function WorkerSearch({ onChoose }: { onChoose: (id: string) => void }) {
  const { get, update } = useUrlParams();
  const q = get('q');
  const [search, setSearch] = useState(q);
  const [debounced] = useDebouncedValue(search, 300);
  useEffect(() => {
    if (debounced.trim() !== q) update({ q: debounced.trim() }, { replace: true, flushSync: false });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  const term = q.trim();
  const workers = useQuery({
    queryKey: ['workers', term],
    queryFn: ({ signal }) => call(workerOps.search, { query: { q: term }, signal }),
    enabled: term.length >= 2,
  });

  return (
    <Stack gap="sm">
      <TextInput
        label="Rechercher un salarié"
        description="Nom, prénom, date de naissance (JJ/MM/AAAA) ou NIR complet"
        type="search"
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            update({ q: search.trim() }, { replace: true });
          }
        }}
        maw={520}
      />
      {workers.isError && <ErrorAlert error={workers.error} />}
      {workers.isFetching && !workers.data && <Loading label="Recherche…" />}
      {term.length >= 2 && workers.data && (
        <>
          <Text size="sm" aria-live="polite">
            {workers.data.total === 0 ? 'Aucun salarié trouvé.' : plural(workers.data.total, 'salarié trouvé', 'salariés trouvés')}
          </Text>
          {workers.data.items.length > 0 && (
            <Table.ScrollContainer minWidth={700}>
              <Table verticalSpacing="xs" striped>
                <Table.Caption>
                  <VisuallyHidden>Salariés trouvés</VisuallyHidden>
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Salarié</Table.Th>
                    <Table.Th>Date de naissance</Table.Th>
                    <Table.Th>Entreprise</Table.Th>
                    <Table.Th>Dossier ouvert</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>Action</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {workers.data.items.map((w) => (
                    <Table.Tr key={w.id}>
                      <Table.Td fw={600}>{w.displayName}</Table.Td>
                      <Table.Td>{formatDate(w.birthDate)}</Table.Td>
                      <Table.Td>{w.companyName ?? ''}</Table.Td>
                      <Table.Td>
                        {w.openDossier ? (
                          <Group gap="xs">
                            <Anchor component={Link} to={`/dossiers/${w.openDossier.id}`}>
                              {w.openDossier.reference}
                            </Anchor>
                            <StateBadge state={w.openDossier.state} label={w.openDossier.stateLabel} size="sm" />
                          </Group>
                        ) : (
                          'Aucun'
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Button
                          size="compact-sm"
                          variant={w.openDossier ? 'default' : 'filled'}
                          onClick={() => onChoose(w.id)}
                          aria-label={`Choisir ${w.displayName}`}
                        >
                          Choisir
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      )}
    </Stack>
  );
}

const DOSSIER_FIELDS = ['workerId', 'origin', 'summary', 'assigneeIds', 'referentId', 'nextDueDate'];

/** Step 2: open the dossier for the chosen worker. */
function OpenDossierForm({ worker }: { worker: WireOf<typeof WorkerRecord> }) {
  const session = useSession();
  const navigate = useNavigate();
  const client = useQueryClient();
  const users = useServiceUsers(can(session, 'user.list'));
  const [origin, setOrigin] = useState<DossierOrigin | null>(null);
  const [summary, setSummary] = useState('');
  const [assigneeIds, setAssigneeIds] = useState<string[] | null>(null);
  const [referentId, setReferentId] = useState('');
  const [nextDueDate, setNextDueDate] = useState('');
  const [missing, setMissing] = useState<Record<string, string>>({});

  // The author is usually one of the professionals of the dossier: proposed by default.
  const assignees = assigneeIds ?? (users.data?.items.some((u) => u.id === session.user.id) ? [session.user.id] : []);

  const create = useMutation({
    mutationFn: (body: BodyOf<typeof dossiers.open>) => call(dossiers.open, { body }),
    onSuccess: (res) => {
      void client.invalidateQueries({ queryKey: ['dossiers'] });
      void client.invalidateQueries({ queryKey: ['workers'] });
      void client.invalidateQueries({ queryKey: ['worker'] });
      void navigate(`/dossiers/${res.id}`);
    },
  });
  const err = (f: string) => missing[f] ?? fieldError(create.error, f);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const m: Record<string, string> = {};
    if (!origin) m.origin = "Choisissez l'origine du signalement.";
    if (!summary.trim()) m.summary = 'Décrivez en quelques mots le motif du dossier.';
    setMissing(m);
    if (Object.keys(m).length || !origin) return;
    create.mutate({
      workerId: worker.id,
      origin,
      summary: summary.trim(),
      ...(assignees.length ? { assigneeIds: assignees } : {}),
      ...(referentId && assignees.includes(referentId) ? { referentId } : {}),
      ...(nextDueDate ? { nextDueDate } : {}),
    });
  }

  const error = create.error;
  const alreadyOpen = error instanceof ApiError && error.code === 'DOSSIER_DEJA_OUVERT';
  const existingId = alreadyOpen && typeof error.details?.dossierId === 'string' ? error.details.dossierId : null;

  return (
    <form onSubmit={submit} noValidate aria-labelledby="titre-ouvrir">
      <Stack gap="md">
        <Title order={2} id="titre-ouvrir" fz="h3">
          Ouvrir le dossier
        </Title>
        {alreadyOpen ? (
          <Alert color="red" variant="light" role="alert" title="Dossier déjà ouvert">
            <Stack gap="xs">
              <Text size="sm">{error.message}</Text>
              {existingId && (
                <Anchor component={Link} to={`/dossiers/${existingId}`} size="sm" fw={600}>
                  Voir le dossier en cours
                </Anchor>
              )}
            </Stack>
          </Alert>
        ) : (
          <ErrorAlert message={formError(error, DOSSIER_FIELDS)} />
        )}
        <NativeSelect
          label="Origine"
          description="Qui a signalé la situation à la cellule"
          required
          data={[{ value: '', label: "Choisir l'origine" }, ...ORIGINS.map((o) => ({ value: o, label: ORIGIN_LABELS[o] }))]}
          value={origin ?? ''}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setOrigin(ORIGINS.find((o) => o === value) ?? null);
            setMissing((m) => ({ ...m, origin: '' }));
          }}
          error={err('origin') || undefined}
          maw={420}
        />
        <Textarea
          label="Motif"
          description="Pourquoi la cellule est saisie : situation, arrêt, difficultés signalées"
          required
          autosize
          minRows={3}
          maxRows={10}
          value={summary}
          onChange={(e) => {
            setSummary(e.currentTarget.value);
            setMissing((m) => ({ ...m, summary: '' }));
          }}
          error={err('summary') || undefined}
        />
        {can(session, 'user.list') && (
          <UserCheckboxes
            users={users.data?.items ?? []}
            value={assignees}
            onChange={setAssigneeIds}
            description="Les professionnels qui suivront le dossier"
            error={err('assigneeIds') || undefined}
          />
        )}
        {can(session, 'user.list') && assignees.length > 0 && (
          <NativeSelect
            label="Référent"
            description="Le professionnel qui pilote le dossier (facultatif)"
            data={[
              { value: '', label: 'Aucun référent' },
              ...(users.data?.items ?? []).filter((u) => assignees.includes(u.id)).map((u) => ({ value: u.id, label: u.displayName })),
            ]}
            value={assignees.includes(referentId) ? referentId : ''}
            onChange={(e) => setReferentId(e.currentTarget.value)}
            error={err('referentId') || undefined}
            maw={420}
          />
        )}
        <DateField
          label="Échéance"
          description="Prochaine action prévue (JJ/MM/AAAA)"
          value={nextDueDate}
          onChange={setNextDueDate}
          minDate={todayIso()}
          error={err('nextDueDate') || undefined}
          maw={260}
        />
        <Group>
          <Button type="submit" loading={create.isPending}>
            Ouvrir le dossier
          </Button>
          <Button component={Link} to="/dossiers" variant="default">
            Annuler
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** /dossiers/nouveau: find or create the worker, then open the dossier. */
export function NewDossierPage() {
  usePageTitle('Nouveau dossier');
  const session = useSession();
  const { get, update } = useUrlParams();
  const workerId = get('salarie');
  const creating = get('creer') === '1';

  const worker = useQuery({
    queryKey: ['worker', workerId],
    queryFn: ({ signal }) => call(workerOps.read, { params: { id: workerId }, signal }),
    enabled: !!workerId,
  });
  const openDossier = worker.data?.dossiers.find((d) => !d.closedAt && OPEN_STATES.has(d.state));

  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/dossiers" size="sm">
          ← Retour aux dossiers
        </Anchor>
        <Title order={1}>Nouveau dossier</Title>
      </div>

      <Card withBorder padding="lg" component="section" aria-labelledby="titre-salarie">
        <Stack gap="md">
          <Title order={2} id="titre-salarie" fz="h3">
            Salarié
          </Title>
          {workerId ? (
            worker.isPending ? (
              <Loading />
            ) : worker.isError ? (
              <ErrorAlert error={worker.error} />
            ) : (
              <Stack gap="xs">
                <Group justify="space-between" align="flex-start">
                  <div>
                    <Text fw={700} size="lg">
                      {worker.data.displayName}
                    </Text>
                    {worker.data.birthDate && <Text size="sm">Né·e le {formatDate(worker.data.birthDate)}</Text>}
                    {worker.data.employments[0] && (
                      <Text size="sm">
                        {worker.data.employments[0].company.name}
                        {worker.data.employments[0].jobTitle ? ` · ${worker.data.employments[0].jobTitle}` : ''}
                      </Text>
                    )}
                  </div>
                  <Button variant="default" size="sm" onClick={() => update({ salarie: null })}>
                    Changer de salarié
                  </Button>
                </Group>
                {openDossier && (
                  <Alert color="blue" variant="light" title="Ce salarié a déjà un dossier ouvert" role="status">
                    <Group gap="xs">
                      <Anchor component={Link} to={`/dossiers/${openDossier.id}`} fw={600}>
                        {openDossier.reference}
                      </Anchor>
                      <StateBadge state={openDossier.state} label={openDossier.stateLabel} size="sm" />
                      <Text size="sm">ouvert le {formatDate(openDossier.openedAt)}</Text>
                    </Group>
                  </Alert>
                )}
              </Stack>
            )
          ) : creating ? (
            <WorkerForm onCreated={(id) => update({ salarie: id, creer: null, q: null })} onCancel={() => update({ creer: null })} />
          ) : (
            <Stack gap="md">
              <WorkerSearch onChoose={(id) => update({ salarie: id })} />
              {can(session, 'worker.create') && (
                <Group>
                  <Text size="sm">Salarié inconnu du service ?</Text>
                  <Button variant="light" onClick={() => update({ creer: '1' })}>
                    Créer un salarié
                  </Button>
                </Group>
              )}
            </Stack>
          )}
        </Stack>
      </Card>

      {workerId && worker.data && (
        <Card withBorder padding="lg" component="section">
          <OpenDossierForm worker={worker.data} />
        </Card>
      )}
    </Stack>
  );
}
