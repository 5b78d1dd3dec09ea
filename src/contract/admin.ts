/** Placeholder: filled when the routes of http/routes/admin move onto the contract. */
export {};
