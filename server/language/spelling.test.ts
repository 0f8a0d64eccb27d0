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

  const review = (language: string, text: string, nativeLanguage = 'en') =>
    checker.review(language, text, { nativeLanguage, explanationLanguage: 'en' });
  const flagged = async (language: string, text: string, nativeLanguage = 'en') => {
    const found = await review(language, text, nativeLanguage);
    return [...found.spelling.map((issue) => issue.word), ...found.corrections.map((item) => item.original)];
  };

  it('decides names word by word: names anywhere are left alone, near misses of words and places are corrected', async () => {
    // Names after a full stop, an opening quote, a parenthesis and a dash are not misspellings.
    expect(
      await flagged(
        'es',
        'Me gusta Chaplin. Charlie Chaplin era genial. "Stephen es mi amigo." (Beyonce canta bien.) — Kevin también.',
      ),
    ).toEqual([]);
    const found = await review('es', 'Viajé a Mexico y a Peru. Hablo Espanol con mis amigos.');
    expect(found.spelling.map((issue) => [issue.word, issue.suggestions[0]])).toEqual([
      ['Mexico', 'México'],
      ['Peru', 'Perú'],
      ['Espanol', 'español'],
    ]);
    // A listed place the dictionary lacks is known in its correct form, and its near miss corrected.
    expect(await flagged('es', 'Mi hermana vive en Londres.')).toEqual([]);
    expect((await review('es', 'Mi hermana vive en Dubai.')).spelling[0]?.suggestions[0]).toBe('Dubái');
    // A misspelt word at the start of a sentence is still one.
    expect((await review('es', 'Tambien quiero ir.')).spelling[0]?.suggestions[0]).toBe('También');
  });

  it('reports words of the native language or English as such, not as misspellings', async () => {
    const found = await review('es', 'La película fue muy boring y vimos the final.', 'fr');
    expect(found.spelling).toEqual([]);
    expect(found.foreignWords.map((word) => [word.word, word.language])).toEqual([
      ['boring', 'en'],
      ['the', 'en'],
    ]);
    const french = await review('es', 'Mi amigo es vraiment simpático.', 'fr');
    expect(french.foreignWords.map((word) => [word.word, word.language])).toEqual([['vraiment', 'fr']]);
    // An accent away from a Spanish word is a Spanish misspelling, even if English has the word.
    expect(
      (await review('es', 'Tomamos un cafe.', 'en')).spelling.map((issue) => issue.suggestions[0]),
    ).toEqual(['café']);
  });

  it('accepts productive diminutives, augmentatives and common loanwords, but not misspelt ones', async () => {
    expect(
      await flagged(
        'es',
        'Mi abuelita tiene un gatito, un patito y un perro grandote. Compré un cochecito y comimos sushi con los fans.',
      ),
    ).toEqual([]);
    expect(await flagged('es', 'Tomamos un cafecito bajo el arbolito.')).toEqual([]);
    expect(await flagged('it', 'Ho un gattino e una casetta.', 'en')).toEqual([]);
    expect(await flagged('pt', 'Ele tem um cachorrinho.', 'en')).toEqual([]);
    const found = await review('es', 'Vivo en un apartamento pequenito.');
    expect(found.spelling.map((issue) => [issue.word, issue.suggestions[0]])).toEqual([
      ['pequenito', 'pequeñito'],
    ]);
  });

  it("ranks the learner's likely slip first", async () => {
    const first = async (language: string, word: string) =>
      (await review(language, `${word} x`.replace(' x', ''))).spelling[0]?.suggestions[0];
    expect(await first('es', 'bibian')).toBe('vivían');
    expect(await first('es', 'plalla')).toBe('playa');
    expect(await first('es', 'nesesito')).toBe('necesito');
    expect(await first('es', 'oscurese')).toBe('oscurece');
    expect(await first('it', 'machina')).toBe('macchina');
    expect(await first('fr', 'beaucoups')).toBe('beaucoup');
  });

  it('flags every error of a long message instead of stopping at eight', async () => {
    const text = Array.from({ length: 12 }, () => 'Tambien quiero ir manana.').join(' ');
    const found = await review('es', text);
    expect(found.spelling).toHaveLength(24);
  });

  it.each([
    [
      'es',
      'Ayer fui al mercado con mi madre. Él compró tomates y yo elegí el pan. ¿Qué quieres cenar? Sí, está bien.',
    ],
    [
      'fr',
      'Je vais à Paris demain. Il a un chien. Où est la gare ? Tu veux du thé ou du café ? Elle est là.',
    ],
    ['pt', 'Eu e a Maria fomos à praia. Ela é simpática. Esta semana está muito quente. Não dá para ir.'],
    [
      'it',
      'Il cane e il gatto giocano. Lui è ingegnere. Sì, grazie. Non ho né tempo né soldi. Ne ho parlato.',
    ],
    ['de', 'Ich glaube, dass er kommt. Das Buch, das ich lese, ist gut. Ihr seid seit Montag hier.'],
    [
      'en',
      "It's a nice day and the dog wagged its tail. You're welcome in your house. Their kids are there.",
    ],
  ])('leaves a correct %s text alone', async (language, text) => {
    expect(await flagged(language, text, language === 'en' ? 'es' : 'en')).toEqual([]);
  });
});
