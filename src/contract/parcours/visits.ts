/** Placeholder: filled when the routes of http/routes/parcours/visits move onto the contract. */
export {};
