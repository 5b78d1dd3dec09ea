/**
 * « Visites » on the case page: the visits of the case, the schedule form (which answers the
 * open rule task: « Organiser la visite de reprise »…) and each visit's outcome. A rendez-vous de
 * liaison records a suite from a list, never free text (C. trav. L1226-1-3).
 */
import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, NativeSelect, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { parcours, type ResponseOf, type WireOf } from '@contract';
import { fieldError, formError } from '../../api';
import { can, useSession } from '../../auth';
import { call } from '../../client';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useServiceUsers } from '../../pages/DossiersPage';
import { formatDate, formatDateTime, todayIso } from '../../format';
import { toInstant } from './datetime';

const { LIAISON_OUTCOME_LABELS, LIAISON_OUTCOMES, requestersOf, VISIT_KIND_LABELS, VISIT_KINDS, VISIT_PROFESSIONAL_ROLES, VISIT_REQUESTER_LABELS } = parcours;
type Visit = WireOf<typeof parcours.Visit>;
type DossierVisits = ResponseOf<typeof parcours.visits.listOfDossier>;

export const dossierVisitsKey = (dossierId: string) => ['visits', 'dossier', dossierId] as const;

const STATUS_COLORS: Record<string, string> = { planifiee: 'blue', realisee: 'grape', annulee: 'gray', non_presente: 'red' };

export function VisitsSection({ dossierId }: { dossierId: string }) {
  const session = useSession();
  const allowed = can(session, 'visit.manage');
  const query = useQuery({
    queryKey: dossierVisitsKey(dossierId),
    queryFn: ({ signal }) => call(parcours.visits.listOfDossier, { params: { id: dossierId }, signal }),
    enabled: allowed,
  });
  if (!allowed) return null;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="titre-visites">
      <Stack gap="md">
        <Title order={2} fz="h4" id="titre-visites">
          Visites
        </Title>
        {query.isPending && <Loading label="Chargement des visites…" />}
        {query.isError && <ErrorAlert error={query.error} />}
        {query.data && (
          <>
            {query.data.items.length === 0 ? <Text size="sm">Aucune visite planifiée pour ce dossier.</Text> : <VisitsTable visits={query.data.items} dossierId={dossierId} />}
            <ScheduleForm dossierId={dossierId} data={query.data} />
          </>
        )}
      </Stack>
    </Card>
  );
}

