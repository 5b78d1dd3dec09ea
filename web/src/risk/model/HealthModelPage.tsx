/**
 * /risque/modele « Modèle de l'indice » (capability risk.configure): which health-record model
 * (component 1 of the index, contract C3) the service's suggestions use, its coefficients as odds
 * ratios, installing a model file (e.g. written by « maintien risk calibrate ») and going back to
 * the default model of Maintien.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Card, FileInput, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { risk } from '@contract';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/PageTitle';
import { formatDate, formatDateTime, formatNumber } from '../../format';
import { ConfirmButton } from '../../parcours/partners/ConfirmButton';

const KEY = ['risk-model-settings'];
const fmt = (v: number, digits: number) => v.toLocaleString('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${fmt(Math.abs(v), 2)}`;

export function HealthModelPage() {
  usePageTitle("Modèle de l'indice");
  const client = useQueryClient();
  const query = useQuery({ queryKey: KEY, queryFn: ({ signal }) => call(risk.healthModel.read, { signal }) });
  const [file, setFile] = useState<File | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const install = useMutation({
    mutationFn: async (f: File) => call(risk.healthModel.install, { body: { content: await f.text(), fileName: f.name } }),
    onSuccess: (data) => {
      client.setQueryData(KEY, data);
      setFile(null);
      setDone(`Modèle installé : ${data.model.id} ${data.model.version}. Les prochaines suggestions de l’indice l’utilisent.`);
    },
  });
  const reset = useMutation({
    mutationFn: () => call(risk.healthModel.reset),
    onSuccess: (data) => {
      client.setQueryData(KEY, data);
      setDone('Le service utilise de nouveau le modèle par défaut de Maintien.');
    },
  });

  if (!query.data) return query.isError ? <ErrorAlert error={query.error} /> : <Loading />;
  const s = query.data;
  const m = s.model;
  return (
    <Stack gap="md">
      <Title order={1}>Modèle de l'indice</Title>
      <Text maw={900}>
        La composante « dossier de santé » de l’indice de risque de désinsertion est un modèle logistique : chaque caractéristique du dossier
        (âge, chapitres CIM, durée des arrêts…) multiplie le risque estimé par son odds ratio. Le service peut remplacer les coefficients
        d’expert de Maintien par un modèle calibré sur sa propre population (commande <code>maintien risk calibrate</code>, voir « Évaluation de
        l’indice »). Le modèle installé sert à toutes les suggestions du service : page du salarié, signature, calcul de masse. Les niveaux
        déjà signés ne changent pas.
      </Text>

      {done && (
        <Alert color="teal" role="status" withCloseButton closeButtonLabel="Fermer" onClose={() => setDone(null)}>
          {done}
        </Alert>
      )}
      {s.storedModelError && (
        <Alert color="red" role="alert" title="Modèle enregistré invalide">
          Le modèle installé ne passe plus la validation ({s.storedModelError}) : le modèle par défaut est utilisé. Installez un nouveau fichier.
        </Alert>
      )}

      <Card withBorder padding="md" component="section" aria-labelledby="titre-modele" maw={900}>
        <Title order={2} id="titre-modele" fz="h4" mb="xs">
          Modèle utilisé
        </Title>
        <Stack gap={6}>
          <Group gap="sm">
            <Text fw={600}>{m.label}</Text>
            {m.validated ? (
              <Badge color="teal.9">modèle validé</Badge>
            ) : (
              <Badge color="red.9">{m.warning ?? 'modèle non validé'}</Badge>
            )}
            {s.isDefault && (
              <Badge color="gray" variant="outline">
                modèle par défaut
              </Badge>
            )}
          </Group>
          <Text size="sm">
            Identifiant <code>{m.id}</code>, version <code>{m.version}</code>
          </Text>
          <Text size="sm">
            {s.isDefault
              ? 'Modèle par défaut de Maintien (coefficients d’expert).'
              : `Installé ${formatDateTime(s.installedAt)}${s.installedBy ? ` par ${s.installedBy}` : ''}${s.fileName ? ` (fichier ${s.fileName})` : ''}.`}
          </Text>
          {m.calibratedOn && (
            <Text size="sm">
              Calibré le {formatDate(m.calibratedOn.at)} sur la cohorte « {m.calibratedOn.cohort} » : {formatNumber(m.calibratedOn.n)} salariés,{' '}
              {formatNumber(m.calibratedOn.events)} désinsertions.
            </Text>
          )}
          <Text size="sm">
            Seuils de probabilité des niveaux 1, 2 et 3 : {m.thresholds.map((t) => `${fmt(t * 100, 0)} %`).join(' ; ')}. Probabilité du profil de
            référence (aucune caractéristique) : {fmt(m.baselineProbability * 100, 1)} %.
          </Text>
          <Text size="sm" c="dimmed">
            Source : {m.source}
          </Text>
          {!m.validated && (
            <Text size="sm">
              Un modèle non validé n’a pas été vérifié sur une cohorte indépendante : ses suggestions sont affichées avec la mention « modèle non
              validé ».
            </Text>
          )}
        </Stack>
      </Card>

      <Table.ScrollContainer minWidth={520}>
        <Table striped verticalSpacing="xs" maw={900}>
          <Table.Caption>
            Coefficients du modèle : un odds ratio supérieur à 1 augmente le risque estimé, inférieur à 1 le diminue (toutes choses égales par
            ailleurs).
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Caractéristique du dossier</Table.Th>
              <Table.Th scope="col" ta="right">
                Coefficient
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Odds ratio
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.coefficients.map((c) => (
              <Table.Tr key={c.name}>
                <Table.Th scope="row" fw={400}>
                  {c.label}
                </Table.Th>
                <Table.Td ta="right">{signed(c.coefficient)}</Table.Td>
                <Table.Td ta="right" fw={c.oddsRatio >= 2 ? 700 : undefined}>
                  {fmt(c.oddsRatio, 2)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      {s.mayConfigure && (
        <Card withBorder padding="md" component="section" aria-labelledby="titre-installer" maw={900}>
          <Title order={2} id="titre-installer" fz="h4" mb="xs">
            Installer un modèle
          </Title>
          <Text size="sm" mb="sm">
            Fichier de modèle JSON (contrat C3), par exemple écrit par <code>maintien risk calibrate</code>. Évaluez-le d’abord sur une autre
            cohorte (« Évaluation de l’indice ») : un modèle calibré sur une cohorte y paraît toujours meilleur qu’il n’est.
          </Text>
          <form
            aria-label="Installer un modèle"
            onSubmit={(e) => {
              e.preventDefault();
              if (file) {
                setDone(null);
                install.mutate(file);
              }
            }}
          >
            <Stack gap="sm">
              <FileInput
                label="Fichier de modèle (JSON)"
                required
                accept=".json,application/json"
                value={file}
                onChange={(f) => {
                  setFile(f);
                  install.reset();
                }}
                clearable
                clearButtonProps={{ 'aria-label': 'Retirer le fichier' }}
                placeholder="Choisir un fichier…"
                error={install.error ? (install.error as Error).message : undefined}
              />
              <Group>
                <Button type="submit" disabled={!file} loading={install.isPending}>
                  Installer ce modèle
                </Button>
                {!s.isDefault && (
                  <ConfirmButton
                    variant="default"
                    label="Revenir au modèle par défaut"
                    title="Revenir au modèle par défaut ?"
                    message={`Le modèle « ${m.id} ${m.version} » ne sera plus utilisé : les prochaines suggestions de l’indice seront calculées avec le modèle par défaut de Maintien (${s.defaultModel.id} ${s.defaultModel.version}, modèle non validé). Les niveaux déjà signés ne changent pas.`}
                    confirmLabel="Revenir au modèle par défaut"
                    onConfirm={() => {
                      setDone(null);
                      return reset.mutateAsync();
                    }}
                    loading={reset.isPending}
                    error={reset.error}
                  />
                )}
              </Group>
            </Stack>
          </form>
        </Card>
      )}
    </Stack>
  );
}
