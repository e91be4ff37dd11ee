import { Center, Loader } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useMe } from '../api/queries';
import { ErrorPanel } from '../shared/error-panel';
import { CurrentOrganisationProvider } from './current-organisation';

/** Pages behind sign-in: send visitors to the sign-in page and bring them back afterwards. */
export function RequireSession() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) {
    return (
      <Center h="100dvh" aria-busy="true" aria-label="Loading">
        <Loader size="sm" />
      </Center>
    );
  }
  if (me.isError) {
    return (
      <Center h="100dvh" p="md">
        <ErrorPanel error={me.error} what="session" onRetry={() => void me.refetch()} />
      </Center>
    );
  }
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <CurrentOrganisationProvider me={me.data}>
      <Outlet />
    </CurrentOrganisationProvider>
  );
}
