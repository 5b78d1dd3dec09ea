/** « Inaptitude » on the worker page (health professionals): avis d'inaptitude and dismissal date. */
import { useState } from 'react';
import { Button, Card, Checkbox, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { parcours, type WireOf } from '@contract';
import { fieldError, formError } from '../../api';
import { can, useSession } from '../../auth';
import { call } from '../../client';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, todayIso } from '../../format';

const { INAPTITUDE_ORIGIN_LABELS, INAPTITUDE_ORIGINS } = parcours;
type Inaptitude = WireOf<typeof parcours.Inaptitude>;

export function InaptitudeSection({ workerId }: { workerId: string }) {
  const session = useSession();
  const allowed = can(session, 'inaptitude.manage');
  const query = useQuery({
    queryKey: ['inaptitudes', workerId],
    queryFn: ({ signal }) => call(parcours.inaptitudes.listOfWorker, { params: { id: workerId }, signal }),
    enabled: allowed,
  });
  if (!allowed) return null;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="titre-inaptitude">
      <Stack gap="sm">
        <Title order={2} fz="h4" id="titre-inaptitude">
          Inaptitude
        </Title>
        {query.isError && <ErrorAlert error={query.error} />}
        {query.data && query.data.items.length === 0 && <Text size="sm">Aucun avis d'inaptitude.</Text>}
        {query.data && query.data.items.length > 0 && (
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Avis</Table.Th>
                <Table.Th>Reclassement</Table.Th>
                <Table.Th>Licenciement</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>
                    {formatDate(i.avisDate)} — {i.originLabel}
                    {i.companyName && ` (${i.companyName})`}
                  </Table.Td>
                  <Table.Td>{i.dispenseReclassement ? 'Avec dispense' : 'Sans dispense'}</Table.Td>
                  <Table.Td>{i.dismissalDate ? formatDate(i.dismissalDate) : <DismissalForm i={i} workerId={workerId} />}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <RecordForm workerId={workerId} />
      </Stack>
    </Card>
  );
}

function DismissalForm({ i, workerId }: { i: Inaptitude; workerId: string }) {
  const client = useQueryClient();
  const [date, setDate] = useState('');
  const save = useMutation({
    mutationFn: () => call(parcours.inaptitudes.recordDismissal, { params: { id: i.id }, body: { dismissalDate: date } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['inaptitudes'] }),
  });
  return (
    <Group gap="xs" align="flex-end">
      <DateField size="xs" label={`Licenciement (avis du ${formatDate(i.avisDate)})`} value={date} onChange={setDate} error={fieldError(save.error, 'dismissalDate')} />
      <Button size="xs" variant="light" disabled={!date} loading={save.isPending} onClick={() => save.mutate()}>
        Enregistrer
      </Button>
      {workerId && save.isError && !fieldError(save.error, 'dismissalDate') && <ErrorAlert error={save.error} />}
    </Group>
  );
}

function RecordForm({ workerId }: { workerId: string }) {
  const client = useQueryClient();
  const [avisDate, setAvisDate] = useState(todayIso());
  const [dispense, setDispense] = useState(false);
  const [origin, setOrigin] = useState('non_professionnelle');
  const [dismissal, setDismissal] = useState('');
  const save = useMutation({
    mutationFn: () => call(parcours.inaptitudes.record, { params: { id: workerId }, body: { avisDate, dispenseReclassement: dispense, origin, dismissalDate: dismissal || null } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['inaptitudes'] }),
  });
  return (
    <form
      aria-label="Enregistrer un avis d'inaptitude"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="xs">
        <Title order={3} fz="h5">
          Enregistrer un avis d'inaptitude
        </Title>
        <Group grow align="flex-start" wrap="wrap">
          <DateField label="Date de l'avis" required value={avisDate} onChange={setAvisDate} maxDate={todayIso()} error={fieldError(save.error, 'avisDate')} />
          <NativeSelect label="Origine" value={origin} onChange={(e) => setOrigin(e.currentTarget.value)} data={INAPTITUDE_ORIGINS.map((o) => ({ value: o, label: INAPTITUDE_ORIGIN_LABELS[o] }))} />
          <DateField label="Licenciement (si connu)" value={dismissal} onChange={setDismissal} error={fieldError(save.error, 'dismissalDate')} />
        </Group>
        <Checkbox label="Avec dispense de reclassement (art. L1226-2-1 / L1226-12)" checked={dispense} onChange={(e) => setDispense(e.currentTarget.checked)} />
        <ErrorAlert message={formError(save.error, ['avisDate', 'dismissalDate'])} />
        <Group>
          <Button type="submit" variant="light" loading={save.isPending}>
            Enregistrer l'avis
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
