import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'practice.label': 'Prática de pronúncia',
  'practice.choose': 'Escolha o que dizer',
  'practice.hearFirst': 'Ouvir primeiro',
  'practice.tryAgain': 'Tentar de novo',
  'practice.start': 'Começar a falar',
  'practice.recording': 'A gravar… leia a frase em voz alta em {language} e prima Parar.',
  'practice.listening': 'A ouvir… leia a frase em voz alta em {language}.',
  'practice.listeningHeard': 'A ouvir… leia a frase em voz alta em {language}. Ouvido até agora: «{heard}»',
  'practice.noWords': 'Esta frase não tem palavras para comparar.',
  'practice.score':
    '{percent} — {matched} de {count, plural, one {# palavra reconhecida} other {# palavras reconhecidas}} tal como escritas',
  'practice.scoreExtra':
    '{percent} — {matched} de {count, plural, one {# palavra reconhecida} other {# palavras reconhecidas}} tal como escritas, {extra, plural, one {# palavra a mais ouvida} other {# palavras a mais ouvidas}}',
  'practice.heard': 'Ouvido: {heard}',
  'practice.marks':
    '{count, plural, one {Uma palavra foi ouvida} other {# palavras foram ouvidas}} com outros acentos ou sinais. Algumas soam igual (él e el), outras não (año e ano): ouça e julgue de ouvido.',
  'practice.key': 'Legenda',
  'practice.legend.word': 'palavra',
  'practice.legend.match': 'reconhecida',
  'practice.legend.substituted': 'ouvida como outra palavra',
  'practice.legend.missed': 'não ouvida',
  'practice.legend.extra': 'a mais',
} satisfies Translation<typeof en>;
