import { readConfigFile, serializeConfig, writeFileAtomic } from '../../kernel/config/config-file.js';
import { setPath } from '../../kernel/config/object-path.js';
/** A doctor repair that sets one config value (re-reads the file so repairs compose). */
export function setConfigValue(configPath, dotted, value) {
    const current = readConfigFile(configPath).config;
    writeFileAtomic(configPath, serializeConfig(setPath(current, dotted, value)));
}
//# sourceMappingURL=config-rewrite.js.map