import { useEffect, useRef, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { ProgressNewsItem } from '../../../../contracts/progress.ts';
import { currentLanguage, loadNamespace, type Translate, useT } from '../../i18n/i18n.ts';
import { api } from '../../lib/api-client.ts';
import './celebration.css';

/**
 * The celebration: a small card in a corner, never a modal, so practice goes on under it. It says
 * what was reached, is announced once through a polite live region, and stays until dismissed (no
 * timer: a learner reading slowly or with a screen reader is not rushed). Animated only for those
 * who have not asked for reduced motion (the CSS decides). Lives in a root of its own, outside the
 * app's tree, so the screens that trigger it need not carry it (see `news.ts`).
 */

type Content = { icon: ProgressNewsItem['kind']; title: string; detail: string; spoken: string };

/**
 * Drawn here rather than emoji: a system without an emoji font would show empty boxes. In this
 * chunk, not in the shared icon set, which every first load carries.
 */
const iconPaths: Record<ProgressNewsItem['kind'], string> = {
  level: 'M12 3l2.8 5.7 6.2.9-4.5 4.4 1.1 6.2L12 17.3l-5.6 2.9 1.1-6.2L3 9.6l6.2-.9z',
  achievement: 'M7 3l3 6.5M17 3l-3 6.5M12 21a5.5 5.5 0 1 0 0-11 5.5 5.5 0 0 0 0 11z',
  streak:
    'M12 21c3.9 0 6.5-2.6 6.5-6.2 0-3.6-2.6-5.8-4.2-8.8-.6 2.2-1.8 3.4-3.3 4.1.2-2.6-.9-4.9-2.9-7.1C8 7.3 5.5 9.6 5.5 14.8 5.5 18.4 8.1 21 12 21z',
  'daily-goal': 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM8 12.5l2.7 2.7L16 9.8',
};

function CelebrationIcon({ kind }: { kind: ProgressNewsItem['kind'] }) {
  return (
    <svg
      className="celebration-icon"
      viewBox="0 0 24 24"
      width="22"
      height="22"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={iconPaths[kind]} />
    </svg>
  );
}

function describe(t: Translate<'celebrations'>, item: ProgressNewsItem): Content {
  switch (item.kind) {
    case 'level':
      return {
        icon: 'level',
        title: t('level.title', { level: item.level }),
        detail: t('level.detail', { level: item.level }),
        spoken: t('level.spoken', { level: item.level }),
      };
    case 'achievement':
      // The achievement's name comes from the server, already in the reader's language.
      return {
        icon: 'achievement',
        title: item.title,
        detail: t('achievement.detail'),
        spoken: t('achievement.spoken', { title: item.title }),
      };
    case 'streak':
      return {
        icon: 'streak',
        title: t('streak.title', { days: item.days }),
        detail: t('streak.detail'),
        spoken: t('streak.spoken', { days: item.days }),
      };
    case 'daily-goal':
      return {
        icon: 'daily-goal',
        title: t('goal.title'),
        detail: t('goal.detail', { minutes: item.minutes }),
        spoken: t('goal.spoken'),
      };
  }
}

export function Celebration({ items, onDismiss }: { items: ProgressNewsItem[]; onDismiss: () => void }) {
  const t = useT('celebrations');
  const [spoken, setSpoken] = useState('');
  const card = useRef<HTMLElement>(null);
  /** Where focus came from when the learner moved into the card: it goes back there on dismissal. */
  const cameFrom = useRef<HTMLElement | null>(null);
  const text = items.map((item) => describe(t, item).spoken).join(' ');

  // The live region is on the page before its text arrives: screen readers announce a change to a
  // region they already know, not one that appears with its text in it.
  useEffect(() => {
    const timer = setTimeout(() => setSpoken(text), 150);
    return () => clearTimeout(timer);
  }, [text]);

  const dismiss = () => {
    const focusInside = card.current?.contains(document.activeElement) ?? false;
    onDismiss();
    if (focusInside && cameFrom.current?.isConnected) cameFrom.current.focus();
  };

  const [first] = items;
  return (
    <>
      <p className="visually-hidden" role="status" aria-live="polite">
        {spoken}
      </p>
      {first ? (
        <aside
          ref={card}
          className="celebration"
          aria-labelledby="celebration-title"
          onFocus={(event) => {
            const from = event.relatedTarget;
            if (from instanceof HTMLElement && !card.current?.contains(from)) cameFrom.current = from;
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') dismiss();
          }}
        >
          <div className="celebration-sparks" aria-hidden="true">
            {Array.from({ length: 8 }, (_, index) => (
              <span key={index} />
            ))}
          </div>
          <h2 id="celebration-title" className="celebration-title">
            {items.length === 1 ? describe(t, first).title : t('several')}
          </h2>
          <ul className="celebration-list">
            {items.map((item) => {
              const content = describe(t, item);
              return (
                <li key={item.key}>
                  <CelebrationIcon kind={content.icon} />
                  <span>
                    {items.length === 1 ? null : <strong>{content.title} </strong>}
                    {content.detail}
                  </span>
                </li>
              );
            })}
          </ul>
          <button type="button" className="button button-small" onClick={dismiss}>
            {t('dismiss')}
          </button>
        </aside>
      ) : null}
    </>
  );
}

let root: Root | null = null;
let showing: ProgressNewsItem[] = [];
/** Keys shown in this tab, so two checks that cross each other never show one thing twice. */
const shown = new Set<string>();

function render() {
  if (!root) {
    const container = document.createElement('div');
    container.id = 'celebrations';
    document.body.append(container);
    root = createRoot(container);
  }
  root.render(
    <Celebration
      items={showing}
      onDismiss={() => {
        showing = [];
        render();
      }}
    />,
  );
}

// Signing out takes the card away: it belongs to the learner who earned it, not to the next person.
window.addEventListener('charla:signed-out', () => {
  shown.clear();
  if (showing.length === 0) return;
  showing = [];
  render();
});

/**
 * Shows what is new and tells the server it was shown, so it is not shown again after a reload or
 * on another device. Marked seen when shown, not when dismissed: a learner who reloads instead of
 * dismissing has seen it.
 */
export function celebrate(items: ProgressNewsItem[]): void {
  const fresh = items.filter((item) => !shown.has(item.key));
  if (fresh.length === 0) return;
  for (const item of fresh) shown.add(item.key);
  showing = [...showing, ...fresh];
  // Its own root has no Suspense boundary to wait in: the words load first (a small file, once).
  void loadNamespace(currentLanguage(), 'celebrations').then(render, render);
  void api.post('/api/progress/news/seen', { keys: fresh.map((item) => item.key) }).catch(() => {
    // Shown here already; at worst another device shows it once more.
  });
}

/** For tests: forget what this tab has shown and take the card away. */
export function resetCelebrations(): void {
  shown.clear();
  showing = [];
  root?.unmount();
  root = null;
  document.getElementById('celebrations')?.remove();
}
