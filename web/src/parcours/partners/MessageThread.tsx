import { useEffect, useState } from 'react';
import { Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { parcours } from '@contract';
import { fieldError, formError } from '../../api';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format';

export const threadKey = (dossierId: string, organisationId: string | null) => ['dossier-thread', dossierId, organisationId ?? 'moi'] as const;

/**
 * One secure thread between the cell and a partner about a case. Opening it marks the other
 * side's messages read. `organisationId` is the partner (cell side); absent on the partner side.
 */
export function MessageThread({ dossierId, organisationId, label }: { dossierId: string; organisationId: string | null; label: string }) {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: threadKey(dossierId, organisationId),
    queryFn: ({ signal }) => call(parcours.messages.read, { params: { id: dossierId }, query: { organisationId: organisationId ?? undefined }, signal }),
    retry: false,
  });
  const [body, setBody] = useState('');
  // Reading marked the other side's messages read: refresh the unread counts shown elsewhere.
  const readAt = query.dataUpdatedAt;
  useEffect(() => {
    if (!readAt) return;
    void client.invalidateQueries({ queryKey: ['dossier-threads', dossierId] });
    void client.invalidateQueries({ queryKey: ['partner-case', dossierId] });
    void client.invalidateQueries({ queryKey: ['partner-dossiers'] });
  }, [readAt, client, dossierId]);
  const send = useMutation({
    mutationFn: () => call(parcours.messages.send, { params: { id: dossierId }, body: { body, ...(organisationId ? { organisationId } : {}) } }),
    onSuccess: () => {
      setBody('');
      void client.invalidateQueries({ queryKey: threadKey(dossierId, organisationId) });
      void client.invalidateQueries({ queryKey: ['dossier-threads', dossierId] });
    },
  });
  if (!query.data) return query.isError ? <ErrorAlert error={query.error} /> : null;
  const mine = query.data.side;
  return (
    <Stack gap="xs">
      {query.data.items.length === 0 ? (
        <Text size="sm">Aucun message pour l’instant.</Text>
      ) : (
        <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label={`Messages — ${label}`}>
          {query.data.items.map((m) => (
            <Paper
              component="li"
              key={m.id}
              withBorder
              p="xs"
              ml={m.senderSide === mine ? 'xl' : 0}
              mr={m.senderSide === mine ? 0 : 'xl'}
              bg={m.senderSide === mine ? 'var(--mantine-color-blue-0)' : undefined}
            >
              <Text size="sm" className="pre-wrap">
                {m.body}
              </Text>
              <Text size="xs" c="dimmed" mt={2}>
                {m.senderName}, {formatDateTime(m.createdAt)}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
      <form
        aria-label={`Écrire — ${label}`}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (body.trim()) send.mutate();
        }}
      >
        <Stack gap="xs">
          <Textarea
            label="Nouveau message"
            description="Messagerie sécurisée : n’écrivez aucune information médicale."
            autosize
            minRows={2}
            maxLength={parcours.MESSAGE_MAX_LENGTH}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            error={fieldError(send.error, 'body')}
          />
          <ErrorAlert message={formError(send.error, ['body'])} />
          <Group>
            <Button type="submit" size="sm" loading={send.isPending} disabled={!body.trim()}>
              Envoyer
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
