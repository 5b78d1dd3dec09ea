import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Badge, Button, Checkbox, Group, List, Modal, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { intake, type BodyOf, type ResponseOf } from '@contract';
import { can, useSession } from '../../auth';
import { call } from '../../client';
import { CompanySelect, type CompanyChoice } from '../../components/CompanySelect';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Pager } from '../../components/Pager';
import { useUrlParams } from '../../components/useUrlParams';
import { formatDate, formatDateTimeShort, formatNir, formatNumber, formatSex, formatSiret, plural } from '../../format';

const STATUSES = [
  { value: 'hors_perimetre', label: 'Hors périmètre' },
  { value: 'pris_en_charge', label: 'Pris en charge' },
] as const;
type Status = (typeof STATUSES)[number]['value'];
type Line = ResponseOf<typeof intake.triage.outOfScope>['items'][number];
type TakeOnResult = ResponseOf<typeof intake.triage.takeOn>;

/** Whether the declared employer is a member company now: what decides if the line may be taken on. */
function MemberBadge({ line }: { line: Line }) {
  if (line.companyMember === true)
    return (
      <Badge color="green.9" c="green.9" variant="outline" size="sm" style={{ textTransform: 'none' }}>
        Adhérente
      </Badge>
    );
  if (line.companyMember === false)
    return (
      <Badge color="red.9" c="red.9" variant="outline" size="sm" style={{ textTransform: 'none' }}>
        Non adhérente
      </Badge>
    );
  return null;
}

