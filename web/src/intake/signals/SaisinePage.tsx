import { useState } from 'react';
import { Alert, Button, Checkbox, Group, NativeSelect, Paper, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { intake, workers, type BodyOf } from '@contract';
import { fieldError, formError } from '../../api';
import { can, useSession } from '../../auth';
import { call } from '../../client';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/PageTitle';
import { formatDate, todayIso } from '../../format';
import { StatusBadge } from './StatusBadge';

const FIELDS = ['workerId', 'reason', 'nir', 'birthName', 'firstNames', 'birthDate', 'consentGiven', 'consentDate'];

/**
 * /carnet/solliciter « Solliciter la cellule » (worker) and /saisir-la-cellule « Saisir la
 * cellule » (employer, partner, team): the request, with its reason, and the author's own requests.
 */
export function SaisinePage() {
  const session = useSession();
  const isWorker = can(session, 'worker.space');
  const title = isWorker ? 'Solliciter la cellule' : 'Saisir la cellule';
  usePageTitle(title);
  const client = useQueryClient();
  const pick = useQuery({ queryKey: ['saisines', 'workers'], queryFn: ({ signal }) => call(intake.saisines.workers, { signal }), enabled: !isWorker });
  const mine = useQuery({ queryKey: ['saisines', 'mine'], queryFn: ({ signal }) => call(intake.saisines.listMine, { signal }) });
  const kind = isWorker ? 'salarie' : (pick.data?.authorKind ?? null);

  const [mode, setMode] = useState<'liste' | 'nir'>('liste');
  const [workerId, setWorkerId] = useState('');
  const [search, setSearch] = useState('');
  const [term, setTerm] = useState('');
  const [nir, setNir] = useState('');
  const [birthName, setBirthName] = useState('');
  const [firstNames, setFirstNames] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [consentGiven, setConsentGiven] = useState(false);
  const [consentDate, setConsentDate] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<Record<string, string>>({});

  const found = useQuery({
    queryKey: ['workers', term],
    queryFn: ({ signal }) => call(workers.search, { query: { q: term }, signal }),
    enabled: kind === 'equipe' && term.length >= 2,
  });

  const send = useMutation({
    mutationFn: (body: BodyOf<typeof intake.saisines.create>) => call(intake.saisines.create, { body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['saisines'] });
      void client.invalidateQueries({ queryKey: ['signals'] });
      setReason('');
      setWorkerId('');
      setNir('');
      setBirthName('');
      setFirstNames('');
      setBirthDate('');
      setConsentGiven(false);
    },
  });
  const err = (f: string) => missing[f] ?? fieldError(send.error, f);
  const byNir = kind === 'partenaire' && pick.data?.canIdentifyByNir && mode === 'nir';

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const m: Record<string, string> = {};
    if (reason.trim().length < 3) m.reason = 'Indiquez en quelques mots le motif de la demande.';
    if (kind !== 'salarie' && !byNir && !workerId) m.workerId = 'Choisissez le salarié concerné.';
    if (byNir) {
      if (!nir.trim()) m.nir = 'Indiquez le NIR du salarié.';
      if (!birthName.trim()) m.birthName = 'Indiquez le nom de naissance.';
      if (!firstNames.trim()) m.firstNames = 'Indiquez le prénom.';
      if (!birthDate) m.birthDate = 'Indiquez la date de naissance.';
      if (!consentGiven) m.consentGiven = "L'accord du salarié est nécessaire.";
    }
    setMissing(m);
    if (Object.keys(m).length) return;
    send.mutate({
      reason,
      ...(kind === 'salarie' ? {} : byNir ? { nir, birthName, firstNames, birthDate, consentGiven, consentDate } : { workerId }),
    });
  }

  return (
    <Stack gap="lg" maw={760}>
      <Title order={1}>{title}</Title>
      <Text size="sm">
        {isWorker
          ? 'Vous pouvez demander l’aide de la cellule de prévention de la désinsertion professionnelle si votre santé rend votre travail difficile. Décrivez simplement votre situation : aucun détail médical n’est nécessaire.'
          : 'Signalez à la cellule de prévention de la désinsertion professionnelle la situation d’un salarié dont le maintien en emploi paraît menacé. Indiquez le motif en quelques mots : aucun détail médical n’est nécessaire.'}
      </Text>
      {send.isSuccess && (
        <Alert color="blue" variant="light" role="status" title="Demande transmise">
          La cellule a bien reçu votre demande (statut « {send.data.statusLabel} »)
          {send.data.dossier ? `, rattachée au dossier ${send.data.dossier.reference}.` : '. Elle prendra contact avec le salarié.'}
        </Alert>
      )}
      {!isWorker && pick.isPending ? (
        <Loading />
      ) : (
        <form onSubmit={submit} noValidate aria-label={title}>
          <Stack gap="md">
            {kind === 'partenaire' && pick.data?.canIdentifyByNir && (
              <Radio.Group label="Salarié concerné" value={mode} onChange={(v) => setMode(v as 'liste' | 'nir')}>
                <Group mt="xs">
                  <Radio value="liste" label="Parmi les salariés ayant donné leur accord" />
                  <Radio value="nir" label="Identifier par son NIR" />
                </Group>
              </Radio.Group>
            )}
            {(kind === 'employeur' || (kind === 'partenaire' && !byNir)) && (
              <NativeSelect
                label="Salarié concerné"
                required
                description={kind === 'partenaire' ? 'Seuls les salariés ayant donné leur accord à votre organisme sont proposés.' : undefined}
                value={workerId}
                onChange={(e) => setWorkerId(e.currentTarget.value)}
                error={err('workerId')}
                data={[{ value: '', label: pick.data?.items.length ? 'Choisir…' : 'Aucun salarié disponible' }, ...(pick.data?.items ?? []).map((w) => ({ value: w.id, label: w.displayName }))]}
              />
            )}
            {byNir && (
              <>
                <TextInput label="NIR du salarié" required value={nir} onChange={(e) => setNir(e.currentTarget.value)} error={err('nir')} />
                <Group grow align="flex-start">
                  <TextInput label="Nom de naissance" required value={birthName} onChange={(e) => setBirthName(e.currentTarget.value)} error={err('birthName')} />
                  <TextInput label="Prénom(s)" required value={firstNames} onChange={(e) => setFirstNames(e.currentTarget.value)} error={err('firstNames')} />
                </Group>
                <DateField label="Date de naissance" required value={birthDate} onChange={setBirthDate} error={err('birthDate')} />
                <Checkbox label="Le salarié a donné son accord à cette saisine" checked={consentGiven} onChange={(e) => setConsentGiven(e.currentTarget.checked)} error={err('consentGiven')} />
                <DateField label="Date de l'accord du salarié" required value={consentDate} onChange={setConsentDate} error={err('consentDate')} />
              </>
            )}
            {kind === 'equipe' && (
              <>
                <Group align="flex-end" gap="sm">
                  <TextInput
                    label="Rechercher le salarié"
                    description="Nom, prénom, date de naissance JJ/MM/AAAA ou NIR"
                    value={search}
                    onChange={(e) => setSearch(e.currentTarget.value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') {
                        e.preventDefault();
                        setTerm(search.trim());
                      }
                    }}
                  />
                  <Button variant="default" onClick={() => setTerm(search.trim())}>
                    Rechercher
                  </Button>
                </Group>
                {found.data && (
                  <NativeSelect
                    label="Salarié concerné"
                    required
                    value={workerId}
                    onChange={(e) => setWorkerId(e.currentTarget.value)}
                    error={err('workerId')}
                    data={[{ value: '', label: found.data.items.length ? 'Choisir…' : 'Aucun salarié trouvé' }, ...found.data.items.map((w) => ({ value: w.id, label: `${w.displayName} — ${formatDate(w.birthDate)}${w.companyName ? ` — ${w.companyName}` : ''}` }))]}
                  />
                )}
                {!found.data && err('workerId') && (
                  <Text size="sm" c="red.9" role="alert">
                    {err('workerId')}
                  </Text>
                )}
              </>
            )}
            <Textarea
              label={isWorker ? 'Votre demande' : 'Motif de la saisine'}
              required
              description="Quelques mots suffisent ; aucun détail médical n’est nécessaire."
              autosize
              minRows={3}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={err('reason')}
            />
            <ErrorAlert message={formError(send.error, FIELDS)} />
            <Group>
              <Button type="submit" loading={send.isPending}>
                {isWorker ? 'Envoyer ma demande' : 'Saisir la cellule'}
              </Button>
            </Group>
          </Stack>
        </form>
      )}

      <Stack gap="sm" component="section" aria-labelledby="titre-mes-saisines">
        <Title order={2} id="titre-mes-saisines" fz="h3">
          {isWorker ? 'Mes demandes' : 'Mes saisines'}
        </Title>
        {mine.isPending && <Loading />}
        {mine.isError && <ErrorAlert error={mine.error} />}
        {mine.data &&
          (mine.data.items.length === 0 ? (
            <Text size="sm">Aucune demande pour le moment.</Text>
          ) : (
            <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
              {mine.data.items.map((s) => (
                <Paper component="li" key={s.id} withBorder p="sm">
                  <Group justify="space-between" align="flex-start">
                    <Text size="sm" fw={600}>
                      {isWorker ? `Le ${formatDate(s.createdAt)}` : `${s.workerName} — le ${formatDate(s.createdAt)}`}
                    </Text>
                    <StatusBadge status={s.status} label={s.statusLabel} size="sm" />
                  </Group>
                  <Text size="sm" className="pre-wrap">
                    {s.reason}
                  </Text>
                </Paper>
              ))}
            </Stack>
          ))}
      </Stack>
    </Stack>
  );
}
