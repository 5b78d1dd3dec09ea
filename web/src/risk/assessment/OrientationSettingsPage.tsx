import { useEffect, useState } from 'react';
import { Alert, Button, Group, JsonInput, List, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/PageTitle';
import { formatDateTimeShort } from '../../format';

interface Settings {
  config: { rules: { id: string; label: string; involve: string[] }[]; pyramide: { level: string }[]; chefDeFile: Record<string, string> };
  isDefault: boolean;
  updatedAt: string | null;
  labels: { intervenants: Record<string, string>; pyramide: Record<string, string>; chefsDeFile: Record<string, string> };
}

/** « Aide à l'orientation »: the service's decision tree, pyramide rules and chef de file (risk.configure). */
export function OrientationSettingsPage() {
  usePageTitle('Aide à l’orientation');
  const client = useQueryClient();
  const query = useQuery({ queryKey: ['risk-orientation-settings'], queryFn: ({ signal }) => api.get<Settings>('/settings/risk-orientation', undefined, signal) });
  const [text, setText] = useState('');
  useEffect(() => {
    if (query.data) setText(JSON.stringify(query.data.config, null, 2));
  }, [query.data]);
  const save = useMutation({
    mutationFn: (config: unknown) => api.put<Settings>('/settings/risk-orientation', { config }),
    onSuccess: (data) => client.setQueryData(['risk-orientation-settings'], data),
  });
  const [parseError, setParseError] = useState<string | null>(null);
  if (!query.data) return query.isError ? <ErrorAlert error={query.error} /> : <Loading />;
  const s = query.data;
  return (
    <Stack gap="md">
      <Title order={1}>Aide à l’orientation</Title>
      <Text>
        Arbre de décision du service : quel intervenant solliciter selon le niveau signé et les composantes, le niveau de la pyramide des fragilités (CNAM) et le chef de file de chaque niveau. Les suggestions sont acceptées ou refusées par la cellule sur chaque dossier ; rien n’est automatique.
      </Text>
      <Text size="sm" c="dimmed">
        {s.isDefault ? 'Configuration par défaut de Maintien.' : `Configuration du service, modifiée le ${formatDateTimeShort(s.updatedAt)}.`}
      </Text>
      <Title order={2} fz="h4">
        Chef de file par niveau
      </Title>
      <Table maw={700}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Niveau</Table.Th>
            <Table.Th>Chef de file</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {Object.entries(s.config.chefDeFile).map(([level, chef]) => (
            <Table.Tr key={level}>
              <Table.Td>{s.labels.pyramide[level] ?? level}</Table.Td>
              <Table.Td>{s.labels.chefsDeFile[chef] ?? chef}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={2} fz="h4">
        Règles d’orientation
      </Title>
      <List size="sm">
        {s.config.rules.map((r) => (
          <List.Item key={r.id}>
            {r.label} → {r.involve.map((i) => s.labels.intervenants[i] ?? i).join(', ')}
          </List.Item>
        ))}
      </List>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          try {
            const parsed = JSON.parse(text);
            setParseError(null);
            save.mutate(parsed);
          } catch {
            setParseError('Le texte n’est pas un JSON valide.');
          }
        }}
      >
        <Stack gap="xs">
          <JsonInput label="Configuration (JSON)" value={text} onChange={setText} autosize minRows={12} maxRows={30} formatOnBlur />
          {parseError && (
            <Alert color="red" role="alert">
              {parseError}
            </Alert>
          )}
          <ErrorAlert error={save.error} />
          {save.isSuccess && (
            <Text size="sm" c="teal.9" role="status">
              Configuration enregistrée.
            </Text>
          )}
          <Group>
            <Button type="submit" loading={save.isPending}>
              Enregistrer
            </Button>
            <Button variant="default" onClick={() => save.mutate(null)}>
              Revenir aux valeurs par défaut
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
