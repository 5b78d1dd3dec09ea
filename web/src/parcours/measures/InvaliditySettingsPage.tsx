import { useEffect, useState } from 'react';
import { Button, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { parcours, type WireOf } from '@contract';
import { fieldError, formError } from '../../api';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/PageTitle';

type InvalidityRule = WireOf<typeof parcours.InvalidityRule>;

/** /parametres/invalidite: the service's rule for the first day of an invalidity pension. */
export function InvaliditySettingsPage() {
  usePageTitle("Règle de début de pension d'invalidité");
  const client = useQueryClient();
  const query = useQuery({ queryKey: ['invalidity-settings'], queryFn: ({ signal }) => call(parcours.invaliditySettings.read, { signal }) });
  const [rule, setRule] = useState<InvalidityRule | null>(null);
  useEffect(() => {
    if (query.data && !rule) setRule(query.data.rule);
  }, [query.data, rule]);
  const save = useMutation({
    mutationFn: (r: InvalidityRule) => call(parcours.invaliditySettings.update, { body: r }),
    onSuccess: (data) => {
      client.setQueryData(['invalidity-settings'], data);
      void client.invalidateQueries({ queryKey: ['calculators'] });
    },
  });
  if (query.isError) return <ErrorAlert error={query.error} />;
  if (!query.data || !rule) return <Loading label="Chargement…" />;
  const set = (k: keyof InvalidityRule) => (v: string | number) => setRule({ ...rule, [k]: typeof v === 'number' ? v : Number.parseInt(v, 10) || 0 });
  return (
    <Stack gap="md" maw={640}>
      <Title order={1}>Règle de début de pension d'invalidité</Title>
      <Text size="sm">
        Par défaut (pratique rapportée par le service médical, à confirmer) : une décision prise du 1er au 15 du mois M ouvre la pension au 1er jour du mois M+1 ; à partir du 16, au 1er jour du mois M+2 (décision du 25/10/2025 → 01/12/2025).
      </Text>
      <Stack gap="sm" component="form" onSubmit={(e) => { e.preventDefault(); save.mutate(rule); }}>
        <NumberInput label="Dernier jour du mois comptant comme « début de mois »" min={1} max={31} value={rule.cutoffDay} onChange={set('cutoffDay')} error={fieldError(save.error, 'cutoffDay')} />
        <NumberInput label="Décision en début de mois : pension au 1er du mois M +" min={0} max={12} value={rule.monthsIfEarly} onChange={set('monthsIfEarly')} error={fieldError(save.error, 'monthsIfEarly')} />
        <NumberInput label="Décision en fin de mois : pension au 1er du mois M +" min={0} max={12} value={rule.monthsIfLate} onChange={set('monthsIfLate')} error={fieldError(save.error, 'monthsIfLate')} />
        <ErrorAlert message={formError(save.error, ['cutoffDay', 'monthsIfEarly', 'monthsIfLate'])} />
        {save.isSuccess && <Text role="status">Règle enregistrée.</Text>}
        <Group>
          <Button type="submit" loading={save.isPending}>
            Enregistrer
          </Button>
          <Button variant="default" onClick={() => setRule(query.data.defaultRule)}>
            Revenir à la règle par défaut
          </Button>
        </Group>
      </Stack>
    </Stack>
  );
}
