/** One import of the AM flux: counts, warnings, rejections by code and the rejection report. */
import { Link, useParams } from 'react-router';
import { Alert, Anchor, Badge, Button, Group, List, NativeSelect, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { intake } from '@contract';
import { call, hrefOf } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/PageTitle';
import { useUrlParams } from '../../components/useUrlParams';
import { formatDate, formatDateTime, formatNumber, plural } from '../../format';
import { BatchStatusBadge } from './BatchStatusBadge';
import { Pager } from '../../components/Pager';

function Count({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz="xl">
        {formatNumber(value)}
      </Text>
    </div>
  );
}

export function FluxImportPage() {
  const { id = '' } = useParams();
  const { get, update } = useUrlParams();
  const page = Math.max(1, Number(get('page')) || 1);
  const code = get('code');
  const query = useQuery({
    queryKey: ['flux-batch', id, page, code],
    queryFn: ({ signal }) => call(intake.fluxBatches.read, { params: { id }, query: { page: page > 1 ? page : undefined, code: code || undefined }, signal }),
    placeholderData: keepPreviousData,
  });
  const b = query.data;
  usePageTitle(b ? `Import ${b.fileName}` : 'Import du flux');

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/flux/imports" size="sm">
        ← Imports du flux
      </Anchor>
      {query.isError && <ErrorAlert error={query.error} />}
      {query.isPending && <Loading label="Chargement de l'import…" />}
      {b && (
        <>
          <Group justify="space-between" align="center">
            <Title order={1}>Import {b.fileName}</Title>
            <BatchStatusBadge status={b.status} label={b.statusLabel} />
          </Group>
          <Text size="sm">
            Émetteur {b.issuer ?? 'inconnu'} · fichier du {formatDate(b.fileDate)} · déposé par {b.actorLabel} · commencé {formatDateTime(b.startedAt)}
            {b.finishedAt ? `, terminé ${formatDateTime(b.finishedAt)}` : ''}
          </Text>
          {b.error && <Alert color="red" title="Import en échec">{b.error}</Alert>}
          <section aria-labelledby="comptes">
            <Title order={2} size="h3" id="comptes" mb="xs">
              Comptes
            </Title>
            <SimpleGrid cols={{ base: 2, sm: 5 }}>
              <Count label="Lignes" value={b.counts.lines} />
              <Count label="Acceptées" value={b.counts.accepted} />
              <Count label="Doublons" value={b.counts.duplicates} />
              <Count label="Rejetées" value={b.counts.rejected} />
              <Count label="En quarantaine" value={b.counts.quarantined} />
            </SimpleGrid>
            {b.counts.quarantined > 0 && (
              <Text size="sm" mt="xs">
                Les lignes en quarantaine attendent un rapprochement : <Anchor component={Link} to="/flux/quarantaine">Identités à rapprocher</Anchor>.
              </Text>
            )}
          </section>
          {b.warnings.length > 0 && (
            <section aria-labelledby="avertissements">
              <Title order={2} size="h3" id="avertissements" mb="xs">
                Avertissements
              </Title>
              <List size="sm">
                {b.warnings.map((w) => (
                  <List.Item key={w}>{w}</List.Item>
                ))}
              </List>
            </section>
          )}
          <section aria-labelledby="rejets">
            <Group justify="space-between" align="end" mb="xs">
              <Title order={2} size="h3" id="rejets">
                Rapport de rejets
              </Title>
              {b.counts.rejected > 0 && (
                <Button component="a" href={hrefOf(intake.fluxBatches.rejectionsCsv, { params: { id: b.id } })} variant="light" download>
                  Télécharger le rapport de rejets (CSV)
                </Button>
              )}
            </Group>
            {b.rejectionsByCode.length > 0 && (
              <Group gap="xs" mb="sm">
                {b.rejectionsByCode.map((c) => (
                  <Badge key={c.code} variant="outline" color="gray">
                    {c.code} : {formatNumber(c.count)}
                  </Badge>
                ))}
              </Group>
            )}
            {b.rejectionsByCode.length > 1 && (
              <NativeSelect
                label="Code de rejet"
                maw={320}
                mb="sm"
                value={code}
                onChange={(e) => update({ code: e.currentTarget.value || null })}
                data={[{ value: '', label: 'Tous les codes' }, ...b.rejectionsByCode.map((c) => ({ value: c.code, label: `${c.code} (${formatNumber(c.count)})` }))]}
              />
            )}
            <Text size="sm" aria-live="polite" mb="xs">
              {plural(b.rejections.total, 'ligne rejetée', 'lignes rejetées')}
            </Text>
            {b.rejections.items.length > 0 && (
              <Table.ScrollContainer minWidth={800}>
                <Table striped verticalSpacing="xs" aria-busy={query.isFetching}>
                  <Table.Caption>
                    <VisuallyHidden>Lignes rejetées, page {page}</VisuallyHidden>
                  </Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th ta="right">Ligne</Table.Th>
                      <Table.Th>Identifiant du message</Table.Th>
                      <Table.Th>Code</Table.Th>
                      <Table.Th>Champ</Table.Th>
                      <Table.Th>Message</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {b.rejections.items.map((r) => (
                      <Table.Tr key={r.line}>
                        <Table.Td ta="right">{formatNumber(r.line)}</Table.Td>
                        <Table.Td style={{ wordBreak: 'break-all' }}>{r.messageId ?? ''}</Table.Td>
                        <Table.Td>
                          <code>{r.code}</code>
                        </Table.Td>
                        <Table.Td>{r.field ?? ''}</Table.Td>
                        <Table.Td>{r.message}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            <Pager
              total={b.rejections.total}
              pageSize={b.rejections.pageSize}
              page={page}
              onChange={(p) => update({ page: p === 1 ? null : p })}
              label="Pages du rapport de rejets"
            />
          </section>
        </>
      )}
    </Stack>
  );
}
