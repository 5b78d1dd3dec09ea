/** Placeholder: filled when the routes of http/routes/parcours/partners move onto the contract. */
export {};
