import { Link } from 'react-router';
import { Anchor, Badge, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { spaces } from '@contract';
import { call } from '../client';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { usePageTitle } from '../components/PageTitle';
import { StateBadge } from '../components/StateBadge';
import { formatDateTimeShort, plural } from '../format';
import { PartSections } from '../parts';

/** /partenaire: the dossiers shared with the partner's organisation, most recently changed first. */
export function PartnerPage() {
  usePageTitle('Dossiers partagés');
  const query = useQuery({
    queryKey: ['partner-dossiers'],
    queryFn: ({ signal }) => call(spaces.partnerDossiers, { signal }),
  });
  if (query.isPending) return <Loading />;
  if (query.isError) {
    return (
      <Stack>
        <Title order={1}>Dossiers partagés</Title>
        <ErrorAlert error={query.error} />
      </Stack>
    );
  }
  const { organisation, items } = query.data;
  const sorted = [...items].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Dossiers partagés</Title>
        <Text size="lg">
          {organisation.name}
          {organisation.kindLabel ? ` · ${organisation.kindLabel}` : ''}
        </Text>
      </div>
      <Text size="sm">{plural(items.length, 'dossier partagé', 'dossiers partagés')} avec votre organisme, avec l'accord des salariés.</Text>
      {sorted.length > 0 && (
        <Table.ScrollContainer minWidth={600}>
          <Table striped highlightOnHover verticalSpacing="sm">
            <Table.Caption>
              <VisuallyHidden>Dossiers partagés avec {organisation.name}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Référence</Table.Th>
                <Table.Th>Salarié</Table.Th>
                <Table.Th>État</Table.Th>
                <Table.Th>À traiter</Table.Th>
                <Table.Th>Mis à jour le</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/partenaire/dossiers/${d.id}`} fw={600}>
                      {d.reference}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{d.workerName}</Table.Td>
                  <Table.Td>
                    <StateBadge state={d.state} label={d.stateLabel} size="sm" />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="wrap">
                      {d.pendingReferrals > 0 && (
                        <Badge size="sm" color="violet" variant="light" style={{ textTransform: 'none' }}>
                          {plural(d.pendingReferrals, 'adressage à traiter', 'adressages à traiter')}
                        </Badge>
                      )}
                      {d.unreadMessages > 0 && (
                        <Badge size="sm" color="red" style={{ textTransform: 'none' }}>
                          {plural(d.unreadMessages, 'message non lu', 'messages non lus')}
                        </Badge>
                      )}
                      {d.isLead && (
                        <Badge size="sm" color="indigo" variant="outline" style={{ textTransform: 'none' }}>
                          Chef de file
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{formatDateTimeShort(d.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <PartSections slot="PartnerSection" />
    </Stack>
  );
}
