/** The installed package's root folder (works from bin/ sources and from dist/bin/). */
export declare function packageRoot(): string;
export declare function packageVersion(): string;
