import type { ConfigController } from '../config/config-controller.js';
import type { PluginHost } from '../host/plugin-host.js';
import type { PluginRegistries } from '../host/registries.js';
import type { SerializedPayload } from '../protocol/serialized-payload.js';
import type { KernelRuntime } from '../runtime.js';

export interface CoreMethodDeps {
  runtime(): KernelRuntime;
  config: ConfigController;
  host: PluginHost;
  registries: PluginRegistries;
  health(): Record<string, unknown>;
  /** The `status` payload, already JSON. */
  status(): SerializedPayload;
  /** Schedule an in-process restart; returns the expected downtime in ms. */
  restart(reason: string, delayMs: number): number;
}
