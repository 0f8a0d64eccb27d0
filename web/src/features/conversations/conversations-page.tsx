import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../components/page-states.tsx';
import { preloadNamespaces } from '../../i18n/i18n.ts';
import './conversations.css';

// Each screen is its own chunk: opening a conversation (the first-load budget's screen) does not load
// the list, its search and its new-conversation form, and the list does not load the chat. Each loads
// the words it shows at once with its chunk, in parallel (the notice's only when it shows).
const ConversationListPage = lazy(async () => {
  const [module] = await Promise.all([
    import('./conversation-list-page.tsx'),
    preloadNamespaces(['conversation-list']),
  ]);
  return { default: module.ConversationListPage };
});
const ConversationScreen = lazy(async () => {
  const [module] = await Promise.all([
    import('./conversation-screen.tsx'),
    preloadNamespaces(['conversations', 'tutor', 'speech']),
  ]);
  return { default: module.ConversationScreen };
});

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
