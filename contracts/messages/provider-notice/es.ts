import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  title: 'El tutor todavía no puede responder',
  admin:
    'Ningún proveedor de IA puede responder en las conversaciones. Configura uno en la aplicación, en la página {link}: sin editar archivos ni reiniciar.',
  'admin.link': 'Proveedores de IA',
  'admin.threeWays': 'Tres formas de configurar uno',
  learner:
    'El propietario de este servidor tiene que configurar primero un proveedor de IA; pídeselo. Mientras tanto puedes leer tus conversaciones y empezar otras nuevas, y el repaso, los ejercicios de gramática y el progreso funcionan sin él.',
  'way.add-key.title': 'Pegar una clave',
  'way.add-key.description':
    'Anthropic o Mistral AI: grandes modelos en la nube, las correcciones más fiables, pago por uso.',
  'way.add-server.title': 'Conectar un servidor local',
  'way.add-server.description':
    'Ollama, llama.cpp, vLLM, LM Studio o cualquier dirección compatible con OpenAI, en este equipo o en tu red.',
  'way.local-model.title': 'Descargar un modelo local',
  'way.local-model.description':
    'Funciona dentro de Charla, sin clave ni otro software. Gratis y privado, pero un modelo pequeño comete más errores de idioma que un gran modelo en la nube.',
} satisfies Translation<typeof en>;
