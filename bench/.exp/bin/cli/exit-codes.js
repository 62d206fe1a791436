/**
 * Exit codes scripts can trust (docs/cli.md "Exit codes"). One meaning per number, for every
 * command: a script can tell "not running" from "wrong token" from "timed out" without parsing text.
 */
export const ExitCode = {
    ok: 0,
    /** The command ran and the answer is "no": health not ok, doctor found errors, a method failed. */
    failure: 1,
    /** Bad input: unknown flag, invalid value, invalid config edit. Nothing was changed. */
    usage: 2,
    /** The gateway port is taken by another process. */
    portInUse: 3,
    /** No gateway answers at the URL (not running, wrong port). */
    unreachable: 4,
    /** The gateway refused our credentials (or rate-limited us). */
    auth: 5,
    /** The gateway did not answer within --timeout. */
    timeout: 6,
    /** The gateway runs but does not offer the method (the plugin providing it is not enabled). */
    unavailable: 7,
};
//# sourceMappingURL=exit-codes.js.map