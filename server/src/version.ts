/** The package version, shared by the server's `serverInfo` and the CLI's `--version`. */
export const SERVER_VERSION = '0.1.0';
