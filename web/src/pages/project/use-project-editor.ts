import { useState } from 'react';
import { isApiError } from '../../api/client';
import { useUpdateProject } from '../../api/mutations';
import type { Project, ProjectPatch } from '../../api/types';
import { sentence } from '../../shared/validation';
import { changedFields, draftOf, draftProblems, patchOf, type Draft, type DraftField } from './project-draft';

export type Conflict = { base: Project; current: Project };

/**
 * The Overview's edit state: the record the person started from (`base`), their draft, the
 * checks as they type, and what the server said when they saved: field issues (422), a blocked
 * stage (409 unaligned), someone else's change (409 version conflict), or no permission (403).
 */
export function useProjectEditor(project: Project, currency: string, onForbidden: () => void) {
  const [base, setBase] = useState(project);
  const [draft, setDraft] = useState<Draft>(() => draftOf(project, currency));
  const [serverErrors, setServerErrors] = useState<Partial<Record<DraftField, string>>>({});
  const [generalError, setGeneralError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const update = useUpdateProject(project.id);

  const dirty = changedFields(draft, base, currency);
  const problems = draftProblems(draft);

  // When the record changes under a clean form (another tab, a refetch), follow it; a dirty
  // form keeps its base, so saving shows the conflict instead of overwriting silently.
  const [seen, setSeen] = useState(project);
  if (seen !== project) {
    setSeen(project);
    if (project.id !== base.id || (project.version !== base.version && dirty.length === 0)) {
      setBase(project);
      setDraft(draftOf(project, currency));
    }
  }

  const set = <F extends DraftField>(field: F, value: Draft[F]) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setServerErrors((e) => ({ ...e, [field]: undefined }));
    setGeneralError(null);
    setSavedAt(null);
  };

  const send = (patch: ProjectPatch, from: Project) => {
    setGeneralError(null);
    update.mutate(patch, {
      onSuccess: (saved) => {
        setBase(saved);
        setDraft(draftOf(saved, currency));
        setServerErrors({});
        setConflict(null);
        setSavedAt(new Date());
      },
      onError: (error) => {
        if (!isApiError(error)) {
          setGeneralError(error instanceof Error ? error.message : 'The change could not be saved.');
          return;
        }
        const p = error.problem;
        if (p.code === 'version-conflict' && p.current) {
          setConflict({ base: from, current: p.current as Project });
        } else if (error.status === 403) {
          onForbidden();
          setGeneralError(`Not saved: ${p.detail}. The fields are now read-only.`);
        } else if (p.issues?.length) {
          const byField: Partial<Record<DraftField, string>> = {};
          const other: string[] = [];
          for (const issue of p.issues) {
            const field = issue.field.split('.')[0] as DraftField;
            if (field in draft) byField[field] = byField[field] ? `${byField[field]}; ${issue.reason}` : sentence(issue.reason);
            else other.push(`${issue.field}: ${issue.reason}`);
          }
          setServerErrors(byField);
          if (other.length) setGeneralError(other.join('; '));
        } else {
          setGeneralError(p.detail);
        }
      },
    });
  };

  const save = () => {
    if (dirty.length === 0 || Object.keys(problems).length > 0) return;
    send(patchOf(draft, base, currency), base);
  };

  /** Puts the person's edits on top of the latest record and saves them. */
  const reapply = () => {
    if (!conflict) return;
    const latest = conflict.current;
    const mine: Partial<Draft> = {};
    for (const f of changedFields(draft, conflict.base, currency)) (mine as Record<string, unknown>)[f] = draft[f];
    const next = { ...draftOf(latest, currency), ...mine };
    setBase(latest);
    setDraft(next);
    setConflict(null);
    if (changedFields(next, latest, currency).length > 0 && Object.keys(draftProblems(next)).length === 0) send(patchOf(next, latest, currency), latest);
  };

  const discard = () => {
    const latest = conflict?.current ?? project;
    setBase(latest);
    setDraft(draftOf(latest, currency));
    setServerErrors({});
    setGeneralError(null);
    setConflict(null);
  };

  return { base, draft, set, dirty, problems, serverErrors, generalError, conflict, savedAt, saving: update.isPending, save, reapply, discard };
}

export type ProjectEditor = ReturnType<typeof useProjectEditor>;
