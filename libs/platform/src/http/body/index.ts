export * from './accepts-forms.decorator';
export * from './body-media-type.hook';
export * from './json-body-parser';
export * from './json-nesting';
export * from './forbidden-keys';
