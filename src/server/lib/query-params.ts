// Query-parameter parsers live with the contracts, which the web shares; kept here for old imports.
export * from '../../contracts/query-params';
