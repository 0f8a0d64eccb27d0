import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  required: 'est obligatoire',
  notEmpty: 'ne doit pas être vide',
  minChars: 'doit contenir au moins {minimum, plural, one {# caractère} other {# caractères}}',
  maxChars: 'doit contenir au plus {maximum, plural, one {# caractère} other {# caractères}}',
  minNumber: 'doit valoir au moins {minimum}',
  maxNumber: 'doit valoir au plus {maximum}',
  minItems: 'demande au moins {minimum, plural, one {# élément} other {# éléments}}',
  maxItems: 'accepte au plus {maximum, plural, one {# élément} other {# éléments}}',
  wrongType: 'n’est pas une valeur du bon type',
  oneOf: 'doit être l’une de ces valeurs : {values}',
  email: 'doit être une adresse e-mail valide',
  format: 'n’a pas le format attendu',
  unknownField: 'n’est pas un champ connu',
  invalid: 'n’est pas valide',
  usernameCharacters:
    'ne peut contenir que des lettres a-z, des chiffres, le point, le tiret bas et le tiret',
  singleLine: 'doit tenir sur une seule ligne',
  controlCharacters: 'ne doit pas contenir de caractères de contrôle',
  nothingToUpdate: 'rien à mettre à jour',
  chooseTarget: 'choisissez au moins une langue à apprendre',
  maxTargets: 'au plus 10 langues à apprendre',
  targetOnce: 'chaque langue apprise ne peut figurer qu’une fois',
  targetNotNative: 'doit être différente de votre langue maternelle',
  addTarget: 'ajoutez au moins une langue',
  wholeNumber: 'doit être un nombre entier',
  notNegative: 'ne doit pas être négatif',
  rating: 'doit valoir 1 (à revoir), 2 (difficile), 3 (bien) ou 4 (facile)',
  notCorrect: 'est incorrect',
} satisfies Translation<typeof en>;
