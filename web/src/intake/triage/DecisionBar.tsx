import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Button, Group, List, Modal, NativeSelect, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { intake, type BodyOf, type ResponseOf } from '@contract';
import { fieldError, formError } from '../../api';
import { call } from '../../client';
import { can, useSession } from '../../auth';
import { ErrorAlert } from '../../components/ErrorAlert';
import { UserCheckboxes } from '../../components/UserCheckboxes';
import { formatNumber, plural } from '../../format';
import { useServiceUsers } from '../../pages/DossiersPage';

type Body = BodyOf<typeof intake.triage.decide>;
type Action = intake.TriageAction;
type Result = ResponseOf<typeof intake.triage.decide>;

/** What a bulk decision applies to: rows chosen by hand, or every row of the list's filter. */
export type Selection = { kind: 'ids'; ids: string[]; count: number } | { kind: 'filter'; filter: NonNullable<Body['filter']>; count: number };

const MIN_REASON = 3;

/** How many rows, in words: « 3 salariés », « les 120 salariés du filtre ». */
function selectionText(s: Selection): string {
  return s.kind === 'filter' ? `les ${formatNumber(s.count)} salariés du filtre` : plural(s.count, 'salarié', 'salariés');
}

/** The bulk actions on the selected rows, each confirmed in a dialog; the result announced. */
export function DecisionBar({ selection, onDone }: { selection: Selection; onDone(): void }) {
  const session = useSession();
  const client = useQueryClient();
  const [action, setAction] = useState<Action | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const mayOpen = can(session, 'dossier.create');
  const maySetAside = can(session, 'dossier.transition');
  const decide = useMutation({
    mutationFn: (body: Body) => call(intake.triage.decide, { body }),
    onSuccess: (res) => {
      setResult(res);
      setAction(null);
      onDone();
      void client.invalidateQueries({ queryKey: ['triage'] });
      void client.invalidateQueries({ queryKey: ['dossiers'] });
      void client.invalidateQueries({ queryKey: ['signals'] });
    },
  });
  const empty = selection.count === 0;
  const start = (a: Action) => {
    decide.reset();
    setAction(a);
  };
  const submit = (extra: Pick<Body, 'assigneeIds' | 'referentId' | 'reason'>) => {
    if (!action) return;
    decide.mutate({ action, ...(selection.kind === 'filter' ? { filter: selection.filter } : { ids: selection.ids }), ...extra });
  };

  return (
    <Stack gap="sm">
      <Paper withBorder p="sm" role="region" aria-label="Actions sur la sélection">
        <Group gap="sm" wrap="wrap">
          <Text size="sm" fw={600}>
            {empty ? 'Sélectionnez des lignes pour agir' : `Pour ${selectionText(selection)} :`}
          </Text>
          {mayOpen && (
            <>
              <Button size="compact-md" disabled={empty} onClick={() => start('ouvrir')}>
                Ouvrir un dossier
              </Button>
              <Button size="compact-md" variant="default" disabled={empty} onClick={() => start('rattacher')}>
                Rattacher au dossier ouvert
              </Button>
            </>
          )}
          {maySetAside && (
            <>
              <Button size="compact-md" variant="default" disabled={empty} onClick={() => start('non_retenu')}>
                Non retenu
              </Button>
              <Button size="compact-md" variant="default" disabled={empty} onClick={() => start('hors_perimetre')}>
                Hors périmètre
              </Button>
            </>
          )}
        </Group>
      </Paper>
      <div aria-live="polite" role="status">
        {result && <ResultAlert result={result} onClose={() => setResult(null)} />}
      </div>
      <Modal opened={action !== null} onClose={() => setAction(null)} title={action ? intake.TRIAGE_ACTION_LABELS[action] : ''} centered size="lg">
        {action && <DecisionForm action={action} selection={selection} pending={decide.isPending} error={decide.error} onCancel={() => setAction(null)} onSubmit={submit} />}
      </Modal>
    </Stack>
  );
}

