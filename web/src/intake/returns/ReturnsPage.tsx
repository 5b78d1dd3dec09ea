/**
 * /retours-am « Retours à l'Assurance maladie »: every return message with its delivery status
 * (filters in the URL), the export file of the messages à transmettre and its confirmation.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, NativeSelect, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { intake } from '@contract';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Pager, pageCount } from '../../components/Pager';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/PageTitle';
import { useUrlParams } from '../../components/useUrlParams';
import { formatDate, formatDateTimeShort, formatNumber, plural } from '../../format';
import { downloadExport, saveBlob } from './api';

const { AM_RETURN_STATUSES, AM_RETURN_STATUS_LABELS } = intake;
import { ReturnStatusBadge } from './StatusBadge';

const PAGE_SIZE = 25;

export function ReturnsPage() {
  usePageTitle("Retours à l'Assurance maladie");
  const { get, getList, update } = useUrlParams();
  const statuses = getList('status').filter((s) => (AM_RETURN_STATUSES as readonly string[]).includes(s));
  const recipient = get('recipient');
  const page = Math.max(1, Number.parseInt(get('page') || '1', 10) || 1);

  const query = useQuery({
    queryKey: ['am-returns', 'list', { statuses, recipient, page }],
    queryFn: ({ signal }) => call(intake.amReturns.list, { query: { status: statuses.join(',') || undefined, recipient: recipient || undefined, page, pageSize: PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
  });
  const data = query.data;
  const totalPages = data ? pageCount(data.total, PAGE_SIZE) : 1;

  return (
    <Stack gap="md">
      <Title order={1}>Retours à l'Assurance maladie</Title>
      <Text>
        Les accompagnements mis en place pour les salariés dont l'arrêt a été transmis par le flux de l'Assurance maladie, et l'état de leur
        transmission (art. L4622-2-1 du code du travail).
      </Text>

      <ExportCard recipient={recipient} pending={data?.counts.a_transmettre ?? 0} />

      <Group align="flex-end" gap="md" wrap="wrap">
        <NativeSelect
          label="Destinataire"
          value={recipient}
          onChange={(e) => update({ recipient: e.currentTarget.value || null })}
          data={[{ value: '', label: 'Tous les destinataires' }, ...(data?.recipients ?? []).map((d) => ({ value: d, label: d }))]}
          w={{ base: '100%', sm: 240 }}
        />
        {(statuses.length > 0 || recipient) && (
          <Button variant="subtle" onClick={() => update({ status: null, recipient: null })}>
            Effacer les filtres
          </Button>
        )}
      </Group>
      <Checkbox.Group label="État de transmission" value={statuses} onChange={(v) => update({ status: v })}>
        <Group gap="md" mt={6}>
          {AM_RETURN_STATUSES.map((s) => (
            <Checkbox key={s} value={s} label={`${AM_RETURN_STATUS_LABELS[s]} (${formatNumber(data?.counts[s] ?? 0)})`} />
          ))}
        </Group>
      </Checkbox.Group>

      {query.isError && <ErrorAlert error={query.error} />}
      {query.isPending && <Loading label="Chargement des retours…" />}
      {data && (
        <>
          <Text size="sm" aria-live="polite">
            {plural(data.total, 'message')}
          </Text>
          {data.items.length === 0 ? (
            <Text>{statuses.length || recipient ? 'Aucun message ne correspond à ces critères.' : 'Aucun retour enregistré pour le moment.'}</Text>
          ) : (
            <Table.ScrollContainer minWidth={1000}>
              <Table striped highlightOnHover verticalSpacing="sm" aria-busy={query.isFetching}>
                <Table.Caption>
                  <VisuallyHidden>
                    Retours à l'Assurance maladie, page {page} sur {totalPages}
                  </VisuallyHidden>
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Dossier</Table.Th>
                    <Table.Th>Salarié</Table.Th>
                    <Table.Th>Accompagnement</Table.Th>
                    <Table.Th>Date</Table.Th>
                    <Table.Th>Destinataire et arrêt</Table.Th>
                    <Table.Th>Poste transmis</Table.Th>
                    <Table.Th>État</Table.Th>
                    <Table.Th>Transmission</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((m) => (
                    <Table.Tr key={m.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        <Anchor component={Link} to={`/dossiers/${m.dossierId}`} fw={600}>
                          {m.dossierReference}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{m.workerName}</Table.Td>
                      <Table.Td>{m.typeLabel}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(m.date)}</Table.Td>
                      <Table.Td>
                        {m.recipient} · {m.amArretId}
                      </Table.Td>
                      <Table.Td>{m.jobIncluded ? 'Oui' : 'Non'}</Table.Td>
                      <Table.Td>
                        <ReturnStatusBadge status={m.status} />
                        {m.error && (
                          <Text size="xs" c="red">
                            {m.error}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {m.transmittedAt ? (
                          <Text size="sm">
                            {formatDateTimeShort(m.transmittedAt)} ({m.channel === 'api' ? 'API' : 'fichier'})
                          </Text>
                        ) : (
                          <Text size="sm" c="dimmed">
                            Pas encore transmis
                          </Text>
                        )}
                        {m.status === 'en_erreur' && <RequeueButton id={m.id} />}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Pager total={data.total} pageSize={PAGE_SIZE} page={page} onChange={(p) => update({ page: p === 1 ? null : p })} label="Pages de la liste" />
        </>
      )}
    </Stack>
  );
}

function RequeueButton({ id }: { id: string }) {
  const client = useQueryClient();
  const m = useMutation({
    mutationFn: () => call(intake.amReturns.requeue, { params: { id } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['am-returns'] }),
  });
  return (
    <>
      <Button size="compact-xs" variant="light" mt={4} loading={m.isPending} onClick={() => m.mutate()}>
        Remettre à transmettre
      </Button>
      {m.isError && <ErrorAlert error={m.error} />}
    </>
  );
}

function ExportCard({ recipient, pending }: { recipient: string; pending: number }) {
  const client = useQueryClient();
  const [format, setFormat] = useState<'csv' | 'jsonl'>('csv');
  const [file, setFile] = useState<{ fileName: string; messageIds: string[] } | null>(null);
  const download = useMutation({
    mutationFn: () => downloadExport(format, recipient),
    onSuccess: (r) => {
      saveBlob(r.blob, r.fileName);
      setFile({ fileName: r.fileName, messageIds: r.messageIds });
    },
  });
  const confirm = useMutation({
    mutationFn: (messageIds: string[]) => call(intake.amReturns.confirmExport, { body: { messageIds } }),
    onSuccess: () => {
      setFile(null);
      void client.invalidateQueries({ queryKey: ['am-returns'] });
    },
  });

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="titre-export-retours">
      <Stack gap="sm">
        <Group gap="xs">
          <Title order={2} fz="h4" id="titre-export-retours">
            Fichier à transmettre
          </Title>
          <Badge variant="light" color="blue" style={{ textTransform: 'none' }}>
            {plural(pending, 'message')} à transmettre
          </Badge>
        </Group>
        <Text size="sm">
          Téléchargez le fichier des messages à transmettre{recipient ? ` à ${recipient}` : ''}, envoyez-le à l'Assurance maladie, puis confirmez
          l'envoi : les messages passent alors « Transmis ». Télécharger seul ne change rien.
        </Text>
        <Group align="flex-end" gap="md">
          <NativeSelect
            label="Format du fichier"
            value={format}
            onChange={(e) => setFormat(e.currentTarget.value === 'jsonl' ? 'jsonl' : 'csv')}
            data={[
              { value: 'csv', label: 'CSV (séparateur ;)' },
              { value: 'jsonl', label: 'JSON Lines' },
            ]}
          />
          <Button onClick={() => download.mutate()} loading={download.isPending} disabled={pending === 0}>
            Télécharger le fichier
          </Button>
        </Group>
        {download.isError && <ErrorAlert error={download.error} />}
        {file && (
          <Alert color="blue" variant="light" title={`Fichier ${file.fileName}`}>
            <Text size="sm" mb="xs">
              {plural(file.messageIds.length, 'message')} dans le fichier. Une fois le fichier envoyé à l'Assurance maladie, confirmez la transmission.
            </Text>
            <Group gap="sm">
              <Button size="xs" onClick={() => confirm.mutate(file.messageIds)} loading={confirm.isPending} disabled={file.messageIds.length === 0}>
                Confirmer la transmission
              </Button>
              <Button size="xs" variant="default" onClick={() => setFile(null)}>
                Le fichier n'a pas été envoyé
              </Button>
            </Group>
          </Alert>
        )}
        {confirm.isError && <ErrorAlert error={confirm.error} />}
        {confirm.isSuccess && (
          <Alert color="green" variant="light" role="status">
            {plural(confirm.data.confirmed, 'message')} marqué{confirm.data.confirmed > 1 ? 's' : ''} « Transmis ».
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
