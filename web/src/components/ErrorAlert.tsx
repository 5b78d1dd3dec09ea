import { Alert } from '@mantine/core';
import { errorMessage } from '../api';

/** The French message of a failed request, announced to screen readers. */
export function ErrorAlert({ error, title, message }: { error?: unknown; title?: string; message?: string }) {
  const text = message ?? (error ? errorMessage(error) : undefined);
  if (!text) return null;
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      {text}
    </Alert>
  );
}