function VisitsTable({ visits, dossierId }: { visits: Visit[]; dossierId: string }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs">
        <Table.Caption>Visites du dossier, les plus récentes en premier</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Visite</Table.Th>
            <Table.Th>Date</Table.Th>
            <Table.Th>Professionnel et lieu</Table.Th>
            <Table.Th>Statut et issue</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {visits.map((v) => (
            <Table.Tr key={v.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {v.kindLabel}
                </Text>
                <Text size="xs" c="dimmed">
                  {v.basis}
                  {v.requestedByLabel && ` · à la demande de : ${v.requestedByLabel.toLowerCase()}`}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDateTime(v.scheduledAt)}</Text>
                {v.reprise && (
                  <Text size="xs" c={v.reprise.late ? 'red.9' : 'dimmed'} fw={v.reprise.late ? 700 : undefined}>
                    Reprise le {formatDate(v.returnDate)} · échéance {formatDate(v.reprise.deadline)}
                    {v.reprise.late && ` · en retard de ${v.reprise.daysLate} j`}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{v.professional?.displayName ?? 'À désigner'}</Text>
                {v.place && (
                  <Text size="xs" c="dimmed">
                    {v.place}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Badge color={STATUS_COLORS[v.status] ?? 'gray'} variant="light">
                  {v.statusLabel}
                </Badge>
                {v.outcome && <Text size="xs">{v.outcome}</Text>}
                {!v.outcomeVisible && v.status === 'realisee' && (
                  <Text size="xs" c="dimmed">
                    Conclusion réservée aux professionnels de santé.
                  </Text>
                )}
                {v.status === 'planifiee' && <OutcomeForm visit={v} dossierId={dossierId} />}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function OutcomeForm({ visit, dossierId }: { visit: Visit; dossierId: string }) {
  const client = useQueryClient();
  const session = useSession();
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState('realisee');
  const [outcome, setOutcome] = useState('');
  const [liaison, setLiaison] = useState('');
  const isLiaison = visit.kind === 'liaison';
  const health = session.writableCategories.some((c) => c.code === 'medical');
  const save = useMutation({
    mutationFn: () =>
      call(parcours.visits.recordOutcome, {
        params: { id: visit.id },
        body: isLiaison ? { status, liaisonOutcome: status === 'realisee' ? liaison || null : null } : { status, outcome: outcome || null },
      }),
    onSuccess: () => {
      setOpen(false);
      void client.invalidateQueries({ queryKey: dossierVisitsKey(dossierId) });
      void client.invalidateQueries({ queryKey: ['dossier', dossierId] });
    },
  });
  if (!open) {
    return (
      <Button size="compact-xs" variant="light" mt={4} onClick={() => setOpen(true)} aria-label={`Enregistrer l'issue : ${visit.kindLabel} ${formatDateTime(visit.scheduledAt)}`}>
        Enregistrer l'issue
      </Button>
    );
  }
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap={4} mt={4}>
        <NativeSelect
          size="xs"
          label="Issue"
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
          data={[
            { value: 'realisee', label: 'Réalisée' },
            { value: 'annulee', label: 'Annulée' },
            { value: 'non_presente', label: 'Non présenté' },
          ]}
        />
        {isLiaison && status === 'realisee' && (
          <NativeSelect
            size="xs"
            label="Suite donnée"
            description="Aucune information médicale dans un rendez-vous de liaison (art. L1226-1-3) : une suite de la liste, sans texte libre."
            value={liaison}
            onChange={(e) => setLiaison(e.currentTarget.value)}
            data={[{ value: '', label: 'Choisir…' }, ...LIAISON_OUTCOMES.map((o) => ({ value: o, label: LIAISON_OUTCOME_LABELS[o] }))]}
            error={fieldError(save.error, 'liaisonOutcome')}
          />
        )}
        {!isLiaison && status === 'realisee' && health && (
          <Textarea size="xs" label="Conclusion (donnée de santé)" autosize minRows={2} maxLength={4000} value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)} error={fieldError(save.error, 'outcome')} />
        )}
        <ErrorAlert message={formError(save.error, ['liaisonOutcome', 'outcome'])} />
        <Group gap="xs">
          <Button size="compact-xs" type="submit" loading={save.isPending}>
            Valider
          </Button>
          <Button size="compact-xs" variant="default" onClick={() => setOpen(false)}>
            Annuler
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The kinds whose form names who asked for the visit. */
const asksRequester = (kind: parcours.VisitKind) => kind === 'demande' || kind === 'liaison' || kind === 'pre_reprise';

const FORM_FIELDS = ['kind', 'scheduledAt', 'place', 'professionalUserId', 'requestedBy', 'returnDate', 'taskId'];

function ScheduleForm({ dossierId, data }: { dossierId: string; data: DossierVisits }) {
  const client = useQueryClient();
  const users = useServiceUsers();
  const [kind, setKind] = useState<parcours.VisitKind>('reprise');
  const [date, setDate] = useState(todayIso());
  const [time, setTime] = useState('09:00');
  const [place, setPlace] = useState('');
  const [pro, setPro] = useState('');
  const [requestedBy, setRequestedBy] = useState('');
  const [returnDate, setReturnDate] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      call(parcours.visits.schedule, {
        params: { id: dossierId },
        body: {
          kind,
          scheduledAt: toInstant(date, time) ?? '',
          place,
          professionalUserId: pro || null,
          requestedBy: asksRequester(kind) && (requestersOf(kind) as readonly string[]).includes(requestedBy) ? requestedBy : null,
          returnDate: kind === 'reprise' && returnDate ? returnDate : null,
        },
      }),
    onSuccess: (r) => {
      setDone(
        `${r.visit.kindLabel} planifiée ${formatDateTime(r.visit.scheduledAt)}.` +
          (r.closedTask ? ` Tâche « ${r.closedTask.title} » faite.` : '') +
          (r.visit.reprise?.late ? ` Attention : au-delà de l'échéance du ${formatDate(r.visit.reprise.deadline)} (${data.repriseDeadlineDays} jours après la reprise, art. R4624-31).` : ''),
      );
      void client.invalidateQueries({ queryKey: dossierVisitsKey(dossierId) });
      void client.invalidateQueries({ queryKey: ['dossier', dossierId] });
      void client.invalidateQueries({ queryKey: ['tasks'] });
      void client.invalidateQueries({ queryKey: ['visits', 'agenda'] });
    },
    onError: () => setDone(null),
  });
  const pros = (users.data?.items ?? []).filter((u) => VISIT_PROFESSIONAL_ROLES[kind].includes(u.role));
  // Only the requesters the rules accept for this kind (pré-reprise: never the employer, L4624-2-4;
  // liaison: the employer or the worker, D1226-8-1); a choice made for another kind is not sent.
  const requesters = requestersOf(kind);
  const requester = (requesters as readonly string[]).includes(requestedBy) ? requestedBy : '';
  const err = save.error;
  return (
    <form
      aria-labelledby="titre-planifier-visite"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="sm">
        <Title order={3} fz="h5" id="titre-planifier-visite">
          Planifier une visite
        </Title>
        {data.openTasks.length > 0 && (
          <Text size="sm">
            À organiser : {data.openTasks.map((t) => `${t.title}${t.dueDate ? ` (échéance ${formatDate(t.dueDate)})` : ''}`).join(' ; ')}. La visite planifiée clôt la tâche correspondante.
          </Text>
        )}
        <Group grow align="flex-start" wrap="wrap">
          <NativeSelect label="Type de visite" value={kind} onChange={(e) => setKind(e.currentTarget.value as parcours.VisitKind)} data={VISIT_KINDS.map((k) => ({ value: k, label: VISIT_KIND_LABELS[k] }))} error={fieldError(err, 'kind')} />
          <DateField label="Date de la visite" required value={date} onChange={setDate} error={fieldError(err, 'scheduledAt')} />
          <TextInput label="Heure" type="time" required value={time} onChange={(e) => setTime(e.currentTarget.value)} />
        </Group>
        <Group grow align="flex-start" wrap="wrap">
          <NativeSelect
            label="Professionnel"
            value={pro}
            onChange={(e) => setPro(e.currentTarget.value)}
            data={[{ value: '', label: 'À désigner' }, ...pros.map((u) => ({ value: u.id, label: `${u.displayName} (${u.roleLabel})` }))]}
            error={fieldError(err, 'professionalUserId')}
          />
          <TextInput label="Lieu" maxLength={200} value={place} onChange={(e) => setPlace(e.currentTarget.value)} error={fieldError(err, 'place')} />
          {asksRequester(kind) && (
            <NativeSelect
              label="À la demande de"
              description={kind === 'pre_reprise' ? 'Le salarié, son médecin traitant, le médecin conseil ou le médecin du travail (art. L4624-2-4) — pas l’employeur' : undefined}
              value={requester}
              onChange={(e) => setRequestedBy(e.currentTarget.value)}
              data={[{ value: '', label: kind === 'demande' ? 'Choisir…' : 'Non précisé' }, ...requesters.map((r) => ({ value: r, label: VISIT_REQUESTER_LABELS[r] }))]}
              error={fieldError(err, 'requestedBy')}
            />
          )}
          {kind === 'reprise' && (
            <DateField
              label="Date de reprise du travail"
              description="Sinon, celle de la tâche « Organiser la visite de reprise »"
              value={returnDate}
              onChange={setReturnDate}
              error={fieldError(err, 'returnDate')}
            />
          )}
        </Group>
        {kind === 'liaison' && (
          <Text size="xs" c="dimmed">
            Rendez-vous de liaison : employeur et salarié, le service de santé au travail associé ; aucune information médicale n'y est échangée et le salarié peut le refuser sans conséquence.
          </Text>
        )}
        <ErrorAlert message={formError(err, FORM_FIELDS)} />
        {done && (
          <Alert color="green" variant="light" role="status">
            {done}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            Planifier
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
