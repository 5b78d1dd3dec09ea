/**
 * /questionnaire/:token — the page a worker opens on his phone from his personal link, without an
 * account and outside the app shell. The token is the only credential; once completed, the page
 * only thanks him (the link may be forwarded: it never shows answers or results again).
 */
import { useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Box, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { risk } from '@contract';
import { call } from '../../client';
import { SkipLink } from '../../components/AppLayout';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { formatDate } from '../../format';
import { QuestionnaireForm } from './QuestionnaireForm';

export function PublicQuestionnairePage() {
  const { token = '' } = useParams();
  const [done, setDone] = useState(false);
  const query = useQuery({
    queryKey: ['questionnaire-link', token],
    queryFn: ({ signal }) => call(risk.questionnaireLinks.readPublic, { params: { token }, signal, allowUnauthenticated: true }),
    retry: false,
  });

  let body;
  if (query.isPending) body = <Loading label="Chargement du questionnaire…" />;
  else if (query.isError) {
    body = (
      <>
        <Title order={1}>Questionnaire</Title>
        <ErrorAlert error={query.error} />
      </>
    );
  } else {
    const page = query.data;
    const closed = done || page.state !== 'ouvert';
    body = (
      <Stack gap="md">
        <Title order={1}>{page.definition.title}</Title>
        {page.organisationName && <Text c="dimmed">Envoyé par {page.organisationName}</Text>}
        {closed ? (
          <Alert color={done || page.state === 'complete' ? 'green' : 'orange'} variant="light" role="status" title={done || page.state === 'complete' ? 'Merci !' : undefined}>
            {done || page.state === 'complete'
              ? 'Vos réponses ont bien été transmises à votre service de prévention et de santé au travail. Vous pouvez fermer cette page ; vos résultats vous seront expliqués lors de votre prochain rendez-vous et dans votre espace personnel.'
              : page.state === 'expire'
                ? 'Ce lien a expiré. Demandez un nouveau lien à votre service de santé au travail.'
                : 'Ce lien a été annulé par votre service de santé au travail.'}
          </Alert>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              Lien valable jusqu’au {formatDate(page.expiresAt)}.
            </Text>
            <QuestionnaireForm
              definition={page.definition}
              initial={page.answers}
              headingOrder={2}
              onSubmit={async (answers, complete) => {
                await call(risk.questionnaireLinks.answerPublic, { params: { token }, body: { answers, complete }, allowUnauthenticated: true });
                if (complete) setDone(true);
              }}
            />
          </>
        )}
      </Stack>
    );
  }

  return (
    <>
      <SkipLink />
      <Box component="header" px="md" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Text c="blue.9" fw={700} fz="xl">
          Maintien
        </Text>
      </Box>
      <Box component="main" id="contenu" tabIndex={-1} p="md" maw={720} mx="auto">
        {body}
      </Box>
    </>
  );
}
