import { useEffect, useSyncExternalStore } from 'react';
import type { ConversationCards } from '../../../../contracts/vocabulary.ts';
import { api } from '../../lib/api-client.ts';

/**
 * Which feedback items of a conversation are already cards, read once per conversation from
 * `GET /api/vocabulary/conversation-cards` and shared by every message's feedback, so "In your deck"
 * survives a reload and every item added during the visit shows at once.
 */
type Store = { keys: Set<string>; requested: boolean; listeners: Set<() => void>; version: number };

const stores = new Map<string, Store>();

function storeOf(conversationId: string): Store {
  let store = stores.get(conversationId);
  if (!store) {
    store = { keys: new Set(), requested: false, listeners: new Set(), version: 0 };
    stores.set(conversationId, store);
  }
  return store;
}

const keyOf = (messageId: string, sourceRef: string) => `${messageId}\u0000${sourceRef}`;

function changed(store: Store) {
  store.version += 1;
  for (const listener of store.listeners) listener();
}

/** Marks an item added (after a successful save). */
export function markInDeck(conversationId: string, messageId: string, sourceRef: string): void {
  const store = storeOf(conversationId);
  store.keys.add(keyOf(messageId, sourceRef));
  changed(store);
}

/** Whether the item is a card already; `enabled` false (a read-only transcript) never asks the server. */
export function useInDeck(
  conversationId: string,
  messageId: string,
  sourceRef: string,
  enabled = true,
): boolean {
  const store = storeOf(conversationId);
  useEffect(() => {
    if (!enabled || store.requested) return;
    store.requested = true;
    api
      .get<ConversationCards>(
        `/api/vocabulary/conversation-cards?conversationId=${encodeURIComponent(conversationId)}`,
      )
      .then((result) => {
        for (const card of result.cards)
          if (card.sourceRef) store.keys.add(keyOf(card.sourceMessageId, card.sourceRef));
        changed(store);
      })
      .catch(() => {
        // Not knowing only means "Add to deck" shows; adding again returns the existing card.
        store.requested = false;
      });
  }, [conversationId, enabled, store]);
  useSyncExternalStore(
    (listener) => {
      store.listeners.add(listener);
      return () => store.listeners.delete(listener);
    },
    () => store.version,
  );
  return store.keys.has(keyOf(messageId, sourceRef));
}
