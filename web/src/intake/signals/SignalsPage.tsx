import { useState } from 'react';
import { Link } from 'react-router';
import { Anchor, Button, Group, NativeSelect, Stack, Table, Tabs, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DOSSIER_ORIGINS, intake, ORIGIN_LABELS, workers as workersApi, type WireOf } from '@contract';
import { fieldError, formError } from '../../api';
import { call } from '../../client';
import { can, useSession } from '../../auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Pager } from '../../components/Pager';
import { usePageTitle } from '../../components/PageTitle';
import { StateBadge } from '../../components/StateBadge';
import { useUrlParams } from '../../components/useUrlParams';
import { formatDate, formatDateTimeShort, formatNumber, plural } from '../../format';
import { StatusBadge } from './StatusBadge';

type DeclarationToVerify = WireOf<typeof intake.DeclarationToVerify>;
const SOURCE_OPTIONS = DOSSIER_ORIGINS.map((o) => ({ value: o, label: ORIGIN_LABELS[o] }));
const KIND_OPTIONS = intake.SIGNAL_KINDS.map((k) => ({ value: k, label: intake.SIGNAL_KIND_LABELS[k] }));

const VIEWS = ['tous', 'fiches', 'a-verifier'] as const;
type View = (typeof VIEWS)[number];

