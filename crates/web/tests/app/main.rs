//! Integration tests through real HTTP: each test spawns the whole application on a random
//! port with its own fresh database: SQLite, or, when `HEADWAY_TEST_POSTGRES_URL` is set,
//! PostgreSQL (each test in a schema of its own). `.ci/run` runs the suite both ways.

mod access;
mod anonymity;
mod api;
mod auth;
mod coaching;
mod cpd;
mod diagnostic;
mod expectations;
mod fresh_figures;
mod heads;
mod helpers;
mod imports;
mod inquiry;
mod language;
mod make_priority;
mod network;
mod observation;
mod oracles;
mod overview;
mod pages;
mod planning;
mod progress;
mod projections;
mod requests;
mod review;
mod sign_in;
mod store_errors;
mod survey;
mod system;
mod trend;
