import { afterAll, describe, expect, it } from 'vitest';
import { createSpellChecker } from './spelling.ts';

/**
 * Real learner misspellings (missing accents, doubled or dropped letters, phonetic spellings,
 * false friends spelt the English way), each with the word the learner meant.
 */
const misspellings: Record<string, Array<[string, string]>> = {
  es: [
    ['tambien', 'también'],
    ['manana', 'mañana'],
    ['aora', 'ahora'],
    ['ablar', 'hablar'],
    ['nesesito', 'necesito'],
    ['dificil', 'difícil'],
    ['cafe', 'café'],
    ['pequeno', 'pequeño'],
    ['hize', 'hice'],
    ['exelente', 'excelente'],
    ['porfavor', 'por favor'],
    ['espanol', 'español'],
    ['bibiendo', 'viviendo'],
  ],
  fr: [
    ['beaucoups', 'beaucoup'],
    ['apartement', 'appartement'],
    ['acceuil', 'accueil'],
    ['developper', 'développer'],
    ['interressant', 'intéressant'],
    ['ecole', 'école'],
    ['tres', 'très'],
    ['etudiant', 'étudiant'],
    ['comfortable', 'confortable'],
    ['addresse', 'adresse'],
    ['malheureusment', 'malheureusement'],
    ['parceque', 'parce que'],
    ['bibliotheque', 'bibliothèque'],
  ],
  de: [
    ['Fahrad', 'Fahrrad'],
    ['vieleicht', 'vielleicht'],
    ['Addresse', 'Adresse'],
    ['Wohnnung', 'Wohnung'],
    ['Bahnhoff', 'Bahnhof'],
    ['Geburstag', 'Geburtstag'],
    ['Frühstuck', 'Frühstück'],
    ['nähmlich', 'nämlich'],
    ['wärend', 'während'],
    ['Apotecke', 'Apotheke'],
    ['interresant', 'interessant'],
    ['Universitat', 'Universität'],
    ['Spass', 'Spaß'],
    ['heisse', 'heiße'],
  ],
  it: [
    ['perche', 'perché'],
    ['citta', 'città'],
    ['aspetare', 'aspettare'],
    ['machina', 'macchina'],
    ['bellisimo', 'bellissimo'],
    ['piu', 'più'],
    ['dificile', 'difficile'],
    ['stazzione', 'stazione'],
    ['familia', 'famiglia'],
    ['colazzione', 'colazione'],
    ['cuando', 'quando'],
    ['squola', 'scuola'],
  ],
  pt: [
    ['nao', 'não'],
    ['voce', 'você'],
    ['tambem', 'também'],
    ['agua', 'água'],
    ['irmao', 'irmão'],
    ['dificil', 'difícil'],
    ['portugues', 'português'],
    ['excessão', 'exceção'],
    ['concerteza', 'com certeza'],
    ['ontém', 'ontem'],
    ['exelente', 'excelente'],
    ['previlégio', 'privilégio'],
  ],
  en: [
    ['recieve', 'receive'],
    ['definately', 'definitely'],
    ['untill', 'until'],
    ['beggining', 'beginning'],
    ['tommorow', 'tomorrow'],
    ['wich', 'which'],
    ['freind', 'friend'],
    ['beatiful', 'beautiful'],
    ['adress', 'address'],
    ['accomodation', 'accommodation'],
    ['goverment', 'government'],
    ['becouse', 'because'],
  ],
};

describe('offline spelling', () => {
  const checker = createSpellChecker({ timeoutMs: 30_000 });
  afterAll(() => checker.close());

  it.each(Object.entries(misspellings))(
    'flags %s learner misspellings with the intended word among the first three suggestions',
    async (language, pairs) => {
      expect(pairs.length).toBeGreaterThanOrEqual(10);
      for (const [wrong, intended] of pairs) {
        const issues = await checker.check(language, wrong);
        expect(issues, `${language} "${wrong}"`).toHaveLength(1);
        expect(issues[0]?.word).toBe(wrong);
        expect(issues[0]?.suggestions.slice(0, 3), `${language} "${wrong}" → "${intended}"`).toContain(
          intended,
        );
      }
    },
    60_000,
  );

  it('accepts German compounds and capitalised nouns', async () => {
    const text =
      'Meine Großmutter backt Apfelkuchen zum Abendessen, und die Haustür steht offen. Der Kindergarten ist zu.';
    expect(await checker.check('de', text)).toEqual([]);
    // A German noun written in lower case is a real mistake.
    const issues = await checker.check('de', 'Die haustür ist offen.');
    expect(issues.map((issue) => issue.word)).toEqual(['haustür']);
    expect(issues[0]?.suggestions[0]).toBe('Haustür');
  });

  it('accepts correct sentences with elisions, hyphens, names and numbers', async () => {
    expect(await checker.check('fr', "Aujourd'hui, j'ai rencontré l'ami de Pierre à 10 h.")).toEqual([]);
    expect(await checker.check('it', "Dell'anno scorso ricordo l'estate con Giulia.")).toEqual([]);
    expect(await checker.check('pt', 'Chamo-me Ana e moro em Lisboa há 3 anos.')).toEqual([]);
    expect(await checker.check('es', 'Ayer fui al cine con María y vimos una película de 2 horas.')).toEqual(
      [],
    );
    expect(await checker.check('en', "I don't think it's too late, see https://example.org")).toEqual([]);
  });

  it('reports where each misspelt word starts, and nothing for languages without a dictionary', async () => {
    const issues = await checker.check('es', 'Yo tambien quiero ir manana');
    expect(issues.map((issue) => [issue.word, issue.offset])).toEqual([
      ['tambien', 3],
      ['manana', 21],
    ]);
    expect(await checker.check('nl', 'Ik wil graag een kopje koffie')).toEqual([]);
  });
});
