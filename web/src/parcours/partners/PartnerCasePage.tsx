import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Anchor, Badge, Button, Card, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { parcours, risk, type WireOf } from '@contract';
import { ApiError, fieldError, formError } from '../../api';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/PageTitle';
import { StateBadge } from '../../components/StateBadge';
import { formatDate, formatDateTime } from '../../format';
import { CATEGORY_COLORS } from '../../labels';
import { MessageThread } from './MessageThread';
import { ReferralCard } from './ReferralCard';

type Referral = WireOf<typeof parcours.Referral>;

const caseKey = (id: string) => ['partner-case', id] as const;

/**
 * /partenaire/dossiers/:id: the case as a partner sees it with the worker's consent — the shared
 * (non-medical) timeline, the referrals addressed to its organisation, the risk level the cell
 * signed when it is shared, and the secure thread with the cell.
 */
export function PartnerCasePage() {
  const { id = '' } = useParams();
  usePageTitle('Dossier partagé');
  const query = useQuery({ queryKey: caseKey(id), queryFn: ({ signal }) => call(parcours.partnerDossiers.read, { params: { id }, signal }), retry: false });
  if (query.isPending) return <Loading />;
  if (query.isError) {
    const withdrawn = query.error instanceof ApiError && query.error.code === 'CONSENTEMENT_RETIRE';
    return (
      <Stack>
        <Title order={1}>Dossier partagé</Title>
        <ErrorAlert error={query.error} title={withdrawn ? 'Accès retiré' : undefined} />
        <Anchor component={Link} to="/partenaire">
          Retour aux dossiers partagés
        </Anchor>
      </Stack>
    );
  }
  const d = query.data;
  const entries = [...d.timeline].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/partenaire" size="sm">
        ← Dossiers partagés
      </Anchor>
      <div>
        <Group gap="sm" wrap="wrap">
          <Title order={1}>Dossier {d.reference}</Title>
          <StateBadge state={d.state} label={d.stateLabel} />
        </Group>
        <Text size="lg">{d.workerName}</Text>
        <Text size="sm">
          Ouvert le {formatDate(d.openedAt)} · Chef de file : <strong>{d.lead ? (d.lead.isMe ? `${d.lead.name} (votre organisme)` : d.lead.name) : 'la cellule PDP'}</strong>
        </Text>
      </div>
      <RiskLevel dossierId={d.id} />
      {d.referrals.length > 0 && (
        <Card withBorder padding="lg" component="section" aria-labelledby="titre-adressages">
          <Title order={2} id="titre-adressages" fz="h4" mb="sm">
            Adressages à votre organisme
          </Title>
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
            {d.referrals.map((r) => (
              <ReferralCard key={r.id} r={r}>
                <PartnerReferralActions r={r} dossierId={d.id} />
              </ReferralCard>
            ))}
          </Stack>
        </Card>
      )}
      <Card withBorder padding="lg" component="section" aria-labelledby="titre-messagerie">
        <Title order={2} id="titre-messagerie" fz="h4" mb="sm">
          Messagerie avec la cellule{d.unreadMessages > 0 ? ` (${d.unreadMessages} non lu${d.unreadMessages > 1 ? 's' : ''})` : ''}
        </Title>
        <MessageThread dossierId={d.id} organisationId={null} label="cellule PDP" />
      </Card>
      <Card withBorder padding="lg" component="section" aria-labelledby="titre-parcours">
        <Stack gap="sm">
          <Title order={2} id="titre-parcours" fz="h4">
            Parcours partagé
          </Title>
          <Text size="sm" c="dimmed">
            Seuls les éléments non médicaux partagés avec votre organisme sont affichés.
          </Text>
          <NoteForm dossierId={d.id} />
          {entries.length === 0 ? (
            <Text size="sm">Aucun élément partagé pour le moment.</Text>
          ) : (
            <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Éléments du parcours">
              {entries.map((e) => (
                <Paper component="li" key={e.id} withBorder p="sm">
                  <Group gap="xs" mb={4} wrap="wrap">
                    <Badge size="sm" variant="light" color={CATEGORY_COLORS[e.category] ?? 'gray'} style={{ textTransform: 'none' }}>
                      {e.kind === 'partner_note' ? 'Note partenaire' : e.categoryLabel}
                    </Badge>
                    {e.title && (
                      <Text fw={700} size="sm" component="h3" m={0}>
                        {e.title}
                      </Text>
                    )}
                  </Group>
                  <Text size="sm" className="pre-wrap">
                    {e.body}
                  </Text>
                  <Text size="xs" c="dimmed" mt={4}>
                    {e.authorName ? `${e.authorName}, ` : ''}
                    {formatDateTime(e.createdAt)}
                  </Text>
                </Paper>
              ))}
            </Stack>
          )}
        </Stack>
      </Card>
    </Stack>
  );
}

