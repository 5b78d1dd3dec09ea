/**
 * /orientation/configuration « Aide à l'orientation » (capability risk.configure): the service's
 * decision tree (which professional or cell level to involve), the rules of the pyramide des
 * fragilités and the chef de file of each level, edited as a form. The server validates
 * (CONFIGURATION_ORIENTATION_INVALIDE) and reports each problem with its path
 * (`rules.2.when.minFinalLevel`), shown next to the field concerned.
 */
import { useEffect, useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Card, Checkbox, Group, List, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { risk, type WireOf } from '@contract';
import { ApiError } from '../../api';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/PageTitle';
import { formatDateTimeShort } from '../../format';
import { ConfirmButton } from '../../parcours/partners/ConfirmButton';

type Condition = WireOf<typeof risk.OrientationCondition>;
type Rule = WireOf<typeof risk.OrientationRule>;
type PyramideRule = WireOf<typeof risk.PyramideRule>;
type Config = WireOf<typeof risk.OrientationConfig>;

/** A row being edited: a stable key so that React follows it when rows move. */
type Keyed<T> = T & { key: number };
interface Draft {
  rules: Keyed<Rule>[];
  pyramide: Keyed<PyramideRule>[];
  chefDeFile: Record<string, string>;
}

const KEY = ['risk-orientation-settings'];
let nextKey = 1;
const keyed = <T,>(x: T): Keyed<T> => ({ ...structuredClone(x), key: nextKey++ });
const toDraft = (c: Config): Draft => ({ rules: c.rules.map(keyed), pyramide: c.pyramide.map(keyed), chefDeFile: { ...c.chefDeFile } });
const strip = <T,>({ key: _key, ...rest }: Keyed<T>) => rest as T;
const toConfig = (d: Draft): Config => ({ rules: d.rules.map(strip), pyramide: d.pyramide.map(strip), chefDeFile: d.chefDeFile });

const LEVELS = [0, 1, 2, 3] as const;
const LEVEL_NAMES = ['0 — aucun', '1 — faible', '2 — modéré', '3 — élevé'];
const levelOptions = (any: string) => [{ value: '', label: any }, ...LEVELS.map((l) => ({ value: String(l), label: LEVEL_NAMES[l] }))];

function move<T>(xs: T[], i: number, by: -1 | 1): T[] {
  const j = i + by;
  if (j < 0 || j >= xs.length) return xs;
  const out = [...xs];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

function freeId(rules: Rule[]): string {
  for (let n = rules.length + 1; ; n++) {
    const id = `regle-${n}`;
    if (!rules.some((r) => r.id === id)) return id;
  }
}

/** Problems reported by the API, by path (`rules.2.label`); a problem without a known path goes to `''`. */
function errorsOf(error: unknown): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!(error instanceof ApiError) || error.code !== 'CONFIGURATION_ORIENTATION_INVALIDE') return out;
  const list = (error.details?.errors as { field?: string; message: string }[] | undefined) ?? [{ field: error.field, message: error.message }];
  for (const e of list) {
    const k = e.field ?? '';
    out.set(k, [...(out.get(k) ?? []), e.message]);
  }
  return out;
}

interface ErrorLookup {
  /** Messages of exactly this path. */
  at(path: string): string | undefined;
}

