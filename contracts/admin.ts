import { z } from 'zod';
import {
  correctionPolicySchema,
  emailSchema,
  interfaceLanguageSchema,
  passwordSchema,
  roleSchema,
  usernameSchema,
  userSchema,
} from './auth.ts';
import { conversationListItemSchema } from './conversations.ts';

export const memberSchema = userSchema.extend({ lastSeenAt: z.string().nullable() });
export type Member = z.infer<typeof memberSchema>;

export const memberListSchema = z.object({ members: z.array(memberSchema) });

export const memberCreateSchema = z.strictObject({
  username: usernameSchema,
  password: passwordSchema,
  email: emailSchema.optional(),
  role: roleSchema.default('learner'),
  isChild: z.boolean().default(false),
  /** The new member's interface language; by default the admin's own. */
  interfaceLanguage: interfaceLanguageSchema.optional(),
});
export type MemberCreate = z.input<typeof memberCreateSchema>;

export const memberUpdateSchema = z
  .strictObject({
    role: roleSchema.optional(),
    isChild: z.boolean().optional(),
    disabled: z.boolean().optional(),
    email: emailSchema.nullable().optional(),
    /** Resets the member's password and signs them out everywhere. */
    password: passwordSchema.optional(),
  })
  .refine((value) => Object.keys(value).length > 0, { message: 'nothing to update' });
export type MemberUpdate = z.input<typeof memberUpdateSchema>;

export const memberIdParamsSchema = z.strictObject({ id: z.uuid('must be a member id') });

export const memberConversationParamsSchema = z.strictObject({
  id: z.uuid('must be a member id'),
  conversationId: z.uuid('must be a conversation id'),
});

/**
 * A child member's conversations as an admin reads them (read-only): the same items as the learner's
 * own list, with the child's name for the page that shows them.
 */
export const memberConversationListSchema = z.object({
  member: z.object({ id: z.string(), username: z.string() }),
  conversations: z.array(conversationListItemSchema),
});
export type MemberConversationList = z.infer<typeof memberConversationListSchema>;

export const serverSettingsSchema = z.object({
  openSignup: z.boolean(),
  /**
   * Corrections for learners who have not chosen their own, where the mode has no default of its
   * own (free conversation, role-plays, negotiation).
   */
  defaultCorrectionPolicy: correctionPolicySchema,
});
export type ServerSettings = z.infer<typeof serverSettingsSchema>;
export const serverSettingsUpdateSchema = z.strictObject({
  openSignup: z.boolean().optional(),
  defaultCorrectionPolicy: correctionPolicySchema.optional(),
});
