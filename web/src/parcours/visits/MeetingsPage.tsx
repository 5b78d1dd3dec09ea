/** /instances: the staff meetings (cell: all, with a create form; partner: those he attends). */
import { useState } from 'react';
import { Anchor, Button, Card, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { parcours, type WireOf } from '@contract';
import { fieldError, formError } from '../../api';
import { can, useSession } from '../../auth';
import { call } from '../../client';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/PageTitle';
import { formatDateTime, todayIso } from '../../format';
import { toInstant } from './datetime';

const { MEETING_KIND_LABELS, MEETING_KINDS } = parcours;
type MeetingSummary = WireOf<typeof parcours.MeetingSummary>;

export function MeetingsPage() {
  usePageTitle("Instances d'examen des cas");
  const session = useSession();
  const query = useQuery({ queryKey: ['meetings'], queryFn: ({ signal }) => call(parcours.meetings.list, { signal }) });
  return (
    <Stack gap="md">
      <Title order={1}>Instances d'examen des cas</Title>
      {can(session, 'meeting.manage') && <CreateMeeting />}
      {query.isPending && <Loading />}
      {query.isError && <ErrorAlert error={query.error} />}
      {query.data && query.data.items.length === 0 && <Text>Aucune instance.</Text>}
      {query.data && query.data.items.length > 0 && <MeetingsTable items={query.data.items} />}
    </Stack>
  );
}

export function MeetingsTable({ items }: { items: MeetingSummary[] }) {
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table striped verticalSpacing="xs">
        <Table.Caption>Instances, les plus récentes en premier</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Instance</Table.Th>
            <Table.Th>Date</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Dossiers</Table.Th>
            <Table.Th>Statut</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>
                <Anchor component={Link} to={`/instances/${m.id}`}>
                  {m.title}
                </Anchor>
              </Table.Td>
              <Table.Td>{formatDateTime(m.scheduledAt)}</Table.Td>
              <Table.Td>{m.kindLabel}</Table.Td>
              <Table.Td>{m.caseCount ?? '—'}</Table.Td>
              <Table.Td>{m.statusLabel}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function CreateMeeting() {
  const client = useQueryClient();
  const navigate = useNavigate();
  const [kind, setKind] = useState<parcours.MeetingKind>('staff_pluridisciplinaire');
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(todayIso());
  const [time, setTime] = useState('14:00');
  const [place, setPlace] = useState('');
  const save = useMutation({
    mutationFn: () => call(parcours.meetings.create, { body: { kind, title: title || null, scheduledAt: toInstant(date, time) ?? '', place } }),
    onSuccess: (r) => {
      void client.invalidateQueries({ queryKey: ['meetings'] });
      void navigate(`/instances/${r.id}`);
    },
  });
  return (
    <Card withBorder component="section" aria-labelledby="titre-nouvelle-instance">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={2} fz="h4" id="titre-nouvelle-instance">
            Nouvelle instance
          </Title>
          <Group grow align="flex-start" wrap="wrap">
            <NativeSelect label="Type" value={kind} onChange={(e) => setKind(e.currentTarget.value as parcours.MeetingKind)} data={MEETING_KINDS.map((k) => ({ value: k, label: MEETING_KIND_LABELS[k] }))} />
            <TextInput label="Intitulé" placeholder={MEETING_KIND_LABELS[kind]} maxLength={200} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={fieldError(save.error, 'title')} />
          </Group>
          <Group grow align="flex-start" wrap="wrap">
            <DateField label="Date de l'instance" required value={date} onChange={setDate} error={fieldError(save.error, 'scheduledAt')} />
            <TextInput label="Heure" type="time" required value={time} onChange={(e) => setTime(e.currentTarget.value)} />
            <TextInput label="Lieu" maxLength={200} value={place} onChange={(e) => setPlace(e.currentTarget.value)} />
          </Group>
          <ErrorAlert message={formError(save.error, ['scheduledAt', 'title'])} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              Créer l'instance
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
