import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'refusal.usedUp':
    '{scope, select, member {O seu orçamento de IA {period, select, month {mensal} other {diário}}} other {O orçamento de IA {period, select, month {mensal} other {diário}} do servidor}} de {cap} está esgotado ({spent} gastos{held, select, none {} other {, {held} reservados por pedidos em curso}}). Renova-se a {resetsAt} ({timeZone}). {scope, select, member {Um administrador pode aumentá-lo.} other {É partilhado por todos neste servidor; um administrador pode aumentá-lo.}}',
  'refusal.tooLittle':
    '{scope, select, member {Ao seu orçamento de IA {period, select, month {mensal} other {diário}}} other {Ao orçamento de IA {period, select, month {mensal} other {diário}} do servidor}} de {cap} restam {left} ({spent} gastos{held, select, none {} other {, {held} reservados por pedidos em curso}}), menos do que este pedido pode custar (até {required}). Renova-se a {resetsAt} ({timeZone}). {scope, select, member {Um administrador pode aumentá-lo.} other {É partilhado por todos neste servidor; um administrador pode aumentá-lo.}}',
  'refusal.child':
    '{scope, select, member {O teu tempo com o tutor {period, select, month {deste mês} other {de hoje}}} other {O tempo do tutor para todos {period, select, month {este mês} other {hoje}}}} {state, select, usedUp {acabou-se} other {está quase a acabar: já não chega para isto}}. Volta a encher a {resetsAt}. Até lá, podes continuar a praticar palavras e gramática.',
  'refusal.earlier': 'O orçamento de IA não chegava para esta resposta quando foi pedida.',
  'alert.usedUp':
    '{scope, select, member {O seu orçamento mensal de IA} other {O orçamento mensal de IA do servidor}} de {cap} está esgotado. {mode, select, downgrade {O tutor passa para um modelo mais barato até se renovar ou um administrador o aumentar.} other {O tutor fica em pausa até se renovar ou um administrador o aumentar.}}',
  'alert.usedUpShort':
    '{scope, select, member {O seu orçamento mensal de IA} other {O orçamento mensal de IA do servidor}} de {cap} está esgotado ({spent} gastos; o que resta não cobre outro pedido{mode, select, downgrade { com o modelo habitual} other {}}). {mode, select, downgrade {O tutor passa para um modelo mais barato até se renovar ou um administrador o aumentar.} other {O tutor fica em pausa até se renovar ou um administrador o aumentar.}}',
  'alert.threshold':
    '{scope, select, member {O seu orçamento mensal de IA} other {O orçamento mensal de IA do servidor}} está usado a {threshold}% ({spent} de {cap}).',
  'alert.child.threshold': 'Já usaste {threshold}% do teu tempo com o tutor deste mês.',
  'alert.child.usedUp':
    'O teu tempo com o tutor deste mês acabou-se. {mode, select, downgrade {Podes continuar a falar com o tutor até voltar a encher no próximo mês.} other {Volta a encher no próximo mês. Até lá, podes continuar a praticar palavras e gramática.}}',
} satisfies Translation<typeof en>;
