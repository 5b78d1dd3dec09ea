/**
 * /risque/evaluation « Évaluation de l'indice » (capability risk.evaluate): a médecin or an
 * administrator uploads a labelled cohort (or generates a synthetic one) and reads the report —
 * ROC curves, AUC, thresholds, calibration — on the page or as a self-contained HTML file.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Card, FileInput, Group, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { risk, type ResponseOf, type WireOf } from '@contract';
import { call, errorDetails } from '../../client';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/PageTitle';
import { formatNumber, plural } from '../../format';
import { saveBlob } from '../../intake/returns/api';

/** An evaluation's answer: an uploaded cohort, or the service's own cases (with how the cohort was built). */
type EvaluationResult = ResponseOf<typeof risk.evaluations.evaluate> & { service?: ServiceCohortCounts };
type ServiceCohortCounts = WireOf<typeof risk.ServiceCohortCounts>;
type Proportion = EvaluationResult['report']['cohort']['prevalence'];

const fmt = (v: number, digits: number) => v.toLocaleString('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (p: Proportion) =>
  p.estimate === null ? '—' : `${fmt(p.estimate * 100, 1)} % (IC 95 % ${fmt(p.lower! * 100, 1)} – ${fmt(p.upper! * 100, 1)})`;

interface Submission {
  content: string;
  fileName: string;
  model?: string | null;
}

export function EvaluationPage() {
  usePageTitle("Évaluation de l'indice");
  const [cohort, setCohort] = useState<File | null>(null);
  const [model, setModel] = useState<File | null>(null);
  const [workers, setWorkers] = useState<number | string>(2000);
  const [seed, setSeed] = useState<number | string>(1);
  const [synthetic, setSynthetic] = useState<ResponseOf<typeof risk.evaluations.syntheticCohort> | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [serviceModel, setServiceModel] = useState<File | null>(null);
  const [result, setResult] = useState<EvaluationResult | null>(null);

  const evaluate = useMutation({
    mutationFn: (s: Submission): Promise<EvaluationResult> => call(risk.evaluations.evaluate, { body: s }),
    onMutate: () => setResult(null),
    onSuccess: setResult,
  });
  const evaluateService = useMutation({
    mutationFn: async (): Promise<EvaluationResult> =>
      call(risk.evaluations.evaluateService, {
        body: { period: from || to ? { from: from || null, to: to || null } : null, model: serviceModel ? await serviceModel.text() : null },
      }),
    onMutate: () => setResult(null),
    onSuccess: setResult,
  });
  const refusedCounts = errorDetails(evaluateService.error, risk.ServiceCohortCounts) ?? null;
  const generate = useMutation({
    mutationFn: async () => {
      const c = await call(risk.evaluations.syntheticCohort, { body: { workers: Number(workers), seed: Number(seed) } });
      setSynthetic(c);
      evaluate.mutate({ content: c.content, fileName: c.fileName });
      return c;
    },
  });

  const submitUpload = async () => {
    if (!cohort) return;
    evaluate.mutate({ content: await cohort.text(), fileName: cohort.name, model: model ? await model.text() : null });
  };

  const r = result;
  return (
    <Stack gap="md">
      <Title order={1}>Évaluation de l'indice</Title>
      <Text maw={900}>
        Mesurez sur une cohorte de salariés dont on connaît la situation à 12 mois si l'indice de risque de désinsertion distingue ceux qui ont
        perdu leur emploi (inaptitude, licenciement, invalidité…) des autres : courbes ROC, aire sous la courbe, sensibilité, spécificité et
        valeurs prédictives à chaque seuil, calibration, pour chaque composante et pour l'indice combiné (recommandation 17 de l'IGAS). Rien
        n'est enregistré : le fichier est lu, évalué, puis oublié.
      </Text>

      <Group align="stretch" gap="md" wrap="wrap">
        <Card withBorder padding="md" component="section" aria-labelledby="titre-deposer" w={{ base: '100%', md: 460 }}>
          <Title order={2} id="titre-deposer" fz="h4" mb="xs">
            Déposer une cohorte
          </Title>
          <Text size="sm" mb="sm">
            Fichier CSV (UTF-8, séparateur « ; » ou « , ») : une ligne par salarié avec les variables du dossier de santé (0 ou 1), les
            colonnes facultatives <code>wai</code>, <code>employeur</code>, <code>niveau_final</code> et l'issue <code>issue</code> (1 =
            désinsertion à 12 mois). Aucun nom, aucun NIR.
          </Text>
          <form
            aria-label="Déposer une cohorte"
            onSubmit={(e) => {
              e.preventDefault();
              void submitUpload();
            }}
          >
            <Stack gap="sm">
              <FileInput
                label="Cohorte (CSV)"
                required
                accept=".csv,text/csv"
                value={cohort}
                onChange={setCohort}
                clearable
                clearButtonProps={{ 'aria-label': 'Retirer la cohorte' }}
                placeholder="Choisir un fichier…"
              />
              <FileInput
                label="Modèle du dossier de santé (JSON, facultatif)"
                description="Par défaut : le modèle par défaut de Maintien (non validé)."
                accept=".json,application/json"
                value={model}
                onChange={setModel}
                clearable
                clearButtonProps={{ 'aria-label': 'Retirer le modèle' }}
                placeholder="Choisir un fichier…"
              />
              <Group>
                <Button type="submit" disabled={!cohort} loading={evaluate.isPending && !generate.isPending}>
                  Évaluer
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>

        <Card withBorder padding="md" component="section" aria-labelledby="titre-synthetique" w={{ base: '100%', md: 460 }}>
          <Title order={2} id="titre-synthetique" fz="h4" mb="xs">
            Essayer avec une cohorte synthétique
          </Title>
          <Text size="sm" mb="sm">
            Des salariés fictifs tirés au hasard avec une relation cachée entre leur dossier et leur issue : pour découvrir le rapport sans
            données réelles. Même graine, même cohorte.
          </Text>
          <form
            aria-label="Générer une cohorte synthétique"
            onSubmit={(e) => {
              e.preventDefault();
              generate.mutate();
            }}
          >
            <Stack gap="sm">
              <Group grow>
                <NumberInput label="Nombre de salariés" min={50} max={20000} step={500} value={workers} onChange={setWorkers} allowDecimal={false} />
                <NumberInput label="Graine" min={0} value={seed} onChange={setSeed} allowDecimal={false} allowNegative={false} />
              </Group>
              <ErrorAlert error={generate.error} />
              <Group>
                <Button type="submit" variant="default" loading={generate.isPending}>
                  Générer et évaluer
                </Button>
                {synthetic && (
                  <Button variant="subtle" onClick={() => saveBlob(new Blob([synthetic.content], { type: 'text/csv;charset=utf-8' }), synthetic.fileName)}>
                    Télécharger la cohorte
                  </Button>
                )}
              </Group>
            </Stack>
          </form>
        </Card>

        <Card withBorder padding="md" component="section" aria-labelledby="titre-service" w={{ base: '100%', md: 460 }}>
          <Title order={2} id="titre-service" fz="h4" mb="xs">
            Dossiers du service
          </Title>
          <Text size="sm" mb="sm">
            Les salariés sortis du dispositif dont la situation au suivi à 12 mois est connue, avec les données de l'indice signé le plus
            récent avant leur sortie. Sortie de l'emploi : inaptitude, invalidité, demandeur d'emploi ; les perdus de vue, les retraites et
            les suivis pas encore échus sont écartés et comptés.
          </Text>
          <form
            aria-label="Évaluer sur les dossiers du service"
            onSubmit={(e) => {
              e.preventDefault();
              evaluateService.mutate();
            }}
          >
            <Stack gap="sm">
              <Group grow align="flex-start">
                <DateField label="Sorties à partir du" value={from} onChange={setFrom} />
                <DateField label="Sorties jusqu'au" value={to} onChange={setTo} />
              </Group>
              <FileInput
                label="Modèle du dossier de santé (JSON, facultatif)"
                description="Par défaut : le modèle qu'utilise l'indice du service."
                accept=".json,application/json"
                value={serviceModel}
                onChange={setServiceModel}
                clearable
                clearButtonProps={{ 'aria-label': 'Retirer le modèle' }}
                placeholder="Choisir un fichier…"
              />
              <ErrorAlert error={evaluateService.error} />
              {refusedCounts && <ServiceCounts counts={refusedCounts} />}
              <Group>
                <Button type="submit" variant="default" loading={evaluateService.isPending}>
                  Évaluer sur les dossiers du service
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      </Group>

      <ErrorAlert error={evaluate.error} />
      {r && <Results result={r} />}
    </Stack>
  );
}

