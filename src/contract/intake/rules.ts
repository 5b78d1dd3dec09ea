/** Placeholder: filled when the routes of http/routes/intake/rules move onto the contract. */
export {};
