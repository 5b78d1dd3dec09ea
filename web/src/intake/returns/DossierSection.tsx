/**
 * « Retour à l'Assurance maladie » on the dossier page: for a dossier born from the AM flux, the
 * cell records the accompaniment put in place (C. trav. L4622-2-1) and follows each message's
 * delivery. Job information only with the worker's agreement.
 */
import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Fieldset, Group, NativeSelect, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { intake, type BodyOf, type WireOf } from '@contract';
import { fieldError, formError } from '../../api';
import { can, useSession } from '../../auth';
import { call } from '../../client';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { formatDate, formatDateTimeShort, todayIso } from '../../format';
import { dossierReturnsKey } from './api';
import { ReturnStatusBadge } from './StatusBadge';

type AmReturn = WireOf<typeof intake.AmReturn>;
type DossierAmReturns = WireOf<typeof intake.DossierAmReturns>;

const FORM_FIELDS = ['arretId', 'type', 'date', 'comment', 'jobTitle', 'pcs', 'rome', 'workingConditions', 'recipientOrganisationId'];

export function DossierSection({ dossierId }: { dossierId: string }) {
  const session = useSession();
  const allowed = can(session, 'amreturn.manage');
  const query = useQuery({
    queryKey: dossierReturnsKey(dossierId),
    queryFn: ({ signal }) => call(intake.amReturns.ofDossier, { params: { id: dossierId }, signal }),
    enabled: allowed,
  });
  if (!allowed) return null;
  if (query.isPending) return <Loading label="Chargement du retour à l'Assurance maladie…" />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const data = query.data;
  // Only dossiers born from the AM flux have something to return.
  if (!data.bornFromFlux && data.arrets.length === 0) return null;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="titre-retour-am">
      <Stack gap="md">
        <Title order={2} id="titre-retour-am" fz="h4">
          Retour à l'Assurance maladie
        </Title>
        <Text size="sm">
          L'Assurance maladie a transmis l'arrêt de travail de ce salarié : indiquez-lui l'accompagnement mis en place (art. L4622-2-1 du code du
          travail). Les informations sur le poste ne partent qu'avec l'accord du salarié.
        </Text>
        {data.arrets.length === 0 ? (
          <Text>Aucun arrêt transmis par le flux de l'Assurance maladie n'est rattaché à ce dossier : il n'y a rien à lui retourner.</Text>
        ) : (
          <>
            <MessagesTable messages={data.messages} />
            <ConsentLine dossierId={dossierId} data={data} />
            <RecordForm dossierId={dossierId} data={data} />
          </>
        )}
      </Stack>
    </Card>
  );
}

