import { AgentCommand } from './commands/agent.js';
import { ApprovalsAllowlistAddCommand } from './commands/approvals-allowlist-add.js';
import { ApprovalsAllowlistRemoveCommand } from './commands/approvals-allowlist-remove.js';
import { ApprovalsGetCommand } from './commands/approvals-get.js';
import { ApprovalsPendingCommand } from './commands/approvals-pending.js';
import { ApprovalsResolveCommand } from './commands/approvals-resolve.js';
import { ApprovalsSetCommand } from './commands/approvals-set.js';
import { BrowserClickCommand } from './commands/browser-click.js';
import { BrowserCloseCommand } from './commands/browser-close.js';
import { BrowserCreateProfileCommand } from './commands/browser-create-profile.js';
import { BrowserDeleteProfileCommand } from './commands/browser-delete-profile.js';
import { BrowserFocusCommand } from './commands/browser-focus.js';
import { BrowserNavigateCommand } from './commands/browser-navigate.js';
import { BrowserOpenCommand } from './commands/browser-open.js';
import { BrowserProfilesCommand } from './commands/browser-profiles.js';
import { BrowserScreenshotCommand } from './commands/browser-screenshot.js';
import { BrowserSnapshotCommand } from './commands/browser-snapshot.js';
import { BrowserStartCommand } from './commands/browser-start.js';
import { BrowserStatusCommand } from './commands/browser-status.js';
import { BrowserStopCommand } from './commands/browser-stop.js';
import { BrowserTabsCommand } from './commands/browser-tabs.js';
import { BrowserTypeCommand } from './commands/browser-type.js';
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
import { DevicesApproveCommand } from './commands/devices-approve.js';
import { DevicesListCommand } from './commands/devices-list.js';
import { DevicesRejectCommand } from './commands/devices-reject.js';
import { DevicesRevokeCommand } from './commands/devices-revoke.js';
import { DevicesRotateCommand } from './commands/devices-rotate.js';
import { DnsSdExportCommand } from './commands/dns-sd-export.js';
import { DoctorCommand } from './commands/doctor.js';
import { GatewayDiscoverCommand } from './commands/gateway-discover.js';
import { GatewayInstallCommand } from './commands/gateway-install.js';
import { GatewayRestartCommand } from './commands/gateway-restart.js';
import { GatewayRunCommand } from './commands/gateway-run.js';
import { GatewayStartCommand } from './commands/gateway-start.js';
import { GatewayStatusCommand } from './commands/gateway-status.js';
import { GatewayStopCommand } from './commands/gateway-stop.js';
import { GatewayUninstallCommand } from './commands/gateway-uninstall.js';
import { HealthCommand } from './commands/health.js';
import { LogsCommand } from './commands/logs.js';
import { NodeRunCommand } from './commands/node-run.js';
import { NodesApproveCommand } from './commands/nodes-approve.js';
import { NodesDescribeCommand } from './commands/nodes-describe.js';
import { NodesInvokeCommand } from './commands/nodes-invoke.js';
import { NodesListCommand } from './commands/nodes-list.js';
import { NodesPendingCommand } from './commands/nodes-pending.js';
import { NodesRejectCommand } from './commands/nodes-reject.js';
import { NodesRenameCommand } from './commands/nodes-rename.js';
import { PairingApproveCommand } from './commands/pairing-approve.js';
import { PairingListCommand } from './commands/pairing-list.js';
import { PairingRejectCommand } from './commands/pairing-reject.js';
import { PluginsListCommand } from './commands/plugins-list.js';
import { PluginsReloadCommand } from './commands/plugins-reload.js';
import { SandboxExplainCommand } from './commands/sandbox-explain.js';
import { SandboxListCommand } from './commands/sandbox-list.js';
import { SandboxRecreateCommand } from './commands/sandbox-recreate.js';
import { SendCommand } from './commands/send.js';
import { SessionsListCommand } from './commands/sessions-list.js';
import { SetupCommand } from './commands/setup.js';
import { StatusCommand } from './commands/status.js';
import { TuiCommand } from './commands/tui.js';

/** Every `moltbot` command; docs/cli.md lists each one (bin/command-list.test.ts checks it). */
export const COMMANDS = [
  GatewayRunCommand,
  GatewayInstallCommand,
  GatewayUninstallCommand,
  GatewayStartCommand,
  GatewayStopCommand,
  GatewayRestartCommand,
  GatewayStatusCommand,
  GatewayDiscoverCommand,
  DnsSdExportCommand,
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
  TuiCommand,
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
  BrowserStatusCommand,
  BrowserStartCommand,
  BrowserStopCommand,
  BrowserTabsCommand,
  BrowserOpenCommand,
  BrowserFocusCommand,
  BrowserCloseCommand,
  BrowserNavigateCommand,
  BrowserSnapshotCommand,
  BrowserScreenshotCommand,
  BrowserClickCommand,
  BrowserTypeCommand,
  BrowserProfilesCommand,
  BrowserCreateProfileCommand,
  BrowserDeleteProfileCommand,
  SandboxExplainCommand,
  SandboxListCommand,
  SandboxRecreateCommand,
  ApprovalsGetCommand,
  ApprovalsSetCommand,
  ApprovalsAllowlistAddCommand,
  ApprovalsAllowlistRemoveCommand,
  ApprovalsPendingCommand,
  ApprovalsResolveCommand,
  DevicesListCommand,
  DevicesApproveCommand,
  DevicesRejectCommand,
  DevicesRevokeCommand,
  DevicesRotateCommand,
  NodesListCommand,
  NodesPendingCommand,
  NodesApproveCommand,
  NodesRejectCommand,
  NodesRenameCommand,
  NodesDescribeCommand,
  NodesInvokeCommand,
  NodeRunCommand,
] as const;
