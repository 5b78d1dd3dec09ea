/** Placeholder: filled when the routes of http/routes/risk/questionnaires move onto the contract. */
export {};
