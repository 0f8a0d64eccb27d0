import type { ProgressNews } from '../../../../contracts/progress.ts';
import { api } from '../../lib/api-client.ts';

let inFlight = false;
let again = false;

/**
 * Asks the server what the learner reached today and has not been shown (a level, an achievement, a
 * streak milestone, the daily goal) and celebrates it. Called wherever XP is earned: after a turn,
 * a review, a drill answer. The celebration's code is a chunk of its own, loaded only when there is
 * something to celebrate: the screens that call this have no room in their first load for it.
 * Calls made while one is on its way are folded into one more after it, so a quick run of reviews
 * asks at most twice. Best effort: a failure here must never disturb the practice that called it.
 */
export function checkProgressNews(): void {
  if (inFlight) {
    again = true;
    return;
  }
  inFlight = true;
  api
    .get<ProgressNews>('/api/progress/news')
    .then(async (news) => {
      if (news.items.length === 0) return;
      const { celebrate } = await import('./celebration.tsx');
      celebrate(news.items);
    })
    .catch(() => {})
    .finally(() => {
      inFlight = false;
      if (again) {
        again = false;
        checkProgressNews();
      }
    });
}
