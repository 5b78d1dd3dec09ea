/** Placeholder: filled when the routes of http/routes/intake/signals move onto the contract. */
export {};
