import { IntakeDossierSections } from '../intake';
import { PartSections } from '../parts';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CATEGORIES,
  dossiers,
  type Category,
  type DossierPage as DossierPageSchema,
  type Employment as EmploymentSchema,
  type StaffMember,
  type WireOf,
} from '@contract';
import { ApiError, fieldError, formError } from '../api';
import { call } from '../client';
import { can, useSession } from '../auth';
import { DueDate } from '../components/DueDate';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { usePageTitle } from '../components/PageTitle';
import { StateBadge } from '../components/StateBadge';
import { UserCheckboxes } from '../components/UserCheckboxes';
import { formatDate, formatDateTime, formatNir, formatSex, formatSiret } from '../format';
import { CATEGORY_COLORS, CATEGORY_LABELS } from '../labels';
import { useServiceUsers } from './DossiersPage';

type Dossier = WireOf<typeof DossierPageSchema>;
type AllowedTransition = Dossier['allowedTransitions'][number];
type Employment = WireOf<typeof EmploymentSchema>;

function dossierKey(id: string) {
  return ['dossier', id] as const;
}

/** A term/definition pair, rendered only when there is something to show. */
function Field({ label, children }: { label: string; children: React.ReactNode }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <Group gap={6} wrap="nowrap" align="baseline">
      <Text component="dt" size="sm" fw={600} style={{ flexShrink: 0 }}>
        {label} :
      </Text>
      <Text component="dd" size="sm" m={0}>
        {children}
      </Text>
    </Group>
  );
}

