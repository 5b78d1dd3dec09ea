import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Button, Card, Checkbox, FileInput, Group, List, NativeSelect, Radio, Stack, Table, Tabs, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { intake, spaces, type BodyOf } from '@contract';
import { fieldError, formError } from '../../api';
import { call } from '../../client';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/PageTitle';
import { formatDate, formatDateTimeShort, plural } from '../../format';
import { StatusBadge } from './StatusBadge';

const NATURE_OPTIONS = intake.DECLARATION_NATURES.map((n) => ({ value: n, label: intake.NATURE_LABELS[n] }));

function useMyDeclarations() {
  return useQuery({
    queryKey: ['employer-declarations', 'mine'],
    queryFn: ({ signal }) => call(intake.employerDeclarations.listMine, { signal }),
  });
}

/** « plus de N jours »: N is the service's threshold (« Règles de détection »), 30 until it is known. */
function useThreshold(): string {
  const days = useMyDeclarations().data?.minArretDays ?? 30;
  return `plus de ${days} jours`;
}

/** /employeur/declarations « Mes déclarations »: the company's declarations and their status, nothing else. */
export function EmployerDeclarationsPage() {
  usePageTitle('Mes déclarations');
  const query = useMyDeclarations();
  const threshold = useThreshold();
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>Mes déclarations</Title>
        <Button component={Link} to="/employeur/declarations/nouvelle">
          Déclarer un arrêt de {threshold}
        </Button>
      </Group>
      <Text size="sm">
        Les arrêts de travail de {threshold} que vous avez déclarés au service, et la suite que leur donne la cellule de prévention de la désinsertion
        professionnelle. Aucune information médicale n’est échangée.
      </Text>
      {query.isPending && <Loading />}
      {query.isError && <ErrorAlert error={query.error} />}
      {query.data &&
        (query.data.items.length === 0 ? (
          <Text size="sm">Vous n’avez encore déclaré aucun arrêt.</Text>
        ) : (
          <Table.ScrollContainer minWidth={800}>
            <Table striped verticalSpacing="xs">
              <Table.Caption>
                <VisuallyHidden>Mes déclarations d’arrêts de {threshold}</VisuallyHidden>
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Salarié</Table.Th>
                  <Table.Th>Arrêt</Table.Th>
                  <Table.Th>Nature</Table.Th>
                  <Table.Th>Informé de la visite de pré-reprise</Table.Th>
                  <Table.Th>Déclarée le</Table.Th>
                  <Table.Th>Statut</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td fw={600}>{d.workerName}</Table.Td>
                    <Table.Td>
                      du {formatDate(d.startDate)} au {formatDate(d.expectedEndDate)}
                    </Table.Td>
                    <Table.Td>{d.natureLabel}</Table.Td>
                    <Table.Td>{d.workerInformedVpr ? 'Oui' : 'Non'}</Table.Td>
                    <Table.Td>{formatDateTimeShort(d.declaredAt)}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={d.status} label={d.statusLabel} size="sm" />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ))}
    </Stack>
  );
}

