/**
 * /risque/reperage « Repérage par l'indice » (médecin du travail, infirmier): the workers whose
 * level SUGGESTED by the last bulk run is high and who have no signed index for some months —
 * to see first. Filters in the URL; a row opens the worker page, where the level is signed.
 */
import { Alert, Anchor, Badge, Button, Card, Code, Group, NativeSelect, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { risk } from '@contract';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isActiveJob, JobProgress, useJob, useJobs } from '../../components/jobs';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/PageTitle';
import { Pager } from '../../components/Pager';
import { useUrlParams } from '../../components/useUrlParams';
import { formatDate, formatDateTime, formatNumber, plural } from '../../format';
import { LEVEL_COLORS, LEVEL_TEXT } from '../assessment/levels';

const PAGE_SIZE = 25;
const LEVELS = [3, 2, 1] as const;
const MONTHS = [3, 6, 12, 18, 24, 36] as const;
const DEFAULT_LEVEL = 2;
const DEFAULT_MONTHS = risk.SCREENING_DEFAULT_MONTHS;

function SuggestedBadge({ level, label }: { level: number; label: string }) {
  return (
    <Badge color={LEVEL_COLORS[level] ?? 'dark'} c={LEVEL_TEXT[level] ?? 'white'} variant="filled" style={{ textTransform: 'none' }}>
      {level} — {label}
    </Badge>
  );
}

const percent = (p: number) => `${p.toLocaleString('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %`;

