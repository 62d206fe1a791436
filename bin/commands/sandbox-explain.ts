import { Command, Option } from 'clipanion';
import { GatewayCommand } from '../cli/gateway-command.js';

export class SandboxExplainCommand extends GatewayCommand {
  static override paths = [['sandbox', 'explain']];
  static override usage = Command.Usage({
    category: 'Agents',
    description:
      'Effective sandbox mode, scope, workspace access and tool policy of a session, with the config keys that ' +
      'decide each (`sandbox.explain`).',
    examples: [
      ["The default agent's main session", 'moltbot sandbox explain'],
      ['A group session', 'moltbot sandbox explain --session agent:main:telegram:group:-100123'],
      ['Another agent, as JSON', 'moltbot sandbox explain --agent work --json'],
    ],
  });

  session = Option.String('--session', { description: 'Session key (default: the agent main session)' });
  agent = Option.String('--agent', { description: 'Agent id (default: the default agent)' });

  async run(): Promise<void> {
    const r = await this.call<Record<string, any>>('sandbox.explain', {
      ...(this.session ? { sessionKey: this.session } : {}),
      ...(this.agent ? { agentId: this.agent } : {}),
    });
    this.emit(r, () => {
      const src = (k: string) => (r.sources?.[k] ? `  (${r.sources[k]})` : '');
      this.out(`session          ${r.sessionKey}${r.isMainSession ? '  (main session)' : ''}`);
      this.out(`agent            ${r.agentId}`);
      this.out(
        `sandboxed        ${r.sandboxed ? 'yes: tools run in a Docker container' : 'no: tools run on the host'}`,
      );
      this.out(`mode             ${r.mode}${src('mode')}`);
      this.out(`scope            ${r.scope}${src('scope')}`);
      this.out(`workspaceAccess  ${r.workspaceAccess}${src('workspaceAccess')}`);
      if (r.containerName) this.out(`container        ${r.containerName}`);
      if (r.workspaceDir) this.out(`workspace        ${r.workspaceDir} → ${r.docker.workdir}`);
      this.out(
        `image            ${r.docker.image}  (network ${r.docker.network}, read-only root ${r.docker.readOnlyRoot})`,
      );
      this.out(`sandbox tools    allow ${(r.toolPolicy.sandbox.allow ?? ['*']).join(', ')}${src('tools.allow')}`);
      this.out(`                 deny ${(r.toolPolicy.sandbox.deny ?? []).join(', ')}${src('tools.deny')}`);
      this.out(`allowed now      ${r.toolPolicy.allowed.join(', ') || '(none)'}`);
      this.out(`denied now       ${r.toolPolicy.denied.join(', ') || '(none)'}`);
      this.out(`fix it: agents.defaults.sandbox.* or agents.list[].sandbox.* (docs/sandbox.md)`);
    });
  }
}
