import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'nav.home': 'Accueil',
  'nav.conversations': 'Conversations',
  'nav.vocabulary': 'Vocabulaire',
  'nav.grammar': 'Grammaire',
  'nav.reading': 'Lecture',
  'nav.tutor': 'Personnages et scénarios',
  'nav.usage': 'Consommation',
  'nav.settings': 'Profil et réglages',
  'nav.members': 'Membres',
  'nav.adminUsage': 'Consommation et budgets',
  'nav.providers': 'Fournisseurs d’IA',
  'nav.serverSettings': 'Réglages du serveur',
  'nav.learn': 'Apprendre',
  'nav.account': 'Compte',
  'nav.admin': 'Administration',

  'shell.skipToContent': 'Aller au contenu',
  'shell.signedInAs': 'Connecté en tant que {name}',
  'shell.signOut': 'Se déconnecter',
  'shell.menu': 'Menu',
  'shell.mainNav': 'Principale',

  'states.loading': 'Chargement…',
  'states.documentTitle': '{page} · Charla',
  'states.notFound': 'Page introuvable',
  'states.notFoundLead':
    'Il n’y a aucune page à cette adresse. Elle a peut-être été déplacée, ou le lien contient une faute.',
  'states.notAllowed': 'Accès refusé',
  'states.notAllowedLead':
    'Cette page est réservée aux administrateurs de ce serveur. Demandez à l’un d’eux si vous pensez en avoir besoin.',
  'states.goHome': 'Aller à l’accueil',
  'states.serverUnreachable': 'Charla n’arrive pas à joindre son serveur',
  'states.serverSilent': 'Le serveur n’a pas répondu.',

  'actions.tryAgain': 'Réessayer',
  'actions.cancel': 'Annuler',
  'actions.close': 'Fermer',
  'actions.save': 'Enregistrer',

  'form.optional': '(facultatif)',
  'form.correctFields': 'Corrigez les champs signalés ci-dessous.',

  'errors.generic': 'Un problème est survenu. Veuillez réessayer.',
  'errors.network': 'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.',
  'errors.unexpectedStatus':
    'Le serveur a répondu par une erreur inattendue (HTTP {status}). Veuillez réessayer.',
  'errors.unreadable': 'Le serveur a envoyé une réponse que l’application ne sait pas lire.',
  'errors.streamLost':
    'La connexion a été perdue avant la fin de la réponse. Ce qui a été enregistré s’affichera après un rechargement.',
  'errors.loadFailed': 'Impossible de charger ce contenu.',

  'language.notSet': 'Non défini',
  'language.interface': 'Langue de l’interface',
  'language.interfaceHint': 'La langue des menus, boutons et messages de Charla.',

  'level.A1': 'Débutant : phrases simples',
  'level.A2': 'Élémentaire : situations du quotidien',
  'level.B1': 'Intermédiaire : sujets familiers avec aisance',
  'level.B2': 'Intermédiaire avancé : à l’aise sur la plupart des sujets',
  'level.C1': 'Avancé : souple et précis',
  'level.C2': 'Maîtrise',

  'budgetAlert.seeUsage': 'Voir la consommation',
  'budgetAlert.dismiss': 'Masquer',
  'home.title': 'Accueil',
  'home.leadChild': 'Prêt à t’entraîner ? Voici où tu en es.',
  'home.lead': 'Voici où en est votre pratique.',
  'home.loadFailed': 'Impossible de charger votre progression : {message}',
  'home.loading': 'Chargement de votre progression…',
  'content.inEnglish': 'Pour l’instant, les sujets de grammaire fournis sont en anglais.',
} satisfies Translation<typeof en>;