export function EmploymentList({ employments }: { employments: readonly Employment[] }) {
  if (employments.length === 0) return <Text size="sm">Aucun emploi enregistré.</Text>;
  return (
    <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
      {employments.map((e) => (
        <Box component="li" key={e.id}>
          <Text size="sm" fw={600}>
            {e.company.name}
            {e.jobTitle ? ` · ${e.jobTitle}` : ''}
          </Text>
          <Text size="xs" c="dimmed">
            {[
              e.company.siret ? `SIRET ${formatSiret(e.company.siret)}` : null,
              e.startDate ? `depuis le ${formatDate(e.startDate)}` : null,
              e.endDate ? `jusqu'au ${formatDate(e.endDate)}` : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </Box>
      ))}
    </Stack>
  );
}

/** « Qui »: identity and employments of the worker. */
function WhoCard({ dossier }: { dossier: Dossier }) {
  const w = dossier.worker;
  const nir = w.nir ? formatNir(w.nir) : w.nirMasked;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="titre-qui">
      <Stack gap="sm">
        <Title order={2} id="titre-qui" fz="h4">
          Qui
        </Title>
        <Stack component="dl" gap={4} m={0}>
          <Field label="Nom">{w.displayName}</Field>
          <Field label="Date de naissance">{formatDate(w.birthDate)}</Field>
          <Field label="Sexe">{formatSex(w.sex)}</Field>
          <Field label="NIR">{nir}</Field>
        </Stack>
        <Title order={3} fz="h5" mt="xs">
          Emplois
        </Title>
        <EmploymentList employments={dossier.employments} />
      </Stack>
    </Card>
  );
}

/** « Intervenants »: professionals on the dossier, the referent first; editable with dossier.assign. */
function AssigneesCard({ dossier }: { dossier: Dossier }) {
  const session = useSession();
  const [opened, setOpened] = useState(false);
  const assignees = [...dossier.assignees].sort((a, b) => Number(b.isReferent) - Number(a.isReferent));
  const canEdit = can(session, 'dossier.assign');
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="titre-intervenants">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} id="titre-intervenants" fz="h4">
            Intervenants
          </Title>
          {canEdit && (
            <Button size="compact-sm" variant="light" onClick={() => setOpened(true)}>
              Modifier les intervenants
            </Button>
          )}
        </Group>
        {assignees.length === 0 ? (
          <Text size="sm">Aucun intervenant désigné.</Text>
        ) : (
          <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }}>
            {assignees.map((a) => (
              <Group component="li" key={a.id} gap="xs">
                <Text size="sm" fw={600}>
                  {a.displayName}
                </Text>
                {a.roleLabel && <Text size="sm">· {a.roleLabel}</Text>}
                {a.isReferent && (
                  <Badge size="sm" variant="light" color="blue" style={{ textTransform: 'none' }}>
                    Référent
                  </Badge>
                )}
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
      {canEdit && (
        <Modal opened={opened} onClose={() => setOpened(false)} title="Modifier les intervenants" size="lg">
          {opened && <AssigneesForm dossier={dossier} onDone={() => setOpened(false)} />}
        </Modal>
      )}
    </Card>
  );
}

function AssigneesForm({ dossier, onDone }: { dossier: Dossier; onDone: () => void }) {
  const client = useQueryClient();
  const session = useSession();
  const users = useServiceUsers(can(session, 'user.list'));
  const [userIds, setUserIds] = useState<string[]>(dossier.assignees.map((a) => a.id));
  const [referentId, setReferentId] = useState<string | null>(dossier.assignees.find((a) => a.isReferent)?.id ?? null);
  // The professionals of the service, plus current assignees who would no longer be listed.
  const allUsers = useMemo(() => {
    const list: Pick<WireOf<typeof StaffMember>, 'id' | 'displayName' | 'roleLabel'>[] = [...(users.data?.items ?? [])];
    for (const a of dossier.assignees) {
      if (!list.some((u) => u.id === a.id)) list.push({ id: a.id, displayName: a.displayName, roleLabel: a.roleLabel });
    }
    return list;
  }, [users.data, dossier.assignees]);

  const save = useMutation({
    mutationFn: () =>
      call(dossiers.assign, {
        params: { id: dossier.id },
        body: { userIds, referentId: referentId && userIds.includes(referentId) ? referentId : null },
      }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: dossierKey(dossier.id) });
      void client.invalidateQueries({ queryKey: ['dossiers'] });
      onDone();
    },
  });

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        e.stopPropagation();
        save.mutate();
      }}
      noValidate
    >
      <Stack>
        <ErrorAlert message={formError(save.error, ['userIds', 'referentId'])} />
        <UserCheckboxes users={allUsers} value={userIds} onChange={setUserIds} error={fieldError(save.error, 'userIds')} />
        <NativeSelect
          label="Référent"
          description="Le professionnel qui pilote le dossier"
          data={[{ value: '', label: 'Aucun référent' }, ...allUsers.filter((u) => userIds.includes(u.id)).map((u) => ({ value: u.id, label: u.displayName }))]}
          value={referentId && userIds.includes(referentId) ? referentId : ''}
          onChange={(e) => setReferentId(e.currentTarget.value || null)}
          error={fieldError(save.error, 'referentId')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Annuler
          </Button>
          <Button type="submit" loading={save.isPending}>
            Enregistrer les intervenants
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** « Changer l'état »: one button per allowed transition; a modal asks once (with a reason when required). */
function TransitionsSection({ dossier }: { dossier: Dossier }) {
  const [pending, setPending] = useState<AllowedTransition | null>(null);
  const transitions = dossier.allowedTransitions;
  if (transitions.length === 0) return null;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="titre-etat">
      <Stack gap="sm">
        <Title order={2} id="titre-etat" fz="h4">
          Changer l'état
        </Title>
        <Group gap="sm">
          {transitions.map((t) => (
            <Button key={t.to} variant={t.to === 'non_retenu' || t.to === 'clos' ? 'default' : 'filled'} onClick={() => setPending(t)}>
              {t.label}
            </Button>
          ))}
        </Group>
      </Stack>
      <Modal opened={!!pending} onClose={() => setPending(null)} title={pending?.label ?? ''} size="lg">
        {pending && <TransitionForm dossier={dossier} transition={pending} onDone={() => setPending(null)} />}
      </Modal>
    </Card>
  );
}

