import { type AgentTool, type ChannelRegistrar, type OutboundService } from '../../../sdk/index.js';
/** `message`: send a message through a channel, via the durable outbound queue (`outbound` service). */
export declare function messageTool(outbound: () => OutboundService | undefined, channels: ChannelRegistrar): AgentTool;
export declare function sendThroughChannel(outbound: () => OutboundService | undefined, channels: ChannelRegistrar, req: {
    channel: string;
    to: string;
    text: string;
    accountId?: string;
    mediaUrls?: string[];
    sessionKey?: string;
    idempotencyKey?: string;
}): {
    ok: true;
    messageId: string;
    channel: string;
    to: string;
    duplicate: boolean;
};
