/** Placeholder: filled when the routes of http/routes/intake/returns move onto the contract. */
export {};
