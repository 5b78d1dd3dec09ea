/** « Instances » on the case page: the meetings where the case is on the agenda, and adding it to a planned one. */
import { useState } from 'react';
import { Anchor, Button, Card, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { parcours } from '@contract';
import { can, useSession } from '../../auth';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format';

export function DossierMeetings({ dossierId }: { dossierId: string }) {
  const session = useSession();
  const allowed = can(session, 'meeting.manage');
  const client = useQueryClient();
  const mine = useQuery({
    queryKey: ['meetings', 'dossier', dossierId],
    queryFn: ({ signal }) => call(parcours.meetings.listOfDossier, { params: { id: dossierId }, signal }),
    enabled: allowed,
  });
  const all = useQuery({ queryKey: ['meetings'], queryFn: ({ signal }) => call(parcours.meetings.list, { signal }), enabled: allowed });
  const [choice, setChoice] = useState('');
  const add = useMutation({
    mutationFn: () => call(parcours.meetings.addCase, { params: { id: choice }, body: { dossierId } }),
    onSuccess: () => {
      setChoice('');
      void client.invalidateQueries({ queryKey: ['meetings'] });
      void client.invalidateQueries({ queryKey: ['dossier', dossierId] });
    },
  });
  if (!allowed) return null;
  const on = new Set((mine.data?.items ?? []).map((m) => m.id));
  const planned = (all.data?.items ?? []).filter((m) => m.status === 'planifiee' && !on.has(m.id));
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="titre-instances-dossier">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="titre-instances-dossier">
          Instances d'examen
        </Title>
        {mine.isError && <ErrorAlert error={mine.error} />}
        {mine.data && mine.data.items.length === 0 && <Text size="sm">Ce dossier n'a été présenté à aucune instance.</Text>}
        {mine.data?.items.map((m) => (
          <Text size="sm" key={m.id}>
            <Anchor component={Link} to={`/instances/${m.id}`}>
              {m.title}
            </Anchor>{' '}
            — {m.kindLabel}, {formatDateTime(m.scheduledAt)} ({m.statusLabel.toLowerCase()}
            {m.hasMinutes ? ', compte rendu rédigé' : ''})
          </Text>
        ))}
        {planned.length > 0 && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (choice) add.mutate();
            }}
          >
            <Group align="flex-end" gap="xs">
              <NativeSelect
                label="Inscrire à l'ordre du jour de"
                value={choice}
                onChange={(e) => setChoice(e.currentTarget.value)}
                data={[{ value: '', label: 'Choisir une instance…' }, ...planned.map((m) => ({ value: m.id, label: `${m.title} — ${formatDateTime(m.scheduledAt)}` }))]}
              />
              <Button type="submit" variant="light" loading={add.isPending} disabled={!choice}>
                Inscrire
              </Button>
            </Group>
            {add.isError && <ErrorAlert error={add.error} />}
          </form>
        )}
      </Stack>
    </Card>
  );
}