/** /employeur/declarations/nouvelle: the form, or a CSV file of several declarations. */
export function DeclarePage() {
  const threshold = useThreshold();
  usePageTitle(`Déclarer un arrêt de ${threshold}`);
  const [tab, setTab] = useState<string | null>('formulaire');
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/employeur/declarations" size="sm">
        ← Mes déclarations
      </Anchor>
      <Title order={1}>Déclarer un arrêt de {threshold}</Title>
      <Text size="sm">
        Indiquez seulement ce que vous savez en tant qu’employeur : les dates et la nature administrative de l’arrêt. Ne transmettez aucune information médicale
        (diagnostic, pathologie).
      </Text>
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="formulaire">Un salarié</Tabs.Tab>
          <Tabs.Tab value="fichier">Plusieurs salariés (fichier CSV)</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="formulaire" pt="md">
          <DeclarationForm />
        </Tabs.Panel>
        <Tabs.Panel value="fichier" pt="md">
          <CsvUpload />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

const FORM_FIELDS = ['workerId', 'birthName', 'firstNames', 'birthDate', 'nir', 'startDate', 'expectedEndDate', 'nature'];

function DeclarationForm() {
  const threshold = useThreshold();
  const client = useQueryClient();
  const space = useQuery({ queryKey: ['employer-space'], queryFn: ({ signal }) => call(spaces.employer, { signal }) });
  const [mode, setMode] = useState<'liste' | 'identite'>('liste');
  const [workerId, setWorkerId] = useState('');
  const [birthName, setBirthName] = useState('');
  const [firstNames, setFirstNames] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [nir, setNir] = useState('');
  const [startDate, setStartDate] = useState('');
  const [expectedEndDate, setExpectedEndDate] = useState('');
  const [nature, setNature] = useState('');
  const [informed, setInformed] = useState(false);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [done, setDone] = useState<{ statusLabel: string; status: string } | null>(null);

  const declare = useMutation({
    mutationFn: (body: BodyOf<typeof intake.employerDeclarations.declare>) => call(intake.employerDeclarations.declare, { body }),
    onSuccess: (r) => {
      setDone(r);
      void client.invalidateQueries({ queryKey: ['employer-declarations'] });
      setWorkerId('');
      setBirthName('');
      setFirstNames('');
      setBirthDate('');
      setNir('');
      setStartDate('');
      setExpectedEndDate('');
      setNature('');
      setInformed(false);
    },
  });
  const err = (f: string) => missing[f] ?? fieldError(declare.error, f);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setDone(null);
    const m: Record<string, string> = {};
    if (mode === 'liste' && !workerId) m.workerId = 'Choisissez le salarié.';
    if (mode === 'identite') {
      if (!birthName.trim()) m.birthName = 'Indiquez le nom de naissance.';
      if (!firstNames.trim()) m.firstNames = 'Indiquez le prénom.';
      if (!birthDate) m.birthDate = 'Indiquez la date de naissance.';
    }
    if (!startDate) m.startDate = "Indiquez la date de début de l'arrêt.";
    if (!expectedEndDate) m.expectedEndDate = 'Indiquez la date de fin prévue.';
    if (!nature) m.nature = "Choisissez la nature de l'arrêt.";
    setMissing(m);
    if (Object.keys(m).length) return;
    declare.mutate({
      ...(mode === 'liste' ? { workerId } : { birthName, firstNames, birthDate, ...(nir.trim() ? { nir } : {}) }),
      startDate,
      expectedEndDate,
      nature,
      workerInformedVpr: informed,
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-label={`Déclarer un arrêt de ${threshold}`}>
      <Stack gap="md" maw={640}>
        {done && (
          <Alert color="blue" variant="light" role="status" title="Déclaration enregistrée">
            {done.status === 'a_verifier'
              ? 'Le salarié n’a pas été reconnu parmi les salariés suivis : la cellule va vérifier son identité (statut « À vérifier »).'
              : `Statut : « ${done.statusLabel} ». La cellule de prévention va prendre contact avec le salarié.`}
          </Alert>
        )}
        <Radio.Group label="Salarié concerné" value={mode} onChange={(v) => setMode(v as 'liste' | 'identite')}>
          <Group mt="xs">
            <Radio value="liste" label="Choisir dans la liste de mes salariés" />
            <Radio value="identite" label="Il n’est pas dans la liste : saisir son identité" />
          </Group>
        </Radio.Group>
        {mode === 'liste' ? (
          space.isPending ? (
            <Loading />
          ) : (
            <NativeSelect
              label="Salarié"
              required
              value={workerId}
              onChange={(e) => setWorkerId(e.currentTarget.value)}
              error={err('workerId')}
              data={[{ value: '', label: 'Choisir…' }, ...(space.data?.workers ?? []).map((w) => ({ value: w.id, label: `${w.displayName}${w.jobTitle ? ` — ${w.jobTitle}` : ''}` }))]}
            />
          )
        ) : (
          <>
            <Group grow align="flex-start">
              <TextInput label="Nom de naissance" required value={birthName} onChange={(e) => setBirthName(e.currentTarget.value)} error={err('birthName')} />
              <TextInput label="Prénom(s)" required value={firstNames} onChange={(e) => setFirstNames(e.currentTarget.value)} error={err('firstNames')} />
            </Group>
            <Group grow align="flex-start">
              <DateField label="Date de naissance" required value={birthDate} onChange={setBirthDate} error={err('birthDate')} />
              <TextInput label="NIR (facultatif)" description="Numéro de sécurité sociale, 15 caractères" value={nir} onChange={(e) => setNir(e.currentTarget.value)} error={err('nir')} />
            </Group>
          </>
        )}
        <Group grow align="flex-start">
          <DateField label="Début de l'arrêt" required value={startDate} onChange={setStartDate} error={err('startDate')} />
          <DateField label="Fin prévue de l'arrêt" required value={expectedEndDate} onChange={setExpectedEndDate} error={err('expectedEndDate')} />
        </Group>
        <NativeSelect
          label="Nature de l'arrêt"
          required
          description="Nature administrative seulement, jamais de diagnostic."
          value={nature}
          onChange={(e) => setNature(e.currentTarget.value)}
          error={err('nature')}
          data={[{ value: '', label: 'Choisir…' }, ...NATURE_OPTIONS]}
        />
        <Checkbox
          label="Le salarié a été informé de la possibilité d'une visite de pré-reprise"
          description="L’employeur informe le salarié arrêté plus de 30 jours de cette possibilité (C. trav. L4624-2-4, R4624-29)."
          checked={informed}
          onChange={(e) => setInformed(e.currentTarget.checked)}
        />
        <ErrorAlert message={formError(declare.error, FORM_FIELDS)} />
        <Group>
          <Button type="submit" loading={declare.isPending}>
            Déclarer l’arrêt
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CsvUpload() {
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [informed, setInformed] = useState(false);
  const upload = useMutation({
    mutationFn: async () => {
      const content = await file!.text();
      return call(intake.employerDeclarations.import, { body: { fileName: file!.name, content, workersInformedVpr: informed } });
    },
    onSuccess: () => void client.invalidateQueries({ queryKey: ['employer-declarations'] }),
  });
  const r = upload.data;
  return (
    <Stack gap="md" maw={760}>
      <Card withBorder padding="sm">
        <Text size="sm" fw={600}>
          Format du fichier
        </Text>
        <Text size="sm">
          CSV encodé en UTF-8, séparateur « ; », une première ligne d’en-tête avec les colonnes :
        </Text>
        <Text size="sm" ff="monospace">
          nom;prenoms;date_naissance;nir;date_debut;date_fin_prevue;nature
        </Text>
        <Text size="sm">
          Dates au format JJ/MM/AAAA. Le NIR est facultatif. Nature : maladie, accident_travail, maladie_professionnelle ou maternite. Un fichier déjà envoyé peut
          être renvoyé sans risque : les déclarations déjà reçues ne sont pas dupliquées.
        </Text>
      </Card>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (file) upload.mutate();
        }}
        aria-label="Déposer un fichier de déclarations"
      >
        <Stack gap="sm">
          <FileInput label="Fichier CSV des déclarations" required accept=".csv,text/csv" value={file} onChange={setFile} clearable placeholder="Choisir un fichier…" />
          <Checkbox label="Chacun de ces salariés a été informé de la possibilité d'une visite de pré-reprise" checked={informed} onChange={(e) => setInformed(e.currentTarget.checked)} />
          <ErrorAlert error={upload.error} />
          <Group>
            <Button type="submit" disabled={!file} loading={upload.isPending}>
              Envoyer le fichier
            </Button>
          </Group>
        </Stack>
      </form>
      {r && (
        <Card withBorder padding="md" component="section" aria-labelledby="titre-compte-rendu" role="status">
          <Title order={2} id="titre-compte-rendu" fz="h4" mb="xs">
            Compte rendu du dépôt
          </Title>
          <List size="sm">
            <List.Item>{plural(r.lines, 'ligne lue', 'lignes lues')}</List.Item>
            <List.Item>{plural(r.accepted, 'déclaration enregistrée', 'déclarations enregistrées')}{r.toVerify > 0 ? `, dont ${r.toVerify} « À vérifier » (salarié non reconnu)` : ''}</List.Item>
            <List.Item>{plural(r.duplicates, 'déclaration déjà reçue', 'déclarations déjà reçues')} (sans effet)</List.Item>
            <List.Item>{plural(r.rejected, 'ligne refusée', 'lignes refusées')}</List.Item>
          </List>
          {r.warnings.map((w) => (
            <Text key={w} size="sm" mt="xs">
              {w}
            </Text>
          ))}
          {r.rejections.length > 0 && (
            <Table.ScrollContainer minWidth={600} mt="sm">
              <Table striped verticalSpacing="xs">
                <Table.Caption>Lignes refusées (la ligne 1 est la première après l’en-tête) : corrigez-les puis renvoyez le fichier</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Ligne</Table.Th>
                    <Table.Th>Colonne</Table.Th>
                    <Table.Th>Motif du refus</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.rejections.map((x) => (
                    <Table.Tr key={x.line}>
                      <Table.Td>{x.line}</Table.Td>
                      <Table.Td>{x.field ?? ''}</Table.Td>
                      <Table.Td>{x.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Card>
      )}
    </Stack>
  );
}
