import { Button, Group } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { intake, type WireOf } from '@contract';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';

type Task = WireOf<typeof intake.Task>;

/** « Fait » / « Annuler » on an open task; refreshes every task list. */
export function TaskActions({ task }: { task: Task }) {
  const client = useQueryClient();
  const close = useMutation({
    mutationFn: (to: 'done' | 'cancel') => call(intake.tasks[to], { params: { id: task.id } }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
  if (task.status !== 'a_faire') return null;
  return (
    <>
      <Group gap="xs" wrap="nowrap">
        <Button size="xs" onClick={() => close.mutate('done')} loading={close.isPending && close.variables === 'done'} aria-label={`Fait : ${task.title} (${task.worker.displayName})`}>
          Fait
        </Button>
        <Button size="xs" variant="default" onClick={() => close.mutate('cancel')} loading={close.isPending && close.variables === 'cancel'} aria-label={`Annuler la tâche : ${task.title} (${task.worker.displayName})`}>
          Annuler
        </Button>
      </Group>
      {close.isError && <ErrorAlert error={close.error} />}
    </>
  );
}
