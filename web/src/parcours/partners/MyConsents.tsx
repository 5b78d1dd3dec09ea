import { Badge, Card, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { parcours, type WireOf } from '@contract';
import { ApiError } from '../../api';
import { call } from '../../client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate } from '../../format';
import { ConfirmButton } from './ConfirmButton';

type Consent = WireOf<typeof parcours.Consent>;

const SHARE = parcours.PARTNER_SHARING_PURPOSE;
export const MY_CONSENTS_KEY = ['my-consents'] as const;

/**
 * « Qui peut voir mon parcours » in the worker's carnet: one line per organisation that may
 * receive, with the current consent and its date, and a button to grant or withdraw (each asks
 * for confirmation). Other purposes (instance partenariale, Assurance maladie) are listed below.
 */
export function MyConsents() {
  const client = useQueryClient();
  const query = useQuery({ queryKey: MY_CONSENTS_KEY, queryFn: ({ signal }) => call(parcours.consents.mine, { signal }), retry: false });
  const refresh = () => {
    void client.invalidateQueries({ queryKey: MY_CONSENTS_KEY });
    void client.invalidateQueries({ queryKey: ['carnet'] });
  };
  const grant = useMutation({ mutationFn: (organisationId: string) => call(parcours.consents.grantMine, { body: { purpose: SHARE, organisationId } }), onSuccess: refresh });
  const withdraw = useMutation({ mutationFn: (id: string) => call(parcours.consents.withdrawMine, { params: { id } }), onSuccess: refresh });

  if (query.isError && query.error instanceof ApiError && (query.error.status === 403 || query.error.status === 404)) return null;
  if (!query.data) return query.isError ? <ErrorAlert error={query.error} /> : null;
  const { organisations, consents, purposes } = query.data;
  const share = purposes.find((p) => p.code === SHARE);
  const current = (orgId: string): Consent | undefined => consents.find((c) => c.current && c.purpose === SHARE && c.organisation.id === orgId);
  const others = consents.filter((c) => c.current && c.purpose !== SHARE);
  const past = consents.filter((c) => !c.current);

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="titre-consentements">
      <Stack gap="sm">
        <Title order={2} id="titre-consentements" fz="h4">
          Qui peut voir mon parcours
        </Title>
        {share && <Text size="sm">{share.description}</Text>}
        <Text size="sm">Vous pouvez retirer votre accord à tout moment : le partage cesse immédiatement. Les informations médicales ne sont jamais partagées.</Text>
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Organismes partenaires">
          {organisations.map((o) => {
            const c = current(o.id);
            return (
              <Paper component="li" key={o.id} withBorder p="sm">
                <Group justify="space-between" align="center" wrap="wrap" gap="xs">
                  <div>
                    <Text fw={600} size="sm">
                      {o.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {o.kindLabel}
                    </Text>
                    <Text size="sm" mt={2}>
                      {c ? `Accès autorisé depuis le ${formatDate(c.grantedAt)}` : 'Pas d’accès à votre parcours'}
                    </Text>
                  </div>
                  {c ? (
                    <ConfirmButton
                      size="sm"
                      variant="light"
                      color="red"
                      label="Retirer l’accès"
                      aria-label={`Retirer l’accès de ${o.name}`}
                      title={`Retirer l’accès de ${o.name} ?`}
                      message={`${o.name} ne pourra plus consulter votre parcours ni recevoir d’adressage de la cellule, dès maintenant.`}
                      confirmLabel="Oui, retirer l’accès"
                      loading={withdraw.isPending}
                      error={withdraw.error}
                      onConfirm={() => withdraw.mutateAsync(c.id)}
                    />
                  ) : (
                    <ConfirmButton
                      size="sm"
                      variant="light"
                      label="Autoriser l’accès"
                      aria-label={`Autoriser l’accès de ${o.name}`}
                      title={`Autoriser ${o.name} à voir votre parcours ?`}
                      message={share?.description ?? ''}
                      confirmLabel="Oui, j’autorise"
                      loading={grant.isPending}
                      error={grant.error}
                      onConfirm={() => grant.mutateAsync(o.id)}
                    />
                  )}
                </Group>
              </Paper>
            );
          })}
        </Stack>
        {others.length > 0 && (
          <>
            <Title order={3} fz="h5">
              Mes autres accords en cours
            </Title>
            <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
              {others.map((c) => (
                <Paper component="li" key={c.id} withBorder p="sm">
                  <Group justify="space-between" wrap="wrap" gap="xs">
                    <div>
                      <Text size="sm" fw={600}>
                        {c.purposeLabel}
                      </Text>
                      <Text size="sm">
                        {c.organisation.name}, depuis le {formatDate(c.grantedAt)}
                      </Text>
                    </div>
                    <ConfirmButton
                      size="sm"
                      variant="light"
                      color="red"
                      label="Retirer"
                      aria-label={`Retirer l’accord « ${c.purposeLabel} » à ${c.organisation.name}`}
                      title="Retirer cet accord ?"
                      message={`${c.purposeLabel} : ${c.organisation.name}. Le retrait prend effet immédiatement.`}
                      confirmLabel="Oui, retirer"
                      loading={withdraw.isPending}
                      error={withdraw.error}
                      onConfirm={() => withdraw.mutateAsync(c.id)}
                    />
                  </Group>
                </Paper>
              ))}
            </Stack>
          </>
        )}
        {past.length > 0 && (
          <>
            <Title order={3} fz="h5">
              Accords retirés
            </Title>
            <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }}>
              {past.map((c) => (
                <Text component="li" size="sm" key={c.id}>
                  <Badge size="xs" variant="light" color="gray" mr={6} style={{ textTransform: 'none' }}>
                    Retiré
                  </Badge>
                  {c.purposeLabel} — {c.organisation.name} : du {formatDate(c.grantedAt)} au {formatDate(c.withdrawnAt)}
                </Text>
              ))}
            </Stack>
          </>
        )}
      </Stack>
    </Card>
  );
}
