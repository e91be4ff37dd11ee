import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertCircle, IconBuildingLighthouse, IconClockPause } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useSignIn } from '../../api/mutations';
import { useMe } from '../../api/queries';

/** Only same-site paths are followed after sign-in, never another origin. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function failureMessage(error: unknown): { title: string; text: string; icon: typeof IconAlertCircle } {
  if (isApiError(error, 429)) {
    return { title: 'Too many attempts', text: 'Sign-in is paused for this account after several wrong passwords. Wait 15 minutes, then try again.', icon: IconClockPause };
  }
  if (isApiError(error, 401)) return { title: 'Wrong email or password', text: 'Check both and try again.', icon: IconAlertCircle };
  if (isApiError(error, 422)) return { title: 'Check the form', text: 'Enter your email address and password.', icon: IconAlertCircle };
  return { title: 'Could not sign in', text: error instanceof Error ? error.message : 'Try again.', icon: IconAlertCircle };
}

export function SignInPage() {
  useDocumentTitle('Sign in · Pharos');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const me = useMe();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const next = safeNext(params.get('next'));

  if (me.data) return <Navigate to={next} replace />;

  const emailError = touched && !email.trim() ? 'Enter your email address' : touched && !/^\S+@\S+$/.test(email.trim()) ? 'Enter an email address such as name@example.org' : null;
  const passwordError = touched && !password ? 'Enter your password' : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!email.trim() || !/^\S+@\S+$/.test(email.trim()) || !password) return;
    signIn.mutate({ email: email.trim(), password }, { onSuccess: () => void navigate(next, { replace: true }) });
  };

  const failure = signIn.isError ? failureMessage(signIn.error) : null;

  return (
    <Center mih="100dvh" p="md" bg="gray.0">
      <Paper component="main" withBorder shadow="sm" p="xl" radius="md" w="100%" maw={400}>
        <form onSubmit={submit} noValidate aria-labelledby="sign-in-title">
          <Stack gap="md">
            <Group gap="sm">
              <ThemeIcon size={36} color="pharos.9" radius="sm" aria-hidden>
                <IconBuildingLighthouse size={22} color="var(--mantine-color-beacon-6)" />
              </ThemeIcon>
              <div>
                <Title order={1} id="sign-in-title" size="h2">
                  Sign in to Pharos
                </Title>
                <Text size="sm" c="dimmed">
                  Your organisation&apos;s portfolios, programmes and projects
                </Text>
              </div>
            </Group>
            {failure && (
              <Alert color="red" icon={<failure.icon size={18} />} title={failure.title} role="alert">
                {failure.text}
              </Alert>
            )}
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={emailError}
              required
              data-autofocus
              autoFocus
            />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={passwordError}
              required
            />
            <Button type="submit" loading={signIn.isPending} fullWidth>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
