export * from './identity-errors';
export * from './email';
export * from './phone-number';
export * from './person-name';
export * from './password-policy';
export * from './user';
