import { Link } from 'react-router';
import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useOptionalSession } from '../auth';
import { usePageTitle } from '../components/PageTitle';

/** Any unknown address (and the pages a user may not open: they do not exist for him). */
export function NotFoundPage() {
  usePageTitle('Page introuvable');
  const session = useOptionalSession();
  return (
    <Stack gap="md" py="xl">
      <Title order={1}>Page introuvable</Title>
      <Text>L'adresse demandée ne correspond à aucune page. Vérifiez le lien ou revenez à l'accueil.</Text>
      <Anchor component={Link} to={session ? '/' : '/connexion'}>
        {session ? "Revenir à l'accueil" : 'Aller à la page de connexion'}
      </Anchor>
    </Stack>
  );
}
