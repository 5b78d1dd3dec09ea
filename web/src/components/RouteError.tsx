import { Link, useRouteError } from 'react-router';
import { Anchor, Stack, Text, Title } from '@mantine/core';

/** Shown when a page fails to render (a bug): never a blank screen. */
export function RouteError() {
  const error = useRouteError();
  if (error) console.error(error);
  return (
    <main style={{ padding: '2rem', maxWidth: 720, margin: '0 auto' }}>
      <Stack>
        <Title order={1}>Une erreur inattendue est survenue</Title>
        <Text>La page n'a pas pu s'afficher. Rechargez la page ; si le problème continue, prévenez votre administrateur.</Text>
        <Anchor component={Link} to="/" reloadDocument>
          Revenir à l'accueil
        </Anchor>
      </Stack>
    </main>
  );
}
