import { Command, Option } from 'clipanion';
import { GatewayCommand } from '../cli/gateway-command.js';
export class PairingRejectCommand extends GatewayCommand {
    static paths = [['pairing', 'reject']];
    static usage = Command.Usage({
        category: 'Channels',
        description: 'Reject a pairing code (`pairing.reject`).',
        examples: [['Reject a Telegram sender', 'moltbot pairing reject telegram AB12CD34']],
    });
    channel = Option.String({ name: 'channel' });
    code = Option.String({ name: 'code' });
    async run() {
        const result = await this.call('pairing.reject', { channel: this.channel, code: this.code });
        this.emit(result, () => this.out(`rejectd pairing code ${this.code} on ${this.channel}`));
    }
}
//# sourceMappingURL=pairing-reject.js.map