/** A completed questionnaire's result, explained: score, category and its meaning, points per item, alarms. */
import { Alert, Badge, Card, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { formatDate } from '../../format';
import type { risk, WireOf } from '@contract';
import { CATEGORY_COLORS } from './labels';

type QuestionnaireResponse = WireOf<typeof risk.QuestionnaireResponse>;

const num = (n: number) => n.toLocaleString('fr-FR', { maximumFractionDigits: 1 });

export function ResultCard({ r, headingOrder = 3, showParts = true }: { r: QuestionnaireResponse; headingOrder?: 3 | 4; showParts?: boolean }) {
  return (
    <Card withBorder padding="md">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <Title order={headingOrder} fz="h5">
            {r.title}
          </Title>
          <Text size="sm" c="dimmed">
            {formatDate(r.completedAt)} · {r.respondentLabel}
          </Text>
        </Group>
        {r.score !== null && (
          <Group gap="sm">
            <Text fw={700} fz="lg">
              {num(r.score)} / {r.scoreMax}
            </Text>
            {r.categoryLabel && (
              <Badge color={CATEGORY_COLORS[r.category ?? ''] ?? 'gray.2'} c="dark.9" variant="filled">
                {r.categoryLabel}
              </Badge>
            )}
          </Group>
        )}
        {r.scoreLabel && (
          <Text size="sm" c="dimmed">
            {r.scoreLabel}
          </Text>
        )}
        {r.explanation && <Text size="sm">{r.explanation}</Text>}
        {r.alerts.map((a) => (
          <Alert key={a} color="orange" variant="light" p="xs">
            {a}
          </Alert>
        ))}
        {showParts && r.parts.length > 0 && (
          <Table.ScrollContainer minWidth={320}>
            <Table verticalSpacing={4} fz="sm">
              <Table.Caption>Détail des points</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Question</Table.Th>
                  <Table.Th>Points</Table.Th>
                  <Table.Th style={{ width: '30%' }}>Part du maximum</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.parts.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{p.label}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {num(p.points)} / {num(p.max)}
                    </Table.Td>
                    <Table.Td>
                      <Progress value={p.max > 0 ? (100 * p.points) / p.max : 0} aria-label={`${p.label} : ${num(p.points)} sur ${num(p.max)}`} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}