/** The flux lines whose employer is absent or not a member company: nothing was created; the answer to send back; « Prendre en charge ». */
export function OutOfScopeList() {
  const session = useSession();
  const { get, update } = useUrlParams();
  const status: Status = get('statut') === 'pris_en_charge' ? 'pris_en_charge' : 'hors_perimetre';
  const page = Math.max(1, Number(get('page')) || 1);
  const query = useQuery({
    queryKey: ['triage', 'out-of-scope', status, page],
    queryFn: ({ signal }) => call(intake.triage.outOfScope, { query: { status, page }, signal }),
    placeholderData: keepPreviousData,
  });
  const total = query.data?.counts[status] ?? 0;
  const batchLinks = can(session, 'flux.history');
  const mayTakeOn = can(session, 'dossier.create') && status === 'hors_perimetre';
  const mayRead = can(session, 'quarantine.resolve');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<TakeOnResult | null>(null);
  const [seen, setSeen] = useState<string | null>(null);
  useEffect(() => setPicked(new Set()), [status, page]);

  const items = query.data?.items ?? [];
  const pickedLines = items.filter((l) => picked.has(l.id));
  const allPicked = items.length > 0 && pickedLines.length === items.length;
  const toggle = (id: string, on: boolean) =>
    setPicked((s) => {
      const n = new Set(s);
      if (on) n.add(id);
      else n.delete(id);
      return n;
    });

  return (
    <Stack gap="md">
      <Text size="sm">
        Lignes du flux de l’Assurance maladie dont l’employeur est absent ou n’est pas une entreprise adhérente : aucun salarié, dossier ni tâche n’a été créé.
        Répondez à l’émetteur : « {intake.OUT_OF_SCOPE_ANSWER} ». Si l’entreprise adhère ensuite, sélectionnez ses lignes et « Prendre en charge ».
      </Text>
      <Group align="flex-end" role="search" aria-label="Filtrer les lignes hors périmètre">
        <NativeSelect
          label="Statut"
          value={status}
          onChange={(e) => update({ statut: e.currentTarget.value === 'hors_perimetre' ? null : e.currentTarget.value })}
          data={STATUSES.map((s) => ({ value: s.value, label: query.data ? `${s.label} (${formatNumber(query.data.counts[s.value] ?? 0)})` : s.label }))}
        />
      </Group>
      {mayTakeOn && (
        <Paper withBorder p="sm" role="region" aria-label="Actions sur les lignes hors périmètre sélectionnées">
          <Group gap="sm">
            <Text size="sm" fw={600}>
              {pickedLines.length === 0 ? 'Sélectionnez des lignes pour agir' : `${plural(pickedLines.length, 'ligne sélectionnée', 'lignes sélectionnées')} :`}
            </Text>
            <Button size="compact-md" disabled={pickedLines.length === 0} onClick={() => setConfirming(true)}>
              Prendre en charge
            </Button>
          </Group>
        </Paper>
      )}
      <div aria-live="polite" role="status">
        {result && <TakeOnResultAlert result={result} onClose={() => setResult(null)} />}
      </div>
      {query.isError && <ErrorAlert error={query.error} />}
      {query.isPending && <Loading />}
      {query.data && (
        <>
          <Text size="sm" aria-live="polite">
            {total === 0 ? (status === 'hors_perimetre' ? 'Aucune ligne hors périmètre.' : 'Aucune ligne prise en charge.') : plural(total, 'ligne', 'lignes')}
          </Text>
          {items.length > 0 && (
            <Table.ScrollContainer minWidth={1000}>
              <Table striped verticalSpacing="xs">
                <Table.Caption>
                  <VisuallyHidden>Lignes du flux hors périmètre, avec la réponse à envoyer à l’émetteur</VisuallyHidden>
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    {mayTakeOn && (
                      <Table.Th w={40}>
                        <Checkbox
                          aria-label="Tout sélectionner sur la page"
                          checked={allPicked}
                          indeterminate={!allPicked && pickedLines.length > 0}
                          onChange={(e) => setPicked(e.currentTarget.checked ? new Set(items.map((l) => l.id)) : new Set())}
                        />
                      </Table.Th>
                    )}
                    <Table.Th>Reçue le</Table.Th>
                    <Table.Th>Émetteur</Table.Th>
                    <Table.Th>Message</Table.Th>
                    <Table.Th>Employeur déclaré</Table.Th>
                    <Table.Th>Début de l’arrêt</Table.Th>
                    <Table.Th>Réponse à l’émetteur</Table.Th>
                    <Table.Th>Import</Table.Th>
                    {mayRead && (
                      <Table.Th>
                        <VisuallyHidden>Ligne reçue</VisuallyHidden>
                      </Table.Th>
                    )}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((l) => (
                    <Table.Tr key={l.id}>
                      {mayTakeOn && (
                        <Table.Td>
                          <Checkbox
                            aria-label={`Sélectionner la ligne ${l.line} (message ${l.messageId})`}
                            checked={picked.has(l.id)}
                            onChange={(e) => toggle(l.id, e.currentTarget.checked)}
                          />
                        </Table.Td>
                      )}
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTimeShort(l.receivedAt)}</Table.Td>
                      <Table.Td>{l.issuer}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{l.messageType}</Text>
                        <Text size="xs">
                          Message {l.messageId} · arrêt {l.arretId}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {l.siret ? (
                          <>
                            <Group gap={6} wrap="nowrap">
                              <Text size="sm">{l.companyName ?? 'Entreprise inconnue du service'}</Text>
                              <MemberBadge line={l} />
                            </Group>
                            <Text size="xs">SIRET {formatSiret(l.siret)}</Text>
                          </>
                        ) : (
                          <Text size="sm">SIRET absent</Text>
                        )}
                      </Table.Td>
                      <Table.Td>{formatDate(l.startDate)}</Table.Td>
                      <Table.Td fw={600}>{l.status === 'pris_en_charge' ? l.statusLabel : l.answer}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {batchLinks ? (
                          <Anchor component={Link} to={`/flux/imports/${l.batchId}`} size="sm">
                            Ligne {formatNumber(l.line)}
                          </Anchor>
                        ) : (
                          `Ligne ${formatNumber(l.line)}`
                        )}
                      </Table.Td>
                      {mayRead && (
                        <Table.Td>
                          <Button size="compact-sm" variant="subtle" onClick={() => setSeen(l.id)} aria-label={`Voir la ligne ${l.line} (message ${l.messageId})`}>
                            Voir
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <Pager total={total} pageSize={query.data.pageSize} page={page} onChange={(p) => update({ page: p })} label="Pages des lignes hors périmètre" />
        </>
      )}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Prendre en charge" centered size="lg">
        {confirming && (
          <TakeOnForm
            lines={pickedLines}
            onCancel={() => setConfirming(false)}
            onDone={(r) => {
              setResult(r);
              setConfirming(false);
              setPicked(new Set());
            }}
          />
        )}
      </Modal>
      <Modal opened={seen !== null} onClose={() => setSeen(null)} title="Ligne reçue du flux" centered size="lg">
        {seen && <ReceivedLine id={seen} />}
      </Modal>
    </Stack>
  );
}

function TakeOnForm({ lines, onCancel, onDone }: { lines: Line[]; onCancel(): void; onDone(r: TakeOnResult): void }) {
  const client = useQueryClient();
  const [company, setCompany] = useState<CompanyChoice | null>(null);
  const takeOn = useMutation({
    mutationFn: (body: BodyOf<typeof intake.triage.takeOn>) => call(intake.triage.takeOn, { body }),
    onSuccess: (res) => {
      onDone(res);
      void client.invalidateQueries({ queryKey: ['triage'] });
      void client.invalidateQueries({ queryKey: ['signals'] });
    },
  });
  const notMember = lines.filter((l) => l.companyMember === false).length;
  const withoutCompany = lines.filter((l) => l.companyMember == null).length;
  function submit(e: React.FormEvent) {
    e.preventDefault();
    takeOn.mutate({ ids: lines.map((l) => l.id), ...(company ? { companyId: company.id } : {}) });
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          {plural(lines.length, 'ligne', 'lignes')} du flux {lines.length > 1 ? 'seront traitées' : 'sera traitée'} comme une ligne dans le périmètre : salarié
          rapproché par son NIR (ou créé), arrêt, signalement « À qualifier » (ou rattaché au dossier en cours), règles de détection. Une identité divergente
          du salarié connu part dans « Identités à rapprocher ».
        </Text>
        {notMember > 0 && (
          <Alert color="yellow" variant="light">
            {plural(notMember, 'ligne concerne', 'lignes concernent')} une entreprise encore non adhérente : {notMember > 1 ? 'elles seront refusées' : 'elle sera refusée'}{' '}
            tant que son adhésion n’est pas enregistrée.
          </Alert>
        )}
        {withoutCompany > 0 && (
          <>
            <Text size="sm">
              {plural(withoutCompany, 'ligne n’a', 'lignes n’ont')} pas de SIRET, ou un SIRET inconnu du service : désignez l’entreprise adhérente du salarié.
            </Text>
            <CompanySelect value={company} onChange={setCompany} />
          </>
        )}
        <ErrorAlert error={takeOn.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Annuler
          </Button>
          <Button type="submit" loading={takeOn.isPending}>
            {lines.length > 1 ? `Prendre en charge ${formatNumber(lines.length)} lignes` : 'Prendre en charge la ligne'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function TakeOnResultAlert({ result, onClose }: { result: TakeOnResult; onClose(): void }) {
  const problems = result.refused.length > 0;
  return (
    <Alert color={problems ? 'yellow' : 'green'} variant="light" withCloseButton closeButtonLabel="Fermer le message" onClose={onClose}>
      <Stack gap="xs">
        <Text size="sm" fw={700}>
          {result.takenOn === 0 ? 'Aucune ligne prise en charge.' : `${plural(result.takenOn, 'ligne prise', 'lignes prises')} en charge.`}
        </Text>
        {result.quarantined > 0 && (
          <Text size="sm">
            Dont {plural(result.quarantined, 'ligne mise', 'lignes mises')} en quarantaine : l’identité diffère de celle du salarié connu (voir « Identités à rapprocher »).
          </Text>
        )}
        {result.already.length > 0 && <Text size="sm">{plural(result.already.length, 'ligne était', 'lignes étaient')} déjà prises en charge : rien n’a changé.</Text>}
        {problems && (
          <>
            <Text size="sm">{plural(result.refused.length, 'ligne refusée', 'lignes refusées')} :</Text>
            <List size="sm">
              {result.refused.map((r) => (
                <List.Item key={r.id}>{r.message}</List.Item>
              ))}
            </List>
          </>
        )}
      </Stack>
    </Alert>
  );
}

/** The line as received (identity included): the read is recorded in the audit log. */
function ReceivedLine({ id }: { id: string }) {
  const q = useQuery({ queryKey: ['triage', 'out-of-scope', 'line', id], queryFn: ({ signal }) => call(intake.triage.outOfScopeLine, { params: { id }, signal }) });
  if (q.isError) return <ErrorAlert error={q.error} />;
  if (!q.data) return <Loading />;
  const d = q.data;
  const r = d.received;
  const field = (label: string, value: string | null | undefined) => (
    <div key={label}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value || '—'}</Text>
    </div>
  );
  return (
    <Stack gap="md">
      <Text size="sm">
        {d.issuer} · message {d.messageId} · {d.fileName ? `${d.fileName}, ` : ''}ligne {formatNumber(d.line)} · reçue le {formatDateTimeShort(d.receivedAt)}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {field('NIR', formatNir(r.nir))}
        {field('Nom de naissance', r.birthName)}
        {field('Prénoms', r.firstNames)}
        {field('Date de naissance', formatDate(r.birthDate))}
        {field('Sexe', formatSex(r.sex))}
        {field('Employeur déclaré', r.siret ? `SIRET ${formatSiret(r.siret)}${d.company ? ` — ${d.company.name} (${d.company.member ? 'adhérente' : 'non adhérente'})` : ' — inconnu du service'}` : 'SIRET absent')}
        {field('Message', `${r.typeLabel} — arrêt ${r.arretId}`)}
        {field('Nature', r.natureLabel)}
        {field('Début', formatDate(r.startDate))}
        {field('Fin prévue', formatDate(r.expectedEndDate))}
        {field('Fin effective', formatDate(r.actualEndDate))}
        {field('Motif de transmission', r.motifLabel)}
        {field('Consentement du', formatDate(r.consentDate))}
        {field('Statut', d.resolvedAt ? `${d.statusLabel} le ${formatDateTimeShort(d.resolvedAt)}${d.resolvedByName ? ` par ${d.resolvedByName}` : ''}` : d.statusLabel)}
      </SimpleGrid>
    </Stack>
  );
}
