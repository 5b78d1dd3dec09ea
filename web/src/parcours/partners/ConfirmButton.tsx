import { useState } from 'react';
import { Button, Group, Modal, Stack, Text, type ButtonProps } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';

/** A button asking for confirmation in a dialog before acting (grant, withdraw). */
export function ConfirmButton({
  label,
  title,
  message,
  confirmLabel,
  onConfirm,
  loading,
  error,
  ...props
}: { label: string; title: string; message: React.ReactNode; confirmLabel: string; onConfirm: () => Promise<unknown> | void; loading?: boolean; error?: unknown } & ButtonProps) {
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button {...props} onClick={() => setOpened(true)}>
        {label}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={title} centered>
        <Stack>
          <Text size="sm">{message}</Text>
          {opened && error ? <ErrorAlert error={error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpened(false)}>
              Annuler
            </Button>
            <Button
              color={props.color}
              loading={loading}
              onClick={async () => {
                try {
                  await onConfirm();
                  setOpened(false);
                } catch {
                  // The error is shown in the dialog.
                }
              }}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
