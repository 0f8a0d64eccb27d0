import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'streak.counts':
    'Um dia conta quando envia uma mensagem, revê um cartão ou responde a uma pergunta de gramática, em qualquer língua (dias na hora de {timeZone}).',
  'streak.countsMember':
    'Um dia conta quando é enviada uma mensagem, revisto um cartão ou respondida uma pergunta de gramática, em qualquer língua (dias na hora de {timeZone}).',
  'streak.freezes':
    'Cada {every} dias seguidos dão uma proteção (no máximo {max} em reserva); uma proteção cobre um dia falhado e a sequência continua.',
  goal: 'Estimado a partir da sua atividade em todas as línguas: mensagens, revisões e respostas de gramática com no máximo 5 minutos de intervalo formam uma sessão, contada desde 1 minuto antes da primeira atividade até à última.',
  goalMember:
    'Estimado a partir da atividade em todas as línguas: mensagens, revisões e respostas de gramática com no máximo 5 minutos de intervalo formam uma sessão, contada desde 1 minuto antes da primeira atividade até à última.',
  turns: 'Mensagens enviadas ao tutor em {language}.',
  words: 'Aprendidas: revistas pelo menos uma vez. Consolidadas: próxima revisão daqui a 21 dias ou mais.',
  scenarios: 'Concluído significa que todos os objetivos do jogo de papéis foram cumpridos.',
  level: 'Autoavaliado: o nível que indicou para {language}. A Charla não estima níveis.',
  levelMember: 'Autoavaliado: o nível indicado para {language}. A Charla não estima níveis.',
  xp: 'Só a sua prática dá XP, em todas as línguas, com um limite por tipo e por dia. Cada nível pede mais 100 XP do que o anterior.',
  xpMember:
    'Só a prática do membro dá XP, em todas as línguas, com um limite por tipo e por dia. Cada nível pede mais 100 XP do que o anterior.',
  achievements: 'Obtidas com a sua prática em todas as línguas. As conquistas não dão XP por si.',
  achievementsMember: 'Obtidas com a prática do membro em todas as línguas. As conquistas não dão XP por si.',
  'table.label': 'XP por tipo de prática',
  'table.practice': 'Prática',
  'table.today': 'Hoje',
  'table.allTime': 'No total',
  'kind.turns': 'Intervenções na conversa',
  'kind.reviews': 'Revisões de cartões',
  'kind.grammar': 'Respostas de gramática',
  'kind.goals': 'Objetivos de jogos de papéis',
  'kind.role-plays': 'Jogos de papéis concluídos',
  'kind.daily-goal': 'Objetivo diário atingido',
  'rule.turns': '{xp} XP por intervenção de {min} caracteres ou mais, nunca enviada',
  'rule.reviews': '{recalled} XP por cartão lembrado, {again} XP por cartão esquecido (De novo)',
  'rule.grammar': '{xp} XP por resposta certa',
  'rule.goals': '{xp} XP por objetivo cumprido',
  'rule.role-plays': '{xp} XP por jogo de papéis com todos os objetivos cumpridos',
  'rule.daily-goal': '{xp} XP por dia com o objetivo diário atingido',
  'rule.cap': '{rule}; no máximo {cap} XP por dia',
  mistakes:
    'Cada correção do tutor conta uma vez, na sua categoria. As semanas começam à segunda-feira (UTC).',
} satisfies Translation<typeof en>;
