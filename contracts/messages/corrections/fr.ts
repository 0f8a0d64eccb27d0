import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  off: 'Désactivées',
  'off.description': 'Aucune correction : juste la conversation.',
  'on-request': 'Sur demande',
  'on-request.description': 'Des corrections seulement quand vous les demandez.',
  important: 'L’essentiel seulement',
  'important.description': 'Au plus 3 corrections par tour : les erreurs qui comptent le plus.',
  all: 'Toutes',
  'all.description': 'Chaque erreur est corrigée, même la plus petite.',
} satisfies Translation<typeof en>;
