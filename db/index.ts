// Server-side entry to the database for route handlers, pages and services.
import "server-only";

export * from "./client";
