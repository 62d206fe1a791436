/** A doctor repair that sets one config value (re-reads the file so repairs compose). */
export declare function setConfigValue(configPath: string, dotted: string, value: unknown): void;
