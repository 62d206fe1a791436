import { AgentCommand } from './commands/agent.js';
import { ChannelsLoginCommand } from './commands/channels-login.js';
import { ChannelsLogoutCommand } from './commands/channels-logout.js';
import { ChannelsStatusCommand } from './commands/channels-status.js';
import { ConfigEditCommand } from './commands/config-edit.js';
import { ConfigGetCommand } from './commands/config-get.js';
import { ConfigSetCommand } from './commands/config-set.js';
import { ConfigUnsetCommand } from './commands/config-unset.js';
import { ConfigValidateCommand } from './commands/config-validate.js';
import { CronAddCommand } from './commands/cron-add.js';
import { CronEditCommand } from './commands/cron-edit.js';
import { CronListCommand } from './commands/cron-list.js';
import { CronRmCommand } from './commands/cron-rm.js';
import { CronRunCommand } from './commands/cron-run.js';
import { CronRunsCommand } from './commands/cron-runs.js';
import { DashboardCommand } from './commands/dashboard.js';
import { DoctorCommand } from './commands/doctor.js';
import { GatewayInstallCommand } from './commands/gateway-install.js';
import { GatewayRestartCommand } from './commands/gateway-restart.js';
import { GatewayRunCommand } from './commands/gateway-run.js';
import { GatewayStartCommand } from './commands/gateway-start.js';
import { GatewayStatusCommand } from './commands/gateway-status.js';
import { GatewayStopCommand } from './commands/gateway-stop.js';
import { GatewayUninstallCommand } from './commands/gateway-uninstall.js';
import { HealthCommand } from './commands/health.js';
import { LogsCommand } from './commands/logs.js';
import { PairingApproveCommand } from './commands/pairing-approve.js';
import { PairingListCommand } from './commands/pairing-list.js';
import { PairingRejectCommand } from './commands/pairing-reject.js';
import { PluginsListCommand } from './commands/plugins-list.js';
import { PluginsReloadCommand } from './commands/plugins-reload.js';
import { SendCommand } from './commands/send.js';
import { SessionsListCommand } from './commands/sessions-list.js';
import { SetupCommand } from './commands/setup.js';
import { StatusCommand } from './commands/status.js';

/** Every `moltbot` command; docs/cli.md lists each one (bin/command-list.test.ts checks it). */
export const COMMANDS = [
  GatewayRunCommand,
  GatewayInstallCommand,
  GatewayUninstallCommand,
  GatewayStartCommand,
  GatewayStopCommand,
  GatewayRestartCommand,
  GatewayStatusCommand,
  SetupCommand,
  StatusCommand,
  HealthCommand,
  DashboardCommand,
  DoctorCommand,
  LogsCommand,
  ConfigGetCommand,
  ConfigSetCommand,
  ConfigUnsetCommand,
  ConfigEditCommand,
  ConfigValidateCommand,
  PluginsListCommand,
  PluginsReloadCommand,
  SendCommand,
  AgentCommand,
  ChannelsStatusCommand,
  ChannelsLoginCommand,
  ChannelsLogoutCommand,
  SessionsListCommand,
  CronListCommand,
  CronAddCommand,
  CronEditCommand,
  CronRmCommand,
  CronRunCommand,
  CronRunsCommand,
  PairingListCommand,
  PairingApproveCommand,
  PairingRejectCommand,
] as const;