/** The final risk level signed by the cell (C2), shown only when it is shared (nothing on 403/404). */
function RiskLevel({ dossierId }: { dossierId: string }) {
  const query = useQuery({
    queryKey: ['partner-risk-level', dossierId],
    queryFn: ({ signal }) => call(risk.assessment.readSharedLevel, { params: { id: dossierId }, signal }),
    retry: false,
  });
  if (!query.data || query.data.finalLevel === null) return null;
  return (
    <Paper withBorder p="sm" component="section" aria-label="Niveau de risque">
      <Text size="sm">
        Niveau de risque de désinsertion établi par la cellule : <strong>{query.data.levelLabel ?? query.data.finalLevel}</strong>
        {query.data.signedAt ? ` (signé le ${formatDate(query.data.signedAt)})` : ''}
      </Text>
    </Paper>
  );
}

function PartnerReferralActions({ r, dossierId }: { r: Referral; dossierId: string }) {
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const [feedback, setFeedback] = useState(r.feedback ?? '');
  const done = () => {
    void client.invalidateQueries({ queryKey: caseKey(dossierId) });
    void client.invalidateQueries({ queryKey: ['partner-dossiers'] });
  };
  const respond = useMutation({ mutationFn: (decision: Extract<parcours.ReferralStatus, 'accepte' | 'refuse'>) => call(parcours.referrals.respond, { params: { id: r.id }, body: { decision, note: note || null } }), onSuccess: done });
  const give = useMutation({ mutationFn: () => call(parcours.referrals.giveFeedback, { params: { id: r.id }, body: { feedback } }), onSuccess: done });
  if (r.status === 'envoye') {
    return (
      <Stack gap="xs" mt="sm">
        <Textarea label="Réponse à la cellule (obligatoire pour un refus)" autosize minRows={2} maxLength={4000} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={fieldError(respond.error, 'note')} />
        <ErrorAlert message={formError(respond.error, ['note'])} />
        <Group gap="xs">
          <Button size="sm" loading={respond.isPending && respond.variables === 'accepte'} onClick={() => respond.mutate('accepte')}>
            {r.kind === 'transfert' ? 'Accepter et devenir chef de file' : 'Accepter'}
          </Button>
          <Button size="sm" variant="outline" color="red" loading={respond.isPending && respond.variables === 'refuse'} onClick={() => respond.mutate('refuse')}>
            Refuser
          </Button>
        </Group>
      </Stack>
    );
  }
  if (r.status !== 'accepte') return null;
  return (
    <form
      aria-label="Retour à la cellule"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        give.mutate();
      }}
    >
      <Stack gap="xs" mt="sm">
        <Textarea label="Retour à la cellule" autosize minRows={2} maxLength={4000} value={feedback} onChange={(e) => setFeedback(e.currentTarget.value)} error={fieldError(give.error, 'feedback')} />
        <ErrorAlert message={formError(give.error, ['feedback'])} />
        <Group>
          <Button type="submit" size="sm" variant="light" loading={give.isPending}>
            Enregistrer le retour
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function NoteForm({ dossierId }: { dossierId: string }) {
  const client = useQueryClient();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const add = useMutation({
    mutationFn: () => call(parcours.partnerDossiers.addNote, { params: { id: dossierId }, body: { title: title || null, body } }),
    onSuccess: () => {
      setTitle('');
      setBody('');
      void client.invalidateQueries({ queryKey: caseKey(dossierId) });
    },
  });
  return (
    <form
      aria-label="Ajouter une note au parcours"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <Stack gap="xs">
        <TextInput label="Titre (facultatif)" maxLength={200} value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={fieldError(add.error, 'title')} />
        <Textarea label="Note (aucune information médicale)" autosize minRows={2} value={body} onChange={(e) => setBody(e.currentTarget.value)} error={fieldError(add.error, 'body')} />
        <ErrorAlert message={formError(add.error, ['title', 'body'])} />
        <Group>
          <Button type="submit" size="sm" variant="light" loading={add.isPending} disabled={!body.trim()}>
            Ajouter la note
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
