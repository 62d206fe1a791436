import fs from 'node:fs';
import path from 'node:path';
/** `<stateDir>/credentials/whatsapp`: one folder per account plus the host lock. */
export function whatsappCredentialsRoot(stateDir) {
    return path.join(stateDir, 'credentials', 'whatsapp');
}
export function accountAuthDir(stateDir, accountId) {
    return path.join(whatsappCredentialsRoot(stateDir), accountId);
}
/** Create the folder chain with mode 0700 (the state dir's `credentials` included). */
export function ensurePrivateDir(dir) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700);
    const parent = path.dirname(dir);
    if (path.basename(parent) === 'whatsapp' || path.basename(parent) === 'credentials')
        fs.chmodSync(parent, 0o700);
}
/** Force 0600 on every file of an auth folder (Baileys writes them with the process umask). */
export function securePrivateFiles(dir) {
    if (!fs.existsSync(dir))
        return;
    fs.chmodSync(dir, 0o700);
    for (const name of fs.readdirSync(dir)) {
        const file = path.join(dir, name);
        try {
            if (fs.statSync(file).isFile())
                fs.chmodSync(file, 0o600);
        }
        catch {
            /* a file Baileys just replaced; the next pass secures it */
        }
    }
}
/** Linked before: Baileys' `creds.json` exists. */
export function hasCredentials(dir) {
    return fs.existsSync(path.join(dir, 'creds.json'));
}
export function removeCredentials(dir) {
    fs.rmSync(dir, { recursive: true, force: true });
}
//# sourceMappingURL=credentials-dir.js.map