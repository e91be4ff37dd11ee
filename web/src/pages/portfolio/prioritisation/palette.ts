/** One colour per criterion, in the model's order (distinct in hue and lightness). */
export const CRITERION_COLOURS = ['#1c7ed6', '#f08c00', '#2f9e44', '#ae3ec9', '#e03131', '#0c8599', '#5c940d', '#d6336c', '#6741d9', '#868e96', '#1864ab', '#e8590c', '#087f5b', '#9c36b5', '#c92a2a'];

export const colourOf = (index: number): string => CRITERION_COLOURS[index % CRITERION_COLOURS.length]!;
