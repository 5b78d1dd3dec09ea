import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Button, Card, Checkbox, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { intake, type BodyOf } from '@contract';
import { fieldError, formError } from '../../api';
import { call } from '../../client';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/PageTitle';
import { formatDate, todayIso } from '../../format';
import { StatusBadge } from './StatusBadge';

/** /partenaire/fiches-liaison « Fiches de liaison »: the médecin conseil's fiches and the cell's answers. */
export function FichesPage() {
  usePageTitle('Fiches de liaison');
  const query = useQuery({
    queryKey: ['vpr-orientations', 'mine'],
    queryFn: ({ signal }) => call(intake.vprOrientations.listMine, { signal }),
  });
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>Fiches de liaison</Title>
        <Button component={Link} to="/partenaire/fiches-liaison/nouvelle">
          Nouvelle fiche de liaison
        </Button>
      </Group>
      <Text size="sm">Vos orientations en visite de pré-reprise transmises à la cellule, et la suite qu’elle y a donnée.</Text>
      {query.isPending && <Loading />}
      {query.isError && <ErrorAlert error={query.error} />}
      {query.data &&
        (query.data.items.length === 0 ? (
          <Text size="sm">Aucune fiche de liaison transmise.</Text>
        ) : (
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
            {query.data.items.map((f) => (
              <Paper component="li" key={f.id} withBorder p="md">
                <Group justify="space-between" align="flex-start">
                  <div>
                    <Text fw={700}>
                      {f.worker.displayName}, né·e le {formatDate(f.worker.birthDate)}
                    </Text>
                    <Text size="sm">
                      Transmise le {formatDate(f.filedAt)} par {f.filedByName} · accord du salarié du {formatDate(f.consentDate)}
                    </Text>
                  </div>
                  <StatusBadge status={f.status} label={f.statusLabel} />
                </Group>
                <Text size="sm" mt="xs">
                  <strong>Motif de l’orientation :</strong> {f.reason}
                </Text>
                {f.answer && (
                  <Card withBorder mt="sm" padding="sm" component="section" aria-label={`Réponse de la cellule pour ${f.worker.displayName}`}>
                    <Text size="sm" fw={700}>
                      Réponse de la cellule le {formatDate(f.answer.answeredAt)}
                      {f.answer.answeredByName ? ` (${f.answer.answeredByName})` : ''}
                    </Text>
                    <Text size="sm">
                      {f.answer.outcomeLabel}
                      {f.answer.vprDate ? ` le ${formatDate(f.answer.vprDate)}` : ''}.
                    </Text>
                    {f.answer.recommendations ? (
                      <Text size="sm" className="pre-wrap" mt={4}>
                        <strong>Recommandations :</strong> {f.answer.recommendations}
                      </Text>
                    ) : (
                      <Text size="sm" mt={4}>
                        Aucune recommandation transmise.
                      </Text>
                    )}
                  </Card>
                )}
              </Paper>
            ))}
          </Stack>
        ))}
    </Stack>
  );
}

const FICHE_FIELDS = ['nir', 'birthName', 'firstNames', 'birthDate', 'reason', 'contact', 'consentGiven', 'consentDate'];

/** /partenaire/fiches-liaison/nouvelle: file a fiche de liaison. */
export function NewFichePage() {
  usePageTitle('Nouvelle fiche de liaison');
  const client = useQueryClient();
  const [nir, setNir] = useState('');
  const [birthName, setBirthName] = useState('');
  const [firstNames, setFirstNames] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [reason, setReason] = useState('');
  const [contact, setContact] = useState('');
  const [consentGiven, setConsentGiven] = useState(false);
  const [consentDate, setConsentDate] = useState(todayIso());
  const [missing, setMissing] = useState<Record<string, string>>({});
  const file = useMutation({
    mutationFn: (body: BodyOf<typeof intake.vprOrientations.file>) => call(intake.vprOrientations.file, { body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['vpr-orientations'] });
      setNir('');
      setBirthName('');
      setFirstNames('');
      setBirthDate('');
      setReason('');
      setConsentGiven(false);
    },
  });
  const err = (f: string) => missing[f] ?? fieldError(file.error, f);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const m: Record<string, string> = {};
    if (!nir.trim()) m.nir = 'Indiquez le NIR du salarié.';
    if (!birthName.trim()) m.birthName = 'Indiquez le nom de naissance.';
    if (!firstNames.trim()) m.firstNames = 'Indiquez le prénom.';
    if (!birthDate) m.birthDate = 'Indiquez la date de naissance.';
    if (!reason.trim()) m.reason = "Indiquez le motif de l'orientation.";
    if (!contact.trim()) m.contact = 'Indiquez comment vous joindre.';
    if (!consentGiven) m.consentGiven = "L'accord du salarié est nécessaire pour transmettre la fiche.";
    setMissing(m);
    if (Object.keys(m).length) return;
    file.mutate({ nir, birthName, firstNames, birthDate, reason, contact, consentGiven, consentDate });
  }

  return (
    <Stack gap="md" maw={680}>
      <Anchor component={Link} to="/partenaire/fiches-liaison" size="sm">
        ← Fiches de liaison
      </Anchor>
      <Title order={1}>Nouvelle fiche de liaison</Title>
      <Text size="sm">
        Orientation d’un assuré vers une visite de pré-reprise. La cellule de prévention contacte le salarié pour lui proposer la visite, puis vous informe de la
        suite donnée. N’indiquez aucun diagnostic : le motif reste administratif.
      </Text>
      {file.isSuccess && (
        <Alert color="blue" variant="light" role="status" title="Fiche transmise">
          La cellule a reçu la fiche de liaison. Sa réponse apparaîtra dans « Fiches de liaison ».
        </Alert>
      )}
      <form onSubmit={submit} noValidate aria-label="Nouvelle fiche de liaison">
        <Stack gap="md">
          <TextInput label="NIR du salarié" required description="15 caractères, espaces acceptés" value={nir} onChange={(e) => setNir(e.currentTarget.value)} error={err('nir')} />
          <Group grow align="flex-start">
            <TextInput label="Nom de naissance" required value={birthName} onChange={(e) => setBirthName(e.currentTarget.value)} error={err('birthName')} />
            <TextInput label="Prénom(s)" required value={firstNames} onChange={(e) => setFirstNames(e.currentTarget.value)} error={err('firstNames')} />
          </Group>
          <DateField label="Date de naissance" required value={birthDate} onChange={setBirthDate} error={err('birthDate')} />
          <Textarea label="Motif de l'orientation" required description="Administratif, sans détail médical." autosize minRows={3} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={err('reason')} />
          <TextInput label="Pour vous répondre" required description="Nom, courriel ou téléphone du médecin conseil" value={contact} onChange={(e) => setContact(e.currentTarget.value)} error={err('contact')} />
          <Checkbox label="Le salarié a donné son accord à la transmission de cette fiche à la cellule" checked={consentGiven} onChange={(e) => setConsentGiven(e.currentTarget.checked)} error={err('consentGiven')} />
          <DateField label="Date de l'accord du salarié" required value={consentDate} onChange={setConsentDate} error={err('consentDate')} />
          <ErrorAlert message={formError(file.error, FICHE_FIELDS)} />
          <Group>
            <Button type="submit" loading={file.isPending}>
              Transmettre la fiche
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
