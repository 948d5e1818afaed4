import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';

import { GraphQLRequestError } from './api/client';
import { App } from './app';
import './styles.css';

const queryClient: QueryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false },
  },
  // A session that ends while a page is open sends the admin back to the sign-in form.
  queryCache: new QueryCache({
    onError: (error, query) => {
      const signedOut = error instanceof GraphQLRequestError && error.code === 'UNAUTHENTICATED';
      if (signedOut && query.queryKey[0] !== 'viewer') {
        void queryClient.invalidateQueries({ queryKey: ['viewer'] });
      }
    },
  }),
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter basename="/admin">
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
