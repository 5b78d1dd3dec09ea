import { useState } from 'react';
import { Alert, Badge, Button, Card, Checkbox, Group, List, NativeSelect, Radio, Stack, Table, Text, Textarea, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { risk, type WireOf } from '@contract';
import { ApiError, fieldError, formError } from '../../api';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatDateTimeShort } from '../../format';
import { LEVEL_COLORS, LEVEL_TEXT } from './levels';

type WorkerRisk = WireOf<typeof risk.WorkerRisk>;

export function LevelBadge({ level, label }: { level: number; label: string }) {
  return (
    <Badge color={LEVEL_COLORS[level] ?? 'dark'} c={LEVEL_TEXT[level] ?? 'white'} variant="filled" size="lg">
      Niveau {level} — {label}
    </Badge>
  );
}

/** « Indice de risque » on the worker page: health professionals only (medical data, read audited). */
export function WorkerRiskSection({ workerId }: { workerId: string }) {
  const query = useQuery({
    queryKey: ['worker-risk', workerId],
    queryFn: ({ signal }) => call(risk.assessment.readWorker, { params: { id: workerId }, signal }),
    retry: false,
  });
  if (query.isError && query.error instanceof ApiError && (query.error.status === 403 || query.error.status === 404)) return null;
  if (!query.data) return query.isError ? <ErrorAlert error={query.error} /> : null;
  const r = query.data;
  const s = r.suggestion;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="titre-indice">
      <Title order={2} id="titre-indice" fz="h4" mb="sm">
        Indice de risque de désinsertion professionnelle
      </Title>
      <Stack gap="md">
        {r.current ? (
          <Group gap="sm">
            <Text fw={700}>Niveau retenu :</Text>
            <LevelBadge level={r.current.finalLevel} label={r.current.finalLevelLabel} />
            <Text size="sm" c="dimmed">
              signé par {r.current.authorName} le {formatDate(r.current.signedAt)} · risque d’inaptitude : {r.current.inaptitudeRiskLevel} ({r.current.inaptitudeRiskLevelLabel})
            </Text>
          </Group>
        ) : (
          <Text>Aucun niveau signé pour ce salarié.</Text>
        )}
        <div>
          <Title order={3} fz="h5" mb="xs">
            Suggestion de l’algorithme ({s.algorithmId} v{s.algorithmVersion})
          </Title>
          <Group gap="sm" mb="xs">
            <LevelBadge level={s.suggestedLevel} label={s.suggestedLevelLabel} />
            {s.model.warning && (
              <Badge color="dark" variant="outline">
                Dossier de santé : {s.model.warning}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed" mb={4}>
            Modèle du dossier de santé : {s.model.label} ({s.model.id} {s.model.version})
          </Text>
          <Text size="sm" mb="xs">
            Aide à la décision uniquement : le niveau est choisi et signé par le médecin du travail ou l’infirmier.
          </Text>
          <Table verticalSpacing="xs">
            <Table.Caption>
              <VisuallyHidden>Composantes de l’indice</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Composante</Table.Th>
                <Table.Th>Niveau</Table.Th>
                <Table.Th>Détail</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.components.map((c) => (
                <Table.Tr key={c.key}>
                  <Table.Td>{c.label}</Table.Td>
                  <Table.Td>{c.present ? `${c.level} — ${c.levelLabel}` : 'Manquante'}</Table.Td>
                  <Table.Td>
                    {c.summary}
                    {c.alarm ? ' · alerte' : ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Title order={4} fz="h6" mt="sm">
            Contributions
          </Title>
          <List size="sm" aria-label="Contributions à la suggestion">
            {s.contributions.map((c) => (
              <List.Item key={c.text}>{c.text}</List.Item>
            ))}
          </List>
          {s.notes.length > 0 && (
            <Alert color="blue" variant="light" mt="sm" title="À savoir">
              <List size="sm">
                {s.notes.map((n) => (
                  <List.Item key={n}>{n}</List.Item>
                ))}
              </List>
            </Alert>
          )}
        </div>
        <SignForm worker={r} />
        <ProfileForm worker={r} />
        <History worker={r} />
      </Stack>
    </Card>
  );
}

function SignForm({ worker }: { worker: WorkerRisk }) {
  const client = useQueryClient();
  const suggested = worker.suggestion.suggestedLevel;
  const [finalLevel, setFinalLevel] = useState(String(suggested));
  const [inaptitude, setInaptitude] = useState('0');
  const [rationale, setRationale] = useState('');
  const sign = useMutation({
    mutationFn: () =>
      call(risk.assessment.sign, {
        params: { id: worker.workerId },
        body: { finalLevel: Number(finalLevel), inaptitudeRiskLevel: Number(inaptitude), rationale: rationale.trim() || null, seenSuggestedLevel: suggested },
      }),
    onSuccess: () => {
      setRationale('');
      void client.invalidateQueries({ queryKey: ['worker-risk', worker.workerId] });
      void client.invalidateQueries({ queryKey: ['dossier-risk'] });
    },
  });
  const differs = Number(finalLevel) !== suggested;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        sign.mutate();
      }}
      aria-labelledby="titre-signer"
    >
      <Title order={3} fz="h5" id="titre-signer" mb="xs">
        Signer le niveau
      </Title>
      <Stack gap="xs">
        <Radio.Group label="Niveau retenu" value={finalLevel} onChange={setFinalLevel} name="niveau-retenu">
          <Group gap="md" mt={4}>
            {worker.options.levels.map((l) => (
              <Radio key={l.value} value={String(l.value)} label={`${l.value} — ${l.label}`} />
            ))}
          </Group>
        </Radio.Group>
        <NativeSelect
          label="Risque d’inaptitude"
          value={inaptitude}
          onChange={(e) => setInaptitude(e.currentTarget.value)}
          data={worker.options.levels.map((l) => ({ value: String(l.value), label: `${l.value} — ${l.label}` }))}
          w={320}
        />
        <Textarea
          label={differs ? 'Justification (obligatoire : le niveau diffère de la suggestion)' : 'Justification (facultative)'}
          value={rationale}
          onChange={(e) => setRationale(e.currentTarget.value)}
          required={differs}
          autosize
          minRows={2}
          error={fieldError(sign.error, 'rationale')}
        />
        <ErrorAlert message={formError(sign.error, ['rationale'])} />
        {sign.isSuccess && (
          <Text size="sm" c="teal.9" role="status">
            Niveau signé.
          </Text>
        )}
        <Group>
          <Button type="submit" loading={sign.isPending}>
            Signer
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ProfileForm({ worker }: { worker: WorkerRisk }) {
  const client = useQueryClient();
  const p = worker.profile;
  const [csp, setCsp] = useState(p?.csp ?? '');
  const [cim, setCim] = useState<string[]>(p?.cimChapters ?? []);
  const [exposures, setExposures] = useState<string[]>(p?.exposures ?? []);
  const [ald, setAld] = useState(p?.ald ?? false);
  const save = useMutation({
    mutationFn: () => call(risk.assessment.updateHealthProfile, { params: { id: worker.workerId }, body: { csp: csp || null, cimChapters: cim, exposures, ald } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['worker-risk', worker.workerId] }),
  });
  return (
    <form
      aria-labelledby="titre-profil"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Title order={3} fz="h5" id="titre-profil" mb="xs">
        Profil de santé (lu par l’indice)
      </Title>
      <Stack gap="xs">
        <NativeSelect
          label="Catégorie socio-professionnelle"
          value={csp}
          onChange={(e) => setCsp(e.currentTarget.value)}
          data={[{ value: '', label: 'Non renseignée' }, ...worker.options.csp]}
          w={320}
        />
        <Checkbox.Group label="Pathologies (chapitres CIM)" value={cim} onChange={setCim}>
          <Group gap="md" mt={4}>
            {worker.options.cimChapters.map((o) => (
              <Checkbox key={o.value} value={o.value} label={o.label} />
            ))}
          </Group>
        </Checkbox.Group>
        <Checkbox.Group label="Expositions professionnelles" value={exposures} onChange={setExposures}>
          <Group gap="md" mt={4}>
            {worker.options.exposures.map((o) => (
              <Checkbox key={o.value} value={o.value} label={o.label} />
            ))}
          </Group>
        </Checkbox.Group>
        <Checkbox label="Affection de longue durée (ALD)" checked={ald} onChange={(e) => setAld(e.currentTarget.checked)} />
        <ErrorAlert error={save.error} />
        {save.isSuccess && (
          <Text size="sm" c="teal.9" role="status">
            Profil enregistré : la suggestion est recalculée.
          </Text>
        )}
        <Group>
          <Button type="submit" variant="light" loading={save.isPending}>
            Enregistrer le profil
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function History({ worker }: { worker: WorkerRisk }) {
  if (worker.history.length === 0) return null;
  const points = [...worker.history].reverse().map((a) => ({ date: formatDate(a.signedAt), retenu: a.finalLevel, suggere: a.suggestedLevel }));
  return (
    <div>
      <Title order={3} fz="h5" mb="xs">
        Historique des niveaux signés
      </Title>
      <figure style={{ margin: 0 }} aria-label="Évolution du niveau retenu et du niveau suggéré">
        <ResponsiveContainer width="100%" height={200}>
          <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="date" />
            <YAxis domain={[0, 3]} ticks={[0, 1, 2, 3]} allowDecimals={false} />
            <Tooltip />
            <Line type="stepAfter" dataKey="retenu" name="Niveau retenu" stroke="#c92a2a" strokeWidth={2} isAnimationActive={false} />
            <Line type="stepAfter" dataKey="suggere" name="Niveau suggéré" stroke="#868e96" strokeDasharray="4 4" isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <Table verticalSpacing="xs" mt="sm">
        <Table.Caption>
          <VisuallyHidden>Niveaux signés, les plus récents d’abord</VisuallyHidden>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Signé le</Table.Th>
            <Table.Th>Par</Table.Th>
            <Table.Th>Suggéré</Table.Th>
            <Table.Th>Retenu</Table.Th>
            <Table.Th>Inaptitude</Table.Th>
            <Table.Th>Justification</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {worker.history.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTimeShort(a.signedAt)}</Table.Td>
              <Table.Td>{a.authorName}</Table.Td>
              <Table.Td>{a.suggestedLevel}</Table.Td>
              <Table.Td>
                {a.finalLevel} — {a.finalLevelLabel}
              </Table.Td>
              <Table.Td>{a.inaptitudeRiskLevel}</Table.Td>
              <Table.Td>{a.rationale ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
