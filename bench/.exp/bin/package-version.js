import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
/** The installed package's root folder (works from bin/ sources and from dist/bin/). */
export function packageRoot() {
    let dir = path.dirname(fileURLToPath(import.meta.url));
    for (;;) {
        if (fs.existsSync(path.join(dir, 'package.json')))
            return dir;
        const parent = path.dirname(dir);
        if (parent === dir)
            throw new Error('package.json not found above the CLI');
        dir = parent;
    }
}
export function packageVersion() {
    return JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')).version;
}
//# sourceMappingURL=package-version.js.map