export * from './roles';
export * from './policy';
export * from './permission';
export * from './copied-text';
