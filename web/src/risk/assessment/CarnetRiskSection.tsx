import { Card, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { risk } from '@contract';
import { ApiError } from '../../api';
import { call } from '../../client';
import { formatDate } from '../../format';
import { LevelBadge } from './WorkerRiskSection';

/** The worker's own level in his space, explained in plain words. */
export function CarnetRiskSection() {
  const query = useQuery({ queryKey: ['me-risk'], queryFn: ({ signal }) => call(risk.assessment.readOwn, { signal }), retry: false });
  if (query.isError && query.error instanceof ApiError) return null;
  const r = query.data;
  if (!r || r.finalLevel === null) return null;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="titre-mon-indice">
      <Title order={2} id="titre-mon-indice" fz="h4" mb="sm">
        Mon niveau de risque pour mon maintien dans l’emploi
      </Title>
      <LevelBadge level={r.finalLevel} label={r.levelLabel ?? ''} />
      <Text mt="sm">{r.explanation}</Text>
      <Text size="sm" c="dimmed" mt="xs">
        Niveau retenu par {r.authorName} le {formatDate(r.signedAt)}. Ce niveau n’est jamais communiqué à votre employeur. Il ne déclenche aucune décision automatique : parlez-en avec votre équipe de santé au travail.
      </Text>
    </Card>
  );
}
