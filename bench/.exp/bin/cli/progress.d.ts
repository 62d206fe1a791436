export declare function withProgress<T>(stream: NodeJS.WritableStream & {
    isTTY?: boolean;
}, label: string, work: () => Promise<T>): Promise<T>;