function Results({ result: r }: { result: EvaluationResult }) {
  const c = r.report.cohort;
  const base = c.name.replace(/\.csv$/i, '');
  return (
    <Stack gap="md" component="section" aria-labelledby="titre-resultats">
      <Group justify="space-between" align="flex-end">
        <Title order={2} id="titre-resultats">
          Résultats — « {c.name} »
        </Title>
        <Group gap="xs">
          <Button onClick={() => saveBlob(new Blob([r.html], { type: 'text/html;charset=utf-8' }), `evaluation-${base}.html`)}>Télécharger le rapport (HTML)</Button>
          <Button variant="default" onClick={() => saveBlob(new Blob([JSON.stringify(r.report, null, 2)], { type: 'application/json' }), `evaluation-${base}.json`)}>
            Résultats (JSON)
          </Button>
        </Group>
      </Group>
      <Text role="status">
        {plural(c.n, 'salarié retenu', 'salariés retenus')}, dont {plural(c.events, 'désinsertion', 'désinsertions')} à 12 mois ({pct(c.prevalence)}).
        {r.rejectedLines > 0 && ` ${plural(r.rejectedLines, 'ligne écartée', 'lignes écartées')} pour erreur.`}
      </Text>
      <Group gap="xs">
        <Text size="sm">
          Modèle : {r.report.model.label} (version {r.report.model.version})
        </Text>
        {!r.report.model.validated && <Badge color="red.9">modèle non validé</Badge>}
      </Group>
      {r.service && <ServiceCounts counts={r.service} />}
      {r.report.warnings.map((w) => (
        <Alert key={w} color="orange" variant="light">
          {w}
        </Alert>
      ))}
      <Table.ScrollContainer minWidth={560}>
        <Table striped verticalSpacing="xs" maw={900}>
          <Table.Caption>Aire sous la courbe ROC (AUC) : 0,5 = hasard, 1 = parfait ; intervalle de confiance à 95 % de DeLong</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Composante</Table.Th>
              <Table.Th scope="col">Salariés</Table.Th>
              <Table.Th scope="col">Désinsertions</Table.Th>
              <Table.Th scope="col">AUC (IC 95 %)</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.report.components.map((x) => (
              <Table.Tr key={x.key}>
                <Table.Th scope="row">{x.label}</Table.Th>
                <Table.Td>{formatNumber(x.n)}</Table.Td>
                <Table.Td>{formatNumber(x.events)}</Table.Td>
                <Table.Td>{x.auc ? `${fmt(x.auc.estimate, 3)} (${fmt(x.auc.lower, 3)} – ${fmt(x.auc.upper, 3)})` : (x.notes[0] ?? 'non évaluée')}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {r.errors.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table striped verticalSpacing="xs" maw={900}>
            <Table.Caption>
              Lignes écartées{r.rejectedLines > r.errors.length ? ` (les ${r.errors.length} premières sur ${formatNumber(r.rejectedLines)})` : ''} : la ligne 1 est
              l'en-tête
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Ligne</Table.Th>
                <Table.Th scope="col">Colonne</Table.Th>
                <Table.Th scope="col">Motif</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.errors.map((e) => (
                <Table.Tr key={e.line}>
                  <Table.Td>{e.line}</Table.Td>
                  <Table.Td>{e.column ?? ''}</Table.Td>
                  <Table.Td>{e.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Title order={3}>Rapport complet</Title>
      <iframe title="Rapport d'évaluation de l'indice" srcDoc={r.html} sandbox="allow-same-origin" style={{ width: '100%', height: '80vh', border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4 }} />
    </Stack>
  );
}

/** How the cohort « Dossiers du service » was built: workers retained and left out, by reason. */
function ServiceCounts({ counts: c }: { counts: ServiceCohortCounts }) {
  return (
    <Table.ScrollContainer minWidth={360}>
      <Table verticalSpacing={4} maw={560} aria-label="Salariés retenus et écartés">
        <Table.Caption>
          {plural(c.workers, 'salarié sorti', 'salariés sortis')} du dispositif ({plural(c.exits, 'sortie', 'sorties')}) : {plural(c.included, 'retenu', 'retenus')}, dont{' '}
          {plural(c.events, "sortie de l'emploi", "sorties de l'emploi")} à 12 mois
        </Table.Caption>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row">Retenus dans la cohorte</Table.Th>
            <Table.Td>{formatNumber(c.included)}</Table.Td>
          </Table.Tr>
          {c.excluded.map((e) => (
            <Table.Tr key={e.reason}>
              <Table.Th scope="row" fw="normal">
                Écartés — {e.label}
              </Table.Th>
              <Table.Td>{formatNumber(e.count)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