function ConditionFields({ when, onChange, path, errors, idPrefix, healthFeatures }: { when: Condition; onChange: (c: Condition) => void; path: string; errors: ErrorLookup; idPrefix: string; healthFeatures: Record<string, string> }) {
  const set = <K extends keyof Condition>(k: K, v: Condition[K] | undefined) => {
    const next = { ...when };
    if (v === undefined) delete next[k];
    else next[k] = v;
    onChange(next);
  };
  const levelSelect = (k: 'minFinalLevel' | 'maxFinalLevel' | 'minInaptitudeLevel' | 'minEmployerLevel', label: string, any: string) => (
    <NativeSelect
      id={`${idPrefix}-${k}`}
      label={label}
      data={levelOptions(any)}
      value={when[k] === undefined ? '' : String(when[k])}
      onChange={(e) => set(k, e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value))}
      error={errors.at(`${path}.${k}`)}
    />
  );
  const features = Object.entries(healthFeatures);
  if (when.healthFeature && !healthFeatures[when.healthFeature]) features.push([when.healthFeature, when.healthFeature]);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" verticalSpacing="xs">
      {levelSelect('minFinalLevel', 'Niveau retenu au moins', 'indifférent')}
      {levelSelect('maxFinalLevel', 'Niveau retenu au plus', 'indifférent')}
      {levelSelect('minInaptitudeLevel', 'Risque d’inaptitude au moins', 'indifférent')}
      {levelSelect('minEmployerLevel', 'Évaluation par l’employeur au moins', 'indifférent (ou absente)')}
      <NativeSelect
        id={`${idPrefix}-questionnaireAlarm`}
        label="Alerte de l’auto-questionnaire"
        data={[
          { value: '', label: 'indifférent' },
          { value: 'oui', label: 'oui (alerte levée)' },
          { value: 'non', label: 'non (pas d’alerte)' },
        ]}
        value={when.questionnaireAlarm === undefined ? '' : when.questionnaireAlarm ? 'oui' : 'non'}
        onChange={(e) => set('questionnaireAlarm', e.currentTarget.value === '' ? undefined : e.currentTarget.value === 'oui')}
        error={errors.at(`${path}.questionnaireAlarm`)}
      />
      <NativeSelect
        id={`${idPrefix}-healthFeature`}
        label="Élément du dossier de santé présent"
        data={[{ value: '', label: 'indifférent' }, ...features.map(([value, label]) => ({ value, label }))]}
        value={when.healthFeature ?? ''}
        onChange={(e) => set('healthFeature', e.currentTarget.value || undefined)}
        error={errors.at(`${path}.healthFeature`)}
      />
    </SimpleGrid>
  );
}

function RowActions({ what, index, count, onMove, onRemove }: { what: string; index: number; count: number; onMove: (by: -1 | 1) => void; onRemove: () => void }) {
  return (
    <Group gap={4}>
      <Tooltip label="Monter">
        <ActionIcon variant="default" aria-label={`Monter ${what}`} disabled={index === 0} onClick={() => onMove(-1)}>
          ↑
        </ActionIcon>
      </Tooltip>
      <Tooltip label="Descendre">
        <ActionIcon variant="default" aria-label={`Descendre ${what}`} disabled={index === count - 1} onClick={() => onMove(1)}>
          ↓
        </ActionIcon>
      </Tooltip>
      <Button variant="default" size="compact-sm" aria-label={`Supprimer ${what}`} onClick={onRemove}>
        Supprimer
      </Button>
    </Group>
  );
}

