import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'feedback.unavailable': 'As correções não estão disponíveis para esta mensagem.',
  'feedback.none': 'Sem correções.',
  'feedback.labelYours': 'Comentários sobre a sua mensagem',
  'feedback.labelTheirs': 'Comentários sobre esta mensagem',
  'feedback.spelling': 'Ortografia?',
  'feedback.heldBack':
    '{count, plural, one {Mais # correção retida} other {Mais # correções retidas}} pela definição de correções.',
  'feedback.checkMine': 'Verificar a minha mensagem ({count})',
  'feedback.showMore': 'Mostrar mais {count}',
  'feedback.moreNatural': 'Mais natural:',
  'feedback.newWords': 'Palavras novas:',
  'feedback.why': 'Porquê?',
  'feedback.addToDeck': 'Adicionar ao baralho',
  'feedback.inDeck': 'No seu baralho',
  'feedback.chipAdd': 'adicionar ao seu baralho',
  'feedback.chipInDeck': 'no seu baralho',
  'feedback.editorTitle': 'Adicionar ao seu baralho',
  'feedback.addCard': 'Adicionar cartão',
  'feedback.added': '«{term}» adicionado ao seu baralho.',
  'feedback.alreadyThere': '«{term}» já estava no seu baralho.',
  'category.verb-tense': 'Tempo verbal',
  'category.agreement': 'Concordância',
  'category.gender': 'Género',
  'category.word-order': 'Ordem das palavras',
  'category.preposition': 'Preposição',
  'category.spelling': 'Ortografia',
  'category.vocabulary-choice': 'Escolha de palavras',
  'category.register': 'Registo',
  'category.other': 'Outro',
} satisfies Translation<typeof en>;
