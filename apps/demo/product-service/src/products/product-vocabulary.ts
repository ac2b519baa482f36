/** The words one category's products are made of. */
export interface CategoryVocabulary {
  nouns: readonly string[];
  materials: readonly string[];
  /** Whole US dollars, cheapest to dearest. */
  priceRange: readonly [number, number];
  /** Grams, lightest to heaviest. */
  weightRange: readonly [number, number];
  /** Completes "designed for …". */
  uses: readonly string[];
  /** Whole sentences for the description. */
  features: readonly string[];
  /** One attribute only this category has, with its possible values. */
  extra: readonly [name: string, values: readonly string[]];
}

export const CATEGORIES: Readonly<Record<string, CategoryVocabulary>> = {
  electronics: {
    nouns: ['Wireless Headphones', 'Bluetooth Speaker', 'Smartwatch', 'USB-C Charger', 'Mechanical Keyboard', 'HD Webcam', 'Portable SSD', 'Noise-Cancelling Earbuds', 'E-Reader', 'Action Camera', 'Power Bank', 'Wireless Mouse'],
    materials: ['aluminium', 'ABS plastic', 'tempered glass', 'recycled plastic'],
    priceRange: [19, 499],
    weightRange: [40, 1_200],
    uses: ['daily commutes', 'home offices', 'long flights', 'gaming sessions', 'video calls'],
    features: ['Battery life comfortably lasts a full working day.', 'Pairs in seconds and remembers up to three devices.', 'A single USB-C port charges it and carries data.', 'Firmware updates arrive through the companion app.'],
    extra: ['warranty', ['1 year', '2 years', '3 years']],
  },
  kitchen: {
    nouns: ["Chef's Knife", 'Cast Iron Skillet', 'Pour-Over Coffee Set', 'Stand Mixer', 'Digital Kitchen Scale', 'Non-Stick Frying Pan', 'Glass Storage Set', 'Burr Coffee Grinder', 'Dutch Oven', 'End-Grain Cutting Board'],
    materials: ['stainless steel', 'cast iron', 'bamboo', 'borosilicate glass', 'ceramic'],
    priceRange: [12, 349],
    weightRange: [200, 6_000],
    uses: ['weeknight dinners', 'weekend baking', 'small apartment kitchens', 'batch cooking'],
    features: ['Dishwasher safe, though hand washing keeps it looking new.', 'Heats evenly with no hot spots.', 'Comfortable to hold for left- and right-handed cooks.', 'Stacks neatly to save cupboard space.'],
    extra: ['capacity', ['0.5 L', '1 L', '2.5 L', '4 L', '5.5 L']],
  },
  outdoors: {
    nouns: ['Trekking Poles', 'Two-Person Tent', 'Down Sleeping Bag', 'Insulated Water Bottle', 'Rechargeable Headlamp', 'Daypack', 'Camping Stove', 'Travel Hammock', 'Rain Shell', 'Trail Running Vest'],
    materials: ['ripstop nylon', 'aluminium', 'recycled polyester', 'stainless steel', 'carbon fibre'],
    priceRange: [15, 449],
    weightRange: [90, 3_500],
    uses: ['weekend hikes', 'alpine starts', 'car camping', 'multi-day treks'],
    features: ['Packs down small enough for a side pocket.', 'Holds up to wind and sideways rain.', 'Every seam is taped and tested.', 'Light enough that you forget you are carrying it.'],
    extra: ['guarantee', ['2 years', '5 years', 'lifetime']],
  },
  home: {
    nouns: ['Linen Duvet Cover', 'Table Lamp', 'Throw Blanket', 'Scented Candle', 'Ceramic Vase', 'Wall Clock', 'Bath Towel Set', 'Storage Basket', 'Desk Organiser', 'Area Rug'],
    materials: ['linen', 'cotton', 'ceramic', 'oak', 'wool', 'rattan'],
    priceRange: [9, 299],
    weightRange: [150, 4_000],
    uses: ['living rooms', 'guest bedrooms', 'reading corners', 'rental apartments'],
    features: ['Looks at home in modern and classic rooms alike.', 'Made in small batches, so each one varies slightly.', 'Machine washable at 40 degrees.', 'Arrives fully assembled.'],
    extra: ['dimensions', ['20 x 20 cm', '30 x 45 cm', '140 x 200 cm', '160 x 230 cm']],
  },
  fitness: {
    nouns: ['Yoga Mat', 'Adjustable Dumbbells', 'Resistance Bands', 'Foam Roller', 'Speed Jump Rope', 'Kettlebell', 'Pull-Up Bar', 'Running Belt', 'Gym Bag', 'Balance Board'],
    materials: ['natural rubber', 'TPE', 'cast iron', 'neoprene', 'steel'],
    priceRange: [9, 399],
    weightRange: [100, 20_000],
    uses: ['home workouts', 'hotel-room training', 'physio sessions', 'morning stretches'],
    features: ['Grips well even when things get sweaty.', 'Stores flat under a bed or sofa.', 'Comes with a printed starter programme.', 'Tested for thousands of cycles.'],
    extra: ['level', ['beginner', 'intermediate', 'advanced', 'all levels']],
  },
  toys: {
    nouns: ['Wooden Train Set', 'Building Blocks', 'Plush Bear', '1000-Piece Puzzle', 'Remote-Control Car', 'Marble Run', 'Art Easel', 'Strategy Board Game', 'Stunt Kite', 'Chemistry Kit'],
    materials: ['beech wood', 'recycled plastic', 'organic cotton', 'cardboard', 'felt'],
    priceRange: [8, 149],
    weightRange: [80, 3_000],
    uses: ['rainy afternoons', 'family game nights', 'birthday presents', 'quiet play'],
    features: ['Rounded edges and non-toxic paints throughout.', 'Grows with the child, from first steps to school age.', 'Every piece fits back in the box it came in.', 'Batteries are included.'],
    extra: ['ageRange', ['0-2 years', '3+ years', '6+ years', '8+ years', '12+ years']],
  },
  beauty: {
    nouns: ['Gentle Facial Cleanser', 'Moisturising Cream', 'Ionic Hair Dryer', 'Vitamin C Serum', 'Electric Toothbrush', 'Bamboo Hairbrush', 'Mineral Sunscreen SPF 50', 'Lip Balm Set', 'Beard Trimmer', 'Magnesium Bath Salts'],
    materials: ['glass', 'bamboo', 'recycled aluminium', 'BPA-free plastic'],
    priceRange: [6, 249],
    weightRange: [30, 900],
    uses: ['sensitive skin', 'morning routines', 'travel bags', 'everyday use'],
    features: ['Fragrance free and dermatologically tested.', 'Refill packs cut down on packaging.', 'A little goes a long way.', 'Cruelty free and vegan.'],
    extra: ['skinType', ['all', 'dry', 'oily', 'combination', 'sensitive']],
  },
  office: {
    nouns: ['Ergonomic Chair', 'Standing Desk', 'Dotted Notebook Set', 'Fountain Pen', 'Monitor Arm', 'LED Desk Lamp', 'Cross-Cut Shredder', 'Magnetic Whiteboard', 'Laptop Stand', 'Cable Organiser'],
    materials: ['steel', 'oak veneer', 'recycled paper', 'aluminium', 'mesh fabric'],
    priceRange: [7, 699],
    weightRange: [60, 30_000],
    uses: ['home offices', 'shared workspaces', 'long writing sessions', 'small desks'],
    features: ['Sets up in under fifteen minutes with the included tool.', 'Built to be used eight hours a day.', 'Keeps cables and clutter out of sight.', 'Adjusts without tools.'],
    extra: ['warranty', ['1 year', '2 years', '5 years']],
  },
};

export const BRANDS = ['Northwind', 'Kestrel', 'Fjordline', 'Copperleaf', 'Brightside', 'Ironbark', 'Solstice', 'Tandem', 'Verdant', 'Wayfarer', 'Halcyon', 'Emberly', 'Quillon', 'Riverstone', 'Lumen & Co', 'Atlas Works'] as const;

export const MODEL_WORDS = ['Classic', 'Pro', 'Compact', 'Everyday', 'Premium', 'Lite', 'Max', 'Eco', 'Travel', 'Studio'] as const;

export const COLOURS = ['black', 'white', 'slate grey', 'navy', 'forest green', 'sand', 'terracotta', 'sky blue', 'burgundy', 'charcoal'] as const;
