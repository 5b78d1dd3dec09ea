/**
 * One quarantined line next to the known worker, differing fields highlighted, and the two
 * decisions (« Rattacher au salarié connu », « Rejeter la ligne »), each confirmed once.
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Anchor, Badge, Button, Group, Modal, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { intake, type WireOf } from '@contract';
import { fieldError, formError } from '../../api';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/PageTitle';
import { formatDate, formatDateTime, formatNir, formatSex } from '../../format';

type ComparisonRow = WireOf<typeof intake.ComparisonRow>;
type Action = intake.QuarantineAction;

function show(row: ComparisonRow, value: string | null): string {
  if (value === null) return '—';
  if (row.kind === 'date') return formatDate(value);
  if (row.kind === 'sex') return formatSex(value);
  if (row.kind === 'nir') return formatNir(value);
  return value;
}

function Cell({ row, value }: { row: ComparisonRow; value: string | null }) {
  return (
    <Table.Td bg={row.differs ? 'yellow.1' : undefined} fw={row.differs ? 700 : undefined}>
      {show(row, value)}
    </Table.Td>
  );
}

export function QuarantineLinePage() {
  const { id = '' } = useParams();
  const client = useQueryClient();
  const [action, setAction] = useState<Action | null>(null);
  const [note, setNote] = useState('');
  const query = useQuery({
    queryKey: ['flux-quarantine-line', id],
    queryFn: ({ signal }) => call(intake.quarantine.read, { params: { id }, signal }),
  });
  const q = query.data;
  usePageTitle(q ? `Identité à rapprocher — ligne ${q.line}` : 'Identité à rapprocher');
  const resolve = useMutation({
    mutationFn: (a: Action) =>
      call(intake.quarantine.resolve, { params: { id }, body: { action: a, note: note.trim() || null } }),
    onSuccess: () => {
      setAction(null);
      setNote('');
      void client.invalidateQueries({ queryKey: ['flux-quarantine'] });
      void client.invalidateQueries({ queryKey: ['flux-quarantine-line', id] });
    },
  });
  const differing = q?.comparison.filter((r) => r.differs).map((r) => r.label.toLowerCase()) ?? [];

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/flux/quarantaine" size="sm">
        ← Identités à rapprocher
      </Anchor>
      {query.isError && <ErrorAlert error={query.error} />}
      {query.isPending && <Loading label="Chargement de la ligne…" />}
      {q && (
        <>
          <Group justify="space-between">
            <Title order={1}>Identité à rapprocher — ligne {q.line}</Title>
            <Badge color={q.status === 'a_traiter' ? 'orange' : q.status === 'rattachee' ? 'green' : 'gray'} variant="light" size="lg">
              {q.statusLabel}
            </Badge>
          </Group>
          <Text size="sm">
            Message {q.messageId} de {q.issuer}, reçu {formatDateTime(q.receivedAt)} dans l'import{' '}
            <Anchor component={Link} to={`/flux/imports/${q.batchId}`}>
              {q.fileName ?? ''}
            </Anchor>
            .
          </Text>
          {resolve.data && (
            <Alert color="green" role="status">
              {resolve.data.status === 'rattachee'
                ? `Ligne rattachée au salarié. Le signalement est attaché au dossier ${resolve.data.dossierReference ?? ''}.`
                : 'Ligne rejetée.'}
              {resolve.data.dossierId && (
                <>
                  {' '}
                  <Anchor component={Link} to={`/dossiers/${resolve.data.dossierId}`}>
                    Ouvrir le dossier
                  </Anchor>
                </>
              )}
            </Alert>
          )}
          <section aria-labelledby="comparaison">
            <Title order={2} size="h3" id="comparaison" mb="xs">
              Comparaison des identités
            </Title>
            {differing.length > 0 && (
              <Text size="sm" mb="xs">
                Différences : {differing.join(', ')} (surlignées).
              </Text>
            )}
            <Table withTableBorder withColumnBorders verticalSpacing="sm" maw={900}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Champ</Table.Th>
                  <Table.Th scope="col">Ligne reçue du flux</Table.Th>
                  <Table.Th scope="col">
                    Salarié connu{' '}
                    {q.worker && (
                      <Anchor component={Link} to={`/salaries/${q.worker.id}`} size="sm" fw={400}>
                        ({q.worker.displayName})
                      </Anchor>
                    )}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.comparison.map((r) => (
                  <Table.Tr key={r.field}>
                    <Table.Th scope="row">
                      {r.label}
                      {r.differs && (
                        <Text span size="xs" c="orange.9" ml={6}>
                          (diffère)
                        </Text>
                      )}
                    </Table.Th>
                    <Cell row={r} value={r.lineValue} />
                    <Cell row={r} value={r.workerValue} />
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {!q.worker && <Text size="sm" mt="xs">Aucun salarié connu ne porte ce NIR : la ligne ne peut être que rejetée.</Text>}
          </section>
          <section aria-labelledby="arret">
            <Title order={2} size="h3" id="arret" mb="xs">
              Arrêt transmis
            </Title>
            <Text size="sm">
              {q.arret.typeLabel} · {q.arret.natureLabel} · arrêt {q.arret.amArretId} · du {formatDate(q.arret.startDate)}
              {q.arret.expectedEndDate ? ` au ${formatDate(q.arret.expectedEndDate)} (fin prévue)` : ''}
              {q.arret.actualEndDate ? ` · reprise le ${formatDate(q.arret.actualEndDate)}` : ''}
            </Text>
            <Text size="sm">
              Motif : {q.arret.reasonLabel} · consentement du salarié le {formatDate(q.arret.consentDate)}
            </Text>
          </section>
          {q.status === 'a_traiter' ? (
            <Group>
              <Button onClick={() => setAction('rattacher')} disabled={!q.worker}>
                Rattacher au salarié connu
              </Button>
              <Button color="red" variant="light" onClick={() => setAction('rejeter')}>
                Rejeter la ligne
              </Button>
            </Group>
          ) : (
            <Text size="sm">
              {q.statusLabel} {formatDateTime(q.resolvedAt)}
              {q.resolvedByName ? ` par ${q.resolvedByName}` : ''}
              {q.resolutionNote ? ` — « ${q.resolutionNote} »` : ''}
            </Text>
          )}
          <Modal
            opened={action !== null}
            onClose={() => {
              setAction(null);
              resolve.reset();
            }}
            title={action === 'rattacher' ? 'Rattacher au salarié connu ?' : 'Rejeter la ligne ?'}
          >
            <Stack>
              <Text size="sm">
                {action === 'rattacher'
                  ? `L'arrêt sera enregistré pour ${q.worker?.displayName ?? 'ce salarié'} et rattaché à son dossier ouvert (ou à un nouveau dossier « Signalé »). Son identité n'est pas modifiée.`
                  : "La ligne est conservée avec le statut « Rejetée » et votre note ; aucun arrêt n'est enregistré."}
              </Text>
              <Textarea
                label={action === 'rejeter' ? 'Motif du rejet' : 'Note (facultative)'}
                required={action === 'rejeter'}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                autosize
                minRows={2}
                maxLength={2000}
                error={fieldError(resolve.error, 'note')}
              />
              <ErrorAlert message={formError(resolve.error, ['note'])} />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setAction(null)}>
                  Annuler
                </Button>
                <Button color={action === 'rejeter' ? 'red' : undefined} loading={resolve.isPending} onClick={() => action && resolve.mutate(action)}>
                  {action === 'rattacher' ? 'Confirmer le rattachement' : 'Confirmer le rejet'}
                </Button>
              </Group>
            </Stack>
          </Modal>
        </>
      )}
    </Stack>
  );
}
