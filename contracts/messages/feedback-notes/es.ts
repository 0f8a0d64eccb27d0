import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  unavailable: 'Las correcciones no están disponibles para este mensaje.',
  'unavailable.malformed':
    'Las correcciones no están disponibles para este mensaje: el análisis llegó con un formato incorrecto.',
  'unavailable.budget':
    'Las correcciones no están disponibles para este mensaje: el presupuesto de IA no cubre el análisis en este momento.',
  'unavailable.noProvider':
    'Las correcciones no están disponibles para este mensaje: no hay ningún proveedor de IA configurado para las correcciones.',
  'unavailable.timeout':
    'Las correcciones no están disponibles para este mensaje: el análisis tardó demasiado.',
  'unavailable.noAnswer':
    'Las correcciones no están disponibles para este mensaje: el servicio de análisis no respondió.',
  'notice.message':
    'Este mensaje parece estar en {detected}. Intenta decirlo en {target}; el tutor te ayudará si te atascas.',
  'notice.words':
    '{count, plural, one {{words} es una palabra en {detected}} other {{words} son palabras en {detected}}}, no en {target}. Intenta decirlo en {target}; el tutor te ayudará si te atascas.',
  quoted: '«{word}»',
} satisfies Translation<typeof en>;
