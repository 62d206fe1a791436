import { Command, Option } from 'clipanion';
import { GatewayCommand } from '../cli/gateway-command.js';
export class PairingApproveCommand extends GatewayCommand {
    static paths = [['pairing', 'approve']];
    static usage = Command.Usage({
        category: 'Channels',
        description: 'Approve a pairing code (`pairing.approve`).',
        examples: [['Approve a Telegram sender', 'moltbot pairing approve telegram AB12CD34']],
    });
    channel = Option.String({ name: 'channel' });
    code = Option.String({ name: 'code' });
    async run() {
        const result = await this.call('pairing.approve', { channel: this.channel, code: this.code });
        this.emit(result, () => this.out(`approved pairing code ${this.code} on ${this.channel}`));
    }
}
//# sourceMappingURL=pairing-approve.js.map