import { Option } from 'clipanion';
import { GatewayCommand } from './gateway-command.js';

/**
 * Base of `moltbot browser …`: one `browser.request {profile?, action, args}` on the running
 * gateway (the same code as the control service and the agent's tool), `--browser-profile`
 * naming the profile. Browser actions may launch Chromium, so the deadline is 60 s by default.
 */
export abstract class BrowserCommand extends GatewayCommand {
  browserProfile = Option.String('--browser-profile', {
    description: 'Browser profile (default: browser.defaultProfile, the managed "clawd")',
  });

  async browser<T = Record<string, any>>(action: string, args: Record<string, unknown> = {}): Promise<T> {
    const params: Record<string, unknown> = { action, args };
    if (this.browserProfile) params.profile = this.browserProfile;
    return this.call<T>('browser.request', params, this.timeoutMs(60_000));
  }
}
