import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../components/page-states.tsx';
import { MembersPage } from './members-page.tsx';

// Transcripts and progress bring their own styles and charts: loaded only when an admin opens one.
const ChildTranscriptsPage = lazy(async () => ({
  default: (await import('./child-transcripts-page.tsx')).ChildTranscriptsPage,
}));
const MemberProgressPage = lazy(async () => ({
  default: (await import('./member-progress-page.tsx')).MemberProgressPage,
}));

/**
 * The Members section: the member list at /admin/members, every member's read-only progress at
 * /admin/members/:memberId/progress and, for child accounts, their read-only transcripts at
 * /admin/members/:memberId/transcripts(/:conversationId).
 */
export function MembersSection() {
  return (
    <Routes>
      <Route index element={<MembersPage />} />
      <Route path=":memberId/progress" element={<MemberProgressPage />} />
      <Route path=":memberId/transcripts/*" element={<ChildTranscriptsPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
