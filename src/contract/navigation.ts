/** Placeholder: filled when the routes of http/routes/navigation move onto the contract. */
export {};
