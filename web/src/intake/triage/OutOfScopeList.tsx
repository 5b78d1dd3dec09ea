import { Link } from 'react-router';
import { Anchor, Group, NativeSelect, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { intake } from '@contract';
import { can, useSession } from '../../auth';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Pager } from '../../components/Pager';
import { useUrlParams } from '../../components/useUrlParams';
import { formatDate, formatDateTimeShort, formatNumber, formatSiret, plural } from '../../format';

const STATUSES = [
  { value: 'hors_perimetre', label: 'Hors périmètre' },
  { value: 'pris_en_charge', label: 'Pris en charge' },
] as const;
type Status = (typeof STATUSES)[number]['value'];

/** The flux lines whose employer is absent or not a member company: nothing was created; the answer to send back. */
export function OutOfScopeList() {
  const session = useSession();
  const { get, update } = useUrlParams();
  const status: Status = get('statut') === 'pris_en_charge' ? 'pris_en_charge' : 'hors_perimetre';
  const page = Math.max(1, Number(get('page')) || 1);
  const query = useQuery({
    queryKey: ['triage', 'out-of-scope', status, page],
    queryFn: ({ signal }) => call(intake.triage.outOfScope, { query: { status, page }, signal }),
    placeholderData: keepPreviousData,
  });
  const total = query.data?.counts[status] ?? 0;
  const batchLinks = can(session, 'flux.history');
  return (
    <Stack gap="md">
      <Text size="sm">
        Lignes du flux de l’Assurance maladie dont l’employeur est absent ou n’est pas une entreprise adhérente : aucun salarié, dossier ni tâche n’a été créé.
        Répondez à l’émetteur : « {intake.OUT_OF_SCOPE_ANSWER} ».
      </Text>
      <Group align="flex-end" role="search" aria-label="Filtrer les lignes hors périmètre">
        <NativeSelect
          label="Statut"
          value={status}
          onChange={(e) => update({ statut: e.currentTarget.value === 'hors_perimetre' ? null : e.currentTarget.value })}
          data={STATUSES.map((s) => ({ value: s.value, label: query.data ? `${s.label} (${formatNumber(query.data.counts[s.value] ?? 0)})` : s.label }))}
        />
      </Group>
      {query.isError && <ErrorAlert error={query.error} />}
      {query.isPending && <Loading />}
      {query.data && (
        <>
          <Text size="sm" aria-live="polite">
            {total === 0 ? 'Aucune ligne hors périmètre.' : plural(total, 'ligne', 'lignes')}
          </Text>
          {query.data.items.length > 0 && (
            <Table.ScrollContainer minWidth={1000}>
              <Table striped verticalSpacing="xs">
                <Table.Caption>
                  <VisuallyHidden>Lignes du flux hors périmètre, avec la réponse à envoyer à l’émetteur</VisuallyHidden>
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Reçue le</Table.Th>
                    <Table.Th>Émetteur</Table.Th>
                    <Table.Th>Message</Table.Th>
                    <Table.Th>Employeur déclaré</Table.Th>
                    <Table.Th>Début de l’arrêt</Table.Th>
                    <Table.Th>Réponse à l’émetteur</Table.Th>
                    <Table.Th>Import</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {query.data.items.map((l) => (
                    <Table.Tr key={l.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTimeShort(l.receivedAt)}</Table.Td>
                      <Table.Td>{l.issuer}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{l.messageType}</Text>
                        <Text size="xs">
                          Message {l.messageId} · arrêt {l.arretId}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {l.siret ? (
                          <>
                            <Text size="sm">{l.companyName ?? 'Entreprise non adhérente'}</Text>
                            <Text size="xs">SIRET {formatSiret(l.siret)}</Text>
                          </>
                        ) : (
                          <Text size="sm">SIRET absent</Text>
                        )}
                      </Table.Td>
                      <Table.Td>{formatDate(l.startDate)}</Table.Td>
                      <Table.Td fw={600}>{l.status === 'pris_en_charge' ? l.statusLabel : l.answer}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {batchLinks ? (
                          <Anchor component={Link} to={`/flux/imports/${l.batchId}`} size="sm">
                            Ligne {formatNumber(l.line)}
                          </Anchor>
                        ) : (
                          `Ligne ${formatNumber(l.line)}`
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Pager total={total} pageSize={query.data.pageSize} page={page} onChange={(p) => update({ page: p })} label="Pages des lignes hors périmètre" />
        </>
      )}
    </Stack>
  );
}
