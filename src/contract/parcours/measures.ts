/** Placeholder: filled when the routes of http/routes/parcours/measures move onto the contract. */
export {};
