import type { Prng } from '@bff/demo-kit';

export const FIRST_NAMES = [
  'Ada', 'Grace', 'Alan', 'Katherine', 'Linus', 'Margaret', 'Tim', 'Barbara', 'Dennis', 'Frances',
  'Ken', 'Radia', 'Donald', 'Hedy', 'Guido', 'Sophie', 'Bjarne', 'Shafi', 'Edsger', 'Karen',
  'Niklaus', 'Joan', 'John', 'Mary', 'Leslie', 'Evelyn', 'Vint', 'Jean', 'Claude', 'Annie',
  'Yukihiro', 'Lynn', 'Anders', 'Adele', 'James', 'Carol', 'Rasmus', 'Priya', 'Mateo', 'Amara',
] as const;

export const LAST_NAMES = [
  'Lovelace', 'Hopper', 'Turing', 'Johnson', 'Torvalds', 'Hamilton', 'Liskov', 'Ritchie', 'Allen', 'Thompson',
  'Perlman', 'Knuth', 'Lamarr', 'van Rossum', 'Wilson', 'Stroustrup', 'Goldwasser', 'Dijkstra', 'Sparck Jones', 'Wirth',
  'Clarke', 'McCarthy', 'Keller', 'Lamport', 'Boyd', 'Cerf', 'Bartik', 'Shannon', 'Easley', "O'Neill",
  'Matsumoto', 'Conway', 'Hejlsberg', 'Goldberg', 'Gosling', 'Nguyen', 'Kowalski', 'Haddad', 'Garcia', 'Okafor',
] as const;

/** How one country writes its addresses. */
export interface AddressStyle {
  country: string;
  cities: readonly string[];
  streets: readonly string[];
  line1: (houseNumber: number, street: string) => string;
  postalCode: (random: Prng) => string;
}

const LETTERS = Array.from('ABCEGHJKLMNPRSTVWXY');
const letter = (random: Prng) => random.pick(LETTERS);
const digit = (random: Prng) => String(random.int(0, 9));
const numberFirst = (houseNumber: number, street: string) => `${houseNumber} ${street}`;

/** Weighted like a US-based shop's customer base. */
export const ADDRESS_STYLES: readonly (readonly [AddressStyle, number])[] = [
  [{
    country: 'US',
    cities: ['New York', 'Austin', 'Seattle', 'Chicago', 'Denver', 'Boston'],
    streets: ['Main Street', 'Oak Avenue', 'Maple Drive', 'Cedar Lane', 'Park Place', 'Elm Street'],
    line1: numberFirst,
    postalCode: (random) => String(random.int(10_000, 99_999)),
  }, 40],
  [{
    country: 'GB',
    cities: ['London', 'Manchester', 'Edinburgh', 'Bristol', 'Leeds'],
    streets: ['High Street', 'Station Road', 'Church Lane', 'Victoria Road', 'Mill Lane'],
    line1: numberFirst,
    postalCode: (random) => `${letter(random)}${letter(random)}${random.int(1, 20)} ${digit(random)}${letter(random)}${letter(random)}`,
  }, 20],
  [{
    country: 'CA',
    cities: ['Toronto', 'Vancouver', 'Montreal', 'Calgary', 'Ottawa'],
    streets: ['King Street', 'Queen Street', 'Maple Road', 'Lakeshore Drive'],
    line1: numberFirst,
    postalCode: (random) => `${letter(random)}${digit(random)}${letter(random)} ${digit(random)}${letter(random)}${digit(random)}`,
  }, 15],
  [{
    country: 'DE',
    cities: ['Berlin', 'Munich', 'Hamburg', 'Cologne', 'Leipzig'],
    streets: ['Hauptstraße', 'Bahnhofstraße', 'Gartenweg', 'Schillerstraße', 'Lindenallee'],
    line1: (houseNumber, street) => `${street} ${houseNumber}`,
    postalCode: (random) => String(random.int(1_067, 99_998)).padStart(5, '0'),
  }, 15],
  [{
    country: 'FR',
    cities: ['Paris', 'Lyon', 'Marseille', 'Toulouse', 'Nantes'],
    streets: ['Rue de la République', 'Avenue Victor Hugo', 'Rue des Lilas', 'Boulevard Voltaire'],
    line1: numberFirst,
    postalCode: (random) => String(random.int(1_000, 95_999)).padStart(5, '0'),
  }, 10],
];
