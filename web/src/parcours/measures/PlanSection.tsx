import { useState } from 'react';
import { Button, Card, Checkbox, Group, List, NativeSelect, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { parcours, type BodyOf, type WireOf } from '@contract';
import { ApiError, fieldError, formError } from '../../api';
import { call } from '../../client';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, todayIso } from '../../format';
import { MeasureStatusBadge } from './StatusBadge';

type Measure = WireOf<typeof parcours.Measure>;
type Decision = parcours.ApprovalDecision;

const period = (start: string, end: string | null) => (end ? `du ${formatDate(start)} au ${formatDate(end)}` : `à partir du ${formatDate(start)}`);

function useRefresh(dossierId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['measures', dossierId] });
    void client.invalidateQueries({ queryKey: ['tasks'] });
    void client.invalidateQueries({ queryKey: ['dossier', dossierId] });
  };
}

function ProposeForm({ dossierId, onDone }: { dossierId: string; onDone: () => void }) {
  const catalogue = useQuery({ queryKey: ['measure-catalogue'], queryFn: ({ signal }) => call(parcours.measures.catalogue, { signal }), staleTime: Infinity });
  const [code, setCode] = useState('');
  const [startDate, setStart] = useState(todayIso());
  const [endDate, setEnd] = useState('');
  const [details, setDetails] = useState('');
  const [employerNote, setEmployerNote] = useState('');
  const [shared, setShared] = useState(false);
  const [employerVisible, setEmployerVisible] = useState(false);
  // CRPE: on which ground the worker benefits from it (C. trav. L5213-3-1), with its dates.
  const [basis, setBasis] = useState('');
  const [attestedOn, setAttestedOn] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const refresh = useRefresh(dossierId);
  const entry = catalogue.data?.measures.find((m) => m.code === code);
  const propose = useMutation({
    mutationFn: () =>
      call(parcours.measures.propose, {
        params: { id: dossierId },
        body: {
          code,
          startDate,
          endDate: endDate || null,
          details: details || null,
          employerNote: employerNote || null,
          sharedWithWorker: shared,
          employerVisible: employerVisible && !!entry?.employerVisibleAllowed,
          ...(code === 'crpe' ? { eligibility: basis ? { basis, attestedOn: basis === 'inapte' ? null : attestedOn || null, validUntil: basis === 'boeth' ? validUntil || null : null } : null } : {}),
        },
      }),
    onSuccess: () => {
      refresh();
      onDone();
    },
  });
  const shown = ['code', 'startDate', 'endDate', 'details', 'employerNote', 'eligibility', 'eligibility.basis', 'eligibility.attestedOn', 'eligibility.validUntil'];
  return (
    <Paper withBorder p="md" component="form" aria-labelledby="titre-proposer-mesure" onSubmit={(e) => { e.preventDefault(); propose.mutate(); }}>
      <Stack gap="sm">
        <Title order={3} fz="h5" id="titre-proposer-mesure">
          Proposer une mesure
        </Title>
        <NativeSelect
          label="Mesure"
          required
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          data={[{ value: '', label: 'Choisir une mesure du catalogue' }, ...(catalogue.data?.measures ?? []).map((m) => ({ value: m.code, label: m.label }))]}
          error={fieldError(propose.error, 'code')}
        />
        {entry && (
          <Text size="sm" c="dimmed">
            {entry.objective} Textes : {entry.legalBasis.join(', ')}.
            {entry.requiresArret && ' Uniquement pendant un arrêt de travail.'}
            {entry.maxPeriod && ` Durée maximale : ${entry.maxPeriod}${entry.maxRenewals !== null ? `, ${entry.maxRenewals === 0 ? 'non renouvelable' : `${entry.maxRenewals} renouvellement${entry.maxRenewals > 1 ? 's' : ''} au plus`}` : ''}${entry.maxTotal ? `, ${entry.maxTotal} en tout` : ''}.`}
            {` Accords requis : ${entry.approvals.map((a) => a.label).join(', ')}.`}
          </Text>
        )}
        <Group grow align="flex-start">
          <DateField label="Début" required value={startDate} onChange={setStart} error={fieldError(propose.error, 'startDate')} />
          <DateField label="Fin" value={endDate} onChange={setEnd} error={fieldError(propose.error, 'endDate')} />
        </Group>
        {code === 'crpe' && (
          <Group grow align="flex-start" wrap="wrap">
            <NativeSelect
              label="Le salarié en bénéficie comme"
              required
              value={basis}
              onChange={(e) => setBasis(e.currentTarget.value)}
              data={[{ value: '', label: 'Choisir…' }, ...parcours.CRPE_ELIGIBILITY_BASES.map((b) => ({ value: b, label: parcours.CRPE_ELIGIBILITY_LABELS[b] }))]}
              error={fieldError(propose.error, 'eligibility') ?? fieldError(propose.error, 'eligibility.basis')}
            />
            {basis === 'inapte' && <Text size="xs" c="dimmed">L'avis d'inaptitude doit être enregistré sur le dossier (section « Inaptitude »).</Text>}
            {(basis === 'risque_inaptitude' || basis === 'boeth') && (
              <DateField
                label={basis === 'boeth' ? 'Date de la décision (RQTH…)' : 'Risque identifié par le médecin du travail le'}
                required
                value={attestedOn}
                onChange={setAttestedOn}
                error={fieldError(propose.error, 'eligibility.attestedOn')}
              />
            )}
            {basis === 'boeth' && <DateField label="Fin de la reconnaissance" value={validUntil} onChange={setValidUntil} error={fieldError(propose.error, 'eligibility.validUntil')} />}
          </Group>
        )}
        <Textarea label="Détail pour l'équipe" description="Jamais montré à l'employeur." value={details} onChange={(e) => setDetails(e.currentTarget.value)} autosize minRows={2} maxLength={2000} />
        <Checkbox label="Partager avec le salarié (visible dans son carnet)" checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} />
        {entry?.employerVisibleAllowed && (
          <>
            <Checkbox label="Montrer à l'employeur (sans donnée de santé)" checked={employerVisible} onChange={(e) => setEmployerVisible(e.currentTarget.checked)} />
            {employerVisible && (
              <TextInput label="Note pour l'employeur" description="Organisation du travail uniquement, aucune information de santé." value={employerNote} onChange={(e) => setEmployerNote(e.currentTarget.value)} maxLength={2000} />
            )}
          </>
        )}
        <ErrorAlert message={formError(propose.error, shown)} />
        <Group>
          <Button type="submit" loading={propose.isPending} disabled={!code}>
            Proposer
          </Button>
          <Button variant="default" onClick={onDone}>
            Fermer
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function ApprovalForm({ m, onDone }: { m: Measure; onDone: () => void }) {
  const [kind, setKind] = useState(m.missingApprovals[0]?.kind ?? m.requiredApprovals[0]?.kind ?? '');
  const [decision, setDecision] = useState<Decision>('accord');
  const [decidedOn, setDecidedOn] = useState(todayIso());
  const [byName, setByName] = useState('');
  const [byOrganisation, setByOrganisation] = useState('');
  const refresh = useRefresh(m.dossierId);
  const record = useMutation({
    mutationFn: () => call(parcours.measures.recordApproval, { params: { id: m.id }, body: { kind, decision, decidedOn, byName, byOrganisation } }),
    onSuccess: () => {
      refresh();
      onDone();
    },
  });
  const shown = ['kind', 'decidedOn', 'byName', 'byOrganisation'];
  return (
    <Stack gap="xs" component="form" aria-label={`Enregistrer un accord : ${m.label}`} onSubmit={(e) => { e.preventDefault(); record.mutate(); }}>
      <Group grow align="flex-start">
        <NativeSelect label="Accord" value={kind} onChange={(e) => setKind(e.currentTarget.value)} data={m.requiredApprovals.map((a) => ({ value: a.kind, label: `${a.label}${a.given ? ' (donné)' : ''}` }))} error={fieldError(record.error, 'kind')} />
        <NativeSelect label="Décision" value={decision} onChange={(e) => setDecision(e.currentTarget.value as Decision)} data={parcours.APPROVAL_DECISIONS.map((d) => ({ value: d, label: parcours.APPROVAL_DECISION_LABELS[d] }))} />
        <DateField label="Date" required value={decidedOn} onChange={setDecidedOn} error={fieldError(record.error, 'decidedOn')} />
      </Group>
      <Group grow align="flex-start">
        <TextInput label="Donné par (nom)" required value={byName} onChange={(e) => setByName(e.currentTarget.value)} error={fieldError(record.error, 'byName')} maxLength={200} />
        <TextInput label="Fonction ou organisme" required value={byOrganisation} onChange={(e) => setByOrganisation(e.currentTarget.value)} error={fieldError(record.error, 'byOrganisation')} maxLength={200} />
      </Group>
      <ErrorAlert message={formError(record.error, shown)} />
      <Group>
        <Button type="submit" size="xs" loading={record.isPending}>
          Enregistrer
        </Button>
        <Button size="xs" variant="default" onClick={onDone}>
          Fermer
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * Renews a measure, or adds a fraction to an essai encadré: one essai may be taken continuously or
 * in fractions, which count together toward its 14 jours ouvrables (28 once renewed).
 */
function RenewForm({ m, fraction, onDone }: { m: Measure; fraction: boolean; onDone: () => void }) {
  const [startDate, setStart] = useState(m.nextRenewalStart ?? '');
  const [endDate, setEnd] = useState('');
  const refresh = useRefresh(m.dossierId);
  const renew = useMutation({
    mutationFn: () => call(parcours.measures.renew, { params: { id: m.id }, body: fraction ? { startDate, endDate, fraction: true } : { endDate } }),
    onSuccess: () => {
      refresh();
      onDone();
    },
  });
  const action = fraction ? 'Ajouter une fraction' : 'Renouveler';
  return (
    <Stack gap="xs" component="form" aria-label={`${action} : ${m.label}`} onSubmit={(e) => { e.preventDefault(); renew.mutate(); }}>
      {fraction ? (
        <>
          <Text size="sm">
            Une fraction de l’essai en cours, pas un renouvellement : les fractions comptent ensemble dans les 14 jours ouvrables de l’essai (28 après renouvellement).
          </Text>
          <DateField label="Début de la fraction" required value={startDate} onChange={setStart} error={fieldError(renew.error, 'startDate')} />
        </>
      ) : (
        <Text size="sm">Renouvellement à partir du {formatDate(m.nextRenewalStart)}.</Text>
      )}
      <DateField label={fraction ? 'Fin de la fraction' : 'Nouvelle fin'} required value={endDate} onChange={setEnd} error={fieldError(renew.error, 'endDate')} />
      <ErrorAlert message={formError(renew.error, ['endDate', 'startDate'])} />
      <Group>
        <Button type="submit" size="xs" loading={renew.isPending} disabled={!endDate || (fraction && !startDate)}>
          {action}
        </Button>
        <Button size="xs" variant="default" onClick={onDone}>
          Fermer
        </Button>
      </Group>
    </Stack>
  );
}

function MeasureCard({ m }: { m: Measure }) {
  const [open, setOpen] = useState<'approval' | 'renew' | 'fraction' | null>(null);
  const [reason, setReason] = useState('');
  const refresh = useRefresh(m.dossierId);
  const move = useMutation({
    mutationFn: (to: string) => call(parcours.measures.transition, { params: { id: m.id }, body: { to, reason: reason || null } }),
    onSuccess: () => {
      setReason('');
      refresh();
    },
  });
  const share = useMutation({
    mutationFn: (body: BodyOf<typeof parcours.measures.update>) => call(parcours.measures.update, { params: { id: m.id }, body }),
    onSuccess: refresh,
  });
  const needsReason = m.allowedTransitions.some((t) => t.requiresReason);
  return (
    <Paper withBorder p="sm" component="article" aria-label={m.label} data-measure={m.code}>
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <div>
            <Text fw={700}>{m.label}</Text>
            <Text size="sm">
              {m.periods.map((p, i) => (i === 0 ? period(p.start, p.end) : ` · ${p.fraction ? 'fraction' : 'renouvellement'} ${period(p.start, p.end)}`)).join('')}
            </Text>
            <Text size="xs" c="dimmed">
              {m.legalBasis.join(', ')} · proposée par {m.proposedByName} · catalogue {m.catalogueVersion}
            </Text>
          </div>
          <MeasureStatusBadge status={m.status} label={m.statusLabel} />
        </Group>
        {m.eligibility && (
          <Text size="sm">
            Bénéficiaire : {m.eligibility.basisLabel}
            {m.eligibility.basis === 'inapte' ? `, avis du ${formatDate(m.eligibility.attestedOn)}` : `, le ${formatDate(m.eligibility.attestedOn)}`}
            {m.eligibility.validUntil && ` (jusqu'au ${formatDate(m.eligibility.validUntil)})`}
          </Text>
        )}
        {m.advisories.map((a) => (
          <Text key={a.code} size="sm" c={a.code === 'PTP_ANCIENNETE_LEVEE' ? undefined : 'orange.9'} data-advisory={a.code}>
            {a.message}
          </Text>
        ))}
        {m.details && <Text size="sm">{m.details}</Text>}
        {m.statusReason && <Text size="sm">Motif : {m.statusReason}</Text>}
        {m.requiredApprovals.length > 0 && (
          <Text size="sm">
            Accords : {m.requiredApprovals.map((a) => `${a.label} ${a.given ? '✓' : '(manquant)'}`).join(' · ')}
          </Text>
        )}
        {m.approvals.length > 0 && (
          <List size="sm" spacing={2}>
            {m.approvals.map((a) => (
              <List.Item key={a.id}>
                {a.decisionLabel} — {a.kindLabel} : {a.byName} ({a.byOrganisation}), le {formatDate(a.decidedOn)}
              </List.Item>
            ))}
          </List>
        )}
        {m.employerVisible && <Text size="xs">Visible par l'employeur{m.employerNote ? ` : « ${m.employerNote} »` : ''}</Text>}
        {(m.allowedTransitions.length > 0 || m.mayRecordApproval || m.mayRenew || m.mayAddFraction) && (
          <Group gap="xs" wrap="wrap">
            {m.mayRecordApproval && (
              <Button size="xs" variant="light" onClick={() => setOpen(open === 'approval' ? null : 'approval')} aria-expanded={open === 'approval'}>
                Enregistrer un accord
              </Button>
            )}
            {m.mayRenew && (
              <Button size="xs" variant="light" onClick={() => setOpen(open === 'renew' ? null : 'renew')} aria-expanded={open === 'renew'}>
                Renouveler
              </Button>
            )}
            {m.mayAddFraction && (
              <Button size="xs" variant="light" onClick={() => setOpen(open === 'fraction' ? null : 'fraction')} aria-expanded={open === 'fraction'}>
                Ajouter une fraction
              </Button>
            )}
            {m.allowedTransitions.map((t) => (
              <Button
                key={t.to}
                size="xs"
                variant={t.to === 'abandonnee' || t.to === 'refusee' ? 'default' : 'filled'}
                onClick={() => move.mutate(t.to)}
                loading={move.isPending && move.variables === t.to}
                disabled={t.requiresReason && !reason.trim()}
                aria-label={`${t.label} : ${m.label}`}
              >
                {t.label}
              </Button>
            ))}
            {m.allowedTransitions.length > 0 && (
              <Checkbox size="xs" label="Partagée avec le salarié" checked={m.sharedWithWorker} onChange={(e) => share.mutate({ sharedWithWorker: e.currentTarget.checked })} />
            )}
          </Group>
        )}
        {needsReason && (
          <TextInput size="xs" label="Motif (pour refuser ou abandonner)" value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={1000} />
        )}
        {move.isError && <ErrorAlert error={move.error} />}
        {share.isError && <ErrorAlert error={share.error} />}
        {open === 'approval' && <ApprovalForm m={m} onDone={() => setOpen(null)} />}
        {open === 'renew' && <RenewForm m={m} fraction={false} onDone={() => setOpen(null)} />}
        {open === 'fraction' && <RenewForm key="fraction" m={m} fraction onDone={() => setOpen(null)} />}
      </Stack>
    </Paper>
  );
}

/** « Plan de maintien en emploi » on the dossier page: measures, approvals, status flow. */
export function PlanSection({ dossierId }: { dossierId: string }) {
  const [proposing, setProposing] = useState(false);
  const query = useQuery({
    queryKey: ['measures', dossierId],
    queryFn: ({ signal }) => call(parcours.measures.listOfDossier, { params: { id: dossierId }, signal }),
    retry: false,
  });
  // Absent for those who may not read it: the page never hints that something is hidden.
  if (query.isError && query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 403)) return null;
  if (!query.data) return query.isError ? <ErrorAlert error={query.error} /> : null;
  const { items, mayPropose } = query.data;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="titre-plan-maintien">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} id="titre-plan-maintien" fz="h4">
            Plan de maintien en emploi
          </Title>
          {mayPropose && !proposing && (
            <Button size="xs" onClick={() => setProposing(true)}>
              Proposer une mesure
            </Button>
          )}
        </Group>
        {proposing && <ProposeForm dossierId={dossierId} onDone={() => setProposing(false)} />}
        {items.length === 0 && <Text size="sm">Aucune mesure pour l'instant.</Text>}
        {items.map((m) => (
          <MeasureCard key={m.id} m={m} />
        ))}
      </Stack>
    </Card>
  );
}
