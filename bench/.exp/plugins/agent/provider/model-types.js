export {};
//# sourceMappingURL=model-types.js.map