function TransitionForm({
  dossier,
  transition,
  onDone,
}: {
  dossier: Dossier;
  transition: AllowedTransition;
  onDone: () => void;
}) {
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<string | undefined>();
  const run = useMutation({
    mutationFn: () =>
      call(dossiers.transition, {
        params: { id: dossier.id },
        body: { to: transition.to, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      }),
    onSuccess: (updated) => {
      client.setQueryData(dossierKey(dossier.id), updated);
      void client.invalidateQueries({ queryKey: dossierKey(dossier.id) });
      void client.invalidateQueries({ queryKey: ['dossiers'] });
      void client.invalidateQueries({ queryKey: ['worker', dossier.worker.id] });
      void client.invalidateQueries({ queryKey: ['workers'] });
      onDone();
    },
  });

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        e.stopPropagation();
        if (transition.requiresReason && !reason.trim()) {
          setMissing('Indiquez le motif de cette décision : il sera conservé dans l\u2019historique du dossier.');
          return;
        }
        setMissing(undefined);
        run.mutate();
      }}
      noValidate
    >
      <Stack>
        <Text>
          Le dossier {dossier.reference} quittera l'état « {dossier.stateLabel} ». Ce changement sera enregistré dans
          l'historique avec votre nom.
        </Text>
        <ErrorAlert message={formError(run.error, ['reason'])} />
        <Textarea
          label={transition.requiresReason ? 'Motif' : 'Motif (facultatif)'}
          required={transition.requiresReason}
          autosize
          minRows={3}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={missing ?? fieldError(run.error, 'reason')}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Annuler
          </Button>
          <Button type="submit" loading={run.isPending}>
            Confirmer
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** « Ajouter une note »: category limited to what the user may write. */
function NoteForm({ dossier }: { dossier: Dossier }) {
  const client = useQueryClient();
  const categories = dossier.writableCategories;
  const [category, setCategory] = useState<string | null>(categories.length === 1 ? categories[0].code : null);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [shared, setShared] = useState(false);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);

  const add = useMutation({
    mutationFn: (chosen: Category) =>
      call(dossiers.addEntry, {
        params: { id: dossier.id },
        body: { category: chosen, ...(title.trim() ? { title: title.trim() } : {}), body: body.trim(), sharedWithWorker: shared },
      }),
    onSuccess: () => {
      setTitle('');
      setBody('');
      setShared(false);
      setSaved(true);
      void client.invalidateQueries({ queryKey: dossierKey(dossier.id) });
      void client.invalidateQueries({ queryKey: ['dossiers'] });
    },
  });
  const err = (f: string) => missing[f] || fieldError(add.error, f);

  if (categories.length === 0) return null;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="titre-note">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const m: Record<string, string> = {};
          const chosen = CATEGORIES.find((c) => c === category);
          if (!chosen) m.category = 'Choisissez la catégorie de la note : elle décide qui pourra la lire.';
          if (!body.trim()) m.body = 'Saisissez le texte de la note.';
          setMissing(m);
          setSaved(false);
          if (Object.keys(m).length || !chosen) return;
          add.mutate(chosen);
        }}
        noValidate
      >
        <Stack gap="sm">
          <Title order={2} id="titre-note" fz="h4">
            Ajouter une note
          </Title>
          <ErrorAlert message={formError(add.error, ['category', 'title', 'body', 'sharedWithWorker'])} />
          {saved && (
            <Text size="sm" c="blue.9" role="status">
              Note enregistrée.
            </Text>
          )}
          <Group align="flex-start" gap="md" wrap="wrap">
            <NativeSelect
              label="Catégorie"
              description="Elle décide qui pourra lire la note"
              required
              data={[
                ...(categories.length > 1 ? [{ value: '', label: 'Choisir la catégorie' }] : []),
                ...categories.map((c) => ({ value: c.code, label: c.label })),
              ]}
              value={category ?? ''}
              onChange={(e) => {
                setCategory(e.currentTarget.value || null);
                setMissing((m) => ({ ...m, category: '' }));
              }}
              error={err('category') || undefined}
              w={{ base: '100%', sm: 280 }}
            />
            <TextInput
              label="Titre"
              description="Facultatif"
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              error={err('title') || undefined}
              style={{ flex: 1, minWidth: 220 }}
            />
          </Group>
          <Textarea
            label="Texte"
            required
            autosize
            minRows={3}
            maxRows={12}
            value={body}
            onChange={(e) => {
              setBody(e.currentTarget.value);
              setMissing((m) => ({ ...m, body: '' }));
            }}
            error={err('body') || undefined}
          />
          <Checkbox
            label="Partager avec le salarié"
            description="La note apparaîtra dans « Mon carnet » du salarié"
            checked={shared}
            onChange={(e) => setShared(e.currentTarget.checked)}
          />
          <Group>
            <Button type="submit" loading={add.isPending}>
              Enregistrer la note
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** « Historique »: entries newest first, then the changes of state. */
function History({ dossier }: { dossier: Dossier }) {
  const entries = [...dossier.timeline].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const transitions = [...dossier.transitions].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="titre-historique">
      <Stack gap="md">
        <Title order={2} id="titre-historique" fz="h4">
          Historique
        </Title>
        {entries.length === 0 ? (
          <Text size="sm">Aucune note pour le moment.</Text>
        ) : (
          <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Notes et événements">
            {entries.map((e) => (
              <Paper component="li" key={e.id} withBorder p="sm" radius="sm">
                <Group gap="xs" mb={4} wrap="wrap">
                  {(e.categoryLabel || CATEGORY_LABELS[e.category]) && (
                    <Badge size="sm" variant="light" color={CATEGORY_COLORS[e.category] ?? 'gray'} style={{ textTransform: 'none' }}>
                      {e.categoryLabel || CATEGORY_LABELS[e.category]}
                    </Badge>
                  )}
                  {e.sharedWithWorker && (
                    <Badge size="sm" variant="outline" color="indigo" style={{ textTransform: 'none' }}>
                      Partagé avec le salarié
                    </Badge>
                  )}
                  {e.title && (
                    <Text fw={700} size="sm" component="h3" m={0}>
                      {e.title}
                    </Text>
                  )}
                </Group>
                {e.body && (
                  <Text size="sm" className="pre-wrap">
                    {e.body}
                  </Text>
                )}
                <Text size="xs" c="dimmed" mt={4}>
                  {e.authorName ? `${e.authorName}, ` : ''}
                  {formatDateTime(e.createdAt)}
                </Text>
              </Paper>
            ))}
          </Stack>
        )}
        {transitions.length > 0 && (
          <>
            <Title order={3} fz="h5">
              Changements d'état
            </Title>
            <Stack component="ol" gap={6} p={0} m={0} style={{ listStyle: 'none' }}>
              {transitions.map((t, i) => (
                <Box component="li" key={`${t.at}-${i}`}>
                  <Text size="sm">
                    {t.fromLabel ? `« ${t.fromLabel} » → « ${t.toLabel} »` : `« ${t.toLabel} »`}
                    {' — '}
                    {t.actorName ? `${t.actorName}, ` : ''}
                    {formatDateTime(t.at)}
                  </Text>
                  {t.reason && (
                    <Text size="sm" c="dimmed" className="pre-wrap">
                      Motif : {t.reason}
                    </Text>
                  )}
                </Box>
              ))}
            </Stack>
          </>
        )}
      </Stack>
    </Card>
  );
}

