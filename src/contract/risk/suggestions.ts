/** Placeholder: filled when the routes of http/routes/risk/suggestions move onto the contract. */
export {};
