import { useEffect, useState } from 'react';
import { Alert, Button, Group, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { intake } from '@contract';
import { fieldError, formError } from '../../api';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/PageTitle';
import { formatDate, formatDateTime, parseFrenchDate } from '../../format';

type Draft = Record<string, string | number>;

/** /regles « Règles de détection »: the numbers of the intake rules, per service. */
export function RulesSettingsPage() {
  usePageTitle('Règles de détection');
  const client = useQueryClient();
  const query = useQuery({ queryKey: ['settings', 'intake-rules'], queryFn: ({ signal }) => call(intake.intakeRules.read, { signal }) });
  const [draft, setDraft] = useState<Draft>({});
  const [dateErrors, setDateErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (query.data) setDraft(Object.fromEntries(query.data.parameters.map((p) => [p.key, p.kind === 'date' ? formatDate(String(p.value)) : p.value])));
  }, [query.data]);

  const save = useMutation({
    mutationFn: (values: Record<string, string | number>) => call(intake.intakeRules.update, { body: { values } }),
    onSuccess: (data) => client.setQueryData(['settings', 'intake-rules'], data),
  });
  const schedule = useMutation({ mutationFn: () => call(intake.tasks.scheduleMiCarriere) });

  if (query.isPending) return <Loading label="Chargement des règles…" />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const params = query.data.parameters;

  function submit(reset: boolean) {
    if (reset) {
      save.mutate({});
      return;
    }
    const values: Record<string, string | number> = {};
    const errors: Record<string, string> = {};
    for (const p of params) {
      const v = draft[p.key];
      if (p.kind === 'date') {
        const iso = parseFrenchDate(String(v ?? ''));
        if (!iso) errors[p.key] = 'Date invalide : saisissez JJ/MM/AAAA.';
        else values[p.key] = iso;
      } else if (typeof v === 'number') {
        values[p.key] = v;
      }
    }
    setDateErrors(errors);
    if (Object.keys(errors).length === 0) save.mutate(values);
  }

  return (
    <Stack gap="md" maw={960}>
      <Title order={1}>Règles de détection</Title>
      <Text>
        Les nombres qui transforment les signalements en tâches pour la cellule. Les valeurs par défaut suivent les textes ; modifiez-les si un
        texte ou un accord de branche l’exige. Les nouvelles valeurs s’appliquent aux arrêts évalués à partir de maintenant.
      </Text>
      {query.data.updatedAt && (
        <Text size="sm" c="dimmed">
          Dernière modification {formatDateTime(query.data.updatedAt)}.
        </Text>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit(false);
        }}
      >
        <Table verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Paramètre</Table.Th>
              <Table.Th>Valeur</Table.Th>
              <Table.Th>Par défaut</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {params.map((p) => (
              <Table.Tr key={p.key}>
                <Table.Td>
                  <Text component="label" htmlFor={`regle-${p.key}`} fw={500} size="sm">
                    {p.label}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {p.basis}
                  </Text>
                </Table.Td>
                <Table.Td w={220}>
                  {p.kind === 'date' ? (
                    <TextInput
                      id={`regle-${p.key}`}
                      placeholder="JJ/MM/AAAA"
                      value={String(draft[p.key] ?? '')}
                      onChange={(e) => setDraft({ ...draft, [p.key]: e.currentTarget.value })}
                      error={dateErrors[p.key] ?? fieldError(save.error, p.key)}
                    />
                  ) : (
                    <NumberInput
                      id={`regle-${p.key}`}
                      value={draft[p.key] as number}
                      min={p.min ?? undefined}
                      max={p.max ?? undefined}
                      allowDecimal={false}
                      rightSection={<Text size="xs">{p.unit}</Text>}
                      rightSectionWidth={56}
                      onChange={(v) => setDraft({ ...draft, [p.key]: typeof v === 'number' ? v : '' })}
                      error={fieldError(save.error, p.key)}
                    />
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {p.kind === 'date' ? formatDate(String(p.defaultValue)) : `${p.defaultValue} ${p.unit ?? ''}`}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {formError(save.error, params.map((p) => p.key)) && <ErrorAlert error={save.error} />}
        {save.isSuccess && (
          <Alert color="green" role="status" mt="sm">
            Règles enregistrées.
          </Alert>
        )}
        <Group mt="md">
          <Button type="submit" loading={save.isPending}>
            Enregistrer les règles
          </Button>
          <Button variant="default" onClick={() => submit(true)} disabled={save.isPending}>
            Rétablir les valeurs par défaut
          </Button>
        </Group>
      </form>
      <Stack gap="xs" mt="lg">
        <Title order={2} size="h3">
          Visites de mi-carrière
        </Title>
        <Text size="sm">Crée, pour l’année en cours, la tâche « Visite de mi-carrière » de chaque salarié suivi qui atteint l’âge prévu. Relancer ne crée pas de doublon.</Text>
        <Group>
          <Button variant="default" onClick={() => schedule.mutate()} loading={schedule.isPending}>
            Planifier les visites de mi-carrière
          </Button>
        </Group>
        {schedule.isSuccess && (
          <Alert color="green" role="status">
            {schedule.data.created} tâche(s) créée(s) pour {schedule.data.year}.
          </Alert>
        )}
        {schedule.isError && <ErrorAlert error={schedule.error} />}
      </Stack>
    </Stack>
  );
}
