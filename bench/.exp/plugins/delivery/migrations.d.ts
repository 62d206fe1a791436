/** Schema of the delivery plugin's tables (prefixed `delivery_`), applied once each in order. */
export declare const DELIVERY_MIGRATIONS: readonly string[];
