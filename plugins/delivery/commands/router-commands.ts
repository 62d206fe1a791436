import type {
  AgentService,
  ChatCommand,
  CommandRegistrar,
  ExecApprovalService,
  GatewayInfo,
} from '../../../sdk/index.js';
import type { GroupActivationStore } from '../group-activation-store.js';
import type { OutboundQueue } from '../outbound-queue.js';
import { activationCommand } from './activation-command.js';
import { approveCommand } from './approve-command.js';
import { helpCommand } from './help-command.js';
import { statusCommand } from './status-command.js';
import { whoamiCommand } from './whoami-command.js';

/** What the router's own commands read. */
export interface RouterCommandDeps {
  gateway: GatewayInfo;
  commands: CommandRegistrar;
  agent: () => AgentService | undefined;
  /** The `exec-approvals` service of the tools plugin, when it is loaded. */
  approvals: () => ExecApprovalService | undefined;
  activation: GroupActivationStore;
  outbound: OutboundQueue;
}

/** The commands the channel router answers itself (the agent plugin adds the session ones). */
export function routerCommands(deps: RouterCommandDeps): ChatCommand[] {
  return [helpCommand(deps), statusCommand(deps), whoamiCommand(), activationCommand(deps), approveCommand(deps)];
}
