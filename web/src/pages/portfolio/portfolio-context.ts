import type { ReactNode } from 'react';
import { useOutletContext } from 'react-router';
import type { Portfolio } from '../../api/types';
import type { ScopePath } from '../../../../src/domain/policy/index.js';

/** What every portfolio tab gets from the page around it. */
export type PortfolioContext = {
  portfolio: Portfolio;
  path: ScopePath;
  programmes: { id: string; code: string; name: string }[];
  /** The "New project" action (null when the user may not create projects here). */
  newProject: ReactNode;
};

export function usePortfolioContext(): PortfolioContext {
  return useOutletContext<PortfolioContext>();
}
