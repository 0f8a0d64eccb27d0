import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  documentTitle: 'Bem-vindo · Charla',
  welcome: 'Bem-vindo, {name}!',
  lead: 'Três escolhas rápidas e está pronto. Pode alterá-las todas mais tarde em Perfil e definições.',
  'native.label': 'Língua materna',
  'native.hint': 'As explicações e traduções usam este idioma.',
  'native.required': 'Escolha a sua língua materna',
  chooseLanguage: 'Escolha um idioma',
  'target.label': 'Idioma que está a aprender',
  'target.required': 'Escolha o idioma que quer aprender',
  'target.notNative': 'Escolha um idioma diferente da sua língua materna',
  'level.label': 'Nível',
  'level.hintFor':
    'O seu nível de {language} hoje (QECR). Não tem a certeza? Comece mais abaixo; o tutor adapta-se.',
  'level.hint': 'O seu nível hoje (QECR). Não tem a certeza? Comece mais abaixo; o tutor adapta-se.',
  'goal.label': 'Objetivo diário',
  'goal.option': '{minutes, plural, one {# minuto por dia} other {# minutos por dia}}',
  'goal.hint': 'Um pouco todos os dias vale mais do que muito uma vez por semana.',
  submit: 'Começar a aprender',
  notYou: 'Não é {name}?',
  signOut: 'Terminar sessão',
} satisfies Translation<typeof en>;
