import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  unavailable: 'Les corrections ne sont pas disponibles pour ce message.',
  'unavailable.malformed':
    'Les corrections ne sont pas disponibles pour ce message : l’analyse est revenue dans un format invalide.',
  'unavailable.budget':
    'Les corrections ne sont pas disponibles pour ce message : le budget d’IA ne permet pas l’analyse pour le moment.',
  'unavailable.noProvider':
    'Les corrections ne sont pas disponibles pour ce message : aucun fournisseur d’IA n’est configuré pour les corrections.',
  'unavailable.timeout':
    'Les corrections ne sont pas disponibles pour ce message : l’analyse a pris trop de temps.',
  'unavailable.noAnswer':
    'Les corrections ne sont pas disponibles pour ce message : le service d’analyse n’a pas répondu.',
  'notice.message':
    'Ce message semble être en {detected}. Essayez de le dire en {target} ; le tuteur vous aidera si vous bloquez.',
  'notice.words':
    '{count, plural, one {{words} est un mot en {detected}} other {{words} sont des mots en {detected}}}, pas en {target}. Essayez de le dire en {target} ; le tuteur vous aidera si vous bloquez.',
  quoted: '« {word} »',
} satisfies Translation<typeof en>;
