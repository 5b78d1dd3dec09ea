/** Placeholder: filled when the routes of http/routes/spaces move onto the contract. */
export {};
