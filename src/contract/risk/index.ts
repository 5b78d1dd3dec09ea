/** Risk: questionnaires, the index and its orientation, its model, evaluation and repérage. */
export * from './assessment';
export * from './evaluation';
export * from './model';
export * from './questionnaires';
export * from './suggestions';
