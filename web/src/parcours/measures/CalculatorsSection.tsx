import { useState } from 'react';
import { Card, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { parcours } from '@contract';
import { ApiError } from '../../api';
import { call } from '../../client';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatNumber, plural } from '../../format';

/** « Calculateurs » on the dossier page: IJ over 3 rolling years, ALD limit, invalidity start date. */
export function CalculatorsSection({ dossierId }: { dossierId: string }) {
  const [decisionDate, setDecisionDate] = useState('');
  const query = useQuery({
    queryKey: ['calculators', dossierId, decisionDate],
    queryFn: ({ signal }) => call(parcours.calculators.read, { params: { id: dossierId }, query: { decisionDate: decisionDate || undefined }, signal }),
    retry: false,
    placeholderData: keepPreviousData,
  });
  if (query.isError && query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 403)) return null;
  if (!query.data) return query.isError ? <ErrorAlert error={query.error} /> : null;
  const { ij, ald, invalidity } = query.data;
  const pct = Math.min(100, Math.round((ij.consumed / ij.limit) * 100));
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="titre-calculateurs">
      <Stack gap="sm">
        <Title order={2} id="titre-calculateurs" fz="h4">
          Calculateurs
        </Title>
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
          <Stack gap={4}>
            <Title order={3} fz="h6">
              IJ maladie sur 3 ans glissants
            </Title>
            <Text size="sm" data-testid="ij-consommees">
              {formatNumber(ij.consumed)} / {formatNumber(ij.limit)} IJ versées (hors délai de carence) du {formatDate(ij.windowStart)} au {formatDate(ij.windowEnd)}
            </Text>
            <Progress value={pct} color={ij.reached ? 'red' : pct >= 80 ? 'orange' : 'blue'} aria-label={`IJ consommées : ${pct} % du plafond`} />
            <Text size="sm" className={ij.reached ? 'overdue' : undefined}>
              {ij.reached ? 'Plafond atteint (CSS R323-1).' : `Reste ${plural(ij.remaining, 'IJ', 'IJ')} avant le plafond (hors ALD).`}
            </Text>
          </Stack>
          <Stack gap={4}>
            <Title order={3} fz="h6">
              ALD : 3 ans par affection
            </Title>
            {ald.length === 0 && <Text size="sm">Aucun arrêt en ALD.</Text>}
            {ald.map((e) => (
              <Text size="sm" key={e.startDate} className={e.exhausted ? 'overdue' : undefined}>
                Période ouverte le {formatDate(e.startDate)} : droits jusqu'au {formatDate(e.rightsEnd)}
                {e.exhausted ? ' — épuisés' : ` (${plural(e.daysRemaining, 'jour')} restants)`}
              </Text>
            ))}
          </Stack>
          <Stack gap={4}>
            <Title order={3} fz="h6">
              Début d'une pension d'invalidité
            </Title>
            <DateField label="Date de la décision" value={decisionDate} onChange={setDecisionDate} />
            {invalidity.startDate && (
              <Text size="sm" fw={700} aria-live="polite">
                Pension versée à partir du {formatDate(invalidity.startDate)}
              </Text>
            )}
            <Group gap={4}>
              <Text size="xs" c="dimmed">
                Règle du service : décision du 1er au {invalidity.rule.cutoffDay} du mois → 1er jour du {invalidity.rule.monthsIfEarly === 1 ? 'mois suivant' : `${invalidity.rule.monthsIfEarly}e mois suivant`} ; après → 1er jour du {invalidity.rule.monthsIfLate === 2 ? 'mois d’après' : `${invalidity.rule.monthsIfLate}e mois suivant`}.
              </Text>
            </Group>
          </Stack>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
