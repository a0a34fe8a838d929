// Number words people type instead of digits.

export const SMALL_NUMBERS = new Map<string, number>(Object.entries({
  zero: 0, nil: 0, nought: 0, naught: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50,
  // common misspellings
  tree: 3, fore: 4, sevn: 7, eigth: 8, nien: 9,
}));

/** Only the misspellings that are also real words need context; these are not accepted on their own. */
export const AMBIGUOUS_NUMBER_WORDS = new Set(['tree', 'fore', 'one', 'nil']);

export const ORDINALS = new Map<string, number>(Object.entries({
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  '1st': 1, '2nd': 2, '3rd': 3, '4th': 4, '5th': 5, '6th': 6,
}));

/** Value of a number token or number word, else undefined. */
export function numberValue(surface: string): number | undefined {
  if (/^\d+$/.test(surface)) return Number(surface);
  return SMALL_NUMBERS.get(surface);
}
