/** Placeholder: filled when the routes of http/routes/auth move onto the contract. */
export {};
