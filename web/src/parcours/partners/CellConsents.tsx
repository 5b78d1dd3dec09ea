import { useState } from 'react';
import { Button, Card, Group, NativeSelect, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { parcours, type WireOf } from '@contract';
import { ApiError, fieldError, formError } from '../../api';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../format';
import { ConfirmButton } from './ConfirmButton';

type Registry = WireOf<typeof parcours.ConsentRegistry>;

/** How the cell obtained the consent, as the form asks it (the values are the contract's cell sources). */
const SOURCE_CHOICES: Readonly<Partial<Record<parcours.ConsentSource, string>>> = {
  professionnel_ecrit: 'Par écrit (formulaire signé)',
  professionnel_oral: 'Oralement (entretien, téléphone)',
};
const SOURCES = parcours.CELL_CONSENT_SOURCES.map((value) => ({ value, label: SOURCE_CHOICES[value] ?? parcours.CONSENT_SOURCE_LABELS[value] }));

export const consentsKey = (workerId: string) => ['worker-consents', workerId] as const;

/** The worker's consent registry as the cell sees it, and the form to record a paper or oral consent. */
/** On the worker page: the registry in its own card (nothing at all for whoever may not read it). */
export function WorkerConsentsSection({ workerId }: { workerId: string }) {
  return <CellConsents workerId={workerId} card />;
}

export function CellConsents({ workerId, headingLevel = 2, card = false }: { workerId: string; headingLevel?: 2 | 3; card?: boolean }) {
  const client = useQueryClient();
  const query = useQuery({ queryKey: consentsKey(workerId), queryFn: ({ signal }) => call(parcours.consents.ofWorker, { params: { id: workerId }, signal }), retry: false });
  const refresh = () => {
    void client.invalidateQueries({ queryKey: consentsKey(workerId) });
    void client.invalidateQueries({ queryKey: ['dossier-referrals'] });
    void client.invalidateQueries({ queryKey: ['dossier-threads'] });
    void client.invalidateQueries({ queryKey: ['dossier'] });
  };
  const [withdrawSource, setWithdrawSource] = useState<string>('professionnel_ecrit');
  const withdraw = useMutation({
    mutationFn: (consentId: string) => call(parcours.consents.recordWithdrawal, { params: { id: workerId, consentId }, body: { source: withdrawSource } }),
    onSuccess: refresh,
  });

  if (query.isError && query.error instanceof ApiError && (query.error.status === 403 || query.error.status === 404)) return null;
  if (!query.data) return query.isError ? <ErrorAlert error={query.error} /> : null;
  const { consents, canManage } = query.data;
  const sorted = [...consents].sort((a, b) => Number(b.current) - Number(a.current) || b.grantedAt.localeCompare(a.grantedAt));
  const body = (
    <Stack gap="sm">
      <Title order={headingLevel} fz={headingLevel === 2 ? 'h4' : 'h5'} id={`titre-consentements-${workerId}`}>
        Consentements du salarié
      </Title>
      {sorted.length === 0 ? (
        <Text size="sm">Aucun consentement enregistré : rien n’est partagé avec les partenaires.</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing="xs">
            <Table.Caption>
              <VisuallyHidden>Consentements du salarié, en cours d’abord</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Finalité</Table.Th>
                <Table.Th>Destinataire</Table.Th>
                <Table.Th>Donné le</Table.Th>
                <Table.Th>Recueil</Table.Th>
                <Table.Th>État</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.purposeLabel}</Table.Td>
                  <Table.Td>{c.organisation.name}</Table.Td>
                  <Table.Td>{formatDate(c.grantedAt)}</Table.Td>
                  <Table.Td>
                    {c.sourceLabel}
                    {c.recordedByName ? ` (${c.recordedByName})` : ''}
                  </Table.Td>
                  <Table.Td>
                    {c.current ? (
                      canManage ? (
                        <ConfirmButton
                          size="xs"
                          variant="light"
                          color="red"
                          label="Enregistrer le retrait"
                          aria-label={`Enregistrer le retrait : ${c.purposeLabel}, ${c.organisation.name}`}
                          title="Enregistrer le retrait du consentement"
                          message={
                            <>
                              {c.purposeLabel} — {c.organisation.name}. Le partage cesse immédiatement.
                              <NativeSelect mt="sm" label="Retrait exprimé" value={withdrawSource} onChange={(e) => setWithdrawSource(e.currentTarget.value)} data={SOURCES} />
                            </>
                          }
                          confirmLabel="Enregistrer le retrait"
                          loading={withdraw.isPending}
                          error={withdraw.error}
                          onConfirm={() => withdraw.mutateAsync(c.id)}
                        />
                      ) : (
                        'En cours'
                      )
                    ) : (
                      `Retiré le ${formatDate(c.withdrawnAt)}`
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canManage && <GrantForm registry={query.data} onDone={refresh} />}
    </Stack>
  );
  if (!card) return body;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={`titre-consentements-${workerId}`}>
      {body}
    </Card>
  );
}

const FIELDS = ['purpose', 'organisationId', 'source'];

function GrantForm({ registry, onDone }: { registry: Registry; onDone: () => void }) {
  const [purpose, setPurpose] = useState<string>(parcours.PARTNER_SHARING_PURPOSE);
  const [organisationId, setOrganisationId] = useState('');
  const [source, setSource] = useState<string>('professionnel_ecrit');
  const def = registry.purposes.find((p) => p.code === purpose);
  const orgs = registry.organisations.filter((o) => !def || def.recipientKinds.includes(o.kind));
  const grant = useMutation({
    mutationFn: () => call(parcours.consents.record, { params: { id: registry.workerId }, body: { purpose, organisationId, source } }),
    onSuccess: () => {
      setOrganisationId('');
      onDone();
    },
  });
  return (
    <form
      aria-label="Enregistrer un consentement"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        grant.mutate();
      }}
    >
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          Enregistrer un consentement recueilli par la cellule
        </Text>
        <Group grow align="flex-start" wrap="wrap">
          <NativeSelect label="Finalité" value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)} data={registry.purposes.map((p) => ({ value: p.code, label: p.label }))} error={fieldError(grant.error, 'purpose')} />
          <NativeSelect
            label="Destinataire"
            required
            value={organisationId}
            onChange={(e) => setOrganisationId(e.currentTarget.value)}
            data={[{ value: '', label: 'Choisir…' }, ...orgs.map((o) => ({ value: o.id, label: o.name }))]}
            error={fieldError(grant.error, 'organisationId')}
          />
          <NativeSelect label="Recueilli" value={source} onChange={(e) => setSource(e.currentTarget.value)} data={SOURCES} error={fieldError(grant.error, 'source')} />
        </Group>
        {def && (
          <Text size="xs" c="dimmed">
            {def.description}
          </Text>
        )}
        <ErrorAlert message={formError(grant.error, FIELDS)} />
        <Group>
          <Button type="submit" size="sm" loading={grant.isPending} disabled={!organisationId}>
            Enregistrer le consentement
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
