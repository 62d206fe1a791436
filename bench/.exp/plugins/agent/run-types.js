/** Why a run was stopped from outside. */
export class RunStop extends Error {
    kind;
    constructor(kind, message) {
        super(message);
        this.kind = kind;
        this.name = 'RunStop';
    }
}
//# sourceMappingURL=run-types.js.map