import { useState } from 'react';
import { Accordion, Badge, Button, Card, Group, NativeSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { parcours, type WireOf } from '@contract';
import { ApiError, fieldError, formError } from '../../api';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CellConsents } from './CellConsents';
import { MessageThread } from './MessageThread';
import { ReferralCard } from './ReferralCard';

type DossierReferrals = WireOf<typeof parcours.DossierReferrals>;
type ReferralStatus = parcours.ReferralStatus;

export const referralsKey = (dossierId: string) => ['dossier-referrals', dossierId] as const;

/**
 * « Partenaires » on the case page (cell): chef de file, adressages and transfers, the secure
 * threads with each partner (unread counts), and the worker's consent registry.
 */
export function DossierSection({ dossierId }: { dossierId: string }) {
  const query = useQuery({
    queryKey: referralsKey(dossierId),
    queryFn: ({ signal }) => call(parcours.referrals.listOfDossier, { params: { id: dossierId }, signal }),
    retry: false,
  });
  if (query.isError && query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 403)) return null;
  if (!query.data) return query.isError ? <ErrorAlert error={query.error} /> : null;
  const data = query.data;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="titre-partenaires">
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} id="titre-partenaires" fz="h4">
            Partenaires
          </Title>
          <Text size="sm">
            Chef de file : <strong>{data.lead ? data.lead.name : 'la cellule'}</strong>
          </Text>
        </Group>
        <Title order={3} fz="h5">
          Adressages
        </Title>
        {data.items.length === 0 ? (
          <Text size="sm">Aucun adressage pour ce dossier.</Text>
        ) : (
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
            {data.items.map((r) => (
              <ReferralCard key={r.id} r={r}>
                {data.canManage && (r.status === 'envoye' || r.status === 'accepte') && <CellReferralActions dossierId={dossierId} referralId={r.id} status={r.status} />}
              </ReferralCard>
            ))}
          </Stack>
        )}
        {data.canManage && <ReferralForm dossierId={dossierId} data={data} />}
        <Threads dossierId={dossierId} />
        <CellConsents workerId={data.workerId} headingLevel={3} />
      </Stack>
    </Card>
  );
}

function CellReferralActions({ dossierId, referralId, status }: { dossierId: string; referralId: string; status: string }) {
  const client = useQueryClient();
  const change = useMutation({
    mutationFn: (to: Extract<ReferralStatus, 'clos' | 'annule'>) => call(parcours.referrals.changeStatus, { params: { id: referralId }, body: { status: to } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: referralsKey(dossierId) }),
  });
  return (
    <Group mt="xs" gap="xs">
      {status === 'envoye' && (
        <Button size="xs" variant="default" loading={change.isPending} onClick={() => change.mutate('annule')}>
          Annuler l’adressage
        </Button>
      )}
      {status === 'accepte' && (
        <Button size="xs" variant="default" loading={change.isPending} onClick={() => change.mutate('clos')}>
          Clore l’adressage
        </Button>
      )}
      <ErrorAlert error={change.error} />
    </Group>
  );
}

const FIELDS = ['organisationId', 'kind', 'stage', 'reason'];

