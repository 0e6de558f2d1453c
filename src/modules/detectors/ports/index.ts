export * from './detector-repository';
export * from './device-pseudonymizer';
export * from './work-coordinator';
