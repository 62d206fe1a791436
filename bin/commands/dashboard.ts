import { Command, Option } from 'clipanion';
import { ExitCode } from '../cli/exit-codes.js';
import { GatewayCommand } from '../cli/gateway-command.js';
import { dashboardUrl } from '../dashboard/dashboard-url.js';
import { openBrowser } from '../dashboard/open-browser.js';

export class DashboardCommand extends GatewayCommand {
  static override paths = [['dashboard']];
  static override usage = Command.Usage({
    category: 'Status',
    description: 'Print (and open) the link to the web dashboard, signed in with the gateway token.',
    details: `
      The link is \`http://127.0.0.1:<port><basePath>#token=<token>\`: the token rides in the
      fragment, which never reaches a server; the page keeps it for the tab and removes it from the
      address bar. Opens your browser unless --no-open (or there is no display); \`$BROWSER\` picks
      the browser. Exit 4 when no gateway answers (the link still prints), 7 when the dashboard is
      turned off (gateway.controlUi.enabled: false).
    `,
    examples: [
      ['Open the dashboard', 'moltbot dashboard'],
      ['Only print the link (e.g. over SSH)', 'moltbot dashboard --no-open'],
      ['The dev profile', 'moltbot --dev dashboard'],
    ],
  });

  open = Option.Boolean('--open', true, { description: 'Open the link in a browser (--no-open: only print it)' });

  async run(): Promise<number> {
    const local = this.localProfile();
    const target = this.target(local);
    const controlUi = ((local.config.gateway as Record<string, unknown> | undefined)?.controlUi ?? {}) as {
      basePath?: unknown;
    };
    const url = dashboardUrl(target.url, controlUi.basePath, target.token);
    const page = url.split('#')[0]!;
    const served = await probe(page, this.timeoutMs(3000));
    const opened =
      this.open && served === 'ok' ? await openBrowser(url) : ({ opened: false, reason: 'not asked to' } as const);
    this.emit({ url, served, opened: opened.opened }, () => {
      this.out(url);
      if (!target.token) this.err('The gateway uses a password (or has no token here): sign in with it on the page.');
      if (opened.opened) this.err(`Opened in your browser (${opened.via}).`);
      else if (this.open && served === 'ok') this.err(`Not opened: ${opened.reason}.`);
    });
    if (served === 'unreachable') {
      this.err(
        `No gateway answers at ${page}: start it with "${this.hint('gateway')}" (or "${this.hint('gateway start')}").`,
      );
      return ExitCode.unreachable;
    }
    if (served === 'off') {
      this.err('The gateway runs but serves no dashboard: set gateway.controlUi.enabled to true.');
      return ExitCode.unavailable;
    }
    return ExitCode.ok;
  }
}

/** Does the gateway serve the dashboard at this URL? */
async function probe(url: string, timeoutMs: number): Promise<'ok' | 'off' | 'unreachable'> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    await res.body?.cancel();
    return res.ok && (res.headers.get('content-type') ?? '').startsWith('text/html') ? 'ok' : 'off';
  } catch {
    return 'unreachable';
  }
}
