import { z } from 'zod';
import { ROLES, SCOPE_TYPES } from '../../domain/policy/index.js';
import { Name, Uuid } from './common.schema.js';

export const Role = z.enum(ROLES);
export const ScopeType = z.enum(SCOPE_TYPES);

export const Email = z.email({ message: 'must be an email address' }).max(254, 'must be at most 254 characters');
export const Password = z.string().min(10, 'must be at least 10 characters').max(200, 'must be at most 200 characters');

export const LoginRequest = z.strictObject({ email: z.string().max(254), password: z.string().max(200) });

export const Membership = z.object({
  id: Uuid,
  organisationId: Uuid,
  userId: Uuid,
  role: Role,
  scopeType: ScopeType,
  scopeId: Uuid,
  /** Name of the scope's record, for display. */
  scopeName: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type Membership = z.infer<typeof Membership>;

export const MembershipCreate = z.strictObject({
  userId: Uuid,
  role: Role,
  scopeType: ScopeType,
  scopeId: Uuid,
});
export type MembershipCreate = z.infer<typeof MembershipCreate>;

export const User = z.object({
  id: Uuid,
  email: z.string(),
  name: z.string(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof User>;

export const UserCreate = z.strictObject({
  organisationId: Uuid,
  email: Email,
  name: Name,
  password: Password,
  role: Role.default('viewer'),
});
export type UserCreate = z.infer<typeof UserCreate>;

export const Me = z.object({
  user: User,
  csrfToken: z.string().nullable(),
  organisations: z.array(z.object({ id: Uuid, name: z.string(), slug: z.string() })),
  memberships: z.array(Membership),
});
export type Me = z.infer<typeof Me>;

export const ApiToken = z.object({
  id: Uuid,
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const ApiTokenCreate = z.strictObject({
  name: Name,
  /** Days until the token expires, 1–366. */
  expiresInDays: z.number().int().min(1, 'must be 1 or more').max(366, 'must be at most 366').default(90),
});
export type ApiTokenCreate = z.infer<typeof ApiTokenCreate>;

/** Returned once, at creation: the secret is never shown again. */
export const ApiTokenCreated = ApiToken.extend({ token: z.string() });
