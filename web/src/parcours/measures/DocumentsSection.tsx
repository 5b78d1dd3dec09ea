import { useState } from 'react';
import { Anchor, Button, Card, Group, List, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { parcours } from '@contract';
import { ApiError, fieldError, formError } from '../../api';
import { can, useSession } from '../../auth';
import { call, hrefOf, permitsWith } from '../../client';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useServiceUsers } from '../../pages/DossiersPage';

/** « Documents » on the dossier page: PDFs to download (each generation is recorded). */
export function DocumentsSection({ dossierId }: { dossierId: string }) {
  const session = useSession();
  const allowed = permitsWith(session.capabilities, parcours.documents.listOfDossier.permission);
  const query = useQuery({
    queryKey: ['documents', dossierId],
    queryFn: ({ signal }) => call(parcours.documents.listOfDossier, { params: { id: dossierId }, signal }),
    enabled: allowed,
    retry: false,
  });
  if (!allowed) return null;
  if (query.isError && query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 403)) return null;
  if (!query.data) return query.isError ? <ErrorAlert error={query.error} /> : null;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="titre-documents">
      <Stack gap="sm">
        <Title order={2} id="titre-documents" fz="h4">
          Documents
        </Title>
        <List size="sm" spacing={4}>
          {query.data.items.map((d) => (
            <List.Item key={`${d.kind}-${d.visitId ?? ''}`}>
              {d.available ? (
                <Anchor href={hrefOf(parcours.documents.generate, { params: { id: dossierId, kind: `${d.kind}.pdf` }, query: { visitId: d.visitId ?? undefined } })} download>
                  {d.label} (PDF)
                </Anchor>
              ) : (
                <Text span size="sm">
                  {d.label} — {d.reason}
                </Text>
              )}
            </List.Item>
          ))}
          <List.Item>
            <Anchor href={hrefOf(parcours.documents.leaflet)} download>
              Livret d'information sur les mesures de maintien en emploi (PDF)
            </Anchor>
          </List.Item>
        </List>
        <Text size="xs" c="dimmed">
          Une convocation par visite planifiée. Le courrier à l'employeur ne contient aucune donnée de santé.
        </Text>
      </Stack>
    </Card>
  );
}

/** « Ajouter une tâche » on the dossier page: title, due date, owner (or the team). */
export function NewTaskSection({ dossierId }: { dossierId: string }) {
  const session = useSession();
  const allowed = permitsWith(session.capabilities, parcours.dossierTasks.create.permission);
  const users = useServiceUsers(allowed && can(session, 'user.list'));
  const client = useQueryClient();
  const [title, setTitle] = useState('');
  const [dueDate, setDueDate] = useState('');
  const [ownerId, setOwnerId] = useState(session.user.id);
  const create = useMutation({
    mutationFn: () => call(parcours.dossierTasks.create, { params: { id: dossierId }, body: { title, dueDate: dueDate || null, ownerId: ownerId || null } }),
    onSuccess: () => {
      setTitle('');
      setDueDate('');
      void client.invalidateQueries({ queryKey: ['tasks'] });
      void client.invalidateQueries({ queryKey: ['dossier', dossierId] });
    },
  });
  if (!allowed) return null;
  const options = [{ value: '', label: 'Équipe (non attribuée)' }, ...(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }))];
  if (!options.some((o) => o.value === session.user.id)) options.push({ value: session.user.id, label: session.user.displayName });
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="titre-nouvelle-tache">
      <Stack gap="sm" component="form" onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
        <Title order={2} id="titre-nouvelle-tache" fz="h4">
          Ajouter une tâche
        </Title>
        <Group grow align="flex-start">
          <TextInput label="À faire" required value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={200} error={fieldError(create.error, 'title')} />
          <DateField label="Échéance" value={dueDate} onChange={setDueDate} error={fieldError(create.error, 'dueDate')} />
          <NativeSelect label="Responsable" value={ownerId} onChange={(e) => setOwnerId(e.currentTarget.value)} data={options} error={fieldError(create.error, 'ownerId')} />
        </Group>
        <ErrorAlert message={formError(create.error, ['title', 'dueDate', 'ownerId'])} />
        {create.isSuccess && (
          <Text size="sm" role="status">
            Tâche ajoutée.
          </Text>
        )}
        <Group>
          <Button type="submit" size="xs" loading={create.isPending} disabled={!title.trim()}>
            Ajouter la tâche
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
