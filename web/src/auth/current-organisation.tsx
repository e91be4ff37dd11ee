import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Action } from '../../../src/domain/policy/index.js';
import type { ScopePath } from '../../../src/domain/policy/index.js';
import { useOrganisation, useTree } from '../api/queries';
import type { Me, Organisation, Tree } from '../api/types';
import { allows } from './permissions';

type CurrentOrganisation = {
  me: Me;
  orgId: string;
  organisation: Organisation | undefined;
  tree: Tree | undefined;
  setOrgId(id: string): void;
  /** Whether the signed-in person's roles allow `action` on the record at `target`. */
  can(action: Action, target: ScopePath | null): boolean;
};

const Context = createContext<CurrentOrganisation | null>(null);
const STORAGE_KEY = 'pharos.organisation';

function storedOrgId(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The organisation being worked in: the last one chosen, or the first the person belongs to. */
export function CurrentOrganisationProvider({ me, children }: { me: Me; children: ReactNode }) {
  const [chosen, setChosen] = useState<string | null>(storedOrgId);
  const orgId = me.organisations.find((o) => o.id === chosen)?.id ?? me.organisations[0]?.id ?? '';
  const organisation = useOrganisation(orgId || undefined).data;
  const tree = useTree(orgId || undefined).data;
  const value = useMemo<CurrentOrganisation>(
    () => ({
      me,
      orgId,
      organisation,
      tree,
      setOrgId: (id) => {
        setChosen(id);
        try {
          window.localStorage.setItem(STORAGE_KEY, id);
        } catch {
          // Private browsing: the choice lasts for this page only.
        }
      },
      can: (action, target) => allows(me.memberships, action, target),
    }),
    [me, orgId, organisation, tree],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useCurrentOrganisation(): CurrentOrganisation {
  const value = useContext(Context);
  if (!value) throw new Error('useCurrentOrganisation is used outside CurrentOrganisationProvider');
  return value;
}

/** The organisation's currency (ISO 4217), GBP until it has loaded. */
export function useCurrency(): string {
  return useCurrentOrganisation().organisation?.currency ?? 'GBP';
}
