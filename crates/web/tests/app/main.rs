//! Integration tests through real HTTP: each test spawns the whole application on a random
//! port with its own fresh SQLite database (and PostgreSQL when
//! `HEADWAY_TEST_POSTGRES_URL` is set, for the tests that ask for it).

mod access;
mod auth;
mod diagnostic;
mod expectations;
mod fresh_figures;
mod helpers;
mod imports;
mod language;
mod pages;
mod progress;
mod trend;
