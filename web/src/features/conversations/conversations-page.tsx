import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../components/page-states.tsx';
import { ConversationListPage } from './conversation-list-page.tsx';
import { ConversationScreen } from './conversation-screen.tsx';
import './conversations.css';

/**
 * The Conversations section: the list at /conversations and one conversation at /conversations/:id.
 * The nav registry loads this module lazily, so neither screen (nor its styles) is in the first load.
 */
export function ConversationsPage() {
  return (
    <Routes>
      <Route index element={<ConversationListPage />} />
      <Route path=":id" element={<ConversationScreen />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
