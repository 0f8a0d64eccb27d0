import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'signIn.title': 'Connexion',
  'signIn.submit': 'Se connecter',
  'signIn.newHere': 'Nouveau ?',
  'signIn.createAccount': 'Créer un compte',
  'signIn.askAdmin': 'Pas encore de compte ? Demandez à un administrateur de ce serveur de vous en créer un.',
  'signIn.enterUsername': 'Saisissez votre nom d’utilisateur',
  'signIn.enterPassword': 'Saisissez votre mot de passe',
  'field.username': 'Nom d’utilisateur',
  'field.password': 'Mot de passe',
  'field.email': 'E-mail',
  'signUp.title': 'Inscription',
  'signUp.closedTitle': 'Les inscriptions sont fermées',
  'signUp.closedText':
    'Ce serveur n’accepte pas de nouvelles inscriptions. Demandez à un administrateur de ce serveur de vous créer un compte.',
  'signUp.haveAccount': 'Vous avez déjà un compte ?',
  'signUp.signIn': 'Se connecter',
  'signUp.ownerTitle': 'Créer le compte propriétaire',
  'signUp.ownerLead':
    'Bienvenue ! C’est le premier compte de ce serveur : il en devient le propriétaire, un administrateur qui gère la famille ou la classe, crée les comptes des autres apprenants et s’occupe des réglages du serveur.',
  'signUp.learnerTitle': 'Créer votre compte',
  'signUp.learnerLead': 'Choisissez un nom d’utilisateur et un mot de passe pour commencer à apprendre.',
  'signUp.usernameHint': 'De 3 à 32 caractères : lettres, chiffres, point, tiret bas ou tiret.',
  'signUp.passwordHint':
    'Au moins 10 caractères. Quelques mots sans rapport entre eux font un mot de passe solide.',
  'signUp.submit': 'Créer le compte',
  'problem.chooseUsername': 'Choisissez un nom d’utilisateur',
  'problem.minChars': 'Utilisez au moins {count} caractères',
  'problem.maxChars': 'Utilisez au plus {count} caractères',
  'problem.usernameCharacters':
    'Utilisez uniquement des lettres a–z, des chiffres, le point, le tiret bas et le tiret',
} satisfies Translation<typeof en>;
