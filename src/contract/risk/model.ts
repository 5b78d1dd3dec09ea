/** Placeholder: filled when the routes of http/routes/risk/model move onto the contract. */
export {};
