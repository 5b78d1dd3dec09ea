/**
 * /instances/:id — one meeting: attendees, the agenda with per-case minutes and decisions. A
 * partner attending sees only the cases whose worker consents to his organisation; the cell sees
 * which partners will not see a case.
 */
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, List, NativeSelect, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { parcours, type WireOf } from '@contract';
import { fieldError, formError } from '../../api';
import { call } from '../../client';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/PageTitle';
import { useServiceUsers } from '../../pages/DossiersPage';
import { formatDate, formatDateTime } from '../../format';

type Meeting = WireOf<typeof parcours.MeetingPage>;
type MeetingCase = WireOf<typeof parcours.MeetingCase>;

export function MeetingPage() {
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: ['meetings', id], queryFn: ({ signal }) => call(parcours.meetings.read, { params: { id }, signal }) });
  usePageTitle(query.data?.title ?? 'Instance');
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const m = query.data;
  return (
    <Stack gap="md">
      <Title order={1}>{m.title}</Title>
      <Text>
        {m.kindLabel}, {formatDateTime(m.scheduledAt)}
        {m.place && ` — ${m.place}`} · <Badge variant="light">{m.statusLabel}</Badge>
      </Text>
      {m.kind === 'instance_partenariale' && (
        <Alert variant="light" color="blue">
          Instance partenariale : chaque partenaire ne voit que les dossiers des salariés qui ont autorisé son organisme. Les comptes rendus lui sont lisibles : aucune information médicale.
        </Alert>
      )}
      <Card withBorder component="section" aria-labelledby="titre-participants">
        <Stack gap="xs">
          <Title order={2} fz="h4" id="titre-participants">
            Participants
          </Title>
          <List size="sm">
            {m.attendees.map((a) => (
              <List.Item key={a.id}>
                {a.displayName} — {a.organisation.name}
              </List.Item>
            ))}
          </List>
          {m.canManage && m.status === 'planifiee' && <AddAttendee meeting={m} />}
        </Stack>
      </Card>
      <Title order={2} fz="h3">
        Ordre du jour
      </Title>
      {m.cases.length === 0 && <Text>{m.canManage ? "Aucun dossier inscrit. Inscrivez-les depuis la page du dossier." : 'Aucun dossier ne vous est présenté dans cette instance.'}</Text>}
      {m.cases.map((c) => (
        <CaseCard key={c.dossierId} meeting={m} c={c} />
      ))}
      {m.canManage && m.status === 'planifiee' && <CloseMeeting meetingId={m.id} />}
    </Stack>
  );
}

function AddAttendee({ meeting }: { meeting: Meeting }) {
  const client = useQueryClient();
  const [userId, setUserId] = useState('');
  const options = useQuery({
    queryKey: ['meetings', 'attendee-options'],
    queryFn: ({ signal }) => call(parcours.meetings.attendeeOptions, { signal }),
  });
  const add = useMutation({
    mutationFn: () => call(parcours.meetings.addAttendee, { params: { id: meeting.id }, body: { userId } }),
    onSuccess: () => {
      setUserId('');
      void client.invalidateQueries({ queryKey: ['meetings', meeting.id] });
    },
  });
  const present = new Set(meeting.attendees.map((a) => a.id));
  const choices = (options.data?.items ?? []).filter((o) => !present.has(o.id) && (meeting.kind === 'instance_partenariale' || !o.partner));
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (userId) add.mutate();
      }}
    >
      <Group align="flex-end" gap="xs">
        <NativeSelect label="Inviter" value={userId} onChange={(e) => setUserId(e.currentTarget.value)} data={[{ value: '', label: 'Choisir…' }, ...choices.map((o) => ({ value: o.id, label: `${o.displayName} — ${o.organisation.name}` }))]} />
        <Button type="submit" variant="light" disabled={!userId} loading={add.isPending}>
          Inviter
        </Button>
      </Group>
      {add.isError && <ErrorAlert error={add.error} />}
    </form>
  );
}