/** « Aide à l'orientation »: the service's decision tree, pyramide rules and chef de file (risk.configure). */
export function OrientationSettingsPage() {
  usePageTitle('Aide à l’orientation');
  const client = useQueryClient();
  const query = useQuery({ queryKey: KEY, queryFn: ({ signal }) => call(risk.orientation.readSettings, { signal }) });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    if (query.data) setDraft(toDraft(query.data.config));
  }, [query.data]);
  const save = useMutation({
    mutationFn: (config: Config | null) => call(risk.orientation.updateSettings, { body: { config } }),
    onSuccess: (data, config) => {
      client.setQueryData(KEY, data);
      setSaved(config === null ? 'Valeurs par défaut rétablies.' : 'Configuration enregistrée.');
    },
  });
  if (!query.data || !draft) return query.isError ? <ErrorAlert error={query.error} /> : <Loading />;
  const s = query.data;
  const healthFeatures = s.labels.healthFeatures;
  const byPath = errorsOf(save.error);
  const errors: ErrorLookup = { at: (p) => byPath.get(p)?.join(' ') };
  const edit = (d: Draft) => {
    setDraft(d);
    setSaved(null);
  };
  const editRule = (i: number, r: Partial<Rule>) => edit({ ...draft, rules: draft.rules.map((x, j) => (j === i ? { ...x, ...r } : x)) });
  const editPyr = (i: number, r: Partial<PyramideRule>) => edit({ ...draft, pyramide: draft.pyramide.map((x, j) => (j === i ? { ...x, ...r } : x)) });
  // After a move or a removal the API's indexes no longer match the rows: its errors are cleared.
  const restructure = (d: Draft) => {
    save.reset();
    edit(d);
  };
  const allMessages = [...byPath.values()].flat();

  return (
    <Stack gap="md">
      <Title order={1}>Aide à l’orientation</Title>
      <Text maw={900}>
        Arbre de décision du service : quel intervenant solliciter selon le niveau signé et les composantes, le niveau de la pyramide des fragilités (CNAM) et le chef de file de chaque niveau. Les suggestions sont acceptées ou refusées par la cellule sur chaque dossier ; rien n’est automatique.
      </Text>
      <Text size="sm" c="dimmed">
        {s.isDefault ? 'Configuration par défaut de Maintien.' : `Configuration du service, modifiée le ${formatDateTimeShort(s.updatedAt)}.`}
      </Text>

      <form
        aria-label="Configuration de l’aide à l’orientation"
        // The server checks the whole configuration and reports each problem next to its field.
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(null);
          save.mutate(toConfig(draft));
        }}
      >
        <Stack gap="lg">
          <section aria-labelledby="titre-regles">
            <Title order={2} id="titre-regles" fz="h4" mb={4}>
              Règles d’orientation
            </Title>
            <Text size="sm" mb="sm" maw={900}>
              Chaque règle dont toutes les conditions sont remplies propose ses intervenants (une condition « indifférent » ne compte pas). Les règles sont lues de haut en bas.
            </Text>
            <Stack gap="sm">
              {draft.rules.map((r, i) => {
                const path = `rules.${i}`;
                const what = `la règle ${i + 1}`;
                return (
                  <Card key={r.key} withBorder padding="sm" component="fieldset" aria-label={`Règle ${i + 1}`} style={{ margin: 0 }}>
                    <Group justify="space-between" align="flex-start" mb="xs">
                      <Group gap="xs">
                        <Badge variant="light" color="gray">
                          Règle {i + 1}
                        </Badge>
                      </Group>
                      <RowActions what={what} index={i} count={draft.rules.length} onMove={(by) => restructure({ ...draft, rules: move(draft.rules, i, by) })} onRemove={() => restructure({ ...draft, rules: draft.rules.filter((_, j) => j !== i) })} />
                    </Group>
                    <Stack gap="xs">
                      <Group gap="sm" align="flex-start" wrap="wrap">
                        <TextInput
                          style={{ flex: '1 1 320px' }}
                          label="Libellé (motif affiché sur le dossier)"
                          required
                          maxLength={200}
                          value={r.label}
                          onChange={(e) => editRule(i, { label: e.currentTarget.value })}
                          error={errors.at(`${path}.label`)}
                        />
                        <TextInput
                          w={220}
                          label="Identifiant"
                          description="minuscules, chiffres, tirets"
                          required
                          maxLength={40}
                          value={r.id}
                          onChange={(e) => editRule(i, { id: e.currentTarget.value })}
                          error={errors.at(`${path}.id`)}
                        />
                      </Group>
                      <ConditionFields when={r.when} onChange={(when) => editRule(i, { when })} path={`${path}.when`} errors={errors} idPrefix={`regle-${r.key}`} healthFeatures={healthFeatures} />
                      <Checkbox.Group label="Intervenants à solliciter" required value={r.involve} onChange={(involve) => editRule(i, { involve })} error={errors.at(`${path}.involve`)}>
                        <Group gap="md" mt={4}>
                          {Object.entries(s.labels.intervenants).map(([value, label]) => (
                            <Checkbox key={value} value={value} label={label} />
                          ))}
                        </Group>
                      </Checkbox.Group>
                      {errors.at(path) && (
                        <Text size="sm" c="red.9" role="alert">
                          {errors.at(path)}
                        </Text>
                      )}
                    </Stack>
                  </Card>
                );
              })}
              {errors.at('rules') && (
                <Text size="sm" c="red.9" role="alert">
                  {errors.at('rules')}
                </Text>
              )}
              <Group>
                <Button variant="light" onClick={() => restructure({ ...draft, rules: [...draft.rules, keyed({ id: freeId(draft.rules), label: '', when: { minFinalLevel: 1 }, involve: [] })] })}>
                  Ajouter une règle
                </Button>
              </Group>
            </Stack>
          </section>

          <section aria-labelledby="titre-pyramide">
            <Title order={2} id="titre-pyramide" fz="h4" mb={4}>
              Pyramide des fragilités
            </Title>
            <Text size="sm" mb="sm" maw={900}>
              La première règle dont les conditions sont remplies donne le niveau suggéré ; si aucune ne s’applique, le niveau est T1. Placez les niveaux les plus graves en premier.
            </Text>
            <Stack gap="sm">
              {draft.pyramide.map((r, i) => {
                const path = `pyramide.${i}`;
                return (
                  <Card key={r.key} withBorder padding="sm" component="fieldset" aria-label={`Niveau de la pyramide, règle ${i + 1}`} style={{ margin: 0 }}>
                    <Group justify="space-between" align="flex-end" mb="xs">
                      <NativeSelect
                        label={`Règle ${i + 1} : niveau suggéré`}
                        miw={320}
                        data={Object.entries(s.labels.pyramide).map(([value, label]) => ({ value, label }))}
                        value={r.level}
                        onChange={(e) => editPyr(i, { level: e.currentTarget.value })}
                        error={errors.at(`${path}.level`)}
                      />
                      <RowActions what={`la règle ${i + 1} de la pyramide`} index={i} count={draft.pyramide.length} onMove={(by) => restructure({ ...draft, pyramide: move(draft.pyramide, i, by) })} onRemove={() => restructure({ ...draft, pyramide: draft.pyramide.filter((_, j) => j !== i) })} />
                    </Group>
                    <ConditionFields when={r.when} onChange={(when) => editPyr(i, { when })} path={`${path}.when`} errors={errors} idPrefix={`pyramide-${r.key}`} healthFeatures={healthFeatures} />
                    {errors.at(path) && (
                      <Text size="sm" c="red.9" role="alert">
                        {errors.at(path)}
                      </Text>
                    )}
                  </Card>
                );
              })}
              <Group>
                <Button variant="light" onClick={() => restructure({ ...draft, pyramide: [...draft.pyramide, keyed({ level: 'T2', when: { minFinalLevel: 2 } })] })}>
                  Ajouter une règle de pyramide
                </Button>
              </Group>
            </Stack>
          </section>

          <section aria-labelledby="titre-chef">
            <Title order={2} id="titre-chef" fz="h4" mb={4}>
              Chef de file par niveau
            </Title>
            <Table maw={900} verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Niveau de la pyramide</Table.Th>
                  <Table.Th scope="col">Chef de file suggéré</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {Object.entries(s.labels.pyramide).map(([level, label]) => (
                  <Table.Tr key={level}>
                    <Table.Th scope="row" fw={400}>
                      {label}
                    </Table.Th>
                    <Table.Td>
                      <NativeSelect
                        aria-label={`Chef de file du niveau ${level}`}
                        data={[...(draft.chefDeFile[level] ? [] : [{ value: '', label: 'à choisir' }]), ...Object.entries(s.labels.chefsDeFile).map(([value, l]) => ({ value, label: l }))]}
                        value={draft.chefDeFile[level] ?? ''}
                        onChange={(e) => edit({ ...draft, chefDeFile: { ...draft.chefDeFile, [level]: e.currentTarget.value } })}
                        error={errors.at(`chefDeFile.${level}`)}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </section>

          {allMessages.length > 0 ? (
            <Alert color="red" variant="light" role="alert" title="La configuration n’est pas enregistrée : corrigez les champs signalés.">
              <List size="sm">
                {allMessages.map((m, i) => (
                  <List.Item key={i}>{m}</List.Item>
                ))}
              </List>
            </Alert>
          ) : (
            <ErrorAlert error={save.error} />
          )}
          {saved && (
            <Text size="sm" c="teal.9" role="status">
              {saved}
            </Text>
          )}
          <Group>
            <Button type="submit" loading={save.isPending && save.variables !== null}>
              Enregistrer
            </Button>
            <Button variant="default" onClick={() => restructure(toDraft(query.data.config))}>
              Annuler les modifications
            </Button>
            <ConfirmButton
              variant="default"
              label="Revenir aux valeurs par défaut"
              title="Revenir aux valeurs par défaut ?"
              message="La configuration du service est remplacée par celle de Maintien (règles, pyramide et chefs de file). Les décisions déjà prises sur les dossiers ne changent pas."
              confirmLabel="Revenir aux valeurs par défaut"
              onConfirm={() => {
                setSaved(null);
                return save.mutateAsync(null);
              }}
              loading={save.isPending && save.variables === null}
            />
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
