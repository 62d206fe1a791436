/** `<stateDir>/credentials/whatsapp`: one folder per account plus the host lock. */
export declare function whatsappCredentialsRoot(stateDir: string): string;
export declare function accountAuthDir(stateDir: string, accountId: string): string;
/** Create the folder chain with mode 0700 (the state dir's `credentials` included). */
export declare function ensurePrivateDir(dir: string): void;
/** Force 0600 on every file of an auth folder (Baileys writes them with the process umask). */
export declare function securePrivateFiles(dir: string): void;
/** Linked before: Baileys' `creds.json` exists. */
export declare function hasCredentials(dir: string): boolean;
export declare function removeCredentials(dir: string): void;
