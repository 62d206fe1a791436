/**
 * Spawned gateways skip the plugins with ports of their own (canvas host B+4, browser control
 * B+2/B+3): B is a free port, but B+2…B+4 may be another test's port a moment later (several
 * engineers run the suite at once). Tests of those plugins set free ports in config and clear
 * these variables.
 */
export const SKIP_SIDE_PORTS: Record<string, string> = {
  CLAWDBOT_SKIP_CANVAS_HOST: '1',
  CLAWDBOT_SKIP_BROWSER_CONTROL_SERVER: '1',
};
