export * from './account';
export * from './errorBody';
export * from './extension';
export * from './list';
export * from './parse';
export * from './phoneNumber';
export * from './token';
