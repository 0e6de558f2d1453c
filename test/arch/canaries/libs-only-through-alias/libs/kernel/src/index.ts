// Allowed: a lib's own relative imports.
export * from './clock';
