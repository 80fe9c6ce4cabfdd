// Placeholder replaced by the CLI (claim engine issue).
console.error('claimcheck: CLI not built yet');
process.exit(2);
