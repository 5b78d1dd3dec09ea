/** « Mes questionnaires » in the worker's space: those to answer, and his own results explained. */
import { useState } from 'react';
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { risk, type WireOf } from '@contract';
import { call } from '../../client';
import { can, useSession } from '../../auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { formatDate } from '../../format';
import { QuestionnaireForm } from './QuestionnaireForm';
import { ResultCard } from './ResultCard';
type QuestionnaireLink = WireOf<typeof risk.QuestionnaireLink>;
type Answers = risk.Answers;

const KEY = ['me', 'questionnaires'] as const;

function AnswerLink({ link, onClose }: { link: QuestionnaireLink; onClose(): void }) {
  const client = useQueryClient();
  const form = useQuery({ queryKey: ['me', 'questionnaire-link', link.id], queryFn: ({ signal }) => call(risk.questionnaireLinks.readMine, { params: { id: link.id }, signal }) });
  const save = useMutation({
    mutationFn: (v: { answers: Answers; complete: boolean }) => call(risk.questionnaireLinks.answerMine, { params: { id: link.id }, body: v }),
    onSuccess: (_r, v) => {
      if (v.complete) {
        void client.invalidateQueries({ queryKey: KEY });
        onClose();
      }
    },
  });
  if (form.isPending) return <Loading label="Chargement du questionnaire…" />;
  if (form.isError) return <ErrorAlert error={form.error} />;
  return <QuestionnaireForm definition={form.data.definition} initial={form.data.answers} headingOrder={4} onSubmit={(answers, complete) => save.mutateAsync({ answers, complete })} />;
}

export function CarnetSection() {
  const session = useSession();
  const allowed = can(session, 'worker.space') && session.user.workerId !== null;
  const [open, setOpen] = useState<string | null>(null);
  const query = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => call(risk.questionnaires.listMine, { signal }),
    enabled: allowed,
  });
  if (!allowed) return null;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="titre-mes-questionnaires">
      <Stack gap="md">
        <Title order={2} id="titre-mes-questionnaires" fz="h4">
          Mes questionnaires
        </Title>
        {query.isPending && <Loading label="Chargement de vos questionnaires…" />}
        {query.isError && <ErrorAlert error={query.error} />}
        {query.data && (
          <>
            <Title order={3} fz="h5">
              À remplir
            </Title>
            {query.data.toAnswer.length === 0 ? (
              <Text c="dimmed">Aucun questionnaire à remplir pour le moment.</Text>
            ) : (
              query.data.toAnswer.map((l) => (
                <Card key={l.id} withBorder padding="sm">
                  <Stack gap="xs">
                    <Group justify="space-between">
                      <Text fw={600}>{l.title}</Text>
                      <Text size="sm" c="dimmed">
                        Demandé par {l.createdByName}, à remplir avant le {formatDate(l.expiresAt)}
                      </Text>
                    </Group>
                    {open === l.id ? (
                      <AnswerLink link={l} onClose={() => setOpen(null)} />
                    ) : (
                      <Group>
                        <Button size="xs" onClick={() => setOpen(l.id)}>
                          Répondre
                        </Button>
                      </Group>
                    )}
                  </Stack>
                </Card>
              ))
            )}
            <Title order={3} fz="h5">
              Mes résultats
            </Title>
            <Text size="sm">
              Ces résultats décrivent votre capacité de travail telle que vous l’avez jugée. Ils aident votre médecin du travail ou votre infirmier à vous
              proposer un accompagnement ; aucune décision n’est prise sur un score seul et votre employeur n’y a jamais accès.
            </Text>
            {query.data.results.length === 0 ? <Text c="dimmed">Aucun questionnaire complété.</Text> : query.data.results.map((r) => <ResultCard key={r.id} r={r} headingOrder={4} />)}
          </>
        )}
      </Stack>
    </Card>
  );
}
