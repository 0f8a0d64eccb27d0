import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'empty.title': 'Ainda não há nada para mostrar',
  'empty.titleMember': '{name} ainda não praticou',
  'empty.text':
    'Comece uma conversa ou reveja cartões: a sua sequência, os seus minutos, palavras e erros aparecem aqui assim que praticar.',
  'empty.textMember': 'A sequência, os minutos, as palavras e os erros aparecem aqui quando praticar.',
  'empty.converse': 'Começar uma conversa',
  'empty.review': 'Rever cartões',
  'empty.grammar': 'Praticar gramática',
  'streak.today': 'Praticou hoje.',
  'streak.keep': 'Ainda não praticou hoje.',
  'streak.start': 'Sem sequência de momento.',
  'level.noneMember': 'Ainda sem língua para aprender escolhida.',
  'level.none': 'Ainda não escolheu uma língua para aprender.',
  'level.choose': 'Escolha uma nas definições',
} satisfies Translation<typeof en>;