/** /signaux « Signalements reçus »: every signal, the fiches de liaison awaiting an answer, the declarations to verify. */
export function SignalsPage() {
  usePageTitle('Signalements reçus');
  const { get, update } = useUrlParams();
  const view: View = (VIEWS as readonly string[]).includes(get('vue')) ? (get('vue') as View) : 'tous';
  const counts = useQuery({
    queryKey: ['signals', 'counts'],
    queryFn: ({ signal }) => call(intake.signals.list, { query: { pageSize: 1 }, signal }),
  });
  return (
    <Stack gap="md">
      <Title order={1}>Signalements reçus</Title>
      <Tabs value={view} onChange={(v) => update({ vue: v === 'tous' ? null : v, source: null, kind: null, from: null, to: null })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="tous">Tous les signalements{counts.data ? ` (${formatNumber(counts.data.total)})` : ''}</Tabs.Tab>
          <Tabs.Tab value="fiches">Fiches de liaison sans réponse{counts.data ? ` (${formatNumber(counts.data.pendingVpr)})` : ''}</Tabs.Tab>
          <Tabs.Tab value="a-verifier">Déclarations à vérifier{counts.data ? ` (${formatNumber(counts.data.declarationsToVerify)})` : ''}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="tous" pt="md">
          <AllSignals />
        </Tabs.Panel>
        <Tabs.Panel value="fiches" pt="md">
          <PendingFiches />
        </Tabs.Panel>
        <Tabs.Panel value="a-verifier" pt="md">
          <DeclarationsToVerify />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function AllSignals() {
  const { get, update } = useUrlParams();
  const source = get('source');
  const kind = get('kind');
  const from = get('from');
  const to = get('to');
  const page = Math.max(1, Number(get('page')) || 1);
  const query = useQuery({
    queryKey: ['signals', { source, kind, from, to, page }],
    queryFn: ({ signal }) => call(intake.signals.list, { query: { source, kind, from, to, page }, signal }),
    placeholderData: keepPreviousData,
  });
  return (
    <Stack gap="md">
      <Group align="flex-end" gap="md" wrap="wrap" role="search" aria-label="Filtrer les signalements">
        <NativeSelect label="Source" value={source} onChange={(e) => update({ source: e.currentTarget.value })} data={[{ value: '', label: 'Toutes les sources' }, ...SOURCE_OPTIONS]} />
        <NativeSelect label="Type" value={kind} onChange={(e) => update({ kind: e.currentTarget.value })} data={[{ value: '', label: 'Tous les types' }, ...KIND_OPTIONS]} />
        <TextInput label="Reçus du" type="date" value={from} onChange={(e) => update({ from: e.currentTarget.value })} error={fieldError(query.error, 'from')} />
        <TextInput label="au" type="date" value={to} onChange={(e) => update({ to: e.currentTarget.value })} error={fieldError(query.error, 'to')} />
        {(source || kind || from || to) && (
          <Button variant="subtle" onClick={() => update({ source: null, kind: null, from: null, to: null })}>
            Effacer les filtres
          </Button>
        )}
      </Group>
      {query.isError && <ErrorAlert message={formError(query.error, ['from', 'to'])} />}
      {query.isPending && <Loading />}
      {query.data && (
        <>
          <Text size="sm" aria-live="polite">
            {query.data.total === 0 ? 'Aucun signalement.' : plural(query.data.total, 'signalement', 'signalements')}
          </Text>
          {query.data.items.length > 0 && (
            <Table.ScrollContainer minWidth={900}>
              <Table striped verticalSpacing="xs">
                <Table.Caption>
                  <VisuallyHidden>Signalements reçus, les plus récents d’abord</VisuallyHidden>
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Reçu le</Table.Th>
                    <Table.Th>Source</Table.Th>
                    <Table.Th>Type</Table.Th>
                    <Table.Th>Salarié</Table.Th>
                    <Table.Th>Motif</Table.Th>
                    <Table.Th>Accord du salarié</Table.Th>
                    <Table.Th>Dossier</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {query.data.items.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTimeShort(s.receivedAt)}</Table.Td>
                      <Table.Td>{s.sourceLabel}</Table.Td>
                      <Table.Td>
                        {s.kindLabel}
                        {s.vpr && (
                          <>
                            {' '}
                            <StatusBadge status={s.vpr.status} label={s.vpr.statusLabel} size="sm" />
                          </>
                        )}
                      </Table.Td>
                      <Table.Td fw={600}>{s.worker.displayName}</Table.Td>
                      <Table.Td maw={360}>
                        <Text size="sm" lineClamp={3}>
                          {s.reason}
                        </Text>
                      </Table.Td>
                      <Table.Td>{s.consentGiven ? `Oui${s.consentDate ? `, le ${formatDate(s.consentDate)}` : ''}` : 'Non recueilli'}</Table.Td>
                      <Table.Td>
                        {s.dossier && (
                          <Group gap="xs" wrap="nowrap">
                            <Anchor component={Link} to={`/dossiers/${s.dossier.id}`}>
                              {s.dossier.reference}
                            </Anchor>
                            <StateBadge state={s.dossier.state} label={s.dossier.stateLabel} size="sm" />
                          </Group>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Pager total={query.data.total} pageSize={query.data.pageSize} page={page} onChange={(p) => update({ page: p })} label="Pages des signalements" />
        </>
      )}
    </Stack>
  );
}

function PendingFiches() {
  const query = useQuery({
    queryKey: ['vpr-orientations', 'pending'],
    queryFn: ({ signal }) => call(intake.vprOrientations.list, { query: { answered: false }, signal }),
  });
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const items = query.data.items;
  return (
    <Stack gap="sm">
      <Text size="sm">
        Orientations en visite de pré-reprise transmises par le médecin conseil, les plus anciennes d’abord. Répondez depuis le dossier du salarié : la réponse est
        renvoyée au médecin conseil.
      </Text>
      {items.length === 0 ? (
        <Text size="sm">Aucune fiche de liaison en attente de réponse.</Text>
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped verticalSpacing="xs">
            <Table.Caption>
              <VisuallyHidden>Fiches de liaison sans réponse</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Reçue le</Table.Th>
                <Table.Th>Salarié</Table.Th>
                <Table.Th>Motif de l’orientation</Table.Th>
                <Table.Th>Médecin conseil</Table.Th>
                <Table.Th>Dossier</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Td>{formatDate(f.filedAt)}</Table.Td>
                  <Table.Td fw={600}>{f.worker.displayName}</Table.Td>
                  <Table.Td maw={360}>{f.reason}</Table.Td>
                  <Table.Td>
                    {f.filedByName}
                    <Text size="xs">{f.contact}</Text>
                  </Table.Td>
                  <Table.Td>
                    {f.dossier && (
                      <Anchor component={Link} to={`/dossiers/${f.dossier.id}`}>
                        Répondre dans le dossier {f.dossier.reference}
                      </Anchor>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function DeclarationsToVerify() {
  const session = useSession();
  const query = useQuery({
    queryKey: ['employer-declarations', 'to-verify'],
    queryFn: ({ signal }) => call(intake.employerDeclarations.toVerify, { signal }),
  });
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const items = query.data.items;
  return (
    <Stack gap="sm">
      <Text size="sm">Déclarations d’arrêt dont l’employeur n’a pas pu désigner un salarié suivi : retrouvez le salarié et rattachez-lui la déclaration.</Text>
      {items.length === 0 ? (
        <Text size="sm">Aucune déclaration à vérifier.</Text>
      ) : (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((d) => (
            <li key={d.id}>
              <Stack gap={4} p="sm" style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4 }}>
                <Text fw={700}>
                  {d.birthName.toUpperCase()} {d.firstNames}, né·e le {formatDate(d.birthDate)}
                  {d.nir ? ` — NIR ${d.nir}` : d.nirMasked ? ` — NIR ${d.nirMasked}` : ''}
                </Text>
                <Text size="sm">
                  {d.company.name} · {d.natureLabel} du {formatDate(d.startDate)} au {formatDate(d.expectedEndDate)} · déclarée le {formatDate(d.declaredAt)}
                </Text>
                {can(session, 'signal.create') && <AttachForm declaration={d} />}
              </Stack>
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function AttachForm({ declaration: d }: { declaration: DeclarationToVerify }) {
  const client = useQueryClient();
  const [q, setQ] = useState(`${d.birthName} ${formatDate(d.birthDate)}`);
  const [term, setTerm] = useState('');
  const [workerId, setWorkerId] = useState('');
  const workers = useQuery({
    queryKey: ['workers', term],
    queryFn: ({ signal }) => call(workersApi.search, { query: { q: term }, signal }),
    enabled: term.length >= 2,
  });
  const attach = useMutation({
    mutationFn: () => call(intake.employerDeclarations.attach, { params: { id: d.id }, body: { workerId } }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['employer-declarations'] });
      void client.invalidateQueries({ queryKey: ['signals'] });
    },
  });
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="sm">
        <TextInput label="Rechercher le salarié" description="Nom, prénom, date de naissance JJ/MM/AAAA ou NIR" value={q} onChange={(e) => setQ(e.currentTarget.value)} />
        <Button variant="default" onClick={() => setTerm(q.trim())}>
          Rechercher
        </Button>
      </Group>
      {workers.data && (
        <Group align="flex-end" gap="sm">
          <NativeSelect
            label="Salarié à rattacher"
            value={workerId}
            onChange={(e) => setWorkerId(e.currentTarget.value)}
            data={[{ value: '', label: workers.data.items.length ? 'Choisir…' : 'Aucun salarié trouvé' }, ...workers.data.items.map((w) => ({ value: w.id, label: `${w.displayName} — ${formatDate(w.birthDate)}${w.companyName ? ` — ${w.companyName}` : ''}` }))]}
          />
          <Button disabled={!workerId} loading={attach.isPending} onClick={() => attach.mutate()}>
            Rattacher la déclaration
          </Button>
        </Group>
      )}
      {attach.isError && <ErrorAlert error={attach.error} />}
    </Stack>
  );
}
