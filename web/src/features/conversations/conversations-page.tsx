import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../components/page-states.tsx';
import './conversations.css';

// Each screen is its own chunk: opening a conversation (the first-load budget's screen) does not load
// the list, its search and its new-conversation form, and the list does not load the chat.
const ConversationListPage = lazy(async () => ({
  default: (await import('./conversation-list-page.tsx')).ConversationListPage,
}));
const ConversationScreen = lazy(async () => ({
  default: (await import('./conversation-screen.tsx')).ConversationScreen,
}));

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
