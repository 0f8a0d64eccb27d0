import type { Translation } from '../languages.ts';
import type en from './en.ts';

export default {
  title: 'Der Tutor kann noch nicht antworten',
  admin:
    'Kein KI-Anbieter kann in Gesprächen antworten. Richte einen in der App ein, auf der Seite {link}: keine Datei bearbeiten, kein Neustart.',
  'admin.link': 'KI-Anbieter',
  'admin.threeWays': 'Drei Wege, einen einzurichten',
  learner:
    'Der Besitzer dieses Servers muss zuerst einen KI-Anbieter einrichten; bitte ihn darum. Du kannst deine Gespräche weiter lesen und neue beginnen, und Wiederholung, Grammatikübungen und Fortschritt funktionieren auch ohne.',
  'way.add-key.title': 'Einen Schlüssel einfügen',
  'way.add-key.description':
    'Anthropic oder Mistral AI: große Cloud-Modelle, die zuverlässigsten Korrekturen, Bezahlung nach Nutzung.',
  'way.add-server.title': 'Einen lokalen Server verbinden',
  'way.add-server.description':
    'Ollama, llama.cpp, vLLM, LM Studio oder jede OpenAI-kompatible Adresse, auf diesem Rechner oder in deinem Netzwerk.',
  'way.local-model.title': 'Ein lokales Modell herunterladen',
  'way.local-model.description':
    'Läuft in Charla, ohne Schlüssel und ohne weitere Software. Kostenlos und privat, aber ein kleines Modell macht mehr Sprachfehler als ein großes Cloud-Modell.',
} satisfies Translation<typeof en>;
