/**
 * Questionnaires on the worker page and the case page (health professionals): results with their
 * explanation, links sent and their state, « Envoyer un lien » (the address to copy: there is no
 * mail server) and « Saisir pendant la visite » (partial saves resumed later).
 */
import { useState } from 'react';
import { Badge, Button, Card, CopyButton, Group, NativeSelect, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { risk, type WireOf } from '@contract';
import { call } from '../../client';
import { can, useSession } from '../../auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { formatDate } from '../../format';
import { QuestionnaireForm } from './QuestionnaireForm';
import { ResultCard } from './ResultCard';
import { CATEGORY_COLORS, WORKER_QUESTIONNAIRES } from './labels';

type Definition = WireOf<typeof risk.QuestionnaireDefinition>;
type QuestionnaireResponse = WireOf<typeof risk.QuestionnaireResponse>;

const num = (n: number) => n.toLocaleString('fr-FR', { maximumFractionDigits: 1 });

function useDefinitions() {
  return useQuery({ queryKey: ['questionnaires', 'definitions'], queryFn: ({ signal }) => call(risk.questionnaires.definitions, { signal }), staleTime: Infinity });
}

function SendLink({ workerId, dossierId, onDone }: { workerId: string; dossierId?: string; onDone(): void }) {
  const [questionnaire, setQuestionnaire] = useState('wai');
  const [days, setDays] = useState<number | string>(14);
  const create = useMutation({
    mutationFn: () =>
      call(risk.questionnaireLinks.create, { params: { id: workerId }, body: { questionnaire, dossierId: dossierId ?? null, expiresInDays: typeof days === 'number' ? days : undefined } }),
    onSuccess: onDone,
  });
  const url = create.data ? `${window.location.origin}${create.data.path}` : null;
  return (
    <Stack gap="xs">
      <Group align="flex-end">
        <NativeSelect label="Questionnaire à envoyer" data={WORKER_QUESTIONNAIRES} value={questionnaire} onChange={(e) => setQuestionnaire(e.currentTarget.value)} />
        <NumberInput label="Valable (jours)" min={1} max={60} allowDecimal={false} w={130} value={days} onChange={setDays} />
        <Button onClick={() => create.mutate()} loading={create.isPending}>
          Créer le lien
        </Button>
      </Group>
      <ErrorAlert error={create.error} />
      {url && (
        <Stack gap={4}>
          <Group align="flex-end">
            <TextInput label="Lien personnel à transmettre au salarié" readOnly value={url} style={{ flex: 1 }} onFocus={(e) => e.currentTarget.select()} />
            <CopyButton value={url}>{({ copied, copy }) => <Button variant="light" onClick={copy}>{copied ? 'Copié' : 'Copier'}</Button>}</CopyButton>
          </Group>
          <Text size="xs" c="dimmed">
            Ce lien n’est affiché qu’une fois ; il expire le {formatDate(create.data!.expiresAt)}. Transmettez-le au salarié seul (SMS, messagerie sécurisée).
          </Text>
        </Stack>
      )}
    </Stack>
  );
}

function EnterAnswers({ workerId, dossierId, resume, onSaved }: { workerId: string; dossierId?: string; resume: QuestionnaireResponse | null; onSaved(complete: boolean): void }) {
  const defs = useDefinitions();
  const [questionnaire, setQuestionnaire] = useState(resume?.questionnaire ?? 'wai');
  const [started, setStarted] = useState<{ def: Definition; id: string | null; answers?: Record<string, unknown> } | null>(null);
  const detail = useQuery({
    queryKey: ['questionnaire-response', resume?.id],
    queryFn: ({ signal }) => call(risk.questionnaires.readResponse, { params: { id: resume!.id }, signal }),
    enabled: resume !== null,
  });
  if (defs.isPending || (resume && detail.isPending)) return <Loading label="Chargement du questionnaire…" />;
  if (defs.isError) return <ErrorAlert error={defs.error} />;
  if (detail.isError) return <ErrorAlert error={detail.error} />;
  const current = started ?? (resume && detail.data ? { def: defs.data.items.find((d) => d.id === resume.questionnaire)!, id: resume.id, answers: detail.data.answers } : null);
  if (!current) {
    return (
      <Group align="flex-end">
        <NativeSelect label="Questionnaire à saisir" data={WORKER_QUESTIONNAIRES} value={questionnaire} onChange={(e) => setQuestionnaire(e.currentTarget.value)} />
        <Button onClick={() => setStarted({ def: defs.data.items.find((d) => d.id === questionnaire)!, id: null })}>Commencer la saisie</Button>
      </Group>
    );
  }
  let id = current.id;
  return (
    <QuestionnaireForm
      definition={current.def}
      initial={current.answers}
      headingOrder={4}
      showIntro={false}
      completeLabel="Terminer et calculer le score"
      saveLabel="Enregistrer la saisie en cours"
      onSubmit={async (answers, complete) => {
        const r = id
          ? await call(risk.questionnaires.updateResponse, { params: { id }, body: { answers, complete } })
          : await call(risk.questionnaires.record, { params: { id: workerId }, body: { questionnaire: current.def.id, dossierId: dossierId ?? null, answers, complete } });
        id = r.id;
        setStarted({ def: current.def, id: r.id, answers });
        onSaved(complete);
      }}
    />
  );
}

export function ProfessionalPanel({ workerId, dossierId }: { workerId?: string; dossierId?: string }) {
  const session = useSession();
  const allowed = can(session, 'questionnaire.manage');
  const client = useQueryClient();
  const key = ['questionnaires', dossierId ? 'dossier' : 'worker', dossierId ?? workerId];
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) =>
      dossierId ? call(risk.questionnaires.listForDossier, { params: { id: dossierId }, signal }) : call(risk.questionnaires.listForWorker, { params: { id: workerId! }, signal }),
    enabled: allowed,
  });
  const [mode, setMode] = useState<'none' | 'link' | 'enter'>('none');
  const [resume, setResume] = useState<QuestionnaireResponse | null>(null);
  const refresh = () => void client.invalidateQueries({ queryKey: ['questionnaires'] });
  const revoke = useMutation({ mutationFn: (id: string) => call(risk.questionnaireLinks.revoke, { params: { id } }), onSuccess: refresh });
  if (!allowed) return null;
  const titleId = `titre-questionnaires-${dossierId ?? workerId}`;
  const data = query.data;
  const latest = data?.responses.find((r) => r.status === 'complete');

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={titleId}>
      <Stack gap="md">
        <Title order={2} id={titleId} fz="h4">
          Questionnaires de capacité de travail
        </Title>
        {query.isPending && <Loading label="Chargement des questionnaires…" />}
        {query.isError && <ErrorAlert error={query.error} />}
        {data && (
          <>
            {latest ? <ResultCard r={latest} /> : <Text c="dimmed">Aucun questionnaire complété pour ce salarié.</Text>}
            {data.responses.length > 0 && (
              <Table.ScrollContainer minWidth={640}>
                <Table striped verticalSpacing="xs">
                  <Table.Caption>Historique des questionnaires</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Date</Table.Th>
                      <Table.Th>Questionnaire</Table.Th>
                      <Table.Th>Répondant</Table.Th>
                      <Table.Th>Résultat</Table.Th>
                      <Table.Th>Action</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.responses.map((r) => (
                      <Table.Tr key={r.id}>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(r.completedAt ?? r.updatedAt)}</Table.Td>
                        <Table.Td>{r.title}</Table.Td>
                        <Table.Td>{r.enteredByName ? `${r.respondentLabel} (${r.enteredByName})` : r.respondentLabel}</Table.Td>
                        <Table.Td>
                          {r.status === 'complete' && r.score !== null ? (
                            <Group gap={6}>
                              <Text size="sm" fw={600}>
                                {num(r.score)} / {r.scoreMax}
                              </Text>
                              {r.categoryLabel && (
                                <Badge size="sm" variant="filled" c="dark.9" color={CATEGORY_COLORS[r.category ?? ''] ?? 'gray.2'}>
                                  {r.categoryLabel}
                                </Badge>
                              )}
                              {r.alerts.length > 0 && (
                                <Badge size="sm" color="red.9">
                                  Alerte
                                </Badge>
                              )}
                            </Group>
                          ) : (
                            <Text size="sm">
                              En cours ({r.answeredCount} / {r.itemCount})
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          {r.status === 'en_cours' && r.respondent === 'professionnel' && data.mayEnter && (
                            <Button
                              size="compact-xs"
                              variant="light"
                              onClick={() => {
                                setResume(r);
                                setMode('enter');
                              }}
                            >
                              Reprendre
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {data.links.length > 0 && (
              <Table.ScrollContainer minWidth={640}>
                <Table verticalSpacing="xs">
                  <Table.Caption>Liens envoyés au salarié</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Questionnaire</Table.Th>
                      <Table.Th>Envoyé</Table.Th>
                      <Table.Th>État</Table.Th>
                      <Table.Th>Action</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.links.map((l) => (
                      <Table.Tr key={l.id}>
                        <Table.Td>{l.title}</Table.Td>
                        <Table.Td>
                          le {formatDate(l.createdAt)} par {l.createdByName}
                        </Table.Td>
                        <Table.Td>
                          {l.stateLabel}
                          {l.state === 'ouvert' && ` (jusqu’au ${formatDate(l.expiresAt)})`}
                        </Table.Td>
                        <Table.Td>
                          {l.state === 'ouvert' && data.mayEnter && (
                            <Button size="compact-xs" variant="default" loading={revoke.isPending && revoke.variables === l.id} onClick={() => revoke.mutate(l.id)}>
                              Annuler le lien
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            <ErrorAlert error={revoke.error} />
            {data.mayEnter && (
              <>
                <Group>
                  <Button variant={mode === 'link' ? 'filled' : 'light'} onClick={() => setMode(mode === 'link' ? 'none' : 'link')}>
                    Envoyer un lien au salarié
                  </Button>
                  <Button
                    variant={mode === 'enter' ? 'filled' : 'light'}
                    onClick={() => {
                      setResume(null);
                      setMode(mode === 'enter' ? 'none' : 'enter');
                    }}
                  >
                    Saisir pendant la visite
                  </Button>
                </Group>
                {mode === 'link' && <SendLink workerId={data.workerId} dossierId={dossierId} onDone={refresh} />}
                {mode === 'enter' && (
                  <EnterAnswers
                    key={resume?.id ?? 'new'}
                    workerId={data.workerId}
                    dossierId={dossierId}
                    resume={resume}
                    onSaved={(complete) => {
                      refresh();
                      if (complete) setMode('none');
                    }}
                  />
                )}
              </>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}
