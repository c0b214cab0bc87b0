// Integration test files share nothing but the server: each makes its own database (see db.ts).
export {};
