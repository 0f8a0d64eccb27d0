import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'feedback.unavailable': 'Les corrections ne sont pas disponibles pour ce message.',
  'feedback.none': 'Aucune correction.',
  'feedback.labelYours': 'Retour sur votre message',
  'feedback.labelTheirs': 'Retour sur ce message',
  'feedback.spelling': 'Orthographe ?',
  'feedback.heldBack':
    '{count, plural, one {# correction de plus retenue} other {# corrections de plus retenues}} par le réglage des corrections.',
  'feedback.checkMine': 'Vérifier mon message ({count})',
  'feedback.showMore': 'Afficher {count} de plus',
  'feedback.moreNatural': 'Plus naturel :',
  'feedback.newWords': 'Nouveaux mots :',
  'feedback.why': 'Pourquoi ?',
  'feedback.addToDeck': 'Ajouter au paquet',
  'feedback.inDeck': 'Dans votre paquet',
  'feedback.chipAdd': 'ajouter à votre paquet',
  'feedback.chipInDeck': 'dans votre paquet',
  'feedback.editorTitle': 'Ajouter à votre paquet',
  'feedback.addCard': 'Ajouter la carte',
  'feedback.added': '« {term} » ajouté à votre paquet.',
  'feedback.alreadyThere': '« {term} » était déjà dans votre paquet.',
  'category.verb-tense': 'Temps verbal',
  'category.agreement': 'Accord',
  'category.gender': 'Genre',
  'category.word-order': 'Ordre des mots',
  'category.preposition': 'Préposition',
  'category.spelling': 'Orthographe',
  'category.vocabulary-choice': 'Choix du mot',
  'category.register': 'Registre',
  'category.other': 'Autre',
} satisfies Translation<typeof en>;
