/**
 * The employer questionnaire in the employer portal: the company's results explained, and the form
 * (a draft is resumed where it was left). About the company only: no worker data here.
 */
import { useState } from 'react';
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { risk } from '@contract';
import { call } from '../../client';
import { can, useSession } from '../../auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { formatDate } from '../../format';
import { QuestionnaireForm } from './QuestionnaireForm';
import { ResultCard } from './ResultCard';

const KEY = ['employer', 'questionnaire'] as const;

export function EmployerSection() {
  const session = useSession();
  const allowed = can(session, 'employer.questionnaire');
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  const query = useQuery({ queryKey: KEY, queryFn: ({ signal }) => call(risk.questionnaires.readEmployer, { signal }), enabled: allowed });
  if (!allowed) return null;
  const data = query.data;
  const last = data?.results[0];
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="titre-questionnaire-employeur">
      <Stack gap="md">
        <Title order={2} id="titre-questionnaire-employeur" fz="h4">
          Questionnaire : risque de désinsertion dans l’entreprise
        </Title>
        {query.isPending && <Loading label="Chargement du questionnaire…" />}
        {query.isError && <ErrorAlert error={query.error} />}
        {data && (
          <>
            <Text size="sm">{data.definition.intro}</Text>
            {done && (
              <Text role="status" fw={600}>
                Merci : le questionnaire est complété. Votre service de santé au travail en tiendra compte avec vous.
              </Text>
            )}
            {last ? <ResultCard r={last} showParts={false} /> : <Text c="dimmed">Votre entreprise n’a pas encore complété ce questionnaire.</Text>}
            {open ? (
              <QuestionnaireForm
                definition={data.definition}
                initial={data.draft?.answers}
                showIntro={false}
                onSubmit={async (answers, complete) => {
                  await call(risk.questionnaires.answerEmployer, { body: { answers, complete } });
                  if (complete) {
                    setOpen(false);
                    setDone(true);
                    await client.invalidateQueries({ queryKey: KEY });
                  }
                }}
              />
            ) : (
              <Group>
                <Button
                  onClick={() => {
                    setDone(false);
                    setOpen(true);
                  }}
                >
                  {data.draft ? 'Reprendre le questionnaire' : last ? 'Remplir à nouveau le questionnaire' : 'Remplir le questionnaire'}
                </Button>
                {data.draft && (
                  <Text size="sm" c="dimmed">
                    Brouillon enregistré le {formatDate(data.draft.updatedAt)}
                  </Text>
                )}
              </Group>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}
