import { useState } from 'react';
import { Badge, Button, Card, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { risk, type WireOf } from '@contract';
import { ApiError } from '../../api';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../format';

type OrientationSuggestion = WireOf<typeof risk.OrientationSuggestion>;
import { LevelBadge } from './WorkerRiskSection';

/** « Indice de risque et orientation » on the case page: current signed level, orientation suggestions. */
export function DossierRiskSection({ dossierId }: { dossierId: string }) {
  const query = useQuery({
    queryKey: ['dossier-risk', dossierId],
    queryFn: ({ signal }) => call(risk.assessment.readDossier, { params: { id: dossierId }, signal }),
    retry: false,
  });
  if (query.isError && query.error instanceof ApiError && (query.error.status === 403 || query.error.status === 404)) return null;
  if (!query.data) return query.isError ? <ErrorAlert error={query.error} /> : null;
  const r = query.data;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="titre-risque-dossier">
      <Title order={2} id="titre-risque-dossier" fz="h4" mb="sm">
        Indice de risque et orientation
      </Title>
      <Stack gap="sm">
        {r.current ? (
          <Group gap="sm">
            <Text fw={700}>Niveau retenu :</Text>
            <LevelBadge level={r.current.finalLevel} label={r.current.finalLevelLabel} />
            <Text size="sm" c="dimmed">
              signé par {r.current.authorName} le {formatDate(r.current.signedAt)} · risque d’inaptitude {r.current.inaptitudeRiskLevel} ({r.current.inaptitudeRiskLevelLabel})
            </Text>
          </Group>
        ) : (
          <Text>
            Aucun niveau signé. {r.mayAssess ? 'Le niveau se signe depuis la fiche du salarié.' : 'Le médecin du travail ou l’infirmier le signe depuis la fiche du salarié.'}
          </Text>
        )}
        <Text size="sm">
          Niveau (pyramide des fragilités) : <strong>{r.fragilityLevelLabel ?? 'non défini'}</strong>
        </Text>
        {r.suggestions.length > 0 && (
          <div>
            <Title order={3} fz="h5" mb="xs">
              Suggestions d’orientation
            </Title>
            <Stack gap="xs">
              {r.suggestions.map((s) => (
                <SuggestionRow key={`${s.kind}-${s.value}`} s={s} dossierId={dossierId} mayDecide={r.mayDecide} />
              ))}
            </Stack>
          </div>
        )}
        {r.decisions.length > 0 && (
          <div>
            <Title order={3} fz="h5" mb="xs">
              Décisions enregistrées
            </Title>
            <Stack gap={4}>
              {r.decisions.map((d) => (
                <Text key={d.id} size="sm">
                  {formatDate(d.decidedAt)} — {d.kindLabel} « {d.valueLabel} » : {d.decisionLabel.toLowerCase()} par {d.decidedBy}
                  {d.reason ? ` (motif : ${d.reason})` : ''}
                </Text>
              ))}
            </Stack>
          </div>
        )}
      </Stack>
    </Card>
  );
}

function SuggestionRow({ s, dossierId, mayDecide }: { s: OrientationSuggestion; dossierId: string; mayDecide: boolean }) {
  const client = useQueryClient();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const decide = useMutation({
    mutationFn: (body: { decision: 'acceptee' | 'refusee'; reason?: string }) => call(risk.orientation.decide, { params: { id: dossierId }, body: { kind: s.kind, value: s.value, ...body } }),
    onSuccess: () => {
      setDeclining(false);
      void client.invalidateQueries({ queryKey: ['dossier-risk', dossierId] });
      void client.invalidateQueries({ queryKey: ['dossier', dossierId] });
    },
  });
  return (
    <Paper withBorder p="sm">
      <Group justify="space-between" align="flex-start">
        <div>
          <Text size="sm" fw={700}>
            {s.kindLabel} : {s.label}
          </Text>
          <Text size="xs" c="dimmed">
            {s.reasons.join(' · ')}
          </Text>
        </div>
        {s.decision ? (
          <Badge color={s.decision.decision === 'acceptee' ? 'teal.9' : 'dark'} variant="outline">
            {s.decision.decisionLabel}
          </Badge>
        ) : (
          mayDecide && (
            <Group gap="xs">
              <Button size="xs" onClick={() => decide.mutate({ decision: 'acceptee' })} loading={decide.isPending && !declining} aria-label={`Accepter : ${s.label}`}>
                Accepter
              </Button>
              <Button size="xs" variant="default" onClick={() => setDeclining(true)} aria-label={`Refuser : ${s.label}`}>
                Refuser
              </Button>
            </Group>
          )
        )}
      </Group>
      {declining && !s.decision && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            decide.mutate({ decision: 'refusee', reason });
          }}
        >
          <Textarea label={`Motif du refus (${s.label})`} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required mt="xs" autosize minRows={2} />
          <Group mt="xs">
            <Button size="xs" type="submit" loading={decide.isPending}>
              Confirmer le refus
            </Button>
            <Button size="xs" variant="subtle" onClick={() => setDeclining(false)}>
              Annuler
            </Button>
          </Group>
        </form>
      )}
      <ErrorAlert error={decide.error} />
    </Paper>
  );
}
