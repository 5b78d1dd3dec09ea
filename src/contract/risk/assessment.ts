/** Placeholder: filled when the routes of http/routes/risk/assessment move onto the contract. */
export {};