function ReferralForm({ dossierId, data }: { dossierId: string; data: DossierReferrals }) {
  const client = useQueryClient();
  const [organisationId, setOrganisationId] = useState('');
  const [kind, setKind] = useState('adressage');
  const [stage, setStage] = useState('');
  const [reason, setReason] = useState('');
  const org = data.organisations.find((o) => o.id === organisationId);
  const late = data.stages.find((s) => s.code === stage)?.late ?? false;
  const create = useMutation({
    mutationFn: () => call(parcours.referrals.create, { params: { id: dossierId }, body: { organisationId, kind, stage, reason } }),
    onSuccess: () => {
      setReason('');
      setOrganisationId('');
      setStage('');
      void client.invalidateQueries({ queryKey: referralsKey(dossierId) });
      void client.invalidateQueries({ queryKey: ['dossier', dossierId] });
    },
  });
  return (
    <form
      aria-label="Adresser à un partenaire"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          Adresser à un partenaire
        </Text>
        <Group grow align="flex-start" wrap="wrap">
          <NativeSelect
            label="Organisme"
            required
            value={organisationId}
            onChange={(e) => setOrganisationId(e.currentTarget.value)}
            data={[{ value: '', label: 'Choisir…' }, ...data.organisations.map((o) => ({ value: o.id, label: `${o.name}${o.consent ? '' : ' (sans consentement)'}` }))]}
            error={fieldError(create.error, 'organisationId')}
          />
          <NativeSelect label="Nature" value={kind} onChange={(e) => setKind(e.currentTarget.value)} data={data.kinds.map((k) => ({ value: k.code, label: k.label }))} error={fieldError(create.error, 'kind')} />
          <NativeSelect
            label="Stade du parcours"
            required
            value={stage}
            onChange={(e) => setStage(e.currentTarget.value)}
            data={[{ value: '', label: 'Choisir…' }, ...data.stages.map((s) => ({ value: s.code, label: s.label }))]}
            error={fieldError(create.error, 'stage')}
          />
        </Group>
        {org && !org.consent && (
          <Text size="sm" c="red.8">
            Le salarié n’a pas de consentement en cours au partage de son dossier avec {org.name} : recueillez-le d’abord.
          </Text>
        )}
        {late && (
          <Text size="sm" c="orange.9">
            Un adressage au stade du licenciement est signalé comme tardif : le licenciement n’est alors évité que dans 3 à 4 % des cas.
          </Text>
        )}
        <Textarea label="Motif (sans détail médical)" required autosize minRows={2} maxLength={4000} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fieldError(create.error, 'reason')} />
        <ErrorAlert message={formError(create.error, FIELDS)} />
        <Group>
          <Button type="submit" size="sm" loading={create.isPending}>
            {kind === 'transfert' ? 'Proposer le transfert' : 'Adresser'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Threads({ dossierId }: { dossierId: string }) {
  const query = useQuery({
    queryKey: ['dossier-threads', dossierId],
    queryFn: ({ signal }) => call(parcours.messages.threads, { params: { id: dossierId }, signal }),
    retry: false,
  });
  const [open, setOpen] = useState<string | null>(null);
  if (!query.data) return query.isError ? <ErrorAlert error={query.error} /> : null;
  const { items, unread } = query.data;
  return (
    <Stack gap="xs">
      <Title order={3} fz="h5">
        Messagerie sécurisée{unread > 0 ? ` (${unread} non lu${unread > 1 ? 's' : ''})` : ''}
      </Title>
      {items.length === 0 ? (
        <Text size="sm">Aucun partenaire ne partage ce dossier avec l’accord du salarié.</Text>
      ) : (
        <Accordion variant="separated" chevronPosition="left" value={open} onChange={setOpen}>
          {items.map((t) => (
            <Accordion.Item key={t.organisation.id} value={t.organisation.id}>
              <Accordion.Control>
                <Group gap="xs">
                  <Text size="sm" fw={600}>
                    {t.organisation.name}
                  </Text>
                  {t.unread > 0 && (
                    <Badge size="sm" color="red" style={{ textTransform: 'none' }}>
                      {t.unread} non lu{t.unread > 1 ? 's' : ''}
                    </Badge>
                  )}
                  {!t.consent && (
                    <Badge size="sm" color="gray" variant="light" style={{ textTransform: 'none' }}>
                      Consentement retiré
                    </Badge>
                  )}
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                {/* Mounted only when opened: opening a thread marks its messages read. */}
                {open === t.organisation.id && <MessageThread dossierId={dossierId} organisationId={t.organisation.id} label={t.organisation.name} />}
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </Stack>
  );
}
