/**
 * Upload of a flux file in « Imports du flux » (POST /api/v1/flux/imports): drop the file or choose
 * it, see its name and size, send it. The server checks it before any job starts (size, UTF-8,
 * header) and answers its French refusal, shown here; accepted, the import is a job whose progress
 * is followed live (lines done of total, rate, time left), then its report.
 */
import { useRef, useState, type DragEvent } from 'react';
import { Link } from 'react-router';
import { Alert, Anchor, Box, Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { intake } from '@contract';
import { ApiError, errorMessage } from '../../api';
import { useSession } from '../../auth';
import { JobProgress, isActiveJob, useJob, type JobView } from '../../components/jobs';
import { formatNumber } from '../../format';

const contentType = (name: string) => (/\.(jsonl|ndjson)$/i.test(name) ? 'application/x-ndjson' : 'text/csv');

async function uploadFlux(file: File, csrf: string): Promise<JobView> {
  const url = `${intake.flux.upload.path}?fileName=${encodeURIComponent(file.name.slice(0, 255))}`;
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', body: file, headers: { 'content-type': contentType(file.name), 'x-csrf-token': csrf, accept: 'application/json' }, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'RESEAU', "Le fichier n'a pas pu être envoyé : le serveur est injoignable. Vérifiez votre connexion puis réessayez.");
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? `HTTP_${res.status}`, err?.message ?? 'Le serveur a refusé le fichier. Réessayez dans un instant.');
  }
  return data as JobView;
}

interface Report {
  batchId?: string;
  lines?: number;
  warnings?: string[];
  rejections?: Array<{ code: string }>;
  truncated?: boolean;
  resumed?: boolean;
}

/** The import's report once the job ended: warnings, rejections by code, the link to the batch. */
export function FluxJobReport({ job }: { job: JobView }) {
  const r = (job.result ?? {}) as Report;
  const byCode = new Map<string, number>();
  for (const x of r.rejections ?? []) byCode.set(x.code, (byCode.get(x.code) ?? 0) + 1);
  return (
    <Stack gap={4}>
      {r.resumed && <Text size="sm">Import repris après une interruption : aucune ligne n'a été traitée deux fois.</Text>}
      {(r.warnings ?? []).map((w) => (
        <Alert key={w} color="yellow" variant="light">
          {w}
        </Alert>
      ))}
      {byCode.size > 0 && (
        <>
          <Text size="sm">
            Rejets par code{r.truncated ? ' (parmi les premiers rejets)' : ''} :
          </Text>
          <List size="sm">
            {[...byCode].sort((a, b) => b[1] - a[1]).map(([code, n]) => (
              <List.Item key={code}>
                {code} : {formatNumber(n)}
              </List.Item>
            ))}
          </List>
        </>
      )}
      {r.batchId && (
        <Anchor component={Link} to={`/flux/imports/${r.batchId}`} size="sm" fw={600}>
          Voir le détail de l'import et le rapport des rejets
        </Anchor>
      )}
    </Stack>
  );
}

/** Drop zone, file choice, send; then the progress of the job (or of the one already running). */
export function FluxUpload({ running }: { running: JobView | null }) {
  const session = useSession();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [over, setOver] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const followed = useJob(jobId ?? running?.id ?? null);
  const job = followed.data ?? running;
  const busy = sending || isActiveJob(job);

  const pick = (f: File | null | undefined) => {
    setError(null);
    setFile(f ?? null);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (!busy) pick(e.dataTransfer.files?.[0]);
  };
  const send = async () => {
    if (!file) return;
    setSending(true);
    setError(null);
    try {
      const started = await uploadFlux(file, session.csrfToken);
      setJobId(started.id);
      setFile(null);
      if (input.current) input.current.value = '';
      await queryClient.invalidateQueries({ queryKey: ['jobs', 'flux.import'] });
    } catch (err) {
      setError(err);
    } finally {
      setSending(false);
    }
  };

  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        Déposer un fichier du flux
      </Title>
      <Box
        onDragOver={(e) => {
          e.preventDefault();
          if (!busy) setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="flux-dropzone"
        p="lg"
        style={{
          border: `2px dashed var(--mantine-color-${over ? 'blue-6' : 'gray-5'})`,
          borderRadius: 8,
          background: over ? 'var(--mantine-color-blue-0)' : undefined,
          textAlign: 'center',
        }}
      >
        <Stack gap={6} align="center">
          <Text>Glissez ici un fichier « arrêts de travail » (CSV ou JSON Lines), ou</Text>
          <Button variant="default" onClick={() => input.current?.click()} disabled={busy}>
            Choisir un fichier
          </Button>
          <input
            ref={input}
            type="file"
            accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson"
            aria-label="Fichier du flux à importer"
            style={{ display: 'none' }}
            onChange={(e) => pick(e.currentTarget.files?.[0])}
          />
          {file && (
            <Text size="sm" fw={500} data-testid="flux-file">
              {file.name} — {intake.formatBytes(file.size)}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            Le fichier est vérifié avant l'import (encodage UTF-8, en-tête du flux, taille). Un seul import à la fois pour le service.
          </Text>
        </Stack>
      </Box>
      <Group>
        <Button onClick={() => void send()} disabled={!file || busy} loading={sending}>
          Importer le fichier
        </Button>
        {sending && <Text size="sm">Envoi du fichier…</Text>}
      </Group>
      {error !== null && (
        <Alert color="red" variant="light" title="Fichier refusé" role="alert">
          {errorMessage(error)}
        </Alert>
      )}
      {job && (
        <JobProgress job={job}>
          <FluxJobReport job={job} />
        </JobProgress>
      )}
    </Stack>
  );
}
