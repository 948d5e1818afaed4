import { createContext, useContext } from 'react';

import type { ViewerQuery } from '../gql/graphql';

export type Viewer = ViewerQuery['viewer'];

export const ViewerContext = createContext<Viewer | undefined>(undefined);

/** Returns the signed-in admin; only pages behind the sign-in gate call it. */
export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) {
    throw new Error('useViewer() needs a signed-in viewer above it');
  }

  return viewer;
}
