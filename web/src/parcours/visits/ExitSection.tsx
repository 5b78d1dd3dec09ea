/**
 * « Sortie et suivi » on the case page: record the exit with its outcome (the case moves to
 * « Sorti »), then the situation at 6 and 12 months (IGAS recommendation 20).
 */
import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, NativeSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { parcours, type WireOf } from '@contract';
import { fieldError, formError } from '../../api';
import { can, useSession } from '../../auth';
import { call } from '../../client';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, todayIso } from '../../format';

type DossierExit = WireOf<typeof parcours.DossierExit>;
type FollowUp = WireOf<typeof parcours.FollowUp>;

const key = (dossierId: string) => ['exit', dossierId] as const;

export function ExitSection({ dossierId }: { dossierId: string }) {
  const session = useSession();
  const allowed = can(session, 'followup.manage');
  const query = useQuery({ queryKey: key(dossierId), queryFn: ({ signal }) => call(parcours.exits.read, { params: { id: dossierId }, signal }), enabled: allowed });
  if (!allowed || !query.data) return query.isError ? <ErrorAlert error={query.error} /> : null;
  const data = query.data;
  // Only a case in accompaniment can leave; a case that left shows its follow-up.
  if (!data.exit && data.state !== 'en_accompagnement') return null;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="titre-sortie">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="titre-sortie">
          Sortie et suivi
        </Title>
        {data.exit ? (
          <>
            <Text size="sm">
              Sortie le <strong>{formatDate(data.exit.exitedAt)}</strong> : <strong>{data.exit.outcomeLabel}</strong>
              {data.exit.lostToFollowUp && (
                <Badge ml="xs" color="red" variant="light">
                  Perdu de vue
                </Badge>
              )}
            </Text>
            {data.exit.note && <Text size="sm">{data.exit.note}</Text>}
            {data.exit.followUps.map((f) => (
              <FollowUpLine key={f.horizon} dossierId={dossierId} f={f} outcomes={data.outcomes} />
            ))}
          </>
        ) : (
          <ExitForm dossierId={dossierId} outcomes={data.outcomes} />
        )}
      </Stack>
    </Card>
  );
}

function ExitForm({ dossierId, outcomes }: { dossierId: string; outcomes: DossierExit['outcomes'] }) {
  const client = useQueryClient();
  const [outcome, setOutcome] = useState('');
  const [date, setDate] = useState(todayIso());
  const [note, setNote] = useState('');
  const save = useMutation({
    mutationFn: () => call(parcours.exits.record, { params: { id: dossierId }, body: { outcome, exitedAt: date, note: note || null } }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: key(dossierId) });
      void client.invalidateQueries({ queryKey: ['dossier', dossierId] });
      void client.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
  return (
    <form
      aria-label="Enregistrer la sortie du dispositif"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="xs">
        <Text size="sm">La sortie fait passer le dossier à l'état « Sorti » et programme le suivi à 6 et 12 mois.</Text>
        <Group grow align="flex-start" wrap="wrap">
          <NativeSelect
            label="Situation à la sortie"
            required
            value={outcome}
            onChange={(e) => setOutcome(e.currentTarget.value)}
            data={[{ value: '', label: 'Choisir…' }, ...outcomes.map((o) => ({ value: o.code, label: o.label }))]}
            error={fieldError(save.error, 'outcome')}
          />
          <DateField label="Date de sortie" required value={date} onChange={setDate} maxDate={todayIso()} error={fieldError(save.error, 'exitedAt')} />
        </Group>
        <Textarea label="Note (facultatif)" autosize minRows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={fieldError(save.error, 'note')} />
        <ErrorAlert message={formError(save.error, ['outcome', 'exitedAt', 'note'])} />
        <Group>
          <Button type="submit" loading={save.isPending} disabled={!outcome}>
            Enregistrer la sortie
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function FollowUpLine({ dossierId, f, outcomes }: { dossierId: string; f: FollowUp; outcomes: DossierExit['outcomes'] }) {
  const client = useQueryClient();
  const [outcome, setOutcome] = useState('');
  const save = useMutation({
    mutationFn: () => call(parcours.followUps.record, { params: { id: dossierId }, body: { horizon: f.horizon, outcome } }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: key(dossierId) });
      void client.invalidateQueries({ queryKey: ['dossier', dossierId] });
      void client.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
  if (f.outcome) {
    return (
      <Text size="sm">
        Suivi à {f.horizon} mois (le {formatDate(f.recordedOn)}) : <strong>{f.outcomeLabel}</strong>
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      <Text size="sm">
        Suivi à {f.horizon} mois : échéance le {formatDate(f.dueDate)}
        {!f.open && ` (possible à partir du ${formatDate(f.opensOn)})`}
      </Text>
      {f.open && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <Group align="flex-end" gap="xs">
            <NativeSelect
              size="xs"
              label={`Situation à ${f.horizon} mois`}
              value={outcome}
              onChange={(e) => setOutcome(e.currentTarget.value)}
              data={[{ value: '', label: 'Choisir…' }, ...outcomes.map((o) => ({ value: o.code, label: o.label }))]}
            />
            <Button size="xs" type="submit" loading={save.isPending} disabled={!outcome}>
              Enregistrer le suivi
            </Button>
          </Group>
          {save.isError && <ErrorAlert error={save.error} />}
        </form>
      )}
      {save.isSuccess && (
        <Alert color="green" variant="light" role="status">
          Suivi enregistré.
        </Alert>
      )}
    </Stack>
  );
}
