import { type AgentTool, type GatewayInfo } from '../../../sdk/index.js';
/** `gateway`: status of the running gateway, or an in-process restart (drains runs first). */
export declare function gatewayTool(gateway: GatewayInfo, stats: () => {
    queueDepth: number;
    sessions: number;
}): AgentTool;
