import { Link, useParams } from 'react-router';
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { workers } from '@contract';
import { ApiError } from '../api';
import { call } from '../client';
import { can, useSession } from '../auth';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { usePageTitle } from '../components/PageTitle';
import { StateBadge } from '../components/StateBadge';
import { formatDate, formatNir, formatSex } from '../format';
import { EmploymentList } from './DossierPage';
import { PartSections } from '../parts';

function Row({ label, value }: { label: string; value: React.ReactNode }) {
  if (value === null || value === undefined || value === '') return null;
  return (
    <Group gap={6} wrap="nowrap" align="baseline">
      <Text component="dt" size="sm" fw={600} style={{ flexShrink: 0 }}>
        {label} :
      </Text>
      <Text component="dd" size="sm" m={0}>
        {value}
      </Text>
    </Group>
  );
}

const OPEN_STATES = new Set(['signale', 'a_evaluer', 'en_accompagnement', 'sorti', 'suivi']);

/** /salaries/:id: identity, employments and dossiers of a worker. */
export function WorkerPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const query = useQuery({
    queryKey: ['worker', id],
    queryFn: ({ signal }) => call(workers.read, { params: { id }, signal }),
  });
  const w = query.data;
  usePageTitle(w ? w.displayName : query.isError ? 'Salarié introuvable' : 'Salarié');

  if (query.isPending) return <Loading label="Chargement du salarié…" />;
  if (query.isError || !w) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Stack>
        <Title order={1}>{notFound ? 'Salarié introuvable' : 'Le salarié ne peut pas être affiché'}</Title>
        <ErrorAlert error={query.error} />
        <Anchor component={Link} to="/">
          Revenir à l'accueil
        </Anchor>
      </Stack>
    );
  }

  const dossiers = [...w.dossiers].sort((a, b) => b.openedAt.localeCompare(a.openedAt));
  const hasOpen = dossiers.some((d) => !d.closedAt && OPEN_STATES.has(d.state));
  const nir = w.nir ? formatNir(w.nir) : w.nirMasked;

  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/dossiers" size="sm">
          ← Retour aux dossiers
        </Anchor>
        <Group gap="sm" align="center">
          <Title order={1}>{w.displayName}</Title>
          {w.identityStatusLabel && (
            <Badge variant="light" color="gray" style={{ textTransform: 'none' }}>
              {w.identityStatusLabel}
            </Badge>
          )}
        </Group>
      </div>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Card withBorder padding="lg" component="section" aria-labelledby="titre-identite">
          <Title order={2} id="titre-identite" fz="h4" mb="sm">
            Identité
          </Title>
          <Stack component="dl" gap={4} m={0}>
            <Row label="Nom de naissance" value={w.birthName} />
            <Row label="Nom d'usage" value={w.usageName} />
            <Row label="Prénoms" value={w.firstNames} />
            <Row label="Date de naissance" value={formatDate(w.birthDate)} />
            <Row label="Sexe" value={formatSex(w.sex)} />
            <Row label="NIR" value={nir} />
            <Row label="Adresse électronique" value={w.email} />
            <Row label="Téléphone" value={w.phone} />
            <Row label="Ville" value={w.city} />
          </Stack>
        </Card>
        <Card withBorder padding="lg" component="section" aria-labelledby="titre-emplois">
          <Title order={2} id="titre-emplois" fz="h4" mb="sm">
            Emplois
          </Title>
          <EmploymentList employments={w.employments} />
        </Card>
      </SimpleGrid>

      <Card withBorder padding="lg" component="section" aria-labelledby="titre-dossiers">
        <Group justify="space-between" mb="sm">
          <Title order={2} id="titre-dossiers" fz="h4">
            Dossiers
          </Title>
          {can(session, 'dossier.create') && !hasOpen && (
            <Button component={Link} to={`/dossiers/nouveau?salarie=${encodeURIComponent(w.id)}`} size="sm">
              Ouvrir un dossier
            </Button>
          )}
        </Group>
        {dossiers.length === 0 ? (
          <Text size="sm">Aucun dossier pour ce salarié.</Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" striped>
              <Table.Caption>
                <VisuallyHidden>Dossiers de {w.displayName}</VisuallyHidden>
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Référence</Table.Th>
                  <Table.Th>État</Table.Th>
                  <Table.Th>Ouvert le</Table.Th>
                  <Table.Th>Clos le</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {dossiers.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/dossiers/${d.id}`} fw={600}>
                        {d.reference}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <StateBadge state={d.state} label={d.stateLabel} size="sm" />
                    </Table.Td>
                    <Table.Td>{formatDate(d.openedAt)}</Table.Td>
                    <Table.Td>{formatDate(d.closedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <PartSections slot="WorkerSection" workerId={w.id} />
    </Stack>
  );
}
