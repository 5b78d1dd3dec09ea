import { useState } from 'react';
import { Button, Card, Checkbox, Group, NativeSelect, Paper, Stack, Table, Text, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { intake, type BodyOf } from '@contract';
import { ApiError, fieldError, formError } from '../../api';
import { call } from '../../client';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatDateTimeShort, todayIso } from '../../format';
import { StatusBadge } from './StatusBadge';

/** « Signalements » on the dossier page: the dossier's signals, and its fiches de liaison with the answer form. */
export function DossierSection({ dossierId }: { dossierId: string }) {
  const query = useQuery({
    queryKey: ['dossier-signals', dossierId],
    queryFn: ({ signal }) => call(intake.signals.ofDossier, { params: { id: dossierId }, signal }),
    retry: false,
  });
  // Absent for those who may not read it (404): the page never hints that something is hidden.
  if (query.isError && query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 403)) return null;
  if (!query.data) return query.isError ? <ErrorAlert error={query.error} /> : null;
  const { signals, vprOrientations: fiches } = query.data;
  if (signals.length === 0 && fiches.length === 0) return null;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="titre-signalements">
      <Title order={2} id="titre-signalements" fz="h4" mb="sm">
        Signalements
      </Title>
      <Table.ScrollContainer minWidth={640}>
        <Table striped verticalSpacing="xs">
          <Table.Caption>
            <VisuallyHidden>Signalements de ce dossier, les plus récents d’abord</VisuallyHidden>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Reçu le</Table.Th>
              <Table.Th>Source</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>Motif</Table.Th>
              <Table.Th>Accord du salarié</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {signals.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTimeShort(s.receivedAt)}</Table.Td>
                <Table.Td>{s.sourceLabel}</Table.Td>
                <Table.Td>{s.kindLabel}</Table.Td>
                <Table.Td>{s.reason}</Table.Td>
                <Table.Td>{s.consentGiven ? `Oui${s.consentDate ? `, le ${formatDate(s.consentDate)}` : ''}` : 'Non recueilli'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {fiches.length > 0 && (
        <Stack gap="sm" mt="md">
          <Title order={3} fz="h5">
            Fiches de liaison du médecin conseil
          </Title>
          {fiches.map((f) => (
            <Paper key={f.id} withBorder p="sm">
              <Group justify="space-between" align="flex-start">
                <div>
                  <Text size="sm" fw={700}>
                    Orientation en visite de pré-reprise du {formatDate(f.filedAt)} — {f.filedByName} ({f.organisationName})
                  </Text>
                  <Text size="sm">Motif : {f.reason}</Text>
                  <Text size="sm">Pour répondre : {f.contact} · accord du salarié du {formatDate(f.consentDate)}</Text>
                </div>
                <StatusBadge status={f.status} label={f.statusLabel} size="sm" />
              </Group>
              {f.answer && (
                <Text size="sm" mt="xs">
                  Réponse du {formatDate(f.answer.answeredAt)}
                  {f.answer.answeredByName ? ` (${f.answer.answeredByName})` : ''} : {f.answer.outcomeLabel}
                  {f.answer.vprDate ? ` le ${formatDate(f.answer.vprDate)}` : ''}.{' '}
                  {f.answer.recommendations ? `Recommandations transmises : ${f.answer.recommendations}` : 'Aucune recommandation transmise.'}
                </Text>
              )}
              {f.canAnswer && <AnswerForm ficheId={f.id} dossierId={dossierId} />}
            </Paper>
          ))}
        </Stack>
      )}
    </Card>
  );
}

const ANSWER_FIELDS = ['outcome', 'vprDate', 'recommendations'];

function AnswerForm({ ficheId, dossierId }: { ficheId: string; dossierId: string }) {
  const client = useQueryClient();
  const [outcome, setOutcome] = useState('');
  const [vprDate, setVprDate] = useState(todayIso());
  const [nonObjection, setNonObjection] = useState(false);
  const [recommendations, setRecommendations] = useState('');
  const [missing, setMissing] = useState<Record<string, string>>({});
  const answer = useMutation({
    mutationFn: (body: BodyOf<typeof intake.vprOrientations.answer>) => call(intake.vprOrientations.answer, { params: { id: ficheId }, body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['dossier-signals', dossierId] });
      void client.invalidateQueries({ queryKey: ['dossier', dossierId] });
      void client.invalidateQueries({ queryKey: ['vpr-orientations'] });
      void client.invalidateQueries({ queryKey: ['signals'] });
    },
  });
  const err = (f: string) => missing[f] ?? fieldError(answer.error, f);
  const done = outcome === 'vpr_realisee';

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const m: Record<string, string> = {};
    if (!outcome) m.outcome = 'Choisissez la suite donnée.';
    if (done && !vprDate) m.vprDate = 'Indiquez la date de la visite.';
    setMissing(m);
    if (Object.keys(m).length) return;
    answer.mutate({
      outcome,
      ...(done ? { vprDate, nonObjection, ...(nonObjection && recommendations.trim() ? { recommendations } : {}) } : {}),
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Répondre au médecin conseil">
      <Stack gap="sm" mt="sm">
        <Text size="sm" fw={600}>
          Répondre au médecin conseil
        </Text>
        <NativeSelect
          label="Suite donnée"
          required
          value={outcome}
          onChange={(e) => setOutcome(e.currentTarget.value)}
          error={err('outcome')}
          data={[{ value: '', label: 'Choisir…' }, ...intake.VPR_OUTCOMES.map((o) => ({ value: o, label: intake.VPR_STATUS_LABELS[o] }))]}
        />
        {done && (
          <>
            <DateField label="Date de la visite de pré-reprise" required value={vprDate} onChange={setVprDate} error={err('vprDate')} />
            <Checkbox
              label="Le salarié ne s'oppose pas à la transmission des recommandations"
              description="Sans cet accord, aucune recommandation n’est transmise au médecin conseil (C. trav. R4624-30)."
              checked={nonObjection}
              onChange={(e) => setNonObjection(e.currentTarget.checked)}
            />
            {nonObjection && (
              <Textarea label="Recommandations transmises au médecin conseil" autosize minRows={2} value={recommendations} onChange={(e) => setRecommendations(e.currentTarget.value)} error={err('recommendations')} />
            )}
          </>
        )}
        <ErrorAlert message={formError(answer.error, ANSWER_FIELDS)} />
        <Group>
          <Button type="submit" size="sm" loading={answer.isPending}>
            Envoyer la réponse
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
