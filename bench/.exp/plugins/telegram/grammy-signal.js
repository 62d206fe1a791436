export function grammySignal(signal) {
    return signal;
}
//# sourceMappingURL=grammy-signal.js.map