export function SuggestionsPage() {
  usePageTitle("Repérage par l'indice");
  const navigate = useNavigate();
  const client = useQueryClient();
  const { get, update } = useUrlParams();
  // Filters from the URL; an unknown value falls back to the default (a shared link never breaks the page).
  const levelParam = Number(get('niveau'));
  const minLevel = (LEVELS as readonly number[]).includes(levelParam) ? levelParam : DEFAULT_LEVEL;
  const monthsParam = Number(get('mois'));
  const months = (MONTHS as readonly number[]).includes(monthsParam) ? monthsParam : DEFAULT_MONTHS;
  const page = Math.max(1, Number.parseInt(get('page') || '1', 10) || 1);

  const query = useQuery({
    queryKey: ['risk-suggestions', { minLevel, months, page }],
    queryFn: ({ signal }) => call(risk.screening.list, { query: { minLevel, months, page, pageSize: PAGE_SIZE }, signal }),
    placeholderData: keepPreviousData,
  });
  // « Recalculer » starts a job (docs/jobs.md): the page follows it — the one started here, or one
  // already waiting or running for the service (started by a colleague or the command line).
  const [startedId, setStartedId] = useState<string | null>(null);
  const latest = useJobs('risk.score_all', { limit: 1 });
  const recalcul = useMutation({
    mutationFn: () => call(risk.screening.run),
    onSuccess: (job) => setStartedId(job.id),
    onError: () => void latest.refetch(),
  });
  const last = latest.data?.items[0] ?? null;
  // A job found waiting or running stays followed until its end (its result is shown then).
  const lastActiveId = last && isActiveJob(last) ? last.id : null;
  useEffect(() => {
    if (lastActiveId) setStartedId((id) => id ?? lastActiveId);
  }, [lastActiveId]);
  const followedId = startedId ?? lastActiveId ?? (last?.state === 'en_echec' ? last.id : null);
  const followed = useJob(followedId);
  const job = followed.data ?? null;
  const running = isActiveJob(job) || Boolean(query.data?.running);
  const finishedAt = job?.state === 'termine' ? job.finishedAt : null;
  useEffect(() => {
    if (finishedAt) void client.invalidateQueries({ queryKey: ['risk-suggestions'] });
  }, [finishedAt, client]);

  const data = query.data;
  const run = data?.run ?? null;
  const countOf = (level: number) => data?.counts.find((c) => c.level === level)?.count ?? 0;
  const countFrom = (level: number) => LEVELS.filter((l) => l >= level).reduce((a, l) => a + countOf(l), 0);

  return (
    <Stack gap="md">
      <Title order={1}>Repérage par l'indice</Title>
      <Text maw={900}>
        Les salariés du service dont le niveau <strong>suggéré</strong> par l'algorithme est élevé et qui n'ont pas d'indice signé depuis{' '}
        {plural(months, 'mois', 'mois')}, à voir en priorité. C'est une aide au repérage : le niveau n'est retenu qu'une fois choisi et signé
        par le médecin du travail ou l'infirmier, sur la page du salarié.
      </Text>

      <Card withBorder padding="md" component="section" aria-labelledby="titre-calcul">
        <Group justify="space-between" align="flex-start" gap="md">
          <Stack gap={4}>
            <Title order={2} id="titre-calcul" fz="h5">
              Dernier calcul
            </Title>
            {run ? (
              <>
                <Group gap="xs">
                  <Text size="sm">
                    {formatDateTime(run.computedAt)} · {plural(run.workers, 'salarié')} · algorithme {run.algorithmId} v{run.algorithmVersion} · modèle du
                    dossier de santé {run.model.id} v{run.model.version}
                  </Text>
                  {run.model.warning && (
                    <Badge color="dark" variant="outline" style={{ textTransform: 'none' }}>
                      {run.model.warning}
                    </Badge>
                  )}
                </Group>
                <Text size="sm">
                  Niveaux suggérés :{' '}
                  {run.levelCounts.map((c, i) => (
                    <span key={c.level}>
                      {i > 0 && ' · '}
                      niveau {c.level} ({c.label.toLowerCase()}) : {formatNumber(c.count)}
                    </span>
                  ))}
                </Text>
              </>
            ) : (
              data && <Text size="sm">Jamais calculé pour ce service.</Text>
            )}
          </Stack>
          <Button onClick={() => recalcul.mutate()} loading={recalcul.isPending} disabled={running}>
            Recalculer
          </Button>
        </Group>
        {recalcul.isError && !isActiveJob(job) && <ErrorAlert error={recalcul.error} />}
        {job && (
          <Card withBorder padding="sm" mt="sm" component="section" aria-label="Calcul du niveau suggéré">
            <JobProgress job={job}>
              <Text size="sm" c="teal.9">
                Calcul terminé{job.finishedAt && ` le ${formatDateTime(job.finishedAt)}`} : la liste ci-dessous est à jour.
              </Text>
            </JobProgress>
          </Card>
        )}
      </Card>

      {query.isError && <ErrorAlert error={query.error} />}
      {query.isPending && <Loading label="Chargement du repérage…" />}

      {data && !run && (
        <Alert color="blue" variant="light" title="Aucun niveau suggéré pour le moment">
          Le niveau suggéré n'a encore jamais été calculé pour les salariés de ce service. Cliquez sur « Recalculer », ou lancez en ligne de
          commande <Code>npx maintien risk score-all</Code> (option <Code>--tenant</Code> pour un autre service).
        </Alert>
      )}

      {data && run && (
        <>
          <Group align="flex-end" gap="md" wrap="wrap">
            <NativeSelect
              label="Niveau suggéré"
              data={LEVELS.map((l) => ({
                value: String(l),
                label: `${l === 3 ? 'Niveau 3' : `Niveau ${l} et plus`} (${formatNumber(countFrom(l))})`,
              }))}
              value={String(minLevel)}
              onChange={(e) => update({ niveau: Number(e.currentTarget.value) === DEFAULT_LEVEL ? null : e.currentTarget.value })}
              w={{ base: '100%', sm: 240 }}
            />
            <NativeSelect
              label="Sans indice signé depuis"
              data={MONTHS.map((m) => ({ value: String(m), label: `${m} mois` }))}
              value={String(months)}
              onChange={(e) => update({ mois: Number(e.currentTarget.value) === DEFAULT_MONTHS ? null : e.currentTarget.value })}
              w={{ base: '100%', sm: 240 }}
            />
          </Group>

          <Text size="sm" aria-live="polite">
            {plural(data.total, 'salarié')} à voir · sans indice signé depuis le {formatDate(data.filters.since)}
          </Text>

          {data.items.length === 0 ? (
            <Text>Aucun salarié ne correspond à ces critères.</Text>
          ) : (
            <Table.ScrollContainer minWidth={1000}>
              <Table highlightOnHover striped verticalSpacing="sm" aria-busy={query.isFetching}>
                <Table.Caption>
                  <VisuallyHidden>
                    Salariés à niveau suggéré élevé sans indice signé récent, page {page} sur {Math.max(1, Math.ceil(data.total / data.pageSize))}
                  </VisuallyHidden>
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Salarié</Table.Th>
                    <Table.Th>Âge</Table.Th>
                    <Table.Th>Niveau suggéré</Table.Th>
                    <Table.Th>Probabilité (dossier de santé)</Table.Th>
                    <Table.Th>Entreprise</Table.Th>
                    <Table.Th>Dossier</Table.Th>
                    <Table.Th>Dernier indice signé</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((i) => (
                    <Table.Tr
                      key={i.workerId}
                      className="worklist-row"
                      onClick={(e) => {
                        if ((e.target as HTMLElement).closest('a,button')) return;
                        void navigate(`/salaries/${i.workerId}`);
                      }}
                    >
                      <Table.Td>
                        <Anchor component={Link} to={`/salaries/${i.workerId}`} fw={600}>
                          {i.displayName}
                        </Anchor>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {i.age} ans ({i.birthYear})
                      </Table.Td>
                      <Table.Td>
                        <SuggestedBadge level={i.suggestedLevel} label={i.suggestedLevelLabel} />
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{percent(i.healthProbabilityPercent)}</Table.Td>
                      <Table.Td>
                        {i.company ? (
                          <>
                            {i.company.name}
                            {i.company.jobTitle && (
                              <Text size="xs" c="dimmed">
                                {i.company.jobTitle}
                              </Text>
                            )}
                          </>
                        ) : (
                          <Text size="sm" c="dimmed">
                            Aucun emploi en cours
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {i.openDossier ? (
                          <Anchor component={Link} to={`/dossiers/${i.openDossier.id}`}>
                            {i.openDossier.reference}
                          </Anchor>
                        ) : (
                          <Text size="sm" c="dimmed">
                            Aucun dossier ouvert
                          </Text>
                        )}
                        {i.openDossier && (
                          <Text size="xs" c="dimmed">
                            {i.openDossier.stateLabel}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {i.lastAssessment ? (
                          <Text size="sm">
                            Niveau {i.lastAssessment.finalLevel} ({i.lastAssessment.finalLevelLabel.toLowerCase()}), le {formatDate(i.lastAssessment.signedAt)}
                          </Text>
                        ) : (
                          <Text size="sm" c="dimmed">
                            Jamais signé
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Pager total={data.total} pageSize={data.pageSize} page={page} onChange={(p) => update({ page: p }, { keepPage: true })} label="Pages du repérage" />
        </>
      )}
    </Stack>
  );
}
