/**
 * Running and finished jobs of a kind, newest first (« Imports du flux », « Recalculer »…): state,
 * progress, who started it and when, its summary or its French error. Polled while one is active.
 */
import { Table, Text } from '@mantine/core';
import type { JobKind } from '@contract';
import { ErrorAlert } from '../ErrorAlert';
import { Loading } from '../Loading';
import { formatDateTime } from '../../format';
import { JobStateBadge, jobProgressText } from './JobProgress';
import { useJobs, type JobView } from './useJob';

export function JobTable({ jobs, caption }: { jobs: readonly JobView[]; caption: string }) {
  if (jobs.length === 0) return <Text size="sm">Aucun traitement pour le moment.</Text>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="xs" striped>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>État</Table.Th>
            <Table.Th>Avancement</Table.Th>
            <Table.Th>Lancé par</Table.Th>
            <Table.Th>Début</Table.Th>
            <Table.Th>Fin</Table.Th>
            <Table.Th>Compte rendu</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {jobs.map((j) => (
            <Table.Tr key={j.id}>
              <Table.Td>
                <JobStateBadge job={j} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{jobProgressText(j)}</Table.Td>
              <Table.Td>{j.startedBy}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(j.startedAt ?? j.createdAt)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{j.finishedAt ? formatDateTime(j.finishedAt) : '—'}</Table.Td>
              <Table.Td>
                {j.error ? (
                  <Text size="sm" c="red.9">
                    {j.error.message}
                  </Text>
                ) : (
                  <Text size="sm">{j.summary ?? '—'}</Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The latest jobs of a kind, fetched and followed. */
export function JobList({ kind, caption, limit = 10 }: { kind: JobKind; caption: string; limit?: number }) {
  const q = useJobs(kind, { limit });
  if (q.isError) return <ErrorAlert error={q.error} />;
  if (!q.data) return <Loading label="Chargement des traitements…" />;
  return <JobTable jobs={q.data.items} caption={caption} />;
}