function CaseCard({ meeting, c }: { meeting: Meeting; c: MeetingCase }) {
  const client = useQueryClient();
  const [minutes, setMinutes] = useState(c.minutes ?? '');
  const save = useMutation({
    mutationFn: () => call(parcours.meetings.recordMinutes, { params: { id: meeting.id, dossierId: c.dossierId }, body: { minutes: minutes || null } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['meetings', meeting.id] }),
  });
  const titleId = `cas-${c.dossierId}`;
  return (
    <Card withBorder component="section" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Title order={3} fz="h5" id={titleId}>
          {meeting.canManage ? (
            <Anchor component={Link} to={`/dossiers/${c.dossierId}`}>
              {c.workerName}
            </Anchor>
          ) : (
            c.workerName
          )}{' '}
          <Text span size="sm" c="dimmed">
            {c.reference} · {c.stateLabel}
          </Text>
        </Title>
        {c.partnersWithoutConsent.length > 0 && (
          <Text size="xs" c="red.9">
            Non présenté à : {c.partnersWithoutConsent.join(', ')} (pas d'accord du salarié).
          </Text>
        )}
        {meeting.canManage ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              save.mutate();
            }}
          >
            <Textarea
              label="Compte rendu"
              description={meeting.minutesCategory === 'sensitive' ? 'Donnée sensible, réservée à la cellule.' : 'Lu par les partenaires autorisés : aucune information médicale.'}
              autosize
              minRows={2}
              maxLength={8000}
              value={minutes}
              onChange={(e) => setMinutes(e.currentTarget.value)}
              error={fieldError(save.error, 'minutes')}
            />
            <Group mt={4} gap="xs">
              <Button size="xs" type="submit" variant="default" loading={save.isPending}>
                Enregistrer le compte rendu
              </Button>
              {save.isSuccess && (
                <Text size="xs" role="status">
                  Compte rendu enregistré.
                </Text>
              )}
            </Group>
            <ErrorAlert message={formError(save.error, ['minutes'])} />
          </form>
        ) : (
          <Text size="sm">{c.minutes ?? 'Pas de compte rendu.'}</Text>
        )}
        <Text size="sm" fw={500}>
          Décisions
        </Text>
        {c.decisions.length === 0 && <Text size="sm">Aucune décision.</Text>}
        <List size="sm">
          {c.decisions.map((d) => (
            <List.Item key={d.id}>
              {d.text}
              {d.owner && ` — ${d.owner.displayName}, échéance ${formatDate(d.dueDate)}${d.taskStatus === 'fait' ? ' (faite)' : ''}`}
            </List.Item>
          ))}
        </List>
        {meeting.canManage && <DecisionForm meetingId={meeting.id} dossierId={c.dossierId} />}
      </Stack>
    </Card>
  );
}

function DecisionForm({ meetingId, dossierId }: { meetingId: string; dossierId: string }) {
  const client = useQueryClient();
  const users = useServiceUsers();
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const add = useMutation({
    mutationFn: () => call(parcours.meetings.addDecision, { params: { id: meetingId, dossierId }, body: { text, ownerUserId: owner || null, dueDate: due || null } }),
    onSuccess: () => {
      setText('');
      setOwner('');
      setDue('');
      void client.invalidateQueries({ queryKey: ['meetings', meetingId] });
      void client.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
  return (
    <form
      aria-label="Ajouter une décision"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <Group align="flex-start" grow wrap="wrap">
        <TextInput label="Décision" maxLength={500} value={text} onChange={(e) => setText(e.currentTarget.value)} error={fieldError(add.error, 'text')} />
        <NativeSelect
          label="Confiée à (devient une tâche)"
          value={owner}
          onChange={(e) => setOwner(e.currentTarget.value)}
          data={[{ value: '', label: 'Personne' }, ...(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }))]}
          error={fieldError(add.error, 'ownerUserId')}
        />
        <DateField label="Échéance" value={due} onChange={setDue} error={fieldError(add.error, 'dueDate')} />
      </Group>
      <ErrorAlert message={formError(add.error, ['text', 'ownerUserId', 'dueDate'])} />
      <Button mt={4} size="xs" type="submit" loading={add.isPending} disabled={text.trim().length < 3}>
        Ajouter la décision
      </Button>
    </form>
  );
}

function CloseMeeting({ meetingId }: { meetingId: string }) {
  const client = useQueryClient();
  const close = useMutation({
    mutationFn: (status: string) => call(parcours.meetings.setStatus, { params: { id: meetingId }, body: { status } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['meetings'] }),
  });
  return (
    <Group>
      <Button variant="default" onClick={() => close.mutate('tenue')} loading={close.isPending}>
        Marquer l'instance comme tenue
      </Button>
      <Button variant="subtle" color="red" onClick={() => close.mutate('annulee')}>
        Annuler l'instance
      </Button>
      {close.isError && <ErrorAlert error={close.error} />}
    </Group>
  );
}
