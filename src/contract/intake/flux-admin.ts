/** Placeholder: filled when the routes of http/routes/intake/flux-admin move onto the contract. */
export {};