/** /dossiers/:id: reads top-down: who, why, who is involved, next action, what happened. */
export function DossierPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const query = useQuery({
    queryKey: dossierKey(id),
    queryFn: ({ signal }) => call(dossiers.read, { params: { id }, signal }),
  });
  const d = query.data;
  usePageTitle(d ? `Dossier ${d.reference}` : query.isError ? 'Dossier introuvable' : 'Dossier');

  if (query.isPending) return <Loading label="Chargement du dossier…" />;
  if (query.isError) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Stack>
        <Title order={1}>{notFound ? 'Dossier introuvable' : 'Le dossier ne peut pas être affiché'}</Title>
        <ErrorAlert error={query.error} />
        <Anchor component={Link} to="/">
          Revenir à l'accueil
        </Anchor>
      </Stack>
    );
  }
  if (!d) return null;

  const backTo = can(session, 'partner.space') ? '/partenaire' : '/dossiers';

  return (
    <Stack gap="lg">
      <Stack component="section" gap="xs" aria-labelledby="titre-dossier">
        <Anchor component={Link} to={backTo} size="sm">
          ← Retour aux dossiers
        </Anchor>
        <Group gap="sm" align="center">
          <Title order={1} id="titre-dossier">
            Dossier {d.reference}
          </Title>
          <StateBadge state={d.state} label={d.stateLabel} size="lg" />
        </Group>
        <Text size="lg" fw={600}>
          {can(session, 'worker.search') ? (
            <Anchor component={Link} to={`/salaries/${d.worker.id}`} inherit>
              {d.worker.displayName}
            </Anchor>
          ) : (
            d.worker.displayName
          )}
        </Text>
        <Group gap="lg" wrap="wrap">
          {d.originLabel && (
            <Text size="sm">
              <strong>Origine :</strong> {d.originLabel}
            </Text>
          )}
          <Text size="sm">
            <strong>Ouvert le :</strong> {formatDate(d.openedAt)}
          </Text>
          {d.closedAt && (
            <Text size="sm">
              <strong>Clos le :</strong> {formatDate(d.closedAt)}
            </Text>
          )}
          <Text size="sm" component="div">
            <strong>Échéance :</strong> <DueDate date={d.nextDueDate} overdue={d.overdue} />
          </Text>
        </Group>
      </Stack>

      {d.summary && (
        <Card withBorder padding="lg" component="section" aria-labelledby="titre-motif">
          <Title order={2} id="titre-motif" fz="h4" mb="xs">
            Motif
          </Title>
          <Text className="pre-wrap">{d.summary}</Text>
        </Card>
      )}

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <WhoCard dossier={d} />
        <AssigneesCard dossier={d} />
      </SimpleGrid>

      <IntakeDossierSections dossierId={d.id} />
      <PartSections slot="DossierSection" dossierId={d.id} />
      <TransitionsSection dossier={d} />
      <NoteForm dossier={d} />
      <History dossier={d} />
    </Stack>
  );
}
