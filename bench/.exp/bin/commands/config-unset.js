import { Command, Option } from 'clipanion';
import { getPath, unsetPath } from '../../kernel/config/object-path.js';
import { MoltbotCommand } from '../cli/base-command.js';
import { CliError } from '../cli/cli-error.js';
import { editConfigFile } from '../cli/config-edit.js';
export class ConfigUnsetCommand extends MoltbotCommand {
    static paths = [['config', 'unset']];
    static usage = Command.Usage({
        category: 'Config',
        description: 'Remove a config value by dotted path (validated like set; a missing path exits 1).',
        examples: [
            ['Go back to the default port', 'moltbot config unset gateway.port'],
            ['Drop the Telegram channel', 'moltbot config unset channels.telegram'],
        ],
    });
    configPath = Option.String({ name: 'path' });
    async run() {
        let missing = false;
        await editConfigFile(this.gatewayPaths(), (cfg) => {
            if (getPath(cfg, this.configPath) === undefined) {
                missing = true;
                throw new CliError('GW_ERR_CLI_REQUEST_FAILED', `${this.configPath} is not set: nothing to remove`);
            }
            return unsetPath(cfg, this.configPath);
        });
        if (!missing)
            this.out(`removed ${this.configPath}`);
    }
}
//# sourceMappingURL=config-unset.js.map