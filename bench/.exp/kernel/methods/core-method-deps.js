export {};
//# sourceMappingURL=core-method-deps.js.map