import { describe, expect, it } from 'vitest';
import { ACTIONS, type Action } from './actions.js';
import { can, canSee } from './can.js';
import { ROLES, type Role } from './roles.js';
import type { ScopePath } from './scope-path.js';

const org: ScopePath = [{ type: 'organisation', id: 'org' }];
const pf: ScopePath = [...org, { type: 'portfolio', id: 'pf' }];
const prog: ScopePath = [...pf, { type: 'programme', id: 'prog' }];
const sub: ScopePath = [...prog, { type: 'programme', id: 'sub' }];
const proj: ScopePath = [...sub, { type: 'project', id: 'proj' }];
const otherPf: ScopePath = [...org, { type: 'portfolio', id: 'other' }];
const otherProj: ScopePath = [...otherPf, { type: 'project', id: 'p2' }];

/**
 * The matrix, written out by hand. Columns (in order):
 * read audit org-upd member user pf-create pf-upd pf-del prg-create prg-upd prg-del
 * prj-create prj-upd prj-stage prj-del objective contribution raid-raise raid-manage risk-matrix
 * change-raise change-manage change-approve change-policy scoring-manage scoring-score capacity scenario-manage scenario-publish
 */
const COLUMNS: Action[] = [
  'read', 'audit:read', 'organisation:update', 'member:manage', 'user:manage',
  'portfolio:create', 'portfolio:update', 'portfolio:delete',
  'programme:create', 'programme:update', 'programme:delete',
  'project:create', 'project:update', 'project:change-stage', 'project:delete',
  'objective:manage', 'contribution:manage',
  'raid:raise', 'raid:manage', 'risk-matrix:manage',
  'change:raise', 'change:manage', 'change:approve', 'change-policy:manage',
  'scoring:manage', 'scoring:score', 'capacity:manage', 'scenario:manage', 'scenario:publish',
];
// prettier-ignore
const MATRIX: Record<Role, string> = {
  //                   r a o m u  pc pu pd  gc gu gd  jc ju js jd  ob co  rr rm rx  cr cm ca cp  sm ss  cc  xm xp
  administrator:      'y y y y y  y  y  y   y  y  y   y  y  y  y   y  y  y  y  y  y  y  y  y  y  y  y  y  y',
  'pmo-director':     'y y y y .  y  y  y   y  y  y   y  y  y  y   y  y  y  y  y  y  y  y  y  y  y  y  y  y',
  'pmo-manager':      'y y . . .  y  y  y   y  y  y   y  y  y  y   y  y  y  y  y  y  y  .  y  y  y  y  y  y',
  'pmo-analyst':      'y y . . .  .  .  .   .  .  .   .  .  .  .   .  .  y  .  .  y  .  .  .  .  .  .  y  .',
  'pmo-coordinator':  'y y . . .  .  .  .   .  .  .   .  y  .  .   .  y  y  y  .  y  y  .  .  .  y  .  .  .',
  'portfolio-manager':'y y . . .  .  y  .   y  y  y   y  y  y  y   .  y  y  y  .  y  y  y  .  y  y  .  y  y',
  'programme-manager':'y y . . .  .  .  .   y  y  .   y  y  y  .   .  y  y  y  .  y  y  y  .  .  .  .  .  .',
  'project-manager':  'y y . . .  .  .  .   .  .  .   .  y  .  .   .  y  y  y  .  y  y  .  .  .  .  .  .  .',
  'resource-manager': 'y . . . .  .  .  .   .  .  .   .  .  .  .   .  .  y  .  .  y  .  .  .  .  .  y  .  .',
  sponsor:            'y y . . .  .  .  .   .  .  .   .  .  y  .   .  .  y  .  .  y  .  y  .  .  .  .  .  .',
  'team-member':      'y . . . .  .  .  .   .  .  .   .  .  .  .   .  .  y  .  .  y  .  .  .  .  .  .  .  .',
  viewer:             'y . . . .  .  .  .   .  .  .   .  .  .  .   .  .  .  .  .  .  .  .  .  .  .  .  .  .',
};

const allowedAtOrganisation = (role: Role): Set<Action> => {
  const cells = MATRIX[role].split(/\s+/);
  return new Set(COLUMNS.filter((_, i) => cells[i] === 'y'));
};

const ORGANISATION_ONLY: Action[] = ['organisation:update', 'member:manage', 'user:manage', 'portfolio:create', 'objective:manage', 'risk-matrix:manage', 'change-policy:manage', 'capacity:manage'];

describe('the policy matrix (role × scope × action)', () => {
  it('covers every role and action', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...ROLES].sort());
    expect([...COLUMNS].sort()).toEqual([...ACTIONS].sort());
  });

  for (const role of ROLES) {
    it(`${role} held organisation-wide allows exactly its row, on every record of the organisation`, () => {
      const allowed = allowedAtOrganisation(role);
      for (const action of ACTIONS) {
        for (const target of [org, pf, prog, proj, otherProj]) {
          const expected = allowed.has(action);
          expect(can([{ role, scope: org }], action, target), `${role} ${action} on ${target.map((s) => s.id).join('/')}`).toBe(expected);
        }
      }
    });

    it(`${role} held on one portfolio reaches inside it only, and never organisation-only actions`, () => {
      const allowed = allowedAtOrganisation(role);
      for (const action of ACTIONS) {
        const inside = allowed.has(action) && !ORGANISATION_ONLY.includes(action);
        expect(can([{ role, scope: pf }], action, pf), `${action} on the portfolio`).toBe(inside);
        expect(can([{ role, scope: pf }], action, proj), `${action} on a project inside`).toBe(inside);
        expect(can([{ role, scope: pf }], action, otherProj), `${action} on another portfolio's project`).toBe(false);
        expect(can([{ role, scope: pf }], action, org), `${action} on the organisation`).toBe(false);
      }
    });

    it(`${role} held on one project does not reach its programme or portfolio`, () => {
      const allowed = allowedAtOrganisation(role);
      for (const action of ACTIONS) {
        expect(can([{ role, scope: proj }], action, proj)).toBe(allowed.has(action) && !ORGANISATION_ONLY.includes(action));
        expect(can([{ role, scope: proj }], action, sub)).toBe(false);
        expect(can([{ role, scope: proj }], action, pf)).toBe(false);
      }
    });
  }

  it('a programme grant covers its sub-programmes and their projects', () => {
    expect(can([{ role: 'programme-manager', scope: prog }], 'project:update', proj)).toBe(true);
    expect(can([{ role: 'programme-manager', scope: sub }], 'project:update', prog)).toBe(false);
  });

  it('grants add up: the union of roles decides', () => {
    const grants = [
      { role: 'viewer' as const, scope: org },
      { role: 'project-manager' as const, scope: proj },
    ];
    expect(can(grants, 'project:update', proj)).toBe(true);
    expect(can(grants, 'project:update', otherProj)).toBe(false);
    expect(can(grants, 'read', otherProj)).toBe(true);
  });
});

describe('visibility', () => {
  it('sees records inside a grant and the ancestors of the grant, nothing else', () => {
    const grants = [{ role: 'team-member' as const, scope: proj }];
    expect(canSee(grants, proj)).toBe(true);
    expect(canSee(grants, pf)).toBe(true);
    expect(canSee(grants, org)).toBe(true);
    expect(canSee(grants, otherPf)).toBe(false);
    expect(canSee(grants, otherProj)).toBe(false);
    expect(canSee([], org)).toBe(false);
  });
});
