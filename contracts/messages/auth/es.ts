import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'signIn.title': 'Iniciar sesión',
  'signIn.submit': 'Iniciar sesión',
  'signIn.newHere': '¿Eres nuevo?',
  'signIn.createAccount': 'Crea una cuenta',
  'signIn.askAdmin': '¿Aún no tienes cuenta? Pide a un administrador de este servidor que te cree una.',
  'signIn.enterUsername': 'Escribe tu nombre de usuario',
  'signIn.enterPassword': 'Escribe tu contraseña',
  'field.username': 'Nombre de usuario',
  'field.password': 'Contraseña',
  'field.email': 'Correo electrónico',
  'signUp.title': 'Registrarse',
  'signUp.closedTitle': 'El registro está cerrado',
  'signUp.closedText':
    'Este servidor no acepta registros nuevos. Pide a un administrador de este servidor que te cree una cuenta.',
  'signUp.haveAccount': '¿Ya tienes cuenta?',
  'signUp.signIn': 'Inicia sesión',
  'signUp.ownerTitle': 'Crea la cuenta de propietario',
  'signUp.ownerLead':
    '¡Bienvenido! Es la primera cuenta de este servidor y será la de propietario: un administrador que gestiona la familia o la clase, crea las cuentas de los demás estudiantes y se ocupa de los ajustes del servidor.',
  'signUp.learnerTitle': 'Crea tu cuenta',
  'signUp.learnerLead': 'Elige un nombre de usuario y una contraseña para empezar a aprender.',
  'signUp.usernameHint': 'De 3 a 32 caracteres: letras, dígitos, punto, guion bajo o guion.',
  'signUp.passwordHint':
    'Al menos 10 caracteres. Unas cuantas palabras sin relación entre sí forman una contraseña segura.',
  'signUp.submit': 'Crear cuenta',
  'problem.chooseUsername': 'Elige un nombre de usuario',
  'problem.minChars': 'Usa al menos {count} caracteres',
  'problem.maxChars': 'Usa como mucho {count} caracteres',
  'problem.usernameCharacters': 'Usa solo letras a–z, dígitos, punto, guion bajo y guion',
} satisfies Translation<typeof en>;
