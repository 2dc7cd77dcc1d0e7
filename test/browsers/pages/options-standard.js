// Read by the script-tag build when it runs (SPEC §1: choosing the mode without a build).
window.WebSocketShimOptions = { mode: 'standard' };
