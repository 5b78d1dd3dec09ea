/** Placeholder: filled when the routes of http/routes/risk/evaluation move onto the contract. */
export {};
