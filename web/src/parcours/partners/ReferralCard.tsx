import { Badge, Group, Paper, Text } from '@mantine/core';
import type { parcours, WireOf } from '@contract';
import { formatDate } from '../../format';

type Referral = WireOf<typeof parcours.Referral>;

const STATUS_COLORS: Readonly<Record<string, string>> = { envoye: 'violet', accepte: 'indigo', refuse: 'red', clos: 'gray', annule: 'gray' } satisfies Record<parcours.ReferralStatus, string>;

/** One referral: organisation, kind, stage (flagged late), motif, answer and feedback. */
export function ReferralCard({ r, children }: { r: Referral; children?: React.ReactNode }) {
  return (
    <Paper component="li" withBorder p="sm">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <div>
          <Text size="sm" fw={700}>
            {r.kind === 'transfert' ? 'Transfert du rôle de chef de file' : 'Adressage'} — {r.organisation.name}
          </Text>
          <Text size="sm">
            Stade : {r.stageLabel}
            {r.late && (
              <Badge ml={6} size="sm" color="red" variant="light" style={{ textTransform: 'none' }}>
                Tardif
              </Badge>
            )}
          </Text>
          <Text size="sm" className="pre-wrap">
            Motif : {r.reason}
          </Text>
          <Text size="xs" c="dimmed">
            {r.createdByName ? `${r.createdByName}, ` : ''}le {formatDate(r.createdAt)}
          </Text>
        </div>
        <Badge color={STATUS_COLORS[r.status] ?? 'gray'} variant="light" style={{ textTransform: 'none' }}>
          {r.statusLabel}
        </Badge>
      </Group>
      {r.respondedAt && (
        <Text size="sm" mt="xs">
          Réponse du {formatDate(r.respondedAt)}
          {r.respondedByName ? ` (${r.respondedByName})` : ''}
          {r.responseNote ? ` : ${r.responseNote}` : '.'}
        </Text>
      )}
      {r.feedback && (
        <Text size="sm" mt="xs" className="pre-wrap">
          Retour du partenaire ({formatDate(r.feedbackAt)}) : {r.feedback}
        </Text>
      )}
      {children}
    </Paper>
  );
}
