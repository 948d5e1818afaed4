import { useEffect } from 'react';

/** Sets the browser tab's title, which screen readers announce on navigation. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Roster admin`;
  }, [title]);
}