function DecisionForm({
  action,
  selection,
  pending,
  error,
  onCancel,
  onSubmit,
}: {
  action: Action;
  selection: Selection;
  pending: boolean;
  error: unknown;
  onCancel(): void;
  onSubmit(extra: Pick<Body, 'assigneeIds' | 'referentId' | 'reason'>): void;
}) {
  const session = useSession();
  const listUsers = action === 'ouvrir' && can(session, 'user.list');
  const users = useServiceUsers(listUsers);
  const [assigneeIds, setAssigneeIds] = useState<string[] | null>(null);
  const [referentId, setReferentId] = useState('');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState('');
  // The author usually follows the dossiers he opens: proposed by default, as on « Nouveau dossier ».
  const assignees = assigneeIds ?? (users.data?.items.some((u) => u.id === session.user.id) ? [session.user.id] : []);

  const what = selectionText(selection);
  const intro: Record<Action, string> = {
    ouvrir: `Un dossier « Signalé » sera ouvert pour ${what}, suivi par les professionnels choisis. Leurs signalements rejoignent le dossier et les tâches des règles de détection apparaissent.`,
    rattacher: `Les signalements de ${what} rejoindront le dossier en cours de chacun. Une ligne sans dossier en cours est ignorée et signalée.`,
    non_retenu: `Les signalements de ${what} ne seront pas retenus : aucun dossier n’est ouvert. Un nouveau signalement les remettra à qualifier.`,
    hors_perimetre: `Les signalements de ${what} seront classés hors périmètre de la cellule : aucun dossier n’est ouvert.`,
  };
  const confirm: Record<Action, string> = {
    ouvrir: selection.count > 1 ? `Ouvrir ${formatNumber(selection.count)} dossiers` : 'Ouvrir le dossier',
    rattacher: 'Rattacher',
    non_retenu: 'Confirmer « Non retenu »',
    hors_perimetre: 'Confirmer « Hors périmètre »',
  };

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (action === 'non_retenu' && reason.trim().length < MIN_REASON) {
      setMissing('Indiquez pourquoi ces signalements ne sont pas retenus (au moins 3 caractères).');
      return;
    }
    setMissing('');
    if (action === 'ouvrir') {
      onSubmit({ ...(assignees.length ? { assigneeIds: assignees } : {}), ...(referentId && assignees.includes(referentId) ? { referentId } : {}) });
    } else if (action === 'non_retenu' || action === 'hors_perimetre') {
      onSubmit(reason.trim() ? { reason: reason.trim() } : {});
    } else {
      onSubmit({});
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">{intro[action]}</Text>
        <ErrorAlert message={formError(error, ['reason', 'assigneeIds', 'referentId'])} />
        {listUsers && (
          <>
            <UserCheckboxes
              users={users.data?.items ?? []}
              value={assignees}
              onChange={setAssigneeIds}
              description="Les professionnels qui suivront les dossiers"
              error={fieldError(error, 'assigneeIds')}
            />
            {assignees.length > 0 && (
              <NativeSelect
                label="Référent"
                description="Le professionnel qui pilote les dossiers (par défaut, vous)"
                data={[{ value: '', label: 'Aucun référent choisi' }, ...(users.data?.items ?? []).filter((u) => assignees.includes(u.id)).map((u) => ({ value: u.id, label: u.displayName }))]}
                value={assignees.includes(referentId) ? referentId : ''}
                onChange={(e) => setReferentId(e.currentTarget.value)}
                error={fieldError(error, 'referentId')}
                maw={420}
              />
            )}
          </>
        )}
        {(action === 'non_retenu' || action === 'hors_perimetre') && (
          <Textarea
            label="Motif"
            description={action === 'non_retenu' ? 'Pourquoi la cellule ne retient pas ces signalements (obligatoire)' : 'Facultatif'}
            required={action === 'non_retenu'}
            autosize
            minRows={2}
            maxRows={6}
            maxLength={1000}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setMissing('');
            }}
            error={missing || fieldError(error, 'reason')}
            data-autofocus
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Annuler
          </Button>
          <Button type="submit" loading={pending}>
            {confirm[action]}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const DONE_TEXT: Record<string, (n: number) => string> = {
  ouvrir: (n) => (n === 1 ? '1 dossier ouvert.' : `${formatNumber(n)} dossiers ouverts.`),
  rattacher: (n) => `${plural(n, 'salarié rattaché', 'salariés rattachés')} à son dossier en cours.`,
  non_retenu: (n) => `${plural(n, 'salarié', 'salariés')} « Non retenu ».`,
  hors_perimetre: (n) => `${plural(n, 'salarié', 'salariés')} « Hors périmètre ».`,
};
const SHOWN_DOSSIERS = 20;

function ResultAlert({ result, onClose }: { result: Result; onClose(): void }) {
  const done = (DONE_TEXT[result.action] ?? ((n: number) => `${plural(n, 'salarié qualifié', 'salariés qualifiés')}.`))(result.decided);
  const opened = result.dossiers.filter((d) => d.opened || result.action === 'rattacher');
  return (
    <Alert color={result.skipped.length ? 'yellow' : 'green'} variant="light" withCloseButton closeButtonLabel="Fermer le message" onClose={onClose}>
      <Stack gap="xs">
        <Text size="sm" fw={700}>
          Décision enregistrée
        </Text>
        <Text size="sm">{result.decided === 0 ? 'Aucune ligne qualifiée.' : done}</Text>
        {opened.length > 0 && (
          <Text size="sm">
            {opened.slice(0, SHOWN_DOSSIERS).map((d, i) => (
              <span key={d.id}>
                {i > 0 && ', '}
                <Anchor component={Link} to={`/dossiers/${d.id}`} size="sm" c="blue.9" underline="always">
                  {d.reference}
                </Anchor>
              </span>
            ))}
            {opened.length > SHOWN_DOSSIERS ? ` et ${formatNumber(opened.length - SHOWN_DOSSIERS)} autres` : ''}
          </Text>
        )}
        {result.skipped.length > 0 && (
          <>
            <Text size="sm" fw={600}>
              {plural(result.skipped.length, 'ligne ignorée', 'lignes ignorées')} :
            </Text>
            <List size="sm">
              {summarize(result.skipped).map(([message, n]) => (
                <List.Item key={message}>
                  {message}
                  {n > 1 ? ` (${formatNumber(n)} lignes)` : ''}
                </List.Item>
              ))}
            </List>
          </>
        )}
      </Stack>
    </Alert>
  );
}

/** Skipped rows grouped by message (a bulk decision may skip hundreds for the same reason). */
function summarize(skipped: Result['skipped']): [string, number][] {
  const counts = new Map<string, number>();
  for (const s of skipped) {
    // The list is reloaded already: say what happened rather than « rechargez la liste ».
    const message = s.code === 'DEJA_QUALIFIE' ? 'Déjà qualifié entre-temps (par vous ou un collègue).' : s.message;
    counts.set(message, (counts.get(message) ?? 0) + 1);
  }
  return [...counts.entries()];
}
