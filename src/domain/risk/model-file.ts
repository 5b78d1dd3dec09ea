/**
 * The service's health-record model file (docs/risk-index.md): a JSON file of a few kilobytes.
 * Installed by the service (services/risk/model) or given with an evaluation; the contract
 * describes the same bound.
 */

/** Longest model file accepted (characters of JSON): anything much larger is not a model file. */
export const MODEL_FILE_MAX_LENGTH = 200_000;
