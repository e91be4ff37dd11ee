import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import './styles.css';
import { MantineProvider } from '@mantine/core';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { isApiError } from './api/client';
import { keys } from './api/queries';
import { router } from './router';
import { theme } from './theme';

/** A 401 anywhere means the session ended: forget who was signed in, and the guard sends them to sign in. */
function onError(error: unknown, key?: readonly unknown[]): void {
  if (isApiError(error, 401) && key?.[0] !== 'me') queryClient.setQueryData(keys.me, null);
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error, query) => onError(error, query.queryKey) }),
  mutationCache: new MutationCache({ onError: (error, _v, _c, mutation) => onError(error, mutation.options.mutationKey ?? ['mutation']) }),
  defaultOptions: {
    queries: {
      staleTime: 20_000,
      refetchOnWindowFocus: false,
      // Problems the person must act on (4xx) are shown at once; only network and 5xx retry.
      retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
