/** Placeholder: filled when the routes of http/routes/intake/flux move onto the contract. */
export {};
