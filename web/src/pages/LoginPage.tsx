import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { auth } from '@contract';
import { ApiError } from '../api';
import { call } from '../client';
import { homePath, safeReturnPath, useOptionalSession, useSetSession } from '../auth';
import { SkipLink } from '../components/AppLayout';
import { usePageTitle } from '../components/PageTitle';

/** /connexion: e-mail and password; errors (invalid, locked, too many attempts) shown inline. */
export function LoginPage() {
  usePageTitle('Connexion');
  const session = useOptionalSession();
  const setSession = useSetSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});

  const login = useMutation({
    mutationFn: (body: { email: string; password: string }) => call(auth.login, { body, allowUnauthenticated: true }),
    onSuccess: (s) => {
      setSession(s);
      void navigate(safeReturnPath(params.get('retour')) ?? homePath(s), { replace: true });
    },
  });

  if (session && !login.isPending) return <Navigate to={safeReturnPath(params.get('retour')) ?? homePath(session)} replace />;

  const error = login.error;
  const emailError = missing.email ?? (error instanceof ApiError && error.field === 'email' ? error.message : undefined);
  const passwordError = missing.password ?? (error instanceof ApiError && error.field === 'password' ? error.message : undefined);
  const generalError = error && !(error instanceof ApiError && (error.field === 'email' || error.field === 'password'));

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const m: typeof missing = {};
    if (!email.trim()) m.email = 'Saisissez votre adresse électronique.';
    if (!password) m.password = 'Saisissez votre mot de passe.';
    setMissing(m);
    if (m.email || m.password) return;
    login.mutate({ email: email.trim(), password });
  }

  return (
    <>
      <SkipLink />
      <Center component="main" id="contenu" tabIndex={-1} mih="100vh" p="md" bg="gray.0">
        <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
          <form onSubmit={submit} noValidate>
            <Stack>
              <div>
                <Text c="blue.9" fw={700} fz="xl">
                  Maintien
                </Text>
                <Title order={1} fz="h2">
                  Connexion
                </Title>
                <Text size="sm" c="dimmed">
                  Prévention de la désinsertion professionnelle
                </Text>
              </div>
              {generalError && (
                <Alert color="red" variant="light" role="alert" title="Connexion impossible">
                  {error instanceof ApiError ? error.message : 'Le serveur est injoignable. Réessayez dans un instant.'}
                </Alert>
              )}
              <TextInput
                label="Adresse électronique"
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={emailError}
                autoFocus
              />
              <PasswordInput
                label="Mot de passe"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={passwordError}
                visibilityToggleButtonProps={{ 'aria-label': 'Afficher les caractères saisis' }}
              />
              <Button type="submit" loading={login.isPending} fullWidth>
                Se connecter
              </Button>
            </Stack>
          </form>
        </Paper>
      </Center>
    </>
  );
}
