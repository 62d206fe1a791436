export {};
//# sourceMappingURL=whatsapp-socket.js.map