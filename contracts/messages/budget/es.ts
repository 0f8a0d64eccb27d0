import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  'refusal.usedUp':
    '{scope, select, member {Tu presupuesto de IA {period, select, month {mensual} other {diario}}} other {El presupuesto de IA {period, select, month {mensual} other {diario}} del servidor}} de {cap} está agotado ({spent} gastados{held, select, none {} other {, {held} reservados por peticiones en curso}}). Se renueva el {resetsAt} ({timeZone}). {scope, select, member {Un administrador puede ampliarlo.} other {Lo comparten todos en este servidor; un administrador puede ampliarlo.}}',
  'refusal.tooLittle':
    '{scope, select, member {A tu presupuesto de IA {period, select, month {mensual} other {diario}}} other {Al presupuesto de IA {period, select, month {mensual} other {diario}} del servidor}} de {cap} le quedan {left} ({spent} gastados{held, select, none {} other {, {held} reservados por peticiones en curso}}), menos de lo que puede costar esta petición (hasta {required}). Se renueva el {resetsAt} ({timeZone}). {scope, select, member {Un administrador puede ampliarlo.} other {Lo comparten todos en este servidor; un administrador puede ampliarlo.}}',
  'refusal.child':
    '{scope, select, member {Tu tiempo con el tutor {period, select, month {de este mes} other {de hoy}}} other {El tiempo del tutor para todos {period, select, month {este mes} other {hoy}}}} {state, select, usedUp {se ha acabado} other {casi se ha acabado: no queda suficiente para esto}}. Se vuelve a llenar el {resetsAt}. Hasta entonces, puedes seguir practicando palabras y gramática.',
  'refusal.earlier': 'El presupuesto de IA no alcanzaba para esta respuesta cuando se pidió.',
  'alert.usedUp':
    '{scope, select, member {Tu presupuesto mensual de IA} other {El presupuesto mensual de IA del servidor}} de {cap} está agotado. {mode, select, downgrade {El tutor pasa a un modelo más barato hasta que se renueve o un administrador lo amplíe.} other {El tutor se detiene hasta que se renueve o un administrador lo amplíe.}}',
  'alert.usedUpShort':
    '{scope, select, member {Tu presupuesto mensual de IA} other {El presupuesto mensual de IA del servidor}} de {cap} está agotado ({spent} gastados; lo que queda no cubre otra petición{mode, select, downgrade { con el modelo habitual} other {}}). {mode, select, downgrade {El tutor pasa a un modelo más barato hasta que se renueve o un administrador lo amplíe.} other {El tutor se detiene hasta que se renueve o un administrador lo amplíe.}}',
  'alert.threshold':
    '{scope, select, member {Tu presupuesto mensual de IA} other {El presupuesto mensual de IA del servidor}} está usado al {threshold} % ({spent} de {cap}).',
  'alert.child.threshold': 'Has usado el {threshold} % de tu tiempo con el tutor de este mes.',
  'alert.child.usedUp':
    'Tu tiempo con el tutor de este mes se ha acabado. {mode, select, downgrade {Puedes seguir hablando con el tutor hasta que se vuelva a llenar el mes que viene.} other {Se vuelve a llenar el mes que viene. Hasta entonces, puedes seguir practicando palabras y gramática.}}',
} satisfies Translation<typeof en>;
