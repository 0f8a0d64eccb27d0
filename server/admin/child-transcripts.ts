import type { Kysely } from 'kysely';
import type { MemberConversationList } from '../../contracts/admin.ts';
import type { InterfaceLanguage } from '../../contracts/messages/languages.ts';
import { listConversations, readConversationPage } from '../conversations/conversations.ts';
import type { DatabaseKind } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { forbidden, notFound } from '../errors.ts';
import { msg } from '../i18n/messages.ts';

/**
 * The member whose transcripts an admin asks for. The product lets admins read child accounts only;
 * anyone else is a 403 rather than a 404, because the admin already sees every member in the member
 * list, so there is no existence to hide, and a clear refusal says why.
 */
async function findChildMember(db: Kysely<Database>, memberId: string) {
  const member = await db
    .selectFrom('users')
    .select(['id', 'username', 'is_child'])
    .where('id', '=', memberId)
    .executeTakeFirst();
  if (!member) throw notFound('member');
  if (member.is_child !== 1) throw forbidden(msg('errors.members.transcriptsChildOnly'));
  return { id: member.id, username: member.username };
}

/** An admin reads a child member's conversation list, exactly as the child sees it; writes nothing. */
export async function listChildConversations(
  database: { db: Kysely<Database>; kind: DatabaseKind },
  memberId: string,
  options: { q?: string | undefined; limit: number },
): Promise<MemberConversationList> {
  const member = await findChildMember(database.db, memberId);
  return { member, conversations: await listConversations(database, member.id, options) };
}

/**
 * An admin reads one page of a child member's conversation, paged and shaped exactly like the child's
 * own `GET /api/conversations/:id` (the same pager); a conversation of anyone else is a 404.
 */
export async function readChildConversationPage(
  db: Kysely<Database>,
  memberId: string,
  conversationId: string,
  options: { before?: string | undefined; limit: number; language?: InterfaceLanguage },
) {
  const member = await findChildMember(db, memberId);
  return readConversationPage(db, member.id, conversationId, options);
}
