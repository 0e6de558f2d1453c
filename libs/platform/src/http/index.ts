export * from './public.decorator';
export * from './authenticated.decorator';
export * from './current-user.decorator';
export * from './api-problem.decorator';
export * from './route-access';
export * from './auth.guard';
export * from './route-access.check';
export * from './body';
