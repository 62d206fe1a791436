export {};
//# sourceMappingURL=finding.js.map