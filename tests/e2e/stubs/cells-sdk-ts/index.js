'use strict';
// Stand-in for cells-sdk-ts (absent from the registry mirror). Only the Cells file-storage API uses it,
// which the messaging flows never call; lib/cells/CellsAPI.js requires it at load time (CLIENT-CONTRACT.md §8).
module.exports = { NodeServiceApi: class NodeServiceApi {} };
