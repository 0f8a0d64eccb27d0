import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'signIn.title': 'Iniciar sessão',
  'signIn.submit': 'Iniciar sessão',
  'signIn.newHere': 'É novo por aqui?',
  'signIn.createAccount': 'Criar uma conta',
  'signIn.askAdmin': 'Ainda não tem conta? Peça a um administrador deste servidor que lhe crie uma.',
  'signIn.enterUsername': 'Escreva o seu nome de utilizador',
  'signIn.enterPassword': 'Escreva a sua palavra-passe',
  'field.username': 'Nome de utilizador',
  'field.password': 'Palavra-passe',
  'field.email': 'Email',
  'signUp.title': 'Registar',
  'signUp.closedTitle': 'O registo está fechado',
  'signUp.closedText':
    'Este servidor não aceita novos registos. Peça a um administrador deste servidor que lhe crie uma conta.',
  'signUp.haveAccount': 'Já tem conta?',
  'signUp.signIn': 'Iniciar sessão',
  'signUp.ownerTitle': 'Criar a conta de proprietário',
  'signUp.ownerLead':
    'Bem-vindo! Esta é a primeira conta deste servidor e passa a ser a do proprietário: um administrador que gere a família ou a turma, cria as contas dos outros alunos e trata das definições do servidor.',
  'signUp.learnerTitle': 'Criar a sua conta',
  'signUp.learnerLead': 'Escolha um nome de utilizador e uma palavra-passe para começar a aprender.',
  'signUp.usernameHint': 'De 3 a 32 caracteres: letras, algarismos, ponto, sublinhado ou hífen.',
  'signUp.passwordHint':
    'Pelo menos 10 caracteres. Algumas palavras sem relação entre si fazem uma palavra-passe forte.',
  'signUp.submit': 'Criar conta',
  'problem.chooseUsername': 'Escolha um nome de utilizador',
  'problem.minChars': 'Use pelo menos {count} caracteres',
  'problem.maxChars': 'Use no máximo {count} caracteres',
  'problem.usernameCharacters': 'Use só letras a–z, algarismos, ponto, sublinhado e hífen',
} satisfies Translation<typeof en>;
