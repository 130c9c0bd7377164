//! The storage suite: every test runs against SQLite, and against PostgreSQL too when
//! `HEADWAY_TEST_POSTGRES_URL` is set (each test in its own schema).

mod accounts;
mod attendance;
mod coaching;
mod cpd;
mod diagnostic;
mod expectations;
mod harness;
mod import_scope;
mod imports;
mod inquiry;
mod network;
mod observation;
mod planning;
mod progress;
mod review;
mod schema;
mod schools;
mod seed;
mod sessions;
mod survey;
mod transactions;
mod versions;
