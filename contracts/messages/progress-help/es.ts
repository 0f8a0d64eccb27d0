import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'streak.counts':
    'Un día cuenta cuando envías un mensaje, repasas una tarjeta o respondes a una pregunta de gramática, en cualquier idioma (días en la hora de {timeZone}).',
  'streak.countsMember':
    'Un día cuenta cuando envía un mensaje, repasa una tarjeta o responde a una pregunta de gramática, en cualquier idioma (días en la hora de {timeZone}).',
  'streak.freezes':
    'Cada {every} días seguidos se gana un protector (como máximo {max} a la vez); un protector cubre un día sin práctica y la racha sigue.',
  goal: 'Estimado a partir de tu actividad en todos los idiomas: los mensajes, repasos y respuestas de gramática con 5 minutos o menos entre sí forman una sesión, contada desde 1 minuto antes de su primera actividad hasta la última.',
  goalMember:
    'Estimado a partir de su actividad en todos los idiomas: los mensajes, repasos y respuestas de gramática con 5 minutos o menos entre sí forman una sesión, contada desde 1 minuto antes de su primera actividad hasta la última.',
  turns: 'Mensajes enviados al tutor en {language}.',
  words: 'Aprendidas: repasadas al menos una vez. Consolidadas: el próximo repaso está a 21 días o más.',
  scenarios: 'Completado significa que se cumplieron todos los objetivos del juego de rol.',
  level: 'Autoevaluado: el nivel que indicaste para {language}. Charla no estima niveles.',
  levelMember: 'Autoevaluado: el nivel que indicó para {language}. Charla no estima niveles.',
  xp: 'Solo tu práctica da XP, en todos los idiomas, con un límite por tipo y día. Cada nivel pide 100 XP más que el anterior.',
  xpMember:
    'Solo su práctica da XP, en todos los idiomas, con un límite por tipo y día. Cada nivel pide 100 XP más que el anterior.',
  achievements: 'Se consiguen con tu práctica en todos los idiomas. Los logros no dan XP por sí mismos.',
  achievementsMember:
    'Se consiguen con su práctica en todos los idiomas. Los logros no dan XP por sí mismos.',
  'table.label': 'XP por tipo de práctica',
  'table.practice': 'Práctica',
  'table.today': 'Hoy',
  'table.allTime': 'En total',
  'kind.turns': 'Turnos de conversación',
  'kind.reviews': 'Repasos de tarjetas',
  'kind.grammar': 'Respuestas de gramática',
  'kind.goals': 'Objetivos de juegos de rol',
  'kind.role-plays': 'Juegos de rol completados',
  'kind.daily-goal': 'Objetivo diario cumplido',
  'rule.turns': '{xp} XP por turno de {min} caracteres o más, no enviado antes',
  'rule.reviews': '{recalled} XP por tarjeta recordada, {again} XP por tarjeta olvidada (Otra vez)',
  'rule.grammar': '{xp} XP por respuesta correcta',
  'rule.goals': '{xp} XP por objetivo cumplido',
  'rule.role-plays': '{xp} XP por juego de rol con todos los objetivos cumplidos',
  'rule.daily-goal': '{xp} XP por día con el objetivo diario cumplido',
  'rule.cap': '{rule}; como máximo {cap} XP al día',
  mistakes: 'Cada corrección del tutor cuenta una vez, en su categoría. Las semanas empiezan el lunes (UTC).',
} satisfies Translation<typeof en>;
