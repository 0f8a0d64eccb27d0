import { useState } from 'react';
import { Link } from 'react-router';
import type { Member, MemberUpdate } from '../../../../contracts/admin.ts';
import { FormAlert } from '../../components/form-field.tsx';
import { LoadError, PageLoading, PageTitle } from '../../components/page-states.tsx';
import { useT } from '../../i18n/i18n.ts';
import { api } from '../../lib/api-client.ts';
import { useAuth, useCurrentUser } from '../../lib/auth-context.tsx';
import { formErrorsFrom } from '../../lib/form-errors.ts';
import { useApiQuery } from '../../lib/use-api-query.ts';
import { CreateMemberForm } from './create-member-form.tsx';
import { DeleteMemberDialog, ResetPasswordDialog } from './member-dialogs.tsx';
import { formatDateTime, formatLastSeen } from './member-format.ts';

type Dialog = { kind: 'reset' | 'delete'; member: Member } | null;

export function MembersPage() {
  const t = useT('admin');
  const me = useCurrentUser();
  const { refresh } = useAuth();
  const query = useApiQuery<{ members: Member[] }>('/api/admin/members');
  const [busyId, setBusyId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [actionStatus, setActionStatus] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);

  function replaceMember(member: Member) {
    query.setData((data) =>
      data ? { members: data.members.map((item) => (item.id === member.id ? member : item)) } : data,
    );
  }

  async function update(member: Member, change: MemberUpdate, done: string) {
    setBusyId(member.id);
    setActionError(null);
    setActionStatus(null);
    try {
      const result = await api.patch<{ member: Member }>(`/api/admin/members/${member.id}`, change);
      replaceMember(result.member);
      setActionStatus(done);
      // Changing your own role changes what you may see: reload the session.
      if (member.id === me.id) await refresh();
    } catch (error) {
      setActionError(
        t('members.changeFailed', { name: member.username, reason: formErrorsFrom(error, []).form ?? '' }),
      );
    } finally {
      setBusyId(null);
    }
  }

  return (
    <section className="page">
      <PageTitle lead={t('members.lead')}>{t('members.title')}</PageTitle>

      <FormAlert message={actionError} />
      <div role="status" className={actionStatus ? 'alert alert-success' : 'visually-hidden'}>
        {actionStatus}
      </div>

      {query.loading && !query.data ? <PageLoading /> : null}
      {query.error ? <LoadError message={query.error.message} onRetry={query.reload} /> : null}
      {query.data ? (
        <table className="members-table">
          <caption className="visually-hidden">{t('members.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('members.member')}</th>
              <th scope="col">{t('members.role')}</th>
              <th scope="col">{t('members.lastSeen')}</th>
              <th scope="col">{t('members.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {query.data.members.map((member) => {
              const isMe = member.id === me.id;
              const busy = busyId === member.id;
              const who = <span className="visually-hidden"> ({member.username})</span>;
              return (
                <tr key={member.id} data-disabled={member.disabled || undefined}>
                  <th scope="row" data-label={t('members.member')}>
                    <span className="member-name">{member.username}</span>
                    <span className="badges">
                      {member.isOwner ? (
                        <span className="badge badge-owner">{t('members.owner')}</span>
                      ) : null}
                      {isMe ? <span className="badge">{t('members.you')}</span> : null}
                      {member.isChild ? (
                        <span className="badge badge-child">{t('members.child')}</span>
                      ) : null}
                      {member.disabled ? (
                        <span className="badge badge-disabled">{t('members.disabled')}</span>
                      ) : null}
                    </span>
                    {member.email ? <span className="member-email muted">{member.email}</span> : null}
                  </th>
                  <td data-label={t('members.role')}>
                    {member.role === 'admin' ? t('members.admin') : t('members.learner')}
                  </td>
                  <td data-label={t('members.lastSeen')}>
                    {member.lastSeenAt ? (
                      <time dateTime={member.lastSeenAt} title={formatDateTime(member.lastSeenAt)}>
                        {formatLastSeen(member.lastSeenAt)}
                      </time>
                    ) : (
                      t('members.never')
                    )}
                  </td>
                  <td data-label={t('members.actions')}>
                    <div className="row-actions">
                      <button
                        type="button"
                        className="button button-small"
                        disabled={busy}
                        aria-haspopup="dialog"
                        onClick={() => setDialog({ kind: 'reset', member })}
                      >
                        {t('members.resetPassword')}
                        {who}
                      </button>
                      {/* The owner always stays an admin (the server refuses), so no role button. */}
                      {member.isOwner ? null : (
                        <button
                          type="button"
                          className="button button-small"
                          disabled={busy}
                          onClick={() =>
                            update(
                              member,
                              { role: member.role === 'admin' ? 'learner' : 'admin' },
                              member.role === 'admin'
                                ? t('members.nowLearner', { name: member.username })
                                : t('members.nowAdmin', { name: member.username }),
                            )
                          }
                        >
                          {member.role === 'admin' ? t('members.makeLearner') : t('members.makeAdmin')}
                          {who}
                        </button>
                      )}
                      {/* Only a child's conversations are readable by admins (the server enforces it too). */}
                      {member.isChild ? (
                        <Link to={`/admin/members/${member.id}/transcripts`} className="button button-small">
                          {t('members.transcripts')}
                          {who}
                        </Link>
                      ) : null}
                      <Link to={`/admin/members/${member.id}/progress`} className="button button-small">
                        {t('members.progress')}
                        {who}
                      </Link>
                      {member.role === 'learner' || member.isChild ? (
                        <button
                          type="button"
                          className="button button-small"
                          disabled={busy}
                          onClick={() =>
                            update(
                              member,
                              { isChild: !member.isChild },
                              member.isChild
                                ? t('members.noLongerChild', { name: member.username })
                                : t('members.nowChild', { name: member.username }),
                            )
                          }
                        >
                          {member.isChild ? t('members.removeChild') : t('members.markChild')}
                          {who}
                        </button>
                      ) : null}
                      {member.isOwner || isMe ? null : (
                        <>
                          <button
                            type="button"
                            className="button button-small"
                            disabled={busy}
                            onClick={() =>
                              update(
                                member,
                                { disabled: !member.disabled },
                                member.disabled
                                  ? t('members.canSignIn', { name: member.username })
                                  : t('members.nowDisabled', { name: member.username }),
                              )
                            }
                          >
                            {member.disabled ? t('members.enable') : t('members.disable')}
                            {who}
                          </button>
                          <button
                            type="button"
                            className="button button-small button-danger"
                            disabled={busy}
                            aria-haspopup="dialog"
                            onClick={() => setDialog({ kind: 'delete', member })}
                          >
                            {t('members.delete')}
                            {who}
                          </button>
                        </>
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}

      <div className="card">
        <CreateMemberForm
          onCreated={(member) => {
            query.setData((data) => (data ? { members: [...data.members, member] } : data));
          }}
        />
      </div>

      {dialog?.kind === 'reset' ? (
        <ResetPasswordDialog
          member={dialog.member}
          onClose={() => setDialog(null)}
          onDone={(member) => {
            replaceMember(member);
            setActionError(null);
            setActionStatus(t('members.passwordReset', { name: member.username }));
            setDialog(null);
          }}
        />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <DeleteMemberDialog
          member={dialog.member}
          onClose={() => setDialog(null)}
          onDone={(member) => {
            query.setData((data) =>
              data ? { members: data.members.filter((item) => item.id !== member.id) } : data,
            );
            setActionError(null);
            setActionStatus(t('members.deleted', { name: member.username }));
            setDialog(null);
          }}
        />
      ) : null}
    </section>
  );
}
