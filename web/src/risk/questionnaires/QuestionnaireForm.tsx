/**
 * The form of a questionnaire, drawn from its definition: one control per item, the errors of the
 * server shown next to their question, « Enregistrer » (partial, resumed later) and « Terminer ».
 * Works on a phone (the worker answers from a personal link).
 */
import { useState } from 'react';
import { Alert, Button, Checkbox, Group, NumberInput, Radio, Stack, Text, Title } from '@mantine/core';
import { ApiError, errorMessage } from '../../api';
import { risk, type WireOf } from '@contract';
import { errorDetails } from '../../client';

type Answers = risk.Answers;
type AnswerValue = risk.AnswerValue;
type Definition = WireOf<typeof risk.QuestionnaireDefinition>;
type QuestionnaireItem = WireOf<typeof risk.QuestionnaireItem>;

/** A saved value the form can show (saved answers were validated by the server). */
const isAnswerValue = (v: unknown): v is AnswerValue => typeof v === 'number' || typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'));

export interface QuestionnaireFormProps {
  definition: Definition;
  /** The answers saved so far, as the API gives them. */
  initial?: Record<string, unknown>;
  /** Saves (complete = false) or completes; rejects with the server's ApiError. */
  onSubmit(answers: Answers, complete: boolean): Promise<unknown>;
  /** Heading level of the section titles (the page's own headings come before). */
  headingOrder?: 2 | 3 | 4;
  showIntro?: boolean;
  saveLabel?: string;
  completeLabel?: string;
}

/** Answers as sent: every answered item (empty multi lists included). */
function toPayload(definition: Definition, answers: Answers): Answers {
  const out: Answers = {};
  for (const item of definition.items) {
    const v = answers[item.id];
    if (v === undefined || v === '') continue;
    out[item.id] = v;
  }
  return out;
}

function ItemField({ item, value, error, onChange, index }: { item: QuestionnaireItem; value: AnswerValue | undefined; error?: string; onChange(v: AnswerValue): void; index: number | null }) {
  const label = index === null ? item.label : `${index}. ${item.label}`;
  switch (item.type) {
    case 'scale': {
      const values = Array.from({ length: (item.max ?? 10) - (item.min ?? 0) + 1 }, (_, i) => String((item.min ?? 0) + i));
      return (
        <Radio.Group
          label={label}
          description={item.minLabel && item.maxLabel ? `${item.minLabel} — ${item.maxLabel}` : item.help}
          required={item.required}
          value={value === undefined ? null : String(value)}
          onChange={(v) => onChange(Number(v))}
          error={error}
        >
          <Group gap="sm" mt="xs">
            {values.map((v) => (
              <Radio key={v} value={v} label={v} />
            ))}
          </Group>
        </Radio.Group>
      );
    }
    case 'choice':
      return (
        <Radio.Group label={label} description={item.help} required={item.required} value={value === undefined ? null : String(value)} onChange={(v) => onChange(v)} error={error}>
          <Stack gap={6} mt="xs">
            {item.options?.map((o) => (
              <Radio key={String(o.value)} value={String(o.value)} label={o.label} />
            ))}
          </Stack>
        </Radio.Group>
      );
    case 'multi':
      return (
        <Checkbox.Group label={label} description={item.help} value={Array.isArray(value) ? value : []} onChange={(v) => onChange(v)} error={error}>
          <Stack gap={6} mt="xs">
            {item.options?.map((o) => (
              <Checkbox key={String(o.value)} value={String(o.value)} label={o.label} />
            ))}
          </Stack>
        </Checkbox.Group>
      );
    case 'number':
      return (
        <NumberInput
          label={label}
          description={item.help}
          required={item.required}
          min={item.min}
          max={item.max}
          allowDecimal={false}
          suffix={item.unit ? ` ${item.unit}` : undefined}
          value={typeof value === 'number' ? value : ''}
          onChange={(v) => onChange(typeof v === 'number' ? v : '')}
          error={error}
        />
      );
  }
}

export function QuestionnaireForm({ definition, initial, onSubmit, headingOrder = 3, showIntro = true, saveLabel, completeLabel }: QuestionnaireFormProps) {
  const [answers, setAnswers] = useState<Answers>(() => {
    const a: Answers = {};
    for (const [k, v] of Object.entries(initial ?? {})) if (isAnswerValue(v)) a[k] = v;
    // An untouched disease list means « none »: the WAI counts an empty list.
    for (const i of definition.items) if (i.type === 'multi' && a[i.id] === undefined) a[i.id] = [];
    return a;
  });
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState<'save' | 'complete' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const details = errorDetails(error, risk.AnswerErrors, 'REPONSES_INVALIDES') ?? {};
  const answered = definition.items.filter((i) => answers[i.id] !== undefined && answers[i.id] !== '').length;

  async function submit(complete: boolean) {
    setPending(complete ? 'complete' : 'save');
    setSaved(null);
    try {
      await onSubmit(toPayload(definition, answers), complete);
      setError(null);
      if (!complete) setSaved('Réponses enregistrées : vous pourrez reprendre plus tard.');
    } catch (e) {
      setError(e);
    } finally {
      setPending(null);
    }
  }

  // Numbered sections (the WAI's seven items) already number the questions.
  const numbered = !definition.items.some((i) => i.section);
  let n = 0;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit(true);
      }}
      noValidate
    >
      <Stack gap="lg">
        {showIntro && <Text>{definition.intro}</Text>}
        {definition.items.map((item) => {
          n += 1;
          return (
            <Stack key={item.id} gap="xs">
              {item.section && (
                <Title order={headingOrder} fz="h5">
                  {item.section}
                </Title>
              )}
              <ItemField item={item} index={numbered ? n : null} value={answers[item.id]} error={details[item.id]} onChange={(v) => setAnswers((a) => ({ ...a, [item.id]: v }))} />
            </Stack>
          );
        })}
        {error !== null && (
          <Alert color="red" variant="light" role="alert" title={Object.keys(details).length > 0 ? errorMessage(error) : undefined}>
            {Object.keys(details).length > 0 ? 'Les questions concernées sont signalées en rouge.' : errorMessage(error)}
          </Alert>
        )}
        {saved && (
          <Alert color="green" variant="light" role="status">
            {saved}
          </Alert>
        )}
        <Text size="sm" c="dimmed">
          {answered} question{answered > 1 ? 's' : ''} sur {definition.items.length} renseignée{answered > 1 ? 's' : ''}.
        </Text>
        <Group>
          <Button type="submit" loading={pending === 'complete'} disabled={pending !== null}>
            {completeLabel ?? 'Terminer et envoyer'}
          </Button>
          <Button variant="default" loading={pending === 'save'} disabled={pending !== null} onClick={() => void submit(false)}>
            {saveLabel ?? 'Enregistrer et reprendre plus tard'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