function MessagesTable({ messages }: { messages: AmReturn[] }) {
  if (messages.length === 0) return <Text c="dimmed">Aucun accompagnement communiqué pour le moment.</Text>;
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table striped verticalSpacing="xs">
        <Table.Caption>Accompagnements communiqués à l'Assurance maladie</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Accompagnement</Table.Th>
            <Table.Th>Date</Table.Th>
            <Table.Th>Destinataire et arrêt</Table.Th>
            <Table.Th>Poste transmis</Table.Th>
            <Table.Th>État de transmission</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {messages.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>
                {m.typeLabel}
                {m.comment && (
                  <Text size="xs" c="dimmed">
                    {m.comment}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(m.date)}</Table.Td>
              <Table.Td>
                {m.recipient} · {m.amArretId}
              </Table.Td>
              <Table.Td>{m.jobIncluded ? 'Oui' : 'Non'}</Table.Td>
              <Table.Td>
                <ReturnStatusBadge status={m.status} />
                {m.transmittedAt && (
                  <Text size="xs" c="dimmed">
                    Transmis {formatDateTimeShort(m.transmittedAt)} ({m.channel === 'api' ? 'API' : 'fichier'})
                  </Text>
                )}
                {m.error && (
                  <Text size="xs" c="red">
                    {m.error}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ConsentLine({ dossierId, data }: { dossierId: string; data: DossierAmReturns }) {
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const withdraw = useMutation({
    mutationFn: () => call(intake.amReturns.withdrawJobConsent, { params: { id: dossierId } }),
    onSuccess: () => {
      setConfirming(false);
      void client.invalidateQueries({ queryKey: dossierReturnsKey(dossierId) });
      void client.invalidateQueries({ queryKey: ['dossier', dossierId] });
    },
  });
  const c = data.jobConsent;
  return (
    <Stack gap={4}>
      <Text size="sm">
        Accord du salarié pour transmettre les informations sur son poste :{' '}
        <strong>{c.given ? `oui${c.grantedAt ? `, depuis le ${formatDate(c.grantedAt)}` : ''}${c.organisationName ? ` (${c.organisationName})` : ''}` : 'non'}</strong>
      </Text>
      {c.given &&
        (confirming ? (
          <Alert color="orange" variant="light" title="Retirer l'accord du salarié ?">
            <Text size="sm" mb="xs">
              Les messages pas encore transmis partiront sans les informations sur le poste. Ce qui a déjà été transmis ne peut pas être repris.
            </Text>
            <Group gap="sm">
              <Button color="orange" size="xs" loading={withdraw.isPending} onClick={() => withdraw.mutate()}>
                Confirmer le retrait
              </Button>
              <Button variant="default" size="xs" onClick={() => setConfirming(false)}>
                Annuler
              </Button>
            </Group>
          </Alert>
        ) : (
          <Group>
            <Button variant="subtle" color="orange" size="xs" onClick={() => setConfirming(true)}>
              Retirer l'accord
            </Button>
          </Group>
        ))}
      {withdraw.isError && <ErrorAlert error={withdraw.error} />}
    </Stack>
  );
}

function RecordForm({ dossierId, data }: { dossierId: string; data: DossierAmReturns }) {
  const client = useQueryClient();
  const usable = data.arrets.filter((a) => !a.cancelled);
  const [arretId, setArretId] = useState(usable[0]?.id ?? '');
  const [type, setType] = useState('');
  const [date, setDate] = useState(todayIso());
  const [comment, setComment] = useState('');
  const [recordJobConsent, setRecordJobConsent] = useState(false);
  const [recipient, setRecipient] = useState(data.recipients[0]?.id ?? '');
  const [job, setJob] = useState({ jobTitle: '', pcs: '', rome: '', workingConditions: '' });
  const [done, setDone] = useState<string | null>(null);
  const jobAllowed = data.jobConsent.given || recordJobConsent;

  const save = useMutation({
    mutationFn: () =>
      call(intake.amReturns.record, {
        params: { id: dossierId },
        body: {
          arretId,
          type: type as BodyOf<typeof intake.amReturns.record>['type'],
          date,
          comment,
          ...(jobAllowed ? job : {}),
          ...(recordJobConsent ? { recordJobConsent: true, recipientOrganisationId: recipient || undefined } : {}),
        },
      }),
    onSuccess: (r) => {
      setDone(r.created ? `Retour enregistré : « ${r.message.typeLabel} », à transmettre à ${r.message.recipient}.` : 'Cet accompagnement était déjà enregistré : aucun nouveau message.');
      setType('');
      setComment('');
      setRecordJobConsent(false);
      setJob({ jobTitle: '', pcs: '', rome: '', workingConditions: '' });
      void client.invalidateQueries({ queryKey: dossierReturnsKey(dossierId) });
      void client.invalidateQueries({ queryKey: ['dossier', dossierId] });
      void client.invalidateQueries({ queryKey: ['am-returns', 'list'] });
    },
    onError: () => setDone(null),
  });

  if (usable.length === 0) return <Text>Les arrêts de ce dossier ont été annulés par l'Assurance maladie : aucun retour possible.</Text>;
  const err = save.error;

  return (
    <form
      aria-labelledby="titre-nouveau-retour"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="sm">
        <Title order={3} fz="h5" id="titre-nouveau-retour">
          Enregistrer un accompagnement
        </Title>
        <Group grow align="flex-start" wrap="wrap">
          <NativeSelect
            label="Arrêt concerné"
            required
            value={arretId}
            onChange={(e) => setArretId(e.currentTarget.value)}
            data={usable.map((a) => ({ value: a.id, label: `${a.recipient} · ${a.amArretId} (depuis le ${formatDate(a.startDate)})` }))}
            error={fieldError(err, 'arretId')}
          />
          <NativeSelect
            label="Type d'accompagnement"
            required
            value={type}
            onChange={(e) => setType(e.currentTarget.value)}
            data={[{ value: '', label: 'Choisir…' }, ...data.types.map((t) => ({ value: t.code, label: t.label }))]}
            error={fieldError(err, 'type')}
          />
          <DateField label="Date de l'accompagnement" required value={date} onChange={setDate} error={fieldError(err, 'date')} maxDate={todayIso()} />
        </Group>
        <Textarea
          label="Commentaire administratif"
          description="Transmis à l'Assurance maladie. Aucune information médicale : ni diagnostic, ni traitement, ni NIR."
          autosize
          minRows={2}
          maxLength={1000}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          error={fieldError(err, 'comment')}
        />
        {!data.jobConsent.given && (
          <Group align="flex-end" gap="md">
            <Checkbox
              label="Le salarié accepte la transmission d'informations sur son poste"
              description="Son accord est enregistré avec ce retour et tracé ; il peut le retirer à tout moment."
              checked={recordJobConsent}
              onChange={(e) => setRecordJobConsent(e.currentTarget.checked)}
            />
            {recordJobConsent && data.recipients.length > 1 && (
              <NativeSelect
                label="Caisse destinataire de l'accord"
                value={recipient}
                onChange={(e) => setRecipient(e.currentTarget.value)}
                data={data.recipients.map((r) => ({ value: r.id, label: r.name }))}
                error={fieldError(err, 'recipientOrganisationId')}
              />
            )}
          </Group>
        )}
        {jobAllowed ? (
          <Fieldset legend="Poste et conditions de travail (facultatif)">
            <Stack gap="xs">
              <Group grow align="flex-start" wrap="wrap">
                <TextInput label="Intitulé du poste" maxLength={200} value={job.jobTitle} onChange={(e) => setJob({ ...job, jobTitle: e.currentTarget.value })} error={fieldError(err, 'jobTitle')} />
                <TextInput label="Code PCS" description="Par exemple 52A1" maxLength={4} value={job.pcs} onChange={(e) => setJob({ ...job, pcs: e.currentTarget.value })} error={fieldError(err, 'pcs')} />
                <TextInput label="Code ROME" description="Par exemple J1501" maxLength={5} value={job.rome} onChange={(e) => setJob({ ...job, rome: e.currentTarget.value })} error={fieldError(err, 'rome')} />
              </Group>
              <Textarea
                label="Conditions de travail"
                autosize
                minRows={2}
                maxLength={2000}
                value={job.workingConditions}
                onChange={(e) => setJob({ ...job, workingConditions: e.currentTarget.value })}
                error={fieldError(err, 'workingConditions')}
              />
            </Stack>
          </Fieldset>
        ) : (
          <Text size="sm" c="dimmed">
            Sans l'accord du salarié, aucune information sur son poste n'est transmise.
          </Text>
        )}
        <ErrorAlert message={formError(err, FORM_FIELDS)} />
        {done && (
          <Alert color="green" variant="light" role="status">
            {done}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={save.isPending} disabled={!type || !arretId || !date}>
            Enregistrer le retour
